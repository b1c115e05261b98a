import { reasonText, verdictMessage } from '@/lib/policy-words';
import { compilePolicy, normaliseWith } from '@/lib/policy/compile';
import { diagnose as diagnoseMismatch } from '@/lib/policy/diagnose';
import type { CurrencyTotal } from '@/lib/api/summary';
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
  readonly totals: CurrencyTotal[];
  /** Shown, never counted. */
  readonly cancelledTotals: CurrencyTotal[];
  readonly byStatus: Record<string, number>;
  readonly firstDate: string | null;
  readonly lastDate: string | null;
  readonly buyers: string[];
  readonly regions: string[];
  /** The most important verdict first; `verdicts[0]` is what the table shows. */
  readonly verdicts: readonly Verdict[];
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
  /** undefined until read. */
  diagnosis: Diagnosis | null | undefined;
}
const checks = new WeakMap<Policy, { today: string; byPo: Map<string, PoCheck> }>();
const MAX_CHECKS_PER_POLICY = 100_000;

function checksFor(policy: Policy, today: string): Map<string, PoCheck> {
  let entry = checks.get(policy);
  // A new day can change validity (blanket dates, date parts): start again.
  if (!entry || entry.today !== today) checks.set(policy, (entry = { today, byPo: new Map() }));
  if (entry.byPo.size >= MAX_CHECKS_PER_POLICY) entry.byPo.clear();
  return entry.byPo;
}

function checkPo(byPo: Map<string, PoCheck>, policy: Policy, po: string, now: Date): PoCheck {
  let check = byPo.get(po);
  if (!check) {
    const validity = poValidity(policy, po, { now });
    check = validity.valid ? { invalid: null, diagnosis: null } : { invalid: validity.code, diagnosis: undefined };
    byPo.set(po, check);
  }
  return check;
}

function diagnose(check: PoCheck, policy: Policy, po: string, now: Date): Diagnosis | null {
  if (check.diagnosis === undefined) {
    if (check.invalid === 'mismatch') {
      // validatePo's reason for a mismatch, without the fix it also works out (half its time; the page shows none).
      const compiled = compilePolicy(policy);
      const reason = diagnoseMismatch(compiled, normaliseWith(compiled.caseInsensitive, po), now).reason;
      check.diagnosis = { code: 'mismatch', message: reasonText(reason) };
    } else {
      const verdict = validatePo(policy, po, { now });
      check.diagnosis = verdict.valid ? null : { code: verdict.code, message: verdictMessage(verdict) };
    }
  }
  return check.diagnosis;
}

interface Summary {
  totals: CurrencyTotal[];
  cancelledTotals: CurrencyTotal[];
  byStatus: Record<string, number>;
  buyers: string[];
  regions: string[];
}

/**
 * A row as reconcile() makes it. Its verdicts are worked out at once (the filter counts need every row's); its
 * totals, statuses, buyers and regions when first read (the rows in view, a sort or search on them, an export), so
 * the first paint of 10,000 orders does not sum thousands of rows nobody has seen yet. A class rather than object
 * literals with getters: V8 gives literals with accessors slow (dictionary) properties.
 */
class PoRow implements ReconcileRow {
  activeOrders = 0;
  cancelledOrders = 0;
  verdicts: readonly Verdict[] = [];
  blanket: BlanketBudgetStatus | null = null;
  listed: boolean | null = null;
  #summary: Summary | null = null;
  #check: PoCheck | null = null;
  #policy: Policy | null = null;
  #now: Date | null = null;

  constructor(
    readonly po: string,
    /** Sorted by date. */
    readonly orders: OrderReport[],
  ) {
    for (const order of orders) if (order.orderStatus === 'CANCELLED') this.cancelledOrders += 1;
    this.activeOrders = orders.length - this.cancelledOrders;
  }

  checked(check: PoCheck, policy: Policy, now: Date): void {
    this.#check = check;
    this.#policy = policy;
    this.#now = now;
  }

  get diagnosis(): Diagnosis | null {
    return this.#check && diagnose(this.#check, this.#policy!, this.po, this.#now!);
  }
  get totals(): CurrencyTotal[] {
    return (this.#summary ??= summarize(this.orders)).totals;
  }
  get cancelledTotals(): CurrencyTotal[] {
    return (this.#summary ??= summarize(this.orders)).cancelledTotals;
  }
  get byStatus(): Record<string, number> {
    return (this.#summary ??= summarize(this.orders)).byStatus;
  }
  get buyers(): string[] {
    return (this.#summary ??= summarize(this.orders)).buyers;
  }
  get regions(): string[] {
    return (this.#summary ??= summarize(this.orders)).regions;
  }
  get firstDate(): string | null {
    return this.orders[0]?.orderMetadata.orderDate ?? null;
  }
  get lastDate(): string | null {
    return this.orders.at(-1)?.orderMetadata.orderDate ?? null;
  }
}

// Sums in thousandths of the currency unit, as summarizeOrders (lib/api/summary.ts) sums them for the popup.
const SCALE = 1000;
const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Adds `scaled` to the currency's sum; a PO's orders have one or two currencies, so a list beats a Map. */
function add(sums: CurrencyTotal[], currencyCode: string, scaled: number): void {
  for (const sum of sums)
    if (sum.currencyCode === currencyCode) {
      sum.amount += scaled;
      return;
    }
  sums.push({ currencyCode, amount: scaled });
}
function unscale(sums: CurrencyTotal[]): CurrencyTotal[] {
  for (const sum of sums) sum.amount /= SCALE;
  // Currency codes are ASCII letters: code units sort them as localeCompare does.
  if (sums.length > 1) sums.sort((a, b) => byText(a.currencyCode, b.currencyCode));
  return sums;
}

/** Totals (cancelled apart), statuses, buyers and regions of a PO's orders, in one pass. */
function summarize(orders: readonly OrderReport[]): Summary {
  const totals: CurrencyTotal[] = [];
  const cancelledTotals: CurrencyTotal[] = [];
  const byStatus: Record<string, number> = {};
  const buyers: string[] = [];
  const regions: string[] = [];
  for (const order of orders) {
    const status = order.orderStatus;
    byStatus[status] = (byStatus[status] ?? 0) + 1;
    const into = status === 'CANCELLED' ? cancelledTotals : totals;
    for (const charge of order.charges)
      if (charge.type === 'NET_TOTAL') add(into, charge.amount.currencyCode, Math.round(charge.amount.amount * SCALE));
    const buyer = order.buyingCustomer?.name ?? order.buyingCustomer?.email;
    if (buyer && !buyers.includes(buyer)) buyers.push(buyer);
    const region = order.orderMetadata.region;
    if (region && !regions.includes(region)) regions.push(region);
  }
  if (buyers.length > 1) buyers.sort((a, b) => a.localeCompare(b));
  if (regions.length > 1) regions.sort();
  return { totals: unscale(totals), cancelledTotals: unscale(cancelledTotals), byStatus, buyers, regions };
}

/** Most rows have one verdict: one shared (frozen) list each, rather than 10,000 lists to make and collect. */
const ALONE = Object.fromEntries(VERDICTS.map((verdict) => [verdict, Object.freeze([verdict])])) as Record<
  Verdict,
  readonly Verdict[]
>;
const verdictOrder = (a: Verdict, b: Verdict) => VERDICTS.indexOf(a) - VERDICTS.indexOf(b);

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
  const byPo = policy ? checksFor(policy, localIsoDate(now)) : null;
  // Only these can have a budget status: blanketBudgetStatus is asked about them alone.
  const blanketPos = new Set(policy?.blanketPos?.map((entry) => poKey(policy, entry.po)));

  const rows: ReconcileRow[] = [];
  // Rows in PO order (code units, as the table sorts): the table's default sort then finds them sorted already.
  for (const po of [...groups.keys()].sort()) {
    const group = groups.get(po)!;
    // ISO dates and POs sort by their code units; localeCompare would cost more than all the rest.
    if (group.length > 1) group.sort((a, b) => byText(a.orderMetadata.orderDate, b.orderMetadata.orderDate));
    const row = new PoRow(po, group);
    const verdicts: Verdict[] = [];
    if (group.length === 0) {
      verdicts.push('listed-no-order');
    } else if (po === '') {
      verdicts.push('no-po');
    } else if (!policy) {
      verdicts.push('unchecked');
    } else {
      const check = checkPo(byPo!, policy, po, now);
      if (check.invalid) {
        verdicts.push('non-compliant');
        row.checked(check, policy, now);
      }
      const blanket = blanketPos.has(po) ? blanketBudgetStatus(policy, po, group, now) : null;
      row.blanket = blanket;
      if (blanket)
        verdicts.push(...(blanket.level === 'over' ? (['over-budget', 'blanket'] as const) : ['blanket' as const]));
      if (!blanket && policy.reuse !== 'allow' && row.activeOrders > expected) verdicts.push('reused');
      if (verdicts.length === 0) verdicts.push('compliant');
    }
    if (listed) {
      row.listed = listed.has(po);
      if (group.length > 0 && !row.listed) verdicts.push('not-in-list');
    }
    if (verdicts.length > 1) verdicts.sort(verdictOrder);
    row.verdicts = verdicts.length === 1 ? ALONE[verdicts[0]!] : verdicts;
    rows.push(row);
  }
  return rows;
}

/** Rows per verdict (a row counts under each of its verdicts), for the filter chips and the summary export. */
export function countVerdicts(rows: readonly ReconcileRow[]): Record<Verdict, number> {
  const counts = Object.fromEntries(VERDICTS.map((verdict) => [verdict, 0])) as Record<Verdict, number>;
  for (const row of rows) for (const verdict of row.verdicts) counts[verdict] += 1;
  return counts;
}
