/** @vitest-environment happy-dom */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { App } from '@/lib/order-lookup/popup/PopupApp';
import { CONFIGURED, activeTab, background, callsOf, mount, order, press, response, type, unmount } from './support';

vi.mock('@/lib/messaging/client', async (importOriginal) => {
  const actual = await importOriginal<typeof import('@/lib/messaging/client')>();
  return { ...actual, sendMessage: vi.fn() };
});

const poInput = (root: HTMLElement) => root.querySelector<HTMLInputElement>('#lookup-po')!;
const regionSelect = (root: HTMLElement) => root.querySelector<HTMLSelectElement>('#lookup-region')!;
const orderIds = (root: HTMLElement) =>
  [...root.querySelectorAll('[data-testid="order"] a.order-id')].map((link) => link.textContent);

beforeEach(() => {
  fakeBrowser.reset();
  activeTab(null);
});
afterEach(async () => {
  await unmount();
  vi.mocked((await import('@/lib/messaging/client')).sendMessage).mockReset();
});

describe('popup: reopening shows the last result (issue 10, point 9)', () => {
  const cache = new Map<string, ReturnType<typeof response>>();
  beforeEach(() => {
    cache.clear();
    background({
      getApiAccess: () => CONFIGURED,
      lookupOrdersByPo: ({ po, region }) => {
        const answer = response({ po, region, orders: [order(`${po}-1`, { region })] });
        cache.set(`${region}|${po}`, answer);
        return answer;
      },
      getCachedLookup: ({ po, region }) => {
        const hit = cache.get(`${region}|${po}`);
        return hit ? { ...hit, fromCache: true } : null;
      },
    });
  });

  it('shows the PO, region and orders of the last lookup again, from the cache, without asking Amazon', async () => {
    let root = await mount(<App />);
    regionSelect(root).value = 'JP';
    regionSelect(root).dispatchEvent(new Event('change', { bubbles: true }));
    await type(poInput(root), 'OPS-202608-0003');
    await press(poInput(root), 'Enter');
    expect(orderIds(root)).toEqual(['OPS-202608-0003-1']);
    await unmount();

    root = await mount(<App />);
    expect(poInput(root).value).toBe('OPS-202608-0003');
    expect(regionSelect(root).value).toBe('JP');
    expect(orderIds(root)).toEqual(['OPS-202608-0003-1']);
    expect(root.querySelector('[data-testid="cache-age"]')?.textContent).toContain('Saved answer');
    expect(callsOf('lookupOrdersByPo')).toHaveLength(1);
  });

  it('closed the moment the orders appear, the popup still reopens on them (the answer is remembered first)', async () => {
    let root = await mount(<App />);
    // What a popup closed at that moment has written: the session storage at the time its orders first render.
    let storedWhenShown: unknown = 'orders never rendered';
    const observer = new MutationObserver(() => {
      if (storedWhenShown !== 'orders never rendered' || orderIds(root).length === 0) return;
      storedWhenShown = null;
      void fakeBrowser.storage.session.get('lastShownLookup').then((items) => {
        storedWhenShown = items.lastShownLookup ?? null;
      });
    });
    observer.observe(root, { subtree: true, childList: true });
    await type(poInput(root), 'OPS-202608-0003');
    await press(poInput(root), 'Enter');
    observer.disconnect();
    await new Promise((resolve) => setTimeout(resolve)); // the read started at that moment has answered
    expect(storedWhenShown).toEqual({ po: 'OPS-202608-0003', region: 'US' });
    await unmount();

    root = await mount(<App />);
    expect(poInput(root).value).toBe('OPS-202608-0003');
    expect(orderIds(root)).toEqual(['OPS-202608-0003-1']);
  });

  it('a fresh session (nothing shown yet) opens on the empty form', async () => {
    const root = await mount(<App />);
    expect(poInput(root).value).toBe('');
    expect(orderIds(root)).toEqual([]);
    expect(callsOf('getCachedLookup')).toEqual([]);
  });

  it('the PO typed at checkout wins over the restored answer, and a PO without a cached answer clears it', async () => {
    let root = await mount(<App />);
    await type(poInput(root), 'MKT-202603-0042');
    await press(poInput(root), 'Enter');
    await unmount();

    activeTab(7, async () => ({ po: 'ENG-202610-0007' }));
    root = await mount(<App />);
    expect(poInput(root).value).toBe('ENG-202610-0007');
    expect(orderIds(root)).toEqual([]);
  });
});
