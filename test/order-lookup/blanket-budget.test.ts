import { describe, expect, it } from 'vitest';
import { orderReportSchema, type OrderReport } from '@/lib/api/schemas';
import { blanketBudgetStatus } from '@/lib/order-lookup/blanket-budget';
import { parsePolicy, type Policy } from '@/lib/policy/schema';
import { SAMPLE_POLICY } from '@/lib/policy/sample-policy';

const NOW = new Date('2026-06-15T12:00:00');

function policyWith(blanketPos: unknown[], overrides: Record<string, unknown> = {}): Policy {
  const parsed = parsePolicy({ ...SAMPLE_POLICY, ...overrides, blanketPos });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return parsed.policy;
}

const MKT = {
  po: 'BPO-2026-MKT',
  label: 'Marketing 2026',
  budget: { amount: 5000, currencyCode: 'USD' },
  validFrom: '2026-01-01',
  validTo: '2026-12-31',
};
const POLICY = policyWith([MKT]);

let serial = 0;
function order(net: number | null, options: { currency?: string; status?: string; date?: string } = {}): OrderReport {
  serial += 1;
  return orderReportSchema.parse({
    orderMetadata: { orderDate: options.date ?? '2026-03-01T10:00:00Z', orderId: `111-${serial}`, region: 'US' },
    orderStatus: options.status ?? 'CLOSED',
    charges:
      net === null
        ? [{ type: 'SUBTOTAL', amount: { currencyCode: options.currency ?? 'USD', amount: 1 } }]
        : [{ type: 'NET_TOTAL', amount: { currencyCode: options.currency ?? 'USD', amount: net } }],
  });
}

describe('blanketBudgetStatus: which POs', () => {
  it.each([
    ['BPO-2026-MKT', true],
    ['  bpo-2026-mkt ', true],
    ['BPO-2026-MK', false],
    ['MKT-202606-0001', false],
    ['', false],
  ])('%j is the blanket PO: %s', (po, found) => {
    const status = blanketBudgetStatus(POLICY, po, [], NOW);
    if (found) expect(status).toMatchObject({ po: 'BPO-2026-MKT', label: 'Marketing 2026' });
    else expect(status).toBeNull();
  });

  it('matches case only when the policy is case sensitive', () => {
    const strict = policyWith([MKT], { caseInsensitive: false });
    expect(blanketBudgetStatus(strict, 'bpo-2026-mkt', [], NOW)).toBeNull();
    expect(blanketBudgetStatus(strict, ' BPO-2026-MKT ', [], NOW)).not.toBeNull();
  });

  it('is null without a policy or without blanket POs', () => {
    expect(blanketBudgetStatus(null, 'BPO-2026-MKT', [], NOW)).toBeNull();
    expect(blanketBudgetStatus(policyWith([]), 'BPO-2026-MKT', [], NOW)).toBeNull();
  });
});

describe('blanketBudgetStatus: spend against a USD 5,000 budget', () => {
  it.each<{
    name: string;
    orders: () => OrderReport[];
    spent: number;
    remaining: number;
    ratio: number;
    level: string;
  }>([
    { name: 'nothing spent', orders: () => [], spent: 0, remaining: 5000, ratio: 0, level: 'ok' },
    {
      name: 'under 80 %',
      orders: () => [order(1000), order(2999.99)],
      spent: 3999.99,
      remaining: 1000.01,
      ratio: 0.799998,
      level: 'ok',
    },
    {
      name: 'exactly 80 % (not past it)',
      orders: () => [order(1000.1), order(2999.9)],
      spent: 4000,
      remaining: 1000,
      ratio: 0.8,
      level: 'ok',
    },
    {
      name: 'a cent past 80 %',
      orders: () => [order(4000.01)],
      spent: 4000.01,
      remaining: 999.99,
      ratio: 0.800002,
      level: 'warning',
    },
    {
      name: 'exactly the budget',
      orders: () => [order(2500), order(2500)],
      spent: 5000,
      remaining: 0,
      ratio: 1,
      level: 'warning',
    },
    {
      name: 'over',
      orders: () => [order(5000), order(200.5)],
      spent: 5200.5,
      remaining: -200.5,
      ratio: 1.0401,
      level: 'over',
    },
    {
      name: 'cancelled orders not counted',
      orders: () => [order(4500, { status: 'CANCELLED' }), order(100), order(300, { status: 'PENDING_APPROVAL' })],
      spent: 400,
      remaining: 4600,
      ratio: 0.08,
      level: 'ok',
    },
  ])('$name', ({ orders, spent, remaining, ratio, level }) => {
    const status = blanketBudgetStatus(POLICY, 'BPO-2026-MKT', orders(), NOW)!;
    expect(status.budget).toEqual({ amount: 5000, currencyCode: 'USD' });
    expect(status.spent).toBe(spent);
    expect(status.remaining).toBe(remaining);
    expect(status.ratio).toBeCloseTo(ratio, 6);
    expect(status.level).toBe(level);
    expect(status.otherCurrencies).toEqual([]);
  });

  it('lists other currencies apart, never adding them to the budget currency', () => {
    const status = blanketBudgetStatus(
      POLICY,
      'BPO-2026-MKT',
      [order(4900), order(300, { currency: 'EUR' }), order(50, { currency: 'GBP' }), order(25, { currency: 'EUR' })],
      NOW,
    )!;
    expect(status.spent).toBe(4900);
    expect(status.level).toBe('warning');
    expect(status.otherCurrencies).toEqual([
      { currencyCode: 'EUR', amount: 325 },
      { currencyCode: 'GBP', amount: 50 },
    ]);
  });

  it('counts orders without a net total (not cancelled) as possibly missing spend', () => {
    const status = blanketBudgetStatus(
      POLICY,
      'BPO-2026-MKT',
      [order(10), order(null), order(null, { status: 'CANCELLED' })],
      NOW,
    )!;
    expect(status.spent).toBe(10);
    expect(status.withoutNetTotal).toBe(1);
  });

  it('a budget of 0: any spend is over', () => {
    const zero = policyWith([{ ...MKT, budget: { amount: 0, currencyCode: 'USD' } }]);
    expect(blanketBudgetStatus(zero, 'BPO-2026-MKT', [], NOW)).toMatchObject({ level: 'ok', ratio: 0, remaining: 0 });
    expect(blanketBudgetStatus(zero, 'BPO-2026-MKT', [order(5)], NOW)).toMatchObject({
      level: 'over',
      ratio: Infinity,
      remaining: -5,
    });
  });
});

describe('blanketBudgetStatus: no budget', () => {
  it('has no bar figures but still the validity window, and lists what was spent per currency', () => {
    const policy = policyWith([{ po: 'BPO-OPEN', validTo: '2026-03-31' }]);
    const status = blanketBudgetStatus(policy, 'bpo-open', [order(10), order(5, { currency: 'EUR' })], NOW)!;
    expect(status).toMatchObject({
      po: 'BPO-OPEN',
      label: null,
      budget: null,
      spent: null,
      ratio: null,
      remaining: null,
      level: 'ok',
      window: { to: '2026-03-31', state: 'expired' },
    });
    expect(status.window).not.toHaveProperty('from');
    expect(status.otherCurrencies).toEqual([
      { currencyCode: 'EUR', amount: 5 },
      { currencyCode: 'USD', amount: 10 },
    ]);
  });
});

describe('blanketBudgetStatus: validity window relative to today', () => {
  it.each([
    ['2026-06-15T09:00:00', 'active'],
    ['2026-01-01T00:00:00', 'active'],
    ['2026-12-31T23:59:00', 'active'],
    ['2025-12-31T23:59:00', 'not-yet'],
    ['2027-01-01T00:00:00', 'expired'],
  ])('on %s the window is %s', (now, state) => {
    expect(blanketBudgetStatus(POLICY, 'BPO-2026-MKT', [], new Date(now))?.window).toEqual({
      from: '2026-01-01',
      to: '2026-12-31',
      state,
    });
  });

  it('is always active without dates', () => {
    const policy = policyWith([{ po: 'BPO-ANY', budget: { amount: 10, currencyCode: 'EUR' } }]);
    expect(blanketBudgetStatus(policy, 'BPO-ANY', [], NOW)?.window).toEqual({ state: 'active' });
  });
});

describe('blanketBudgetStatus: one PO listed for several periods', () => {
  const policy = policyWith([
    {
      po: 'BPO-MKT',
      label: 'Marketing 2025',
      budget: { amount: 1000, currencyCode: 'USD' },
      validFrom: '2025-01-01',
      validTo: '2025-12-31',
    },
    {
      po: 'BPO-MKT',
      label: 'Marketing 2026',
      budget: { amount: 2000, currencyCode: 'USD' },
      validFrom: '2026-01-01',
      validTo: '2026-12-31',
    },
    {
      po: 'BPO-MKT',
      label: 'Marketing 2027',
      budget: { amount: 3000, currencyCode: 'USD' },
      validFrom: '2027-01-01',
      validTo: '2027-12-31',
    },
  ]);
  const orders = () => [
    order(900, { date: '2025-07-01T12:00:00Z' }),
    order(1500, { date: '2026-02-01T12:00:00Z' }),
    order(100, { date: '2026-11-30T12:00:00Z' }),
  ];

  it.each([
    ['2026-06-15T12:00:00', 'Marketing 2026', 1600, 'active'],
    ['2025-06-15T12:00:00', 'Marketing 2025', 900, 'active'],
    ['2024-06-15T12:00:00', 'Marketing 2025', 900, 'not-yet'],
    ['2028-06-15T12:00:00', 'Marketing 2027', 0, 'expired'],
  ])('on %s uses %s and counts its own orders only (%d)', (now, label, spent, state) => {
    const status = blanketBudgetStatus(policy, 'BPO-MKT', orders(), new Date(now))!;
    expect(status.label).toBe(label);
    expect(status.spent).toBe(spent);
    expect(status.window.state).toBe(state);
    expect(status.datedOrdersOnly).toBe(true);
  });

  it('a PO listed once counts every order, whatever its date', () => {
    expect(
      blanketBudgetStatus(POLICY, 'BPO-2026-MKT', [order(100, { date: '2025-01-01T12:00:00Z' })], NOW),
    ).toMatchObject({
      spent: 100,
      datedOrdersOnly: false,
    });
  });
});
