import type { Region } from '../amazon/marketplaces';
import type { TokenProvider } from './auth';
import {
  ApiResponseError,
  AuthError,
  MalformedResponseError,
  NetworkError,
  PagingError,
  ThrottledError,
  serializeApiError,
  type SerializedApiError,
} from './errors';
import { regionHost } from './regions';
import { errorListSchema, formatIssuePath, ordersPageSchema, type OrderReport, type OrdersPage } from './schemas';
import { parseRetryAfter, retry, systemClock, type Clock, type RateLimiter, type RetryOptions } from './scheduler';

/**
 * `getOrderReportsByPurchaseOrderNumber` of the Reporting API v2025-06-09, one page at a time, and a lookup
 * that follows the pages. Background only: takes fetch, tokens and the shared scheduler as parameters.
 */
export const REPORTS_API_VERSION = '2025-06-09';
export const DEFAULT_MAX_PAGES = 100;

export interface ReportsDeps {
  /** Called as a plain function (never as a method), so the global `fetch` can be passed as it is. */
  fetch: typeof fetch;
  tokens: TokenProvider;
  /** The one scheduler of this operation, shared by every caller in the background. */
  scheduler: RateLimiter;
  clock?: Clock;
  random?: () => number;
  /** Retry tuning (attempts, backoff, per-request timeout); defaults in RETRY_DEFAULTS. */
  retry?: Pick<
    RetryOptions,
    'attempts' | 'baseDelayMs' | 'maxDelayMs' | 'maxRetryAfterMs' | 'timeoutMs' | 'onRetry' | 'priority' | 'onWait'
  >;
}

export interface PageRequest {
  po: string;
  region: Region;
  nextPageToken?: string;
  /** Amazon's static sandbox hosts (`sandbox.na.business-api.amazon.com`, …). */
  sandbox?: boolean;
  signal?: AbortSignal;
}

export interface FetchedPage extends OrdersPage {
  /** `x-amzn-RequestId`, for support requests to Amazon. */
  requestId?: string;
}

/** The request URL; the PO is one path segment, so it is percent-encoded (`/`, `#`, `?`, spaces, …). */
export function orderReportsUrl(request: Pick<PageRequest, 'po' | 'region' | 'nextPageToken' | 'sandbox'>): string {
  const url = new URL(
    `https://${regionHost(request.region, { sandbox: request.sandbox })}/reports/${REPORTS_API_VERSION}` +
      `/purchaseOrders/${encodeURIComponent(request.po)}/orderReports`,
  );
  url.searchParams.set('region', request.region);
  if (request.nextPageToken) url.searchParams.set('nextPageToken', request.nextPageToken);
  return url.toString();
}

/** `.` and `..` would be read as path steps even when encoded, so they cannot be sent as a PO. */
function checkPo(po: string): void {
  if (po.trim() === '' || po === '.' || po === '..') {
    throw new ApiResponseError({
      status: 0,
      code: 'InvalidInput',
      message: 'Enter a purchase order number to look up.',
    });
  }
}

/**
 * One page of orders. Waits for the scheduler, retries 429/5xx/network failures with backoff, and on 401/403
 * drops the token, gets a new one and tries once more before giving up with an `auth` error.
 */
export async function getOrderReportsByPurchaseOrderNumber(
  request: PageRequest,
  deps: ReportsDeps,
): Promise<FetchedPage> {
  checkPo(request.po);
  return fetchReportsPage(orderReportsUrl(request), request.signal, deps);
}

/** One page of any Reporting API orders URL, with the scheduling, retry and auth rules described above. */
export async function fetchReportsPage(
  url: string,
  requestSignal: AbortSignal | undefined,
  deps: ReportsDeps,
): Promise<FetchedPage> {
  const clock = deps.clock ?? systemClock;
  for (let authAttempt = 1; ; authAttempt++) {
    let sentToken: string | undefined;
    try {
      return await retry((signal) => fetchPage(url, sentToken!, signal, deps.fetch, clock), {
        ...deps.retry,
        signal: requestSignal,
        clock,
        random: deps.random,
        scheduler: deps.scheduler,
        // The token first, then the rate-limit slot: a token refresh must not spend the slot's time.
        beforeAttempt: async (signal) => {
          sentToken = await deps.tokens.getToken(signal);
        },
      });
    } catch (error) {
      if (error instanceof AuthError && error.reason === 'forbidden' && authAttempt === 1) {
        deps.tokens.invalidate(sentToken);
        continue;
      }
      throw error;
    }
  }
}

async function fetchPage(
  url: string,
  token: string,
  signal: AbortSignal,
  fetchImpl: typeof fetch,
  clock: Clock,
): Promise<FetchedPage> {
  let response: Response;
  let text: string;
  try {
    response = await fetchImpl(url, {
      method: 'GET',
      headers: { accept: 'application/json', 'x-amz-access-token': token },
      credentials: 'omit',
      cache: 'no-store',
      signal,
    });
    text = await response.text();
  } catch (error) {
    // Aborts (timeout, cancel) are replaced by their typed reason in withTimeout.
    throw new NetworkError({
      message: `Could not reach Amazon (${error instanceof Error ? error.message : String(error)}).`,
    });
  }

  const status = response.status;
  const requestId = response.headers.get('x-amzn-requestid') ?? undefined;
  const json = parseJson(text);
  const isHtml = /text\/html/i.test(response.headers.get('content-type') ?? '') || /^\s*</.test(text);
  const apiError = errorListSchema.safeParse(json).data?.errors[0];

  if (status === 429) {
    throw new ThrottledError({
      retryAfterMs: parseRetryAfter(response.headers.get('retry-after'), clock.now()),
      requestId,
    });
  }
  if (status === 401 || status === 403) {
    throw new AuthError({
      reason: 'forbidden',
      status,
      code: apiError?.code,
      requestId,
      message:
        `Amazon refused the access token${apiError?.message ? ` (${apiError.message})` : ''}. ` +
        'The account may lack the Reporting API role, or the credentials belong to another business.',
    });
  }
  if (status < 200 || status >= 300) {
    throw new ApiResponseError({
      status,
      code: apiError?.code,
      details: apiError?.details,
      requestId,
      message: apiError
        ? `Amazon answered HTTP ${status}: ${apiError.message || apiError.code}`
        : `Amazon answered HTTP ${status}${isHtml ? ' with an HTML error page' : ''}.`,
    });
  }
  if (json === undefined) {
    throw new MalformedResponseError({
      status,
      requestId,
      message: isHtml
        ? 'Amazon answered with an HTML page instead of order data.'
        : 'Amazon’s answer is not valid JSON (it may have been cut off).',
    });
  }
  const parsed = ordersPageSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const path = formatIssuePath(issue.path);
    throw new MalformedResponseError({
      status,
      requestId,
      path,
      message: `Amazon’s answer has an unexpected shape at ${path || 'the top level'}: ${issue.message}.`,
    });
  }
  return { ...parsed.data, requestId };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

export interface LookupProgress {
  pages: number;
  /** Orders received so far, all pages. */
  orders: number;
  /** The orders of the page that just arrived. */
  pageOrders: readonly OrderReport[];
}

export interface LookupRequest {
  po: string;
  region: Region;
  sandbox?: boolean;
  signal?: AbortSignal;
  onPage?: (progress: LookupProgress) => void;
  /** Stop with a `paging` error rather than fetch more pages than this. Default 100. */
  maxPages?: number;
}

/**
 * The outcome of a lookup, success or not: the orders of every page fetched before anything went wrong are
 * kept, and `complete` says whether they are all of them.
 */
export interface LookupResult {
  orders: OrderReport[];
  pages: number;
  complete: boolean;
  error?: SerializedApiError;
}

/** All orders under a PO: follows `nextPageToken` until it is absent, null or empty. Never rejects. */
export async function lookupOrdersByPo(request: LookupRequest, deps: ReportsDeps): Promise<LookupResult> {
  const maxPages = request.maxPages ?? DEFAULT_MAX_PAGES;
  const orders: OrderReport[] = [];
  const seenTokens = new Set<string>();
  let pages = 0;
  let nextPageToken: string | undefined;
  try {
    do {
      if (pages >= maxPages) throw new PagingError({ reason: 'page-cap', pages });
      const page = await getOrderReportsByPurchaseOrderNumber(
        { po: request.po, region: request.region, sandbox: request.sandbox, signal: request.signal, nextPageToken },
        deps,
      );
      pages += 1;
      orders.push(...page.ordersReport);
      request.onPage?.({ pages, orders: orders.length, pageOrders: page.ordersReport });
      nextPageToken = page.nextPageToken;
      if (nextPageToken !== undefined) {
        if (seenTokens.has(nextPageToken)) throw new PagingError({ reason: 'repeated-token', pages });
        seenTokens.add(nextPageToken);
      }
    } while (nextPageToken !== undefined);
    return { orders, pages, complete: true };
  } catch (error) {
    return { orders, pages, complete: false, error: serializeApiError(error) };
  }
}
