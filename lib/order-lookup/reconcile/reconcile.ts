import { verdictMessage } from '@/lib/policy-words';
import { summarizeOrders, type CurrencyTotal } from '@/lib/api/summary';
import type { OrderReport } from '@/lib/api/schemas';
import { blanketBudgetStatus, type BlanketBudgetStatus } from '@/lib/order-lookup/blanket-budget';
import type { Policy } from '@/lib/policy/schema';
import type { PoInvalidCode } from '@/lib/policy/types';
import { normalisePo, validatePo } from '@/lib/policy/validate';

/**
 * Reconciliation by PO: the orders of a period grouped by their PO, each group with its totals, dates, buyers and
 * a verdict against the policy in force (and, when given, a list of POs such as an invoice export). Pure.
 */

export const VERDICTS = [
  'listed-no-order',
  'no-po',
  'non-compliant',
  'over-budget',
  'blanket',
  'reused',
  'not-in-list',
  'compliant',
  'unchecked',
] as const;
/**
 * `unchecked`: no policy in force, so validity is unknown. `not-in-list` is only given with a list, and is added
 * to the row's other verdicts (a PO can be both non-compliant and missing from the invoices).
 */
export type Verdict = (typeof VERDICTS)[number];

export interface ReconcileRow {
  /** The PO as the policy compares it (trimmed, upper-cased when case-insensitive); '' for orders without one. */
  po: string;
  orders: OrderReport[];
  /** Orders that are not cancelled. */
  activeOrders: number;
  cancelledOrders: number;
  /** NET_TOTAL per currency of the orders not cancelled. */
  totals: CurrencyTotal[];
  /** Shown, never counted. */
  cancelledTotals: CurrencyTotal[];
  byStatus: Record<string, number>;
  firstDate: string | null;
  lastDate: string | null;
  buyers: string[];
  regions: string[];
  /** The most important verdict first; `verdicts[0]` is what the table shows. */
  verdicts: Verdict[];
  diagnosis: { code: PoInvalidCode; message: string; fix: string | null } | null;
  blanket: BlanketBudgetStatus | null;
  /** Whether the supplied list names this PO; null without a list. */
  listed: boolean | null;
}

export interface ReconcileOptions {
  policy: Policy | null;
  now: Date;
  /** POs from an invoice list (as typed there); null for none. */
  list?: readonly string[] | null;
  /** A non-blanket PO on more active orders than this is flagged as reused. Default 1. */
  expectedOrdersPerPo?: number;
}

export function poKey(policy: Policy | null, po: string | undefined): string {
  if (po === undefined) return '';
  return policy ? normalisePo(policy, po) : po.trim();
}

export function reconcile(orders: readonly OrderReport[], options: ReconcileOptions): ReconcileRow[] {
  const { policy, now } = options;
  const expected = options.expectedOrdersPerPo ?? 1;
  const groups = new Map<string, OrderReport[]>();
  for (const order of orders) {
    const key = poKey(policy, order.purchaseOrderNumber);
    const group = groups.get(key);
    if (group) group.push(order);
    else groups.set(key, [order]);
  }
  const listed = options.list ? new Set(options.list.map((po) => poKey(policy, po)).filter((po) => po !== '')) : null;
  if (listed) for (const po of listed) if (!groups.has(po)) groups.set(po, []);

  const rows: ReconcileRow[] = [];
  for (const [po, group] of groups) {
    group.sort((a, b) => a.orderMetadata.orderDate.localeCompare(b.orderMetadata.orderDate));
    const summary = summarizeOrders(group);
    const activeOrders = summary.count - summary.cancelled.count;
    const verdicts: Verdict[] = [];
    let diagnosis: ReconcileRow['diagnosis'] = null;
    let blanket: BlanketBudgetStatus | null = null;
    if (group.length === 0) {
      verdicts.push('listed-no-order');
    } else if (po === '') {
      verdicts.push('no-po');
    } else if (!policy) {
      verdicts.push('unchecked');
    } else {
      const verdict = validatePo(policy, po, { now });
      blanket = blanketBudgetStatus(policy, po, group, now);
      if (!verdict.valid) {
        verdicts.push('non-compliant');
        diagnosis = { code: verdict.code, message: verdictMessage(verdict), fix: verdict.fix };
      }
      if (blanket)
        verdicts.push(...(blanket.level === 'over' ? (['over-budget', 'blanket'] as const) : (['blanket'] as const)));
      if (!blanket && policy.reuse !== 'allow' && activeOrders > expected) verdicts.push('reused');
      if (verdicts.length === 0) verdicts.push('compliant');
    }
    if (listed && group.length > 0 && !listed.has(po)) verdicts.push('not-in-list');
    verdicts.sort((a, b) => VERDICTS.indexOf(a) - VERDICTS.indexOf(b));
    const buyers = new Set<string>();
    const regions = new Set<string>();
    for (const order of group) {
      const buyer = order.buyingCustomer?.name ?? order.buyingCustomer?.email;
      if (buyer) buyers.add(buyer);
      if (order.orderMetadata.region) regions.add(order.orderMetadata.region);
    }
    rows.push({
      po,
      orders: group,
      activeOrders,
      cancelledOrders: summary.cancelled.count,
      totals: summary.totals,
      cancelledTotals: summary.cancelled.totals,
      byStatus: summary.byStatus,
      firstDate: group[0]?.orderMetadata.orderDate ?? null,
      lastDate: group.at(-1)?.orderMetadata.orderDate ?? null,
      buyers: [...buyers].sort((a, b) => a.localeCompare(b)),
      regions: [...regions].sort(),
      verdicts,
      diagnosis,
      blanket,
      listed: listed ? listed.has(po) : null,
    });
  }
  return rows.sort((a, b) => a.po.localeCompare(b.po));
}

/** Rows per verdict (a row counts under each of its verdicts), for the filter chips and the summary export. */
export function countVerdicts(rows: readonly ReconcileRow[]): Record<Verdict, number> {
  const counts = Object.fromEntries(VERDICTS.map((verdict) => [verdict, 0])) as Record<Verdict, number>;
  for (const row of rows) for (const verdict of row.verdicts) counts[verdict] += 1;
  return counts;
}
