/**
 * The orders `getOrderReports` serves: every order of the by-PO data set, plus a deterministic bulk of a few
 * thousand orders over the last six months, built so that each reconciliation verdict appears (see BULK_KINDS).
 * The bulk uses its own POs, so the by-PO lookups and their tests see exactly the orders they always did.
 */
import { buildOrder, mulberry32, type SimDataset, type SimOrder, type SimPoSpec, type SimRegion } from './data';

export const BULK_ORDER_COUNT = 3000;
export const BULK_MAX_DAYS_AGO = 180;
/** A blanket PO the reconcile tests add to the sample policy with a budget the bulk spends past (over budget). */
export const BULK_BLANKET_PO = 'BPO-2026-OPS';
export const BULK_BLANKET_BUDGET_USD = 20_000;
/** POs on several orders each (reuse). */
export const BULK_REUSED_POS = ['ENG-202609-0500', 'MKT-202608-0900', 'FIN-202607-0300'] as const;
/** POs an invoice list names that no order carries (the "listed, no order" verdict). */
export const BULK_UNUSED_POS = ['MKT-202611-9998', 'ENG-202611-9999'] as const;

export interface BulkDataset {
  /** Every order of both data sets, oldest first. */
  orders: SimOrder[];
}

type Kind = 'compliant' | 'project' | 'no-po' | 'non-compliant' | 'blanket' | 'reused';
/** Share of the bulk per kind; what is left over is compliant. */
const BULK_KINDS: readonly [Kind, number][] = [
  ['project', 0.1],
  ['no-po', 0.06],
  ['non-compliant', 0.1],
  ['blanket', 0.06],
  ['reused', 0.03],
];
const DEPTS = ['MKT', 'ENG', 'FIN'] as const;
const BAD_POS = ['mkt 2026110042', 'MKT-2026-11-42', 'HR-202611-0001', 'PO12345', 'ENG-202611-12', 'ENG202611-0007'];
const BULK_REGIONS: readonly [SimRegion, number][] = [
  ['US', 0.7],
  ['CA', 0.05],
  ['UK', 0.12],
  ['DE', 0.08],
  ['JP', 0.05],
];

function pick<T>(random: () => number, weighted: readonly [T, number][], rest: T): T {
  let roll = random();
  for (const [value, weight] of weighted) {
    if (roll < weight) return value;
    roll -= weight;
  }
  return rest;
}

export function buildBulkDataset(base: SimDataset, count = BULK_ORDER_COUNT): BulkDataset {
  const random = mulberry32(base.seed ^ 0x5eed_b01c);
  const usedIds = new Set<string>([...base.byPo.values()].flat().map((order) => order.orderId));
  const orders: SimOrder[] = [...base.byPo.values()].flat();
  let seq = 1;
  for (let i = 0; i < count; i++) {
    const kind = pick(random, BULK_KINDS, 'compliant' as Kind);
    const region = kind === 'blanket' ? 'US' : pick(random, BULK_REGIONS, 'US' as SimRegion);
    const dept = DEPTS[Math.floor(random() * DEPTS.length)]!;
    let po: string;
    if (kind === 'compliant')
      po = `${dept}-2026${String(1 + Math.floor(random() * 12)).padStart(2, '0')}-${String(seq++).padStart(4, '0')}`;
    else if (kind === 'project')
      po = `PRJ-P${String(seq++ % 1000).padStart(3, '0')}X-${String(1 + Math.floor(random() * 9999)).padStart(4, '0')}`;
    else if (kind === 'non-compliant') po = BAD_POS[Math.floor(random() * BAD_POS.length)]!;
    else if (kind === 'blanket') po = BULK_BLANKET_PO;
    else if (kind === 'reused') po = BULK_REUSED_POS[Math.floor(random() * BULK_REUSED_POS.length)]!;
    else po = '';
    const spec: SimPoSpec = {
      po,
      description: kind,
      orders: {},
      maxDaysAgo: BULK_MAX_DAYS_AGO,
      maxSubtotalUsd: kind === 'blanket' ? 250 : 1500,
      buyerGroup: dept,
      department: dept,
    };
    const status = random() < 0.08 ? 'CANCELLED' : random() < 0.7 ? 'CLOSED' : 'PAYMENT_CONFIRMED';
    const order = buildOrder(spec, region, status, random, base.now, usedIds);
    if (kind === 'no-po') delete (order.wire as { purchaseOrderNumber?: string }).purchaseOrderNumber;
    orders.push(order);
  }
  orders.sort((a, b) => a.orderDate.localeCompare(b.orderDate) || a.orderId.localeCompare(b.orderId));
  return { orders };
}

/** The orders of one query: placed in `regions`, with `start <= orderDate <= end` (ISO instants). */
export function ordersInRange(
  bulk: BulkDataset,
  regions: readonly SimRegion[],
  start: number,
  end: number,
): SimOrder[] {
  return bulk.orders.filter((order) => {
    const at = Date.parse(order.orderDate);
    return regions.includes(order.region) && at >= start && at <= end;
  });
}
