import type { Region } from '../amazon/marketplaces';
import { ApiResponseError } from './errors';
import { regionHost } from './regions';
import { fetchReportsPage, REPORTS_API_VERSION, type FetchedPage, type ReportsDeps } from './reports';
import type { Priority } from './scheduler';

/**
 * `getOrderReports` of the Reporting API v2025-06-09: every order of a date range in one region, one page at a
 * time. Same usage plan, auth, retry and error rules as the by-PO operation (the shared code is in reports.ts).
 *
 * Dates: a period is a range of whole UTC days, `from` and `to` inclusive (YYYY-MM-DD). It is sent as
 * `orderStartDate=<from>T00:00:00Z` and `orderEndDate=<to>T23:59:59Z`. One request covers at most 366 days;
 * longer periods are split with splitPeriod.
 */

export const MAX_WINDOW_DAYS = 366;
const DAY_MS = 86_400_000;

export interface DayRange {
  /** YYYY-MM-DD, inclusive. */
  from: string;
  /** YYYY-MM-DD, inclusive. */
  to: string;
}

export interface DateRangePageRequest extends DayRange {
  region: Region;
  nextPageToken?: string;
  sandbox?: boolean;
  signal?: AbortSignal;
  /** The scheduler's queue: `background` for bulk fetches, so the popup's lookups go first. Default `interactive`. */
  priority?: Priority;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Milliseconds of a YYYY-MM-DD UTC day, or NaN when it is not a real calendar day. */
export function dayToMs(day: string): number {
  if (!DAY.test(day)) return Number.NaN;
  const ms = Date.parse(`${day}T00:00:00Z`);
  return Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== day ? Number.NaN : ms;
}

export function msToDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function addDays(day: string, days: number): string {
  return msToDay(dayToMs(day) + days * DAY_MS);
}

/** Days in a range, both ends counted. */
export function daysInRange(range: DayRange): number {
  return Math.round((dayToMs(range.to) - dayToMs(range.from)) / DAY_MS) + 1;
}

function checkRange(range: DayRange): void {
  const from = dayToMs(range.from);
  const to = dayToMs(range.to);
  if (Number.isNaN(from) || Number.isNaN(to) || from > to) {
    throw new ApiResponseError({
      status: 0,
      code: 'InvalidInput',
      message: `Not a date range: ${range.from} to ${range.to}.`,
    });
  }
}

/** Consecutive windows of at most `maxDays` days that cover the range exactly, oldest first. */
export function splitPeriod(range: DayRange, maxDays = MAX_WINDOW_DAYS): DayRange[] {
  checkRange(range);
  const windows: DayRange[] = [];
  let from = range.from;
  while (dayToMs(from) <= dayToMs(range.to)) {
    const end = addDays(from, maxDays - 1);
    const to = dayToMs(end) < dayToMs(range.to) ? end : range.to;
    windows.push({ from, to });
    from = addDays(to, 1);
  }
  return windows;
}

export function orderReportsByDateUrl(request: Omit<DateRangePageRequest, 'signal' | 'priority'>): string {
  const url = new URL(
    `https://${regionHost(request.region, { sandbox: request.sandbox })}/reports/${REPORTS_API_VERSION}/orderReports`,
  );
  url.searchParams.set('orderStartDate', `${request.from}T00:00:00Z`);
  url.searchParams.set('orderEndDate', `${request.to}T23:59:59Z`);
  url.searchParams.set('region', request.region);
  if (request.nextPageToken) url.searchParams.set('nextPageToken', request.nextPageToken);
  return url.toString();
}

/** One page of the orders of a window of at most 366 days. */
export async function getOrderReports(request: DateRangePageRequest, deps: ReportsDeps): Promise<FetchedPage> {
  checkRange(request);
  if (daysInRange(request) > MAX_WINDOW_DAYS) {
    throw new ApiResponseError({
      status: 0,
      code: 'InvalidInput',
      message: `One request covers at most ${MAX_WINDOW_DAYS} days; split the period first.`,
    });
  }
  const scheduled = request.priority ? { ...deps, retry: { ...deps.retry, priority: request.priority } } : deps;
  return fetchReportsPage(orderReportsByDateUrl(request), request.signal, scheduled);
}
