import { lookupOrdersByPo, type ReportsDeps } from '@/lib/api/reports';
import type { OrderReport } from '@/lib/api/schemas';
import { AMOUNT_SCALE, blanketOrdersSummary } from '@/lib/api/summary';
import type { BlanketPo } from '@/lib/policy/blanket';
import { authConfigOf } from '@/lib/storage/api-access';
import type { ApiAccess } from '@/lib/storage/items';

/**
 * What a blanket PO has left of its budget, for the Generate panel (issue 10, point 7). Worked out in the background
 * from Amazon's orders under the PO; the checkout page gets the figures only, never the orders.
 */
export type BlanketSpend =
  | { known: false }
  | {
      known: true;
      currencyCode: string;
      /** NET_TOTAL of the orders not cancelled, in the budget's currency. */
      spent: number;
      /** Budget minus spend: negative when over budget. */
      remaining: number;
    };

const UNKNOWN: BlanketSpend = { known: false };

/**
 * The spend of complete order history under a blanket PO against its budget. Cancelled orders do not count; totals
 * in other currencies are neither added nor converted. An order that is not cancelled but has no NET_TOTAL makes
 * the spend unknown: a figure that may be too low is worse than none. `datedOnly` (the policy lists the PO once per
 * period) counts only the orders placed inside this entry's validity, as the popup's budget view does.
 */
export function blanketSpend(
  entry: Pick<BlanketPo, 'budget' | 'validFrom' | 'validTo'>,
  orders: readonly OrderReport[],
  { datedOnly = false }: { datedOnly?: boolean } = {},
): BlanketSpend {
  const budget = entry.budget;
  if (!budget) return UNKNOWN;
  const { openWithoutNetTotal, spentScaled, budgetScaled } = blanketOrdersSummary(entry, orders, { datedOnly });
  if (openWithoutNetTotal > 0 || spentScaled === null || budgetScaled === null) return UNKNOWN;
  return {
    known: true,
    currencyCode: budget.currencyCode,
    spent: spentScaled / AMOUNT_SCALE,
    remaining: (budgetScaled - spentScaled) / AMOUNT_SCALE,
  };
}

export interface BlanketSpendDeps {
  readAccess(): Promise<ApiAccess | null>;
  /** The lookups' token provider and shared scheduler (the popup's lookups go before these). */
  reportsDeps(access: ApiAccess): ReportsDeps;
  now?: () => number;
}

/** A blanket PO's answer is reused this long: opening the panel again, or on the next page, asks Amazon nothing. */
export const BLANKET_SPEND_CACHE_MS = 5 * 60_000;
/** A PO with more orders than this many pages is not added up at checkout (its spend reads as not known). */
export const BLANKET_SPEND_MAX_PAGES = 30;

export type BlanketSpendLookup = (
  po: string,
  entry: Pick<BlanketPo, 'budget' | 'validFrom' | 'validTo'>,
  options: { datedOnly: boolean },
) => Promise<BlanketSpend>;

/**
 * Looks the blanket PO's orders up by PO (every page, at background priority in the shared scheduler) and caches
 * the figures per PO for a few minutes. Not known without API access, on any error, or when the pages run out.
 */
export function createBlanketSpendLookup(deps: BlanketSpendDeps): BlanketSpendLookup {
  const now = deps.now ?? Date.now;
  const cache = new Map<string, { at: number; spend: BlanketSpend }>();
  const running = new Map<string, Promise<BlanketSpend>>();
  return async (po, entry, { datedOnly }) => {
    const access = await deps.readAccess();
    if (!access || !authConfigOf(access) || !entry.budget) return UNKNOWN;
    const key = JSON.stringify([access.region, access.sandbox, po, entry.budget, entry.validFrom, entry.validTo]);
    const known = cache.get(key);
    if (known && now() - known.at < BLANKET_SPEND_CACHE_MS) return known.spend;
    const pending = running.get(key);
    if (pending) return pending;
    const reportsDeps = deps.reportsDeps(access);
    const answer = lookupOrdersByPo(
      { po, region: access.region, sandbox: access.sandbox, maxPages: BLANKET_SPEND_MAX_PAGES },
      { ...reportsDeps, retry: { ...reportsDeps.retry, priority: 'background' } },
    )
      .then((result) => {
        if (!result.complete) return UNKNOWN;
        const spend = blanketSpend(entry, result.orders, { datedOnly });
        cache.set(key, { at: now(), spend });
        if (cache.size > 50) cache.delete(cache.keys().next().value!);
        return spend;
      })
      .finally(() => running.delete(key));
    running.set(key, answer);
    return answer;
  };
}
