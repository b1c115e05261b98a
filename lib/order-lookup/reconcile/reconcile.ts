import { verdictMessage } from '@/lib/policy-words';
import { summarizeOrders, type CurrencyTotal } from '@/lib/api/summary';
import type { OrderReport } from '@/lib/api/schemas';
import { blanketBudgetStatus, type BlanketBudgetStatus } from '@/lib/order-lookup/blanket-budget';
import type { Policy } from '@/lib/policy/schema';
import type { PoInvalidCode } from '@/lib/policy/types';
import { localIsoDate } from '@/lib/policy/blanket';
import { normalisePo, poValidity, validatePo } from '@/lib/policy/validate';

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
  /**
   * Why a non-compliant PO is wrong; null otherwise. Worked out on first read (the rows in view, a search, an
   * export): validatePo's reasons for thousands of POs would hold up the first paint.
   */
  readonly diagnosis: Diagnosis | null;
  blanket: BlanketBudgetStatus | null;
  /** Whether the supplied list names this PO; null without a list. */
  listed: boolean | null;
}

export interface Diagnosis {
  code: PoInvalidCode;
  message: string;
  fix: string | null;
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

/**
 * Each distinct PO is checked once per policy and day, across calls (the page reconciles again as pages arrive):
 * validity by the match alone, the diagnosis only when read.
 */
interface PoCheck {
  invalid: PoInvalidCode | null;
  diagnosis(): Diagnosis | null;
}
const checks = new WeakMap<Policy, Map<string, PoCheck>>();
const MAX_CHECKS_PER_POLICY = 100_000;

function checkPo(policy: Policy, po: string, now: Date, today: string): PoCheck {
  let byPo = checks.get(policy);
  if (!byPo) checks.set(policy, (byPo = new Map()));
  const key = `${today}|${po}`;
  let check = byPo.get(key);
  if (!check) {
    const validity = poValidity(policy, po, { now });
    let diagnosis: Diagnosis | null | undefined = validity.valid ? null : undefined;
    check = {
      invalid: validity.valid ? null : validity.code,
      diagnosis() {
        if (diagnosis !== undefined) return diagnosis;
        const verdict = validatePo(policy, po, { now });
        diagnosis = verdict.valid ? null : { code: verdict.code, message: verdictMessage(verdict), fix: verdict.fix };
        return diagnosis;
      },
    };
    if (byPo.size >= MAX_CHECKS_PER_POLICY) byPo.clear();
    byPo.set(key, check);
  }
  return check;
}

export function reconcile(orders: readonly OrderReport[], options: ReconcileOptions): ReconcileRow[] {
  const { policy, now } = options;
  const expected = options.expectedOrdersPerPo ?? 1;
  const groups = new Map<string, OrderReport[]>();
  // Thousands of orders share a few hundred POs as typed: normalise each spelling once.
  const keys = new Map<string | undefined, string>();
  for (const order of orders) {
    const raw = order.purchaseOrderNumber;
    let key = keys.get(raw);
    if (key === undefined) keys.set(raw, (key = poKey(policy, raw)));
    const group = groups.get(key);
    if (group) group.push(order);
    else groups.set(key, [order]);
  }
  const listed = options.list ? new Set(options.list.map((po) => poKey(policy, po)).filter((po) => po !== '')) : null;
  if (listed) for (const po of listed) if (!groups.has(po)) groups.set(po, []);
  const today = localIsoDate(now);
  // Only these can have a budget status: blanketBudgetStatus is asked about them alone.
  const blanketPos = new Set(policy?.blanketPos?.map((entry) => poKey(policy, entry.po)));
  const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

  const rows: ReconcileRow[] = [];
  // Rows in PO order (code units, as the table sorts): the table's default sort then finds them sorted already.
  for (const po of [...groups.keys()].sort()) {
    const group = groups.get(po)!;
    // ISO dates and POs sort by their code units; localeCompare would cost more than all the rest.
    group.sort((a, b) => byText(a.orderMetadata.orderDate, b.orderMetadata.orderDate));
    const summary = summarizeOrders(group);
    const activeOrders = summary.count - summary.cancelled.count;
    const verdicts: Verdict[] = [];
    let check: PoCheck | null = null;
    let blanket: BlanketBudgetStatus | null = null;
    if (group.length === 0) {
      verdicts.push('listed-no-order');
    } else if (po === '') {
      verdicts.push('no-po');
    } else if (!policy) {
      verdicts.push('unchecked');
    } else {
      check = checkPo(policy, po, now, today);
      blanket = blanketPos.has(po) ? blanketBudgetStatus(policy, po, group, now) : null;
      if (check.invalid) verdicts.push('non-compliant');
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
    const diagnosed = check;
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
      get diagnosis() {
        return diagnosed?.diagnosis() ?? null;
      },
      blanket,
      listed: listed ? listed.has(po) : null,
    });
  }
  return rows;
}

/** Rows per verdict (a row counts under each of its verdicts), for the filter chips and the summary export. */
export function countVerdicts(rows: readonly ReconcileRow[]): Record<Verdict, number> {
  const counts = Object.fromEntries(VERDICTS.map((verdict) => [verdict, 0])) as Record<Verdict, number>;
  for (const row of rows) for (const verdict of row.verdicts) counts[verdict] += 1;
  return counts;
}
