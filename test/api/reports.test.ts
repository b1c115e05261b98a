import { describe, expect, it } from 'vitest';
import type { Region } from '@/lib/amazon/marketplaces';
import {
  getOrderReportsByPurchaseOrderNumber,
  lookupOrdersByPo,
  orderReportsUrl,
  type ReportsDeps,
} from '@/lib/api/reports';
import {
  countingTokens,
  errorList,
  jsonResponse,
  openScheduler,
  pageResponse,
  stubFetch,
  wireOrder,
  type StubHandler,
} from './support';

/** Deps with no rate limit and no backoff wait, so only the logic under test decides what happens. */
function deps(handler: StubHandler, overrides: Partial<ReportsDeps> = {}) {
  const fetch = stubFetch(handler);
  const tokens = countingTokens();
  const scheduler = openScheduler();
  const deps: ReportsDeps = { fetch, tokens, scheduler, random: () => 0, ...overrides };
  return { fetch, tokens, scheduler, deps };
}

describe('the request', () => {
  it.each([
    ['US', false, 'https://na.business-api.amazon.com'],
    ['MX', false, 'https://na.business-api.amazon.com'],
    ['UK', false, 'https://eu.business-api.amazon.com'],
    ['IN', false, 'https://eu.business-api.amazon.com'],
    ['JP', false, 'https://jp.business-api.amazon.com'],
    ['AU', true, 'https://sandbox.jp.business-api.amazon.com'],
  ] as const)('region %s (sandbox %s) goes to %s', (region, sandbox, origin) => {
    const url = new URL(orderReportsUrl({ po: 'MKT-202611-0042', region, sandbox }));
    expect(url.origin).toBe(origin);
    expect(url.pathname).toBe('/reports/2025-06-09/purchaseOrders/MKT-202611-0042/orderReports');
    expect(url.searchParams.get('region')).toBe(region);
  });

  it('percent-encodes the PO as one path segment and sends the token headers', async () => {
    const { fetch, deps: d } = deps(() => pageResponse(['a']));
    await getOrderReportsByPurchaseOrderNumber({ po: 'R&D/2026 #7+Q3?', region: 'US', nextPageToken: 'a+b/c=' }, d);
    const call = fetch.calls[0]!;
    expect(call.url).toBe(
      'https://na.business-api.amazon.com/reports/2025-06-09/purchaseOrders/R%26D%2F2026%20%237%2BQ3%3F/orderReports' +
        '?region=US&nextPageToken=a%2Bb%2Fc%3D',
    );
    expect(call.headers.get('accept')).toBe('application/json');
    expect(call.headers.get('x-amz-access-token')).toBe('token-1');
    expect(call.credentials).toBe('omit');
  });

  it.each(['', '  ', '.', '..'])('refuses the PO %j without sending anything', async (po) => {
    const { fetch, deps: d } = deps(() => pageResponse([]));
    await expect(getOrderReportsByPurchaseOrderNumber({ po, region: 'US' }, d)).rejects.toMatchObject({
      kind: 'api',
      status: 0,
      code: 'InvalidInput',
    });
    expect(fetch.calls).toHaveLength(0);
  });

  it('waits for the scheduler before every request', async () => {
    const { scheduler, deps: d } = deps((_, i) =>
      i === 0 ? errorList(503, 'ServiceUnavailable', 'busy') : pageResponse(['a']),
    );
    await getOrderReportsByPurchaseOrderNumber({ po: 'P', region: 'US' }, d);
    expect(scheduler.acquired).toBe(2);
  });
});

describe('one page: answers', () => {
  it('returns the parsed page with its request id', async () => {
    const { deps: d } = deps(() => pageResponse(['114-1', '114-2'], 'next'));
    const page = await getOrderReportsByPurchaseOrderNumber({ po: 'P', region: 'US' }, d);
    expect(page.ordersReport.map((o) => o.orderMetadata.orderId)).toEqual(['114-1', '114-2']);
    expect(page.nextPageToken).toBe('next');
    expect(page.requestId).toBe('req-200');
  });

  it('on 403 drops the token, gets a new one and tries once more', async () => {
    const {
      fetch,
      tokens,
      deps: d,
    } = deps((_, i) =>
      i === 0 ? errorList(403, 'Unauthorized', 'Access to requested resource is denied.') : pageResponse(['a']),
    );
    const page = await getOrderReportsByPurchaseOrderNumber({ po: 'P', region: 'US' }, d);
    expect(page.ordersReport).toHaveLength(1);
    expect(fetch.calls.map((c) => c.headers.get('x-amz-access-token'))).toEqual(['token-1', 'token-2']);
    expect(tokens.invalidated).toEqual(['token-1']);
  });

  it('a second 403 ends with a clear auth error after exactly two requests', async () => {
    const { fetch, deps: d } = deps(() =>
      errorList(403, 'Unauthorized', 'Access to requested resource is denied.', { 'x-amzn-RequestId': 'r-403' }),
    );
    const error = await getOrderReportsByPurchaseOrderNumber({ po: 'P', region: 'US' }, d).catch((e: unknown) => e);
    expect(error).toMatchObject({
      kind: 'auth',
      reason: 'forbidden',
      status: 403,
      code: 'Unauthorized',
      requestId: 'r-403',
    });
    expect((error as Error).message).toMatch(/Access to requested resource is denied.*Reporting API role/);
    expect(fetch.calls).toHaveLength(2);
  });

  it('a 401 is handled like a 403', async () => {
    const { fetch, deps: d } = deps((_, i) => (i === 0 ? new Response('', { status: 401 }) : pageResponse(['a'])));
    await getOrderReportsByPurchaseOrderNumber({ po: 'P', region: 'US' }, d);
    expect(fetch.calls).toHaveLength(2);
  });

  it('a 400 ErrorList is an api error with Amazon’s code and details, not retried', async () => {
    const { fetch, deps: d } = deps(() =>
      jsonResponse(400, { errors: [{ code: 'INVALID_REQUEST_PARAMETER', message: 'Bad region', details: 'Use UK' }] }),
    );
    const error = await getOrderReportsByPurchaseOrderNumber({ po: 'P', region: 'US' }, d).catch((e: unknown) => e);
    expect(error).toMatchObject({
      kind: 'api',
      status: 400,
      code: 'INVALID_REQUEST_PARAMETER',
      details: 'Use UK',
      requestId: 'req-400',
    });
    expect(fetch.calls).toHaveLength(1);
  });

  it('a 502 HTML page is retried, then reported as an api error that says so', async () => {
    const html = () =>
      new Response('<html><body>502 Bad Gateway</body></html>', {
        status: 502,
        headers: { 'content-type': 'text/html', 'x-amzn-RequestId': 'r-502' },
      });
    const { fetch, deps: d } = deps(html, { retry: { attempts: 3 } });
    const error = await getOrderReportsByPurchaseOrderNumber({ po: 'P', region: 'US' }, d).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'api', status: 502, requestId: 'r-502' });
    expect((error as Error).message).toContain('HTML error page');
    expect(fetch.calls).toHaveLength(3);
  });

  it.each([
    ['an HTML page', '<!DOCTYPE html><html></html>', 'text/html', /HTML page instead of order data/],
    ['cut-off JSON', '{"ordersReport":[{"orderMeta', 'application/json', /not valid JSON/],
  ])('a 200 with %s is malformed, with the request id, not retried', async (_, body, contentType, message) => {
    const { fetch, deps: d } = deps(
      () => new Response(body, { status: 200, headers: { 'content-type': contentType, 'x-amzn-RequestId': 'r-1' } }),
    );
    const error = await getOrderReportsByPurchaseOrderNumber({ po: 'P', region: 'US' }, d).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'malformed', requestId: 'r-1', status: 200 });
    expect((error as Error).message).toMatch(message);
    expect(fetch.calls).toHaveLength(1);
  });

  it('a page with an order missing its id is malformed at that path', async () => {
    const { deps: d } = deps(() =>
      jsonResponse(200, {
        ordersReport: [
          wireOrder('a'),
          wireOrder('b', { orderMetadata: { orderDate: '2026-10-01T12:00:00Z', region: 'US' } }),
        ],
      }),
    );
    await expect(getOrderReportsByPurchaseOrderNumber({ po: 'P', region: 'US' }, d)).rejects.toMatchObject({
      kind: 'malformed',
      path: 'ordersReport[1].orderMetadata.orderId',
    });
  });

  it('retries a 429 and tells the scheduler how long Amazon asked to wait', async () => {
    const {
      fetch,
      scheduler,
      deps: d,
    } = deps((_, i) =>
      i === 0 ? errorList(429, 'QuotaExceeded', 'slow down', { 'retry-after': '0' }) : pageResponse(['a']),
    );
    const page = await getOrderReportsByPurchaseOrderNumber({ po: 'P', region: 'US' }, d);
    expect(page.ordersReport).toHaveLength(1);
    expect(fetch.calls).toHaveLength(2);
    expect(scheduler.drained).toEqual([0]);
  });

  it('retries a network failure', async () => {
    const { fetch, deps: d } = deps((_, i) => {
      if (i === 0) throw new TypeError('fetch failed');
      return pageResponse(['a']);
    });
    await getOrderReportsByPurchaseOrderNumber({ po: 'P', region: 'US' }, d);
    expect(fetch.calls).toHaveLength(2);
  });

  it('gives up on repeated network failures with a network error', async () => {
    const { fetch, deps: d } = deps(() => {
      throw new TypeError('fetch failed');
    });
    await expect(getOrderReportsByPurchaseOrderNumber({ po: 'P', region: 'US' }, d)).rejects.toMatchObject({
      kind: 'network',
    });
    expect(fetch.calls).toHaveLength(5);
  });
});

describe('lookupOrdersByPo', () => {
  const request = { po: 'MKT-202611-0042', region: 'US' as Region };

  it.each([
    ['absent', undefined],
    ['null', null],
    ['empty', ''],
  ])('pages until the token is %s, reporting progress', async (_, lastToken) => {
    const { fetch, deps: d } = deps((call) => {
      const token = new URL(call.url).searchParams.get('nextPageToken');
      if (token === null) return pageResponse(['1', '2'], 't1');
      if (token === 't1') return pageResponse(['3', '4'], 't2');
      if (token === 't2') return pageResponse(['5'], lastToken);
      throw new Error(`unexpected token ${token}`);
    });
    const progress: unknown[] = [];
    const result = await lookupOrdersByPo(
      {
        ...request,
        onPage: ({ pages, orders, pageOrders }) => progress.push({ pages, orders, page: pageOrders.length }),
      },
      d,
    );
    expect(result).toMatchObject({ pages: 3, complete: true });
    expect(result.error).toBeUndefined();
    expect(result.orders.map((o) => o.orderMetadata.orderId)).toEqual(['1', '2', '3', '4', '5']);
    expect(progress).toEqual([
      { pages: 1, orders: 2, page: 2 },
      { pages: 2, orders: 4, page: 2 },
      { pages: 3, orders: 5, page: 1 },
    ]);
    // Every page asks for the same PO and region.
    for (const call of fetch.calls) {
      expect(call.url).toContain('/purchaseOrders/MKT-202611-0042/orderReports?region=US');
    }
  });

  it('stops on a repeated page token, keeping what it had', async () => {
    const { fetch, deps: d } = deps((call) => {
      const token = new URL(call.url).searchParams.get('nextPageToken');
      return token === null ? pageResponse(['1', '2'], 'loop') : pageResponse(['3'], 'loop');
    });
    const result = await lookupOrdersByPo(request, d);
    expect(result).toMatchObject({
      pages: 2,
      complete: false,
      error: { kind: 'paging', reason: 'repeated-token', pages: 2 },
    });
    expect(result.orders).toHaveLength(3);
    expect(fetch.calls).toHaveLength(2);
  });

  it('stops at the page cap, keeping what it had', async () => {
    const { fetch, deps: d } = deps((_, i) => pageResponse([`o${i}`], `t${i}`));
    const result = await lookupOrdersByPo({ ...request, maxPages: 4 }, d);
    expect(result).toMatchObject({ pages: 4, complete: false, error: { kind: 'paging', reason: 'page-cap' } });
    expect(result.orders.map((o) => o.orderMetadata.orderId)).toEqual(['o0', 'o1', 'o2', 'o3']);
    expect(fetch.calls).toHaveLength(4);
  });

  it('defaults to a cap of 100 pages', async () => {
    const { fetch, deps: d } = deps((_, i) => pageResponse([`o${i}`], `t${i}`));
    const result = await lookupOrdersByPo(request, d);
    expect(result.error).toMatchObject({ kind: 'paging', reason: 'page-cap', pages: 100 });
    expect(fetch.calls).toHaveLength(100);
  });

  it('an error on page 3 ends the lookup with pages 1-2 kept', async () => {
    const { deps: d } = deps((_, i) =>
      i < 2 ? pageResponse([`p${i + 1}a`, `p${i + 1}b`], `t${i + 1}`) : new Response('{"ordersRep', { status: 200 }),
    );
    const result = await lookupOrdersByPo(request, d);
    expect(result.pages).toBe(2);
    expect(result.complete).toBe(false);
    expect(result.error).toMatchObject({ kind: 'malformed' });
    expect(result.orders.map((o) => o.orderMetadata.orderId)).toEqual(['p1a', 'p1b', 'p2a', 'p2b']);
  });

  it('a cancelled lookup keeps its pages and says it was aborted', async () => {
    const controller = new AbortController();
    const { deps: d } = deps((_, i) => {
      if (i === 1) controller.abort();
      return pageResponse([`o${i}`], `t${i}`);
    });
    const result = await lookupOrdersByPo({ ...request, signal: controller.signal }, d);
    expect(result).toMatchObject({ pages: 1, complete: false, error: { kind: 'aborted' } });
    expect(result.orders).toHaveLength(1);
  });

  it('an unknown PO is a complete lookup with no orders', async () => {
    const { deps: d } = deps(() => jsonResponse(200, { ordersReport: [], size: 0 }));
    expect(await lookupOrdersByPo(request, d)).toEqual({ orders: [], pages: 1, complete: true });
  });

  it('the error is a plain object that survives structured cloning', async () => {
    const { deps: d } = deps(() => errorList(400, 'INVALID_REQUEST_PARAMETER', 'nope'));
    const result = await lookupOrdersByPo(request, d);
    expect(structuredClone(result)).toEqual(result);
    expect(result.error).toEqual({
      kind: 'api',
      status: 400,
      code: 'INVALID_REQUEST_PARAMETER',
      message: 'Amazon answered HTTP 400: nope',
      requestId: 'req-400',
    });
  });
});
