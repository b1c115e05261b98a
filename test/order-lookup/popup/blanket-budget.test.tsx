/** @vitest-environment happy-dom */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { BlanketBudget } from '@/components/order-lookup/BlanketBudget';
import { App } from '@/lib/order-lookup/popup/PopupApp';
import type { OrderReport } from '@/lib/api/schemas';
import { blanketBudgetStatus } from '@/lib/order-lookup/blanket-budget';
import { formatMoney } from '@/lib/order-lookup/format';
import { parsePolicy } from '@/lib/policy/schema';
import { SAMPLE_POLICY } from '@/lib/policy/sample-policy';
import { CONFIGURED, activeTab, background, mount, order, press, response, text, type, unmount } from './support';

vi.mock('@/lib/messaging/client', async (importOriginal) => {
  const actual = await importOriginal<typeof import('@/lib/messaging/client')>();
  return { ...actual, sendMessage: vi.fn() };
});

// SAMPLE_POLICY lists BPO-2026-MKT, "Marketing 2026", USD 5,000, valid 2026-01-01 to 2026-12-31.
const usd = (amount: number) => formatMoney(amount, 'USD');
const day = (year: number, month: number, date: number) => new Date(year, month - 1, date);
const medium = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
const PERIOD_2026 = medium.formatRange(day(2026, 1, 1), day(2026, 12, 31));

const budgetOf = (root: HTMLElement) => root.querySelector<HTMLElement>('[data-testid="blanket-budget"]');
const part = (root: HTMLElement, id: string) => root.querySelector<HTMLElement>(`[data-testid="blanket-${id}"]`);

async function lookUp(po: string, orders: OrderReport[], options: { complete?: boolean } = {}) {
  background({
    getApiAccess: () => CONFIGURED,
    lookupOrdersByPo: ({ po: searched }) =>
      response({ po: searched, orders, complete: options.complete ?? true, pages: options.complete === false ? 3 : 1 }),
  });
  const root = await mount(<App />);
  const input = root.querySelector<HTMLInputElement>('#lookup-po')!;
  await type(input, po);
  await press(input, 'Enter');
  return root;
}

beforeEach(async () => {
  fakeBrowser.reset();
  activeTab(null);
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date(2026, 5, 15, 10, 0));
  await fakeBrowser.storage.local.set({ userPolicy: SAMPLE_POLICY });
});
afterEach(async () => {
  await unmount();
  vi.useRealTimers();
  vi.mocked((await import('@/lib/messaging/client')).sendMessage).mockReset();
});

describe('popup: blanket PO budget', () => {
  it('shows spend against budget with a meter, what is left and the validity window', async () => {
    const root = await lookUp(' bpo-2026-mkt ', [order('1', { net: 1000 }), order('2', { net: 1500.5 })]);
    const budget = budgetOf(root)!;
    expect(budget.querySelector('h2')?.textContent).toBe('Blanket PO: Marketing 2026 (BPO-2026-MKT)');
    expect(budget.getAttribute('aria-labelledby')).toBe(budget.querySelector('h2')?.id);
    const meter = budget.querySelector('meter')!;
    expect(meter.getAttribute('aria-label')).toBe('Budget spent');
    expect([meter.getAttribute('min'), meter.getAttribute('max'), meter.getAttribute('value')]).toEqual([
      '0',
      '5000',
      '2500.5',
    ]);
    expect([meter.getAttribute('low'), meter.getAttribute('high'), meter.getAttribute('optimum')]).toEqual([
      '4000',
      '5000',
      '0',
    ]);
    const spent = part(root, 'spent')!;
    expect(meter.getAttribute('aria-describedby')).toBe(spent.id);
    expect(spent.textContent).toBe(`${usd(2500.5)} of ${usd(5000)} spent (50%)`);
    expect(part(root, 'remaining')?.textContent).toBe(`${usd(2499.5)} left`);
    expect(part(root, 'window')?.textContent).toBe(`Valid ${PERIOD_2026}`);
    expect(part(root, 'warning')).toBeNull();
    expect(part(root, 'incomplete')).toBeNull();
  });

  it('exactly 80 % spent is not yet a warning; a cent more is', async () => {
    let root = await lookUp('BPO-2026-MKT', [order('1', { net: 4000 })]);
    expect(part(root, 'spent')?.textContent).toBe(`${usd(4000)} of ${usd(5000)} spent (80%)`);
    expect(part(root, 'warning')).toBeNull();
    await unmount();

    root = await lookUp('BPO-2026-MKT', [order('1', { net: 4000.01 })]);
    const warning = part(root, 'warning')!;
    expect(warning.getAttribute('role')).toBe('status');
    expect(warning.textContent).toBe('More than 80% of this budget is spent.');
    expect(part(root, 'remaining')?.textContent).toBe(`${usd(999.99)} left`);
  });

  it('over budget: says by how much, with an alert, and the meter stays full', async () => {
    const root = await lookUp('BPO-2026-MKT', [order('1', { net: 5000 }), order('2', { net: 200 })]);
    expect(part(root, 'remaining')?.textContent).toBe(`Over budget by ${usd(200)}`);
    const warning = part(root, 'warning')!;
    expect(warning.getAttribute('role')).toBe('alert');
    expect(warning.textContent).toContain('This blanket PO is over its budget.');
    expect(part(root, 'spent')?.textContent).toBe(`${usd(5200)} of ${usd(5000)} spent (104%)`);
    expect(budgetOf(root)!.querySelector('meter')?.getAttribute('value')).toBe('5000');
  });

  it('leaves cancelled orders out and lists other currencies apart', async () => {
    const root = await lookUp('BPO-2026-MKT', [
      order('1', { net: 300 }),
      order('2', { net: 4000, status: 'CANCELLED' }),
      order('3', { net: 90, currency: 'EUR', region: 'DE' }),
    ]);
    expect(part(root, 'spent')?.textContent).toBe(`${usd(300)} of ${usd(5000)} spent (6%)`);
    expect(part(root, 'other-currencies')?.textContent).toBe(
      `Also spent in other currencies, not counted against the budget: ${formatMoney(90, 'EUR')}`,
    );
  });

  it('says the spend may be higher when the lookup is incomplete', async () => {
    const root = await lookUp('BPO-2026-MKT', [order('1', { net: 300 })], { complete: false });
    expect(part(root, 'incomplete')?.textContent).toBe('Not every order was fetched, so the spend may be higher.');
  });

  it('shows the budget untouched when the blanket PO has no orders yet', async () => {
    const root = await lookUp('BPO-2026-MKT', []);
    expect(part(root, 'remaining')?.textContent).toBe(`${usd(5000)} left`);
  });

  it('shows nothing for a PO that is not a blanket PO', async () => {
    const root = await lookUp('MKT-202606-0042', [order('1', { net: 300 })]);
    expect(root.querySelector('[data-testid="lookup-summary"]')).not.toBeNull();
    expect(budgetOf(root)).toBeNull();
  });

  it.each([
    [new Date(2027, 2, 1), `Expired: it was valid ${PERIOD_2026}`],
    [new Date(2025, 11, 31, 23, 0), `Not yet valid: it will be valid ${PERIOD_2026}`],
  ])('on %s the window reads "%s"', async (now, words) => {
    vi.setSystemTime(now);
    const root = await lookUp('BPO-2026-MKT', [order('1', { net: 10 })]);
    expect(part(root, 'window')?.textContent).toBe(words);
  });
});

describe('BlanketBudget component', () => {
  const parsed = parsePolicy({
    ...SAMPLE_POLICY,
    blanketPos: [
      { po: 'BPO-OPEN', validFrom: '2026-03-01' },
      { po: 'BPO-ZERO', budget: { amount: 0, currencyCode: 'USD' }, validTo: '2026-12-31' },
    ],
  });
  if (!parsed.ok) throw new Error('policy should parse');
  const now = new Date(2026, 5, 15);

  it('without a budget: no bar, what was spent, and still the validity window', async () => {
    const status = blanketBudgetStatus(
      parsed.policy,
      'BPO-OPEN',
      [order('1', { net: 12 }), order('2', { net: 3, currency: 'EUR' })],
      now,
    )!;
    const root = await mount(<BlanketBudget status={status} complete />);
    expect(root.querySelector('meter')).toBeNull();
    expect(root.querySelector('h2')?.textContent).toBe('Blanket PO: BPO-OPEN');
    expect(text(root)).toContain('No budget is set for this blanket PO.');
    expect(part(root, 'other-currencies')?.textContent).toBe(
      `Spent under this PO: ${formatMoney(3, 'EUR')} · ${usd(12)}`,
    );
    expect(part(root, 'window')?.textContent).toBe(`Valid from ${medium.format(day(2026, 3, 1))}`);
  });

  it('a budget of 0 with spend is over, without a meaningless percentage', async () => {
    const status = blanketBudgetStatus(parsed.policy, 'BPO-ZERO', [order('1', { net: 20 })], now)!;
    const root = await mount(<BlanketBudget status={status} complete />);
    expect(part(root, 'spent')?.textContent).toBe(`${usd(20)} of ${usd(0)} spent`);
    expect(part(root, 'remaining')?.textContent).toBe(`Over budget by ${usd(20)}`);
    expect(part(root, 'window')?.textContent).toBe(`Valid until ${medium.format(day(2026, 12, 31))}`);
  });

  it('says when orders without a net total are not counted', async () => {
    const noNet = order('1', { net: 5 });
    noNet.charges = noNet.charges.filter((charge) => charge.type !== 'NET_TOTAL');
    const status = blanketBudgetStatus(parsed.policy, 'BPO-ZERO', [noNet], now)!;
    const root = await mount(<BlanketBudget status={status} complete />);
    expect(text(root)).toContain(
      '1 order has no net total from Amazon and is not counted, so the spend may be higher.',
    );
  });
});
