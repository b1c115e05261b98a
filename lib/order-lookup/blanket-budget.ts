import type { OrderReport } from '@/lib/api/schemas';
import { AMOUNT_SCALE, blanketOrdersSummary, type CurrencyTotal } from '@/lib/api/summary';
import { localIsoDate, type BlanketPo } from '@/lib/policy/blanket';
import type { Policy } from '@/lib/policy/schema';
import { normalisePo } from '@/lib/policy/validate';

/**
 * Spend against a blanket PO's budget (Amazon's "Budgets (Blanket PO)"), for the popup. Pure.
 *
 * Spend is the NET_TOTAL of the orders that are not cancelled, in the budget's currency. Totals in other currencies
 * are listed apart: they are never added to it or converted.
 */

export type BudgetLevel = 'ok' | 'warning' | 'over';
export type BlanketWindowState = 'active' | 'expired' | 'not-yet';

/** Spend above this share of the budget (in %) earns a warning. */
export const BUDGET_WARNING_PERCENT = 80;

export interface BlanketBudgetStatus {
  /** The PO as the policy writes it, and its label. */
  po: string;
  label: string | null;
  budget: { amount: number; currencyCode: string } | null;
  /** Spend in the budget's currency; null without a budget. */
  spent: number | null;
  /** Spend in every other currency (without a budget: in every currency), sorted by currency code. */
  otherCurrencies: CurrencyTotal[];
  /** spent / budget (above 1 when over; Infinity for spend against a budget of 0); null without a budget. */
  ratio: number | null;
  /** `warning` once spend passes 80 % of the budget, `over` once it passes the budget. */
  level: BudgetLevel;
  /** Budget minus spend, negative when over; null without a budget. */
  remaining: number | null;
  /** The validity window (YYYY-MM-DD, both ends inclusive) and where today stands in it. */
  window: { from?: string; to?: string; state: BlanketWindowState };
  /** Orders not cancelled that have no NET_TOTAL: not counted, so the spend may be higher. */
  withoutNetTotal: number;
  /**
   * The policy lists this PO more than once (one entry per period): only the orders dated inside this entry's window
   * are counted, so last year's orders do not eat this year's budget.
   */
  datedOrdersOnly: boolean;
}

/**
 * The budget status of `po` when it is one of the policy's blanket POs (compared after trimming, and ignoring case
 * when the policy does), else null. When the policy lists the PO more than once, the entry valid today is used,
 * else the next one to start, else the last one to end.
 */
export function blanketBudgetStatus(
  policy: Policy | null,
  po: string,
  orders: readonly OrderReport[],
  now: Date,
): BlanketBudgetStatus | null {
  if (!policy?.blanketPos?.length) return null;
  const key = normalisePo(policy, po);
  if (key === '') return null;
  const entries = policy.blanketPos.filter((entry) => normalisePo(policy, entry.po) === key);
  const today = localIsoDate(now);
  const entry = pickEntry(entries, today);
  if (!entry) return null;

  const datedOrdersOnly = entries.length > 1;
  const { summary, openWithoutNetTotal, spentScaled, budgetScaled } = blanketOrdersSummary(entry, orders, {
    datedOnly: datedOrdersOnly,
  });
  const window = {
    ...(entry.validFrom ? { from: entry.validFrom } : {}),
    ...(entry.validTo ? { to: entry.validTo } : {}),
    state: windowState(entry, today),
  };
  const base = {
    po: entry.po,
    label: entry.label ?? null,
    window,
    withoutNetTotal: openWithoutNetTotal,
    datedOrdersOnly,
  };

  const budget = entry.budget;
  if (!budget || spentScaled === null || budgetScaled === null) {
    return {
      ...base,
      budget: null,
      spent: null,
      otherCurrencies: summary.totals,
      ratio: null,
      level: 'ok',
      remaining: null,
    };
  }
  const level: BudgetLevel =
    spentScaled > budgetScaled ? 'over' : spentScaled * 100 > budgetScaled * BUDGET_WARNING_PERCENT ? 'warning' : 'ok';
  return {
    ...base,
    budget: { amount: budget.amount, currencyCode: budget.currencyCode },
    spent: spentScaled / AMOUNT_SCALE,
    otherCurrencies: summary.totals.filter((total) => total.currencyCode !== budget.currencyCode),
    ratio: budgetScaled > 0 ? spentScaled / budgetScaled : spentScaled > 0 ? Infinity : 0,
    level,
    remaining: (budgetScaled - spentScaled) / AMOUNT_SCALE,
  };
}

function windowState(entry: Pick<BlanketPo, 'validFrom' | 'validTo'>, today: string): BlanketWindowState {
  if (entry.validFrom && today < entry.validFrom) return 'not-yet';
  if (entry.validTo && entry.validTo < today) return 'expired';
  return 'active';
}

function pickEntry(entries: readonly BlanketPo[], today: string): BlanketPo | undefined {
  const active = entries.find((entry) => windowState(entry, today) === 'active');
  if (active) return active;
  // Dates are YYYY-MM-DD, so they compare as strings; a not-yet entry has a start, an expired one an end.
  const upcoming = entries
    .filter((entry) => windowState(entry, today) === 'not-yet')
    .sort((a, b) => (a.validFrom ?? '').localeCompare(b.validFrom ?? ''));
  if (upcoming[0]) return upcoming[0];
  return entries
    .filter((entry) => windowState(entry, today) === 'expired')
    .sort((a, b) => (b.validTo ?? '').localeCompare(a.validTo ?? ''))[0];
}
