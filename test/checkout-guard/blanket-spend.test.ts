import { describe, expect, it } from 'vitest';
import { orderReportSchema, type OrderReport } from '@/lib/api/schemas';
import { blanketSpend } from '@/lib/checkout-guard/blanket-spend';

const BUDGET = { budget: { amount: 5000, currencyCode: 'EUR' }, validFrom: '2026-01-01', validTo: '2026-12-31' };

let serial = 0;
function order(net: number | null, { currency = 'EUR', status = 'CLOSED', date = '2026-03-01T10:00:00Z' } = {}) {
  serial += 1;
  return orderReportSchema.parse({
    orderMetadata: { orderDate: date, orderId: `302-${serial}`, region: 'DE' },
    orderStatus: status,
    charges:
      net === null
        ? [{ type: 'SUBTOTAL', amount: { currencyCode: currency, amount: 1 } }]
        : [{ type: 'NET_TOTAL', amount: { currencyCode: currency, amount: net } }],
  });
}

describe('blanketSpend: what a blanket PO has left', () => {
  it.each<[string, OrderReport[], number, number]>([
    ['no orders yet', [], 0, 5000],
    ['orders add up', [order(1200), order(0.1), order(0.2)], 1200.3, 3799.7],
    ['cancelled orders do not count', [order(1200), order(900, { status: 'CANCELLED' })], 1200, 3800],
    ['another currency is neither added nor converted', [order(1200), order(700, { currency: 'USD' })], 1200, 3800],
    ['over budget: negative', [order(4000), order(1300.5)], 5300.5, -300.5],
    ['exactly spent', [order(2500), order(2500)], 5000, 0],
  ])('%s', (_name, orders, spent, remaining) => {
    expect(blanketSpend(BUDGET, orders)).toEqual({ known: true, currencyCode: 'EUR', spent, remaining });
  });

  it('is not known when an order that counts has no NET_TOTAL (the spend could be higher)', () => {
    expect(blanketSpend(BUDGET, [order(1200), order(null)])).toEqual({ known: false });
    // A cancelled one without a total changes nothing.
    expect(blanketSpend(BUDGET, [order(1200), order(null, { status: 'CANCELLED' })])).toMatchObject({ spent: 1200 });
  });

  it('is not known without a budget', () => {
    expect(blanketSpend({}, [order(10)])).toEqual({ known: false });
  });

  it('counts only the orders inside the validity when the PO has one entry per period', () => {
    const orders = [order(1000, { date: '2025-12-15T10:00:00Z' }), order(200, { date: '2026-06-15T10:00:00Z' })];
    expect(blanketSpend(BUDGET, orders, { datedOnly: true })).toMatchObject({ spent: 200, remaining: 4800 });
    expect(blanketSpend(BUDGET, orders)).toMatchObject({ spent: 1200, remaining: 3800 });
  });
});
