import { addDays, getOrderReports, msToDay } from '@/lib/api/order-reports';
import type { ReportsDeps } from '@/lib/api/reports';
import { authConfigOf } from '@/lib/storage/api-access';
import type { ApiAccess } from '@/lib/storage/items';

/**
 * The POs Amazon Business already has orders under, by prefix, for Generate (issue 10, point 4): the Reporting
 * API's order reports over a date range (getOrderReports) carry each order's PO. Runs in the background only
 * (it needs the access token); the checkout page gets the generated PO, never the orders or other POs.
 */
export interface AmazonUsedPosDeps {
  readAccess(): Promise<ApiAccess | null>;
  reportsDeps(access: ApiAccess): ReportsDeps;
  now?: () => number;
}

/** Sequences reach back this far (one getOrderReports window; Amazon keeps two years). */
export const USED_POS_DAYS = 366;
/** A prefix's POs are asked again after this long (a colleague may have ordered meanwhile). */
export const USED_POS_CACHE_MS = 10 * 60_000;
/**
 * Pages read per prefix at most, so Generate stays quick inside the rate limit's burst. What lies beyond is still
 * caught: the generated PO is checked on its own (the reuse check) before it is offered.
 */
export const USED_POS_MAX_PAGES = 10;

export type AmazonUsedPos = (prefix: string, options?: { signal?: AbortSignal }) => Promise<string[] | null>;

/** Null when API access is not set (the number is then only checked against this browser's history). */
export function createAmazonUsedPos(deps: AmazonUsedPosDeps): AmazonUsedPos {
  const now = deps.now ?? Date.now;
  const cache = new Map<string, { at: number; pos: string[] }>();
  return async (prefix, options = {}) => {
    const access = await deps.readAccess();
    if (!access || !authConfigOf(access)) return null;
    const wanted = prefix.toUpperCase();
    const key = `${access.region}|${access.sandbox}|${wanted}`;
    const known = cache.get(key);
    if (known && now() - known.at < USED_POS_CACHE_MS) return known.pos;
    const to = msToDay(now());
    const range = { from: addDays(to, -(USED_POS_DAYS - 1)), to };
    const found = new Set<string>();
    let nextPageToken: string | undefined;
    for (let page = 0; page < USED_POS_MAX_PAGES; page++) {
      const result = await getOrderReports(
        { ...range, region: access.region, sandbox: access.sandbox, nextPageToken, signal: options.signal },
        deps.reportsDeps(access),
      );
      for (const order of result.ordersReport) {
        const po = order.purchaseOrderNumber?.trim().toUpperCase();
        if (po?.startsWith(wanted)) found.add(po);
      }
      // A token the server repeats would loop: stop there, as the by-PO paging does.
      const next = result.nextPageToken || undefined;
      if (!next || next === nextPageToken) break;
      nextPageToken = next;
    }
    const pos = [...found];
    cache.set(key, { at: now(), pos });
    if (cache.size > 100) cache.delete(cache.keys().next().value!);
    return pos;
  };
}
