/** @vitest-environment happy-dom */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { App } from '@/entrypoints/popup/App';
import type { SerializedApiError } from '@/lib/api/errors';
import { ordersToCsv } from '@/lib/api/summary';
import { formatMoney } from '@/lib/lookup/format';
import { MessageError } from '@/lib/messaging/client';
import type { LookupResponse } from '@/lib/messaging/protocol';
import { SAMPLE_POLICY } from '@/lib/policy/sample-policy';
import {
  CONFIGURED,
  background,
  button,
  callsOf,
  choose,
  click,
  deferred,
  mount,
  order,
  press,
  response,
  settle,
  text,
  type,
  unmount,
} from './support';

vi.mock('@/lib/messaging/client', async (importOriginal) => {
  const actual = await importOriginal<typeof import('@/lib/messaging/client')>();
  return { ...actual, sendMessage: vi.fn() };
});

const poInput = (root: HTMLElement) => root.querySelector<HTMLInputElement>('#lookup-po')!;
const regionSelect = (root: HTMLElement) => root.querySelector<HTMLSelectElement>('#lookup-region')!;
const notice = (root: HTMLElement) => root.querySelector<HTMLElement>('[data-testid="lookup-notice"]');

async function searchFor(root: HTMLElement, po: string) {
  await type(poInput(root), po);
  await press(poInput(root), 'Enter');
}

beforeEach(() => {
  fakeBrowser.reset();
  vi.spyOn(fakeBrowser.tabs, 'query').mockResolvedValue([]);
});
afterEach(async () => {
  await unmount();
  vi.mocked((await import('@/lib/messaging/client')).sendMessage).mockReset();
});

describe('popup: searching', () => {
  it('searches on Enter in the region from the API access settings', async () => {
    const lookup = vi.fn(() => response({ po: 'MKT-202603-0042', region: 'DE', orders: [order('302-1', { region: 'DE', currency: 'EUR' })] }));
    background({ getApiAccess: () => ({ ...CONFIGURED, region: 'DE' }), lookupOrdersByPo: lookup, getCachedLookup: () => null });
    const root = await mount(<App />);
    expect(document.activeElement).toBe(poInput(root));
    expect(regionSelect(root).value).toBe('DE');
    expect(regionSelect(root).selectedOptions[0]?.textContent).toBe('Germany');
    await searchFor(root, ' MKT-202603-0042 ');
    expect(callsOf('lookupOrdersByPo')).toEqual([
      { po: 'MKT-202603-0042', region: 'DE', refresh: false, lookupId: expect.any(String) },
    ]);
    expect(text(root)).toContain('1 order under PO MKT-202603-0042 in Germany');
  });

  it('lists the 11 regions by name', async () => {
    background({ getApiAccess: () => CONFIGURED });
    const root = await mount(<App />);
    expect([...regionSelect(root).options].map((o) => o.textContent)).toEqual([
      'United States', 'Canada', 'Mexico', 'United Kingdom', 'Germany', 'France', 'Italy', 'Spain', 'India', 'Japan', 'Australia',
    ]);
  });

  it('asks for a PO instead of searching for nothing', async () => {
    background({ getApiAccess: () => CONFIGURED });
    const root = await mount(<App />);
    await click(button(root, 'Search'));
    expect(callsOf('lookupOrdersByPo')).toEqual([]);
    expect(root.querySelector('[role="alert"]')?.textContent).toBe('Enter a PO number to search for.');
    expect(poInput(root).getAttribute('aria-invalid')).toBe('true');
  });
});
