/** @vitest-environment happy-dom */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { App } from '@/lib/order-lookup/popup/PopupApp';
import type { SerializedApiError } from '@/lib/api/errors';
import { lookupOrdersCsv } from '@/lib/order-lookup/lookup-csv';
import { formatMoney } from '@/lib/order-lookup/format';
import { MessageError } from '@/lib/messaging/client';
import type { LookupResponse } from '@/lib/order-lookup/contract';
import { SAMPLE_POLICY } from '@/lib/policy/sample-policy';
import {
  CONFIGURED,
  activeTab,
  background,
  broadcast,
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
  activeTab(null);
});
afterEach(async () => {
  await unmount();
  vi.mocked((await import('@/lib/messaging/client')).sendMessage).mockReset();
});

describe('popup: searching', () => {
  it('searches on Enter in the region from the API access settings', async () => {
    const lookup = vi.fn(() =>
      response({ po: 'MKT-202603-0042', region: 'DE', orders: [order('302-1', { region: 'DE', currency: 'EUR' })] }),
    );
    background({
      getApiAccess: () => ({ ...CONFIGURED, region: 'DE' }),
      lookupOrdersByPo: lookup,
      getCachedLookup: () => null,
    });
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
      'United States',
      'Canada',
      'Mexico',
      'United Kingdom',
      'Germany',
      'France',
      'Italy',
      'Spain',
      'India',
      'Japan',
      'Australia',
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

describe('popup: summary and orders', () => {
  const orders = [
    order('111-0000001-0000001', { net: 10, status: 'CLOSED' }),
    order('111-0000002-0000002', { net: 20.5, status: 'PENDING_APPROVAL' }),
    order('111-0000003-0000003', { net: 100, status: 'CANCELLED' }),
    order('111-0000004-0000004', { net: 40, status: 'CANCELLED' }),
    order('302-0000005-0000005', { net: 5, currency: 'EUR', region: 'DE', status: 'SHIPPED_TO_MOON' }),
  ];

  async function showOrders() {
    background({ getApiAccess: () => CONFIGURED, lookupOrdersByPo: () => response({ orders, pages: 2 }) });
    const root = await mount(<App />);
    await searchFor(root, 'MKT-202603-0042');
    return root;
  }

  it('totals NET_TOTAL per currency without cancelled orders, and counts by status with human labels', async () => {
    const summary = (await showOrders()).querySelector<HTMLElement>('[data-testid="lookup-summary"]')!;
    expect(text(summary)).toContain('5 orders under PO MKT-202603-0042 in United States');
    expect(summary.querySelector('[data-testid="total-USD"]')?.textContent).toBe(formatMoney(30.5, 'USD'));
    expect(summary.querySelector('[data-testid="total-EUR"]')?.textContent).toBe(formatMoney(5, 'EUR'));
    expect(text(summary)).toContain(`Net total: ${formatMoney(5, 'EUR')} · ${formatMoney(30.5, 'USD')}`);
    expect(text(summary)).toContain('2 cancelled orders not counted');
    const statuses = [...summary.querySelectorAll('.statuses li')].map((li) => li.textContent);
    expect(statuses).toEqual(
      expect.arrayContaining(['Cancelled: 2', 'Closed: 1', 'Pending approval: 1', 'SHIPPED_TO_MOON: 1']),
    );
  });

  it('shows each order with a link to its own Amazon domain, date, status, buyer, group, approver and order info', async () => {
    background({
      getApiAccess: () => CONFIGURED,
      lookupOrdersByPo: () =>
        response({
          region: 'JP',
          orders: [
            order('503-1', {
              region: null,
              currency: 'JPY',
              net: 1200,
              date: { date: '2026-02-03T00:00:00Z' },
              approver: { name: 'Alex Approver', email: 'alex@example.com' },
              info: {
                glCode: '6100',
                costCenter: 'CC-7',
                projectCode: 'ATLAS',
                department: 'Marketing',
                location: 'Tokyo',
                purchaseRequisition: 'PR-9',
              },
            }),
            order('026-2', { region: 'UK', currency: 'GBP', buyer: { email: 'only@example.co.uk' } }),
          ],
        }),
    });
    const root = await mount(<App />);
    await searchFor(root, 'PRJ-ATLAS-0001');
    const [first, second] = [...root.querySelectorAll<HTMLElement>('[data-testid="order"]')];
    const link = first!.querySelector('a')!;
    expect(link.textContent).toBe('503-1');
    expect(link.getAttribute('href')).toBe('https://www.amazon.co.jp/gp/your-account/order-details?orderID=503-1');
    expect(link.getAttribute('target')).toBe('_blank');
    expect(link.getAttribute('rel')).toBe('noreferrer');
    expect(second!.querySelector('a')!.getAttribute('href')).toBe(
      'https://www.amazon.co.uk/gp/your-account/order-details?orderID=026-2',
    );
    const firstText = text(first!);
    expect(firstText).toContain(
      new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' }).format(new Date('2026-02-03T00:00:00Z')),
    );
    expect(first!.querySelector('time')?.getAttribute('datetime')).toBe('2026-02-03T00:00:00.000Z');
    for (const expected of [
      'Closed',
      'BuyerDana Buyer (dana@example.com)',
      'GroupMarketing',
      'ApproverAlex Approver (alex@example.com)',
      'GL code6100',
      'Cost centerCC-7',
      'Project codeATLAS',
      'DepartmentMarketing',
      'LocationTokyo',
      'Purchase requisitionPR-9',
    ]) {
      expect(firstText).toContain(expected);
    }
    expect(text(second!)).toContain('Buyeronly@example.co.uk');
  });

  it('shows the charges of an order on demand', async () => {
    const root = await showOrders();
    const first = root.querySelector<HTMLElement>('[data-testid="order"]')!;
    const toggle = first.querySelector<HTMLButtonElement>('.charges-toggle')!;
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(first.querySelector('table')).toBeNull();
    await click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    const table = first.querySelector('table')!;
    expect(toggle.getAttribute('aria-controls')).toBe(table.id);
    const rows = [...table.querySelectorAll('tr')].map((row) => text(row));
    expect(rows).toEqual([
      `Subtotal${formatMoney(9, 'USD')}`,
      `Shipping and handling${formatMoney(0, 'USD')}`,
      `Promotion${formatMoney(0, 'USD')}`,
      `Tax${formatMoney(1, 'USD')}`,
      `Net total${formatMoney(10, 'USD')}`,
    ]);
    await click(toggle);
    expect(first.querySelector('table')).toBeNull();
  });

  it('renders what Amazon sends as text, never as HTML', async () => {
    const hostile = '<img src=x onerror=alert(1)>';
    background({
      getApiAccess: () => CONFIGURED,
      lookupOrdersByPo: () =>
        response({
          orders: [
            order('<b>1</b>', {
              buyer: { name: hostile, email: '"><script>x()</script>' },
              group: hostile,
              info: { glCode: hostile },
            }),
          ],
        }),
    });
    const root = await mount(<App />);
    await searchFor(root, 'MKT-202603-0042');
    expect(root.querySelector('img, script, b')).toBeNull();
    const row = root.querySelector<HTMLElement>('[data-testid="order"]')!;
    expect(row.textContent).toContain(`${hostile} ("><script>x()</script>)`);
    expect(row.querySelector('a')!.textContent).toBe('<b>1</b>');
    expect(row.querySelector('a')!.getAttribute('href')).toBe(
      'https://www.amazon.com/gp/your-account/order-details?orderID=%3Cb%3E1%3C%2Fb%3E',
    );
  });

  it('shows 50 orders at first and the rest on demand', async () => {
    const many = Array.from({ length: 120 }, (_, i) => order(`111-${String(i).padStart(7, '0')}`));
    background({ getApiAccess: () => CONFIGURED, lookupOrdersByPo: () => response({ orders: many, pages: 12 }) });
    const root = await mount(<App />);
    await searchFor(root, 'MKT-202603-0042');
    expect(root.querySelectorAll('[data-testid="order"]')).toHaveLength(50);
    expect(text(root)).toContain('120 orders under PO');
    await click(button(root, 'Show 50 more of 70 orders not shown'));
    await click(button(root, 'Show 20 more of 20 orders not shown'));
    expect(root.querySelectorAll('[data-testid="order"]')).toHaveLength(120);
  });
});

describe('popup: progress and cancel', () => {
  it('shows progress from the background broadcasts of this lookup only', async () => {
    const pending = deferred<LookupResponse>();
    background({ getApiAccess: () => CONFIGURED, lookupOrdersByPo: () => pending.promise });
    const root = await mount(<App />);
    await searchFor(root, 'MKT-202603-0042');
    const status = root.querySelector<HTMLElement>('[data-testid="lookup-status"]')!;
    expect(status.getAttribute('role')).toBe('status');
    expect(status.getAttribute('aria-live')).toBe('polite');
    expect(text(status)).toContain('Looking up PO MKT-202603-0042 in United States…');
    const { lookupId } = callsOf('lookupOrdersByPo')[0]!;
    await broadcast({ poAssistEvent: 'lookupProgress', lookupId, pages: 3, orders: 27 });
    expect(text(status)).toContain('Page 3 · 27 orders so far');
    await broadcast({ poAssistEvent: 'lookupProgress', lookupId, pages: 3, orders: 27, waitingMs: 1500 });
    expect(text(status)).toContain("Waiting for Amazon's rate limit… (2 s)");
    await broadcast({ poAssistEvent: 'lookupProgress', lookupId: 'someone-else', pages: 9, orders: 90 });
    await broadcast({ poAssist: 1, type: 'getGuardState', input: {} });
    expect(text(status)).toContain('Page 3 · 27 orders so far');
    pending.resolve(response({ orders: [order('1'), order('2')], pages: 1 }));
    await settle();
    expect(root.querySelector('[data-testid="lookup-progress"]')).toBeNull();
    expect(text(status)).toContain('Found 2 orders.');
  });

  it('Cancel sends cancelLookup and keeps the orders fetched so far', async () => {
    const pending = deferred<LookupResponse>();
    background({
      getApiAccess: () => CONFIGURED,
      lookupOrdersByPo: () => pending.promise,
      cancelLookup: () => ({ cancelled: true }),
    });
    const root = await mount(<App />);
    await searchFor(root, 'MKT-202603-0042');
    const { lookupId } = callsOf('lookupOrdersByPo')[0]!;
    await click(button(root, 'Cancel'));
    expect(callsOf('cancelLookup')).toEqual([{ lookupId }]);
    expect(button(root, 'Cancel').disabled).toBe(true);
    expect(text(root)).toContain('Cancelling; keeping the orders fetched so far…');
    pending.resolve(
      response({
        orders: [order('1'), order('2'), order('3')],
        pages: 2,
        complete: false,
        error: { kind: 'aborted', message: 'The lookup was cancelled.' },
      }),
    );
    await settle();
    expect(root.querySelectorAll('[data-testid="order"]')).toHaveLength(3);
    const banner = notice(root)!;
    expect(text(banner)).toContain('Incomplete results. Showing 3 orders from 2 pages; there may be more.');
    expect(text(banner)).toContain('You cancelled the lookup after 2 pages.');
    expect(() => button(root, 'Cancel')).toThrow();
    await click(button(banner, 'Search again'));
    expect(callsOf('lookupOrdersByPo').at(-1)).toMatchObject({ po: 'MKT-202603-0042', refresh: true });
  });

  it('Escape cancels a running lookup', async () => {
    background({
      getApiAccess: () => CONFIGURED,
      lookupOrdersByPo: () => deferred<LookupResponse>().promise,
      cancelLookup: () => ({ cancelled: true }),
    });
    const root = await mount(<App />);
    await press(document, 'Escape');
    expect(callsOf('cancelLookup')).toEqual([]);
    await searchFor(root, 'MKT-202603-0042');
    await press(poInput(root), 'Escape');
    expect(callsOf('cancelLookup')).toHaveLength(1);
  });

  it('a new search replaces a running one, whose late answer is ignored', async () => {
    const first = deferred<LookupResponse>();
    const answers = [first.promise, Promise.resolve(response({ po: 'PRJ-ATLAS-0001', orders: [order('new-1')] }))];
    background({
      getApiAccess: () => CONFIGURED,
      lookupOrdersByPo: () => answers.shift()!,
      cancelLookup: () => ({ cancelled: true }),
    });
    const root = await mount(<App />);
    await searchFor(root, 'MKT-202603-0042');
    await searchFor(root, 'PRJ-ATLAS-0001');
    const old = callsOf('lookupOrdersByPo')[0]!;
    expect(callsOf('cancelLookup')).toEqual([{ lookupId: old.lookupId }]);
    first.resolve(response({ orders: [order('old-1')] }));
    await settle();
    expect([...root.querySelectorAll('[data-testid="order"] a')].map((a) => a.textContent)).toEqual(['new-1']);
  });
});

describe('popup: policy hint', () => {
  it('says when the PO does not match the policy, and still searches', async () => {
    await fakeBrowser.storage.local.set({ userPolicy: SAMPLE_POLICY });
    background({ getApiAccess: () => CONFIGURED, lookupOrdersByPo: () => deferred<LookupResponse>().promise });
    const root = await mount(<App />);
    await searchFor(root, 'XYZ-1');
    const hint = root.querySelector('[data-testid="policy-hint"]')!;
    expect(hint.textContent).toMatch(/^XYZ-1 does not match your company's PO policy: .+ Searching anyway\.$/);
    expect(callsOf('lookupOrdersByPo')).toHaveLength(1);
    expect(root.querySelector('[data-testid="lookup-progress"]')).not.toBeNull();
  });

  it('says nothing for a PO that matches', async () => {
    await fakeBrowser.storage.local.set({ userPolicy: SAMPLE_POLICY });
    background({ getApiAccess: () => CONFIGURED, lookupOrdersByPo: () => response({ orders: [order('1')] }) });
    const root = await mount(<App />);
    await searchFor(root, 'MKT-202611-0042');
    expect(root.querySelector('[data-testid="policy-hint"]')).toBeNull();
  });

  it('keeps the policy tester in a "Check a PO" section', async () => {
    await fakeBrowser.storage.local.set({ userPolicy: SAMPLE_POLICY });
    background({ getApiAccess: () => CONFIGURED });
    const root = await mount(<App />);
    const section = root.querySelector('details.policy-check')!;
    expect(section.querySelector('summary')?.textContent).toBe("Check a PO against your company's policy");
    await type(section.querySelector('#popup-tester'), 'mkt-202611-0042');
    expect(section.querySelector('#popup-tester-verdict')?.textContent).toContain('Valid: Department order');
  });
});

describe('popup: every state says what to do next', () => {
  const cases: Array<{
    name: string;
    error: SerializedApiError;
    says: string[];
    next: string;
    role: 'alert' | 'status';
  }> = [
    {
      name: 'not configured',
      error: { kind: 'auth', reason: 'no-credentials', message: 'No Amazon Business API access is set up.' },
      says: ['Connect PO Assist to Amazon Business'],
      next: 'Set up API access',
      role: 'status',
    },
    {
      name: 'signed out',
      error: { kind: 'auth', reason: 'refresh-failed', message: 'The token broker answered HTTP 401.' },
      says: [
        'Signed out of Amazon Business',
        'The token broker answered HTTP 401.',
        "Sign in to your company's token service again",
      ],
      next: 'Open API access settings',
      role: 'alert',
    },
    {
      name: 'forbidden',
      error: { kind: 'auth', reason: 'forbidden', message: 'Access denied', status: 403, requestId: 'req-403' },
      says: ['Amazon Business refused access', 'may lack the Reporting API role', 'Request id: req-403'],
      next: 'Open API access settings',
      role: 'alert',
    },
    {
      name: 'throttled',
      error: { kind: 'throttled', message: 'Too many requests', retryAfterMs: 12_400 },
      says: ['Amazon is limiting requests; try again in 13 s.'],
      next: 'Try again',
      role: 'alert',
    },
    {
      name: 'offline',
      error: { kind: 'network', message: 'Failed to fetch' },
      says: ['You seem to be offline', 'Check your connection, then try again.'],
      next: 'Try again',
      role: 'alert',
    },
    {
      name: 'timeout',
      error: { kind: 'timeout', message: 'Amazon did not answer within 30 s.', timeoutMs: 30_000 },
      says: ['Amazon did not answer within 30 s. Try again in a moment.'],
      next: 'Try again',
      role: 'alert',
    },
    {
      name: 'API error',
      error: {
        kind: 'api',
        message: 'Invalid input.',
        status: 400,
        code: 'InvalidInput',
        details: 'region',
        requestId: 'req-400',
      },
      says: ['Amazon answered with an error', 'Invalid input. region (HTTP 400, InvalidInput)', 'Request id: req-400'],
      next: 'Try again',
      role: 'alert',
    },
    {
      name: 'malformed',
      error: { kind: 'malformed', message: 'bad', path: 'ordersReport[0].orderMetadata.orderId', requestId: 'req-m' },
      says: [
        'Amazon sent an answer PO Assist could not read (at ordersReport[0].orderMetadata.orderId). No orders were read before it.',
        'Request id: req-m',
      ],
      next: 'Try again',
      role: 'alert',
    },
    {
      name: 'repeated page token',
      error: { kind: 'paging', message: 'loop', reason: 'repeated-token', pages: 4 },
      says: ['Amazon sent the same page token twice after 4 pages'],
      next: 'Try again',
      role: 'alert',
    },
  ];

  it.each(cases)('$name', async ({ error, says, next, role }) => {
    background({
      getApiAccess: () => CONFIGURED,
      lookupOrdersByPo: () => response({ orders: [], pages: 0, complete: false, error }),
      getCachedLookup: () => null,
    });
    vi.spyOn(fakeBrowser.runtime, 'openOptionsPage').mockResolvedValue();
    const root = await mount(<App />);
    await searchFor(root, 'MKT-202603-0042');
    const shown = notice(root)!;
    expect(shown.getAttribute('role')).toBe(role);
    for (const phrase of says) expect(text(shown)).toContain(phrase);
    expect(shown.querySelector('[data-testid="incomplete-banner"]')).toBeNull();
    expect(() => button(root, 'Refresh')).toThrow();
    await click(button(shown, next));
    if (next === 'Try again') {
      expect(callsOf('lookupOrdersByPo')).toHaveLength(2);
      expect(callsOf('lookupOrdersByPo')[1]).toMatchObject({ po: 'MKT-202603-0042', region: 'US', refresh: true });
    } else {
      expect(fakeBrowser.runtime.openOptionsPage).toHaveBeenCalledOnce();
    }
  });

  it('keeps partial results with a banner saying they are incomplete and why', async () => {
    background({
      getApiAccess: () => CONFIGURED,
      lookupOrdersByPo: () =>
        response({
          orders: [order('1'), order('2', { net: 5 })],
          pages: 2,
          complete: false,
          error: { kind: 'malformed', message: 'bad', path: 'ordersReport[3].charges[0].amount', requestId: 'req-77' },
        }),
    });
    const root = await mount(<App />);
    await searchFor(root, 'MKT-202603-0042');
    const banner = notice(root)!;
    expect(banner.getAttribute('role')).toBe('alert');
    expect(text(banner.querySelector('[data-testid="incomplete-banner"]')!)).toBe(
      'Incomplete results. Showing 2 orders from 2 pages; there may be more.',
    );
    expect(text(banner)).toContain(
      'Amazon sent an answer PO Assist could not read (at ordersReport[3].charges[0].amount). The orders below are the ones read before it.',
    );
    expect(text(banner)).toContain('Request id: req-77');
    expect(root.querySelectorAll('[data-testid="order"]')).toHaveLength(2);
    expect(root.querySelector('[data-testid="total-USD"]')?.textContent).toBe(formatMoney(15, 'USD'));
    expect(text(root.querySelector('[data-testid="lookup-status"]')!)).toContain('Found 2 orders so far.');
  });

  it('a page cap keeps the orders and points to the export', async () => {
    background({
      getApiAccess: () => CONFIGURED,
      lookupOrdersByPo: () =>
        response({
          orders: [order('1')],
          pages: 50,
          complete: false,
          error: { kind: 'paging', message: 'cap', reason: 'page-cap', pages: 50 },
        }),
    });
    const root = await mount(<App />);
    await searchFor(root, 'MKT-202603-0042');
    expect(text(notice(root)!)).toContain(
      'PO Assist stopped after 50 pages, the most it fetches in one lookup. Export what is shown',
    );
    expect(button(root, 'Export CSV')).toBeTruthy();
  });

  it('nothing found names the PO, the region and the 2-year window, and offers another region', async () => {
    background({
      getApiAccess: () => CONFIGURED,
      lookupOrdersByPo: () => response({ po: 'MKT-202603-0042', region: 'FR', orders: [] }),
    });
    const root = await mount(<App />);
    await choose(regionSelect(root), 'FR');
    await searchFor(root, 'MKT-202603-0042');
    expect(callsOf('lookupOrdersByPo')[0]).toMatchObject({ region: 'FR' });
    const shown = notice(root)!;
    expect(text(shown)).toContain(
      'No orders under PO MKT-202603-0042 in France in the last 2 years. Check the PO or try another region.',
    );
    expect(root.querySelector('[data-testid="lookup-summary"]')).toBeNull();
    await click(button(shown, 'Choose another region'));
    expect(document.activeElement).toBe(regionSelect(root));
  });

  it('says at once when API access is not configured, with a way to settings', async () => {
    background({ getApiAccess: () => ({ ...CONFIGURED, configured: false, mode: null, brokerUrl: null }) });
    const open = vi.spyOn(fakeBrowser.runtime, 'openOptionsPage').mockResolvedValue();
    const root = await mount(<App />);
    const shown = notice(root)!;
    expect(text(shown)).toContain('Connect PO Assist to Amazon Business');
    await click(button(shown, 'Set up API access'));
    expect(open).toHaveBeenCalledOnce();
  });

  it('a lookup the background could not run says so and offers a retry', async () => {
    background({
      getApiAccess: () => CONFIGURED,
      lookupOrdersByPo: () => {
        throw new MessageError({
          kind: 'no-reply',
          message: 'The extension did not answer "lookupOrdersByPo". Try reloading the page.',
        });
      },
    });
    const root = await mount(<App />);
    await searchFor(root, 'MKT-202603-0042');
    const shown = notice(root)!;
    expect(text(shown)).toContain('The lookup could not run');
    expect(text(shown)).toContain('The extension did not answer "lookupOrdersByPo".');
    await click(button(shown, 'Try again'));
    expect(callsOf('lookupOrdersByPo')).toHaveLength(2);
  });

  it('an API error that arrives as a rejected message is still explained', async () => {
    background({
      getApiAccess: () => CONFIGURED,
      lookupOrdersByPo: () => {
        throw new MessageError({ kind: 'throttled', message: 'slow down', retryAfterMs: 4000 });
      },
    });
    const root = await mount(<App />);
    await searchFor(root, 'MKT-202603-0042');
    expect(text(notice(root)!)).toContain('Amazon is limiting requests; try again in 4 s.');
  });
});

describe('popup: export, copy, cache, recent searches, prefill', () => {
  const orders = [
    order('111-1', { buyer: { name: '=HYPERLINK("http://x")' } }),
    order('111-2', { status: 'CANCELLED' }),
  ];

  it('exports the orders as CSV named after the PO and region', async () => {
    background({
      getApiAccess: () => CONFIGURED,
      lookupOrdersByPo: () => response({ po: 'MKT/2026 "Q1"', region: 'UK', orders }),
    });
    let blob: Blob | undefined;
    vi.spyOn(URL, 'createObjectURL').mockImplementation((value) => {
      blob = value as Blob;
      return 'blob:po-assist/1';
    });
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
    const downloads: Array<{ href: string; download: string }> = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      downloads.push({ href: this.getAttribute('href') ?? '', download: this.download });
    });
    const root = await mount(<App />);
    await searchFor(root, 'MKT/2026 "Q1"');
    await click(button(root, 'Export CSV'));
    expect(downloads).toEqual([{ href: 'blob:po-assist/1', download: 'orders-MKT_2026_Q1-UK.csv' }]);
    expect(blob?.type).toBe('text/csv;charset=utf-8');
    const bytes = new Uint8Array(await blob!.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    // The local date Excel reads as a date and the ISO time; words and code for the status; a total per currency.
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    expect(csv.split('\r\n')[0]).toBe(lookupOrdersCsv([]).split('\r\n')[0]);
    expect(csv.split('\r\n')[0]).toMatch(/,Currency,Net total \(formatted\)$/);
    expect(csv).toContain(`Order ID,Order date (${zone}),Order date (ISO),`);
    expect(csv).toMatch(/\r\n111-1,2026-03-1\d \d\d:\d\d:00,2026-03-14T09:30:00\.000Z,US,Closed,CLOSED,/);
    expect(csv).toContain(',10,USD,$10.00\r\n');
    expect(csv).toContain('\r\n\r\nTotal USD (cancelled orders not counted),');
    expect(csv).toContain(`"'=HYPERLINK(""http://x"")"`);
    expect(root.querySelector('[data-testid="action-status"]')?.textContent).toBe(
      'Saved orders-MKT_2026_Q1-UK.csv (2 orders).',
    );
  });

  it('copies the order ids, one per line, and says so', async () => {
    background({ getApiAccess: () => CONFIGURED, lookupOrdersByPo: () => response({ orders }) });
    const writeText = vi.fn(async (_text: string) => undefined);
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    const root = await mount(<App />);
    await searchFor(root, 'MKT-202603-0042');
    await click(button(root, 'Copy order ids'));
    expect(writeText).toHaveBeenCalledWith('111-1\n111-2');
    const status = root.querySelector('[data-testid="action-status"]')!;
    expect(status.getAttribute('role')).toBe('status');
    expect(status.textContent).toBe('Copied 2 order ids to the clipboard.');
  });

  it('says when copying fails', async () => {
    background({ getApiAccess: () => CONFIGURED, lookupOrdersByPo: () => response({ orders }) });
    const writeText = vi.fn(async () => {
      throw new Error('Document is not focused.');
    });
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    const root = await mount(<App />);
    await searchFor(root, 'MKT-202603-0042');
    await click(button(root, 'Copy order ids'));
    expect(root.querySelector('[data-testid="action-status"]')?.textContent).toBe(
      'Could not copy the order ids: Document is not focused.',
    );
  });

  it('prefills the PO from the checkout tab and shows its cached answer with its age; Refresh bypasses the cache', async () => {
    const tabMessage = activeTab(42, async () => ({ po: ' MKT-202603-0042 ' }));
    const fiveMinutesAgo = new Date(Date.now() - 5 * 60_000).toISOString();
    background({
      getApiAccess: () => ({ ...CONFIGURED, region: 'CA' }),
      getCachedLookup: ({ po, region }) =>
        po === 'MKT-202603-0042' && region === 'CA'
          ? response({
              po,
              region,
              orders: [order('cached-1', { region: 'CA', currency: 'CAD' })],
              fetchedAt: fiveMinutesAgo,
              fromCache: true,
            })
          : null,
      lookupOrdersByPo: ({ po, region }) => response({ po, region, orders: [order('fresh-1', { region: 'CA' })] }),
    });
    const root = await mount(<App />);
    expect(tabMessage).toHaveBeenCalledWith(42, { poAssist: 1, type: 'getPoFieldValue', input: {} });
    expect(poInput(root).value).toBe('MKT-202603-0042');
    expect(callsOf('lookupOrdersByPo')).toEqual([]);
    expect(root.querySelector('[data-testid="order"] a')?.textContent).toBe('cached-1');
    expect(root.querySelector('[data-testid="cache-age"]')?.textContent).toBe('Saved answer, fetched 5 minutes ago');
    await click(button(root, 'Refresh'));
    expect(callsOf('lookupOrdersByPo')).toEqual([
      { po: 'MKT-202603-0042', region: 'CA', refresh: true, lookupId: expect.any(String) },
    ]);
    expect(root.querySelector('[data-testid="order"] a')?.textContent).toBe('fresh-1');
    expect(root.querySelector('[data-testid="cache-age"]')).toBeNull();
  });

  it('a cached answer that arrives after the user searched does not replace the fresh one', async () => {
    activeTab(42, async () => ({ po: 'OLD-PO' }));
    const slowCache = deferred<LookupResponse | null>();
    background({
      getApiAccess: () => CONFIGURED,
      getCachedLookup: () => slowCache.promise,
      lookupOrdersByPo: ({ po }) => response({ po, orders: [order('fresh-1')] }),
    });
    const root = await mount(<App />);
    await searchFor(root, 'NEW-PO');
    expect(root.querySelector('[data-testid="order"] a')?.textContent).toBe('fresh-1');
    slowCache.resolve(response({ po: 'OLD-PO', orders: [order('stale-1')], fromCache: true }));
    await settle();
    expect(root.querySelector('[data-testid="order"] a')?.textContent).toBe('fresh-1');
  });

  it('opens normally when the active tab has no content script', async () => {
    activeTab(3, async () => {
      throw new Error('Could not establish connection. Receiving end does not exist.');
    });
    background({ getApiAccess: () => CONFIGURED });
    const root = await mount(<App />);
    expect(poInput(root).value).toBe('');
    expect(notice(root)).toBeNull();
    expect(callsOf('getCachedLookup')).toEqual([]);
  });

  it('remembers recent searches in storage, and a click shows the cached answer or searches again', async () => {
    background({
      getApiAccess: () => CONFIGURED,
      lookupOrdersByPo: ({ po, region }) => response({ po, region, orders: [order(`${po}-order`)] }),
      getCachedLookup: ({ po, region }) =>
        po === 'PO-1' ? response({ po, region, orders: [order('from-cache')], fromCache: true }) : null,
    });
    let root = await mount(<App />);
    await searchFor(root, 'PO-1');
    await choose(regionSelect(root), 'JP');
    await searchFor(root, 'PO-2');
    await searchFor(root, 'PO-1');
    const stored = (await fakeBrowser.storage.local.get('recentLookups')).recentLookups as Array<{
      po: string;
      region: string;
    }>;
    expect(stored.map(({ po, region }) => `${po}/${region}`)).toEqual(['PO-1/JP', 'PO-2/JP', 'PO-1/US']);
    await unmount();

    root = await mount(<App />);
    const recent = root.querySelector<HTMLElement>('.recent')!;
    expect([...recent.querySelectorAll('li button')].map((b) => text(b))).toEqual([
      'PO-1 · Japan',
      'PO-2 · Japan',
      'PO-1 · United States',
    ]);
    await click(button(recent, 'PO-1 · United States'));
    expect(poInput(root).value).toBe('PO-1');
    expect(regionSelect(root).value).toBe('US');
    expect(root.querySelector('[data-testid="order"] a')?.textContent).toBe('from-cache');
    expect(callsOf('lookupOrdersByPo')).toHaveLength(3);
    await click(button(root.querySelector('.recent')!, 'PO-2 · Japan'));
    expect(callsOf('lookupOrdersByPo').at(-1)).toMatchObject({ po: 'PO-2', region: 'JP' });
    expect(root.querySelector('[data-testid="order"] a')?.textContent).toBe('PO-2-order');
    await click(button(root, 'Clear recent searches'));
    expect(root.querySelector('.recent')).toBeNull();
    expect(await fakeBrowser.storage.local.get('recentLookups')).toEqual({});
  });
});

describe('popup: fixing a missed PO field (issue 9 §3)', () => {
  it('over a checkout tab, "Pick the PO field on this page" starts the picker there and closes the popup', async () => {
    activeTab(42, async () => ({ po: null }));
    background({ getApiAccess: () => CONFIGURED, openPicker: () => ({ started: true }) });
    const close = vi.spyOn(window, 'close').mockImplementation(() => undefined);
    const root = await mount(<App />);
    await click(button(root, 'Pick the PO field on this page'));
    expect(callsOf('openPicker')).toEqual([{ tabId: 42 }]);
    expect(close).toHaveBeenCalled();
  });

  it('over any other tab (no content script answers) it is not offered', async () => {
    activeTab(42, async () => undefined);
    background({ getApiAccess: () => CONFIGURED });
    const root = await mount(<App />);
    expect(root.querySelector('[data-testid="pick-field"]')).toBeNull();
  });
});
