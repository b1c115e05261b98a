import type { OrderReport } from '@/lib/api/schemas';
import type { Policy } from '@/lib/policy/schema';
import { SAMPLE_POLICY } from '@/lib/policy/sample-policy';
import { BULK_BLANKET_BUDGET_USD, BULK_BLANKET_PO } from '../../sim/order-report-data';

let next = 1;
export function order(
  po: string | undefined,
  overrides: {
    date?: string;
    status?: string;
    amount?: number;
    currency?: string;
    buyer?: string;
    region?: string;
    id?: string;
  } = {},
): OrderReport {
  const currencyCode = overrides.currency ?? 'USD';
  return {
    orderMetadata: {
      orderId: overrides.id ?? `114-0000000-${String(next++).padStart(7, '0')}`,
      orderDate: overrides.date ?? '2026-11-10T10:00:00.000Z',
      region: overrides.region ?? 'US',
    },
    ...(po === undefined ? {} : { purchaseOrderNumber: po }),
    orderStatus: overrides.status ?? 'CLOSED',
    charges: [{ type: 'NET_TOTAL', amount: { currencyCode, amount: overrides.amount ?? 100 } }],
    buyingCustomer: { name: overrides.buyer ?? 'Ava Adams' },
    unknownValues: [],
  };
}

/** The sample policy plus the bulk data set's blanket PO (with a budget the bulk spends past). */
export const RECONCILE_POLICY: Policy = {
  ...SAMPLE_POLICY,
  blanketPos: [
    ...SAMPLE_POLICY.blanketPos,
    {
      po: BULK_BLANKET_PO,
      label: 'Operations 2026',
      budget: { amount: BULK_BLANKET_BUDGET_USD, currencyCode: 'USD' },
      validFrom: '2026-01-01',
      validTo: '2026-12-31',
    },
  ],
} as Policy;

export const NOW = new Date('2026-12-02T09:00:00Z');
