import { addDays, getOrderReports, msToDay, type DayRange } from '@/lib/api/order-reports';
import type { FetchedPage, ReportsDeps } from '@/lib/api/reports';
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

/** Sequences reach back this far (what one getOrderReports request may span; Amazon keeps two years). */
export const USED_POS_DAYS = 366;
/** A prefix's POs are asked again after this long (a colleague may have ordered meanwhile). */
export const USED_POS_CACHE_MS = 10 * 60_000;
/**
 * Pages read per prefix at most, so Generate stays quick inside the rate limit's burst. What lies beyond is still
 * caught: the generated PO is checked on its own (the reuse check) before it is offered.
 */
export const USED_POS_MAX_PAGES = 10;
/**
 * The year is read in windows, newest first (the last week, then the month, the quarter, the rest): a sequence grows
 * with time, so its highest numbers are in the latest orders, which a busy account's page cap would otherwise never
 * reach if one range's pages came oldest first (the simulator's do; Amazon does not say). Four windows cost a quiet
 * account three extra requests.
 */
export const USED_POS_WINDOWS_DAYS = [7, 30, 91, USED_POS_DAYS] as const;

/** The day ranges of USED_POS_WINDOWS_DAYS ending today, newest first, each starting where the next one ends. */
export function newestFirst(today: string): DayRange[] {
  const ranges: DayRange[] = [];
  let to = today;
  for (const days of USED_POS_WINDOWS_DAYS) {
    const from = addDays(today, -(days - 1));
    ranges.push({ from, to });
    to = addDays(from, -1);
  }
  return ranges;
}

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
    const read = { found: new Set<string>(), pages: 0 };
    const request = { region: access.region, sandbox: access.sandbox, signal: options.signal };
    try {
      await readNewestFirst(wanted, msToDay(now()), read, (range, nextPageToken) =>
        getOrderReports({ ...range, ...request, nextPageToken }, deps.reportsDeps(access)),
      );
    } catch (error) {
      // What the newer windows showed still counts (each candidate is checked by PO anyway), but is not kept.
      if (read.pages === 0 || options.signal?.aborted) throw error;
      return [...read.found];
    }
    const pos = [...read.found];
    cache.set(key, { at: now(), pos });
    if (cache.size > 100) cache.delete(cache.keys().next().value!);
    return pos;
  };
}

/** Reads the windows newest first into `read`, until the pages run out or USED_POS_MAX_PAGES are read. */
async function readNewestFirst(
  wanted: string,
  today: string,
  read: { found: Set<string>; pages: number },
  page: (range: DayRange, nextPageToken: string | undefined) => Promise<FetchedPage>,
): Promise<void> {
  for (const range of newestFirst(today)) {
    let nextPageToken: string | undefined;
    do {
      const result = await page(range, nextPageToken);
      read.pages += 1;
      for (const order of result.ordersReport) {
        const po = order.purchaseOrderNumber?.trim().toUpperCase();
        if (po?.startsWith(wanted)) read.found.add(po);
      }
      // A token the server repeats would loop: stop there, as the by-PO paging does.
      const next = result.nextPageToken || undefined;
      nextPageToken = next === nextPageToken ? undefined : next;
    } while (nextPageToken && read.pages < USED_POS_MAX_PAGES);
    if (read.pages >= USED_POS_MAX_PAGES) return;
  }
}
