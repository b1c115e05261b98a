import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ordersPageSchema, formatIssuePath } from '@/lib/api/schemas';
import { SIM_POS, SIM_REGIONS, type SimRegion } from './data';
import { SIM_CREDENTIALS, startSimulator, type Simulator } from './server';
import { createSimFetch } from './sim-fetch';

const HOST: Record<SimRegion, string> = {
  US: 'na',
  CA: 'na',
  MX: 'na',
  UK: 'eu',
  DE: 'eu',
  FR: 'eu',
  IT: 'eu',
  ES: 'eu',
  IN: 'eu',
  JP: 'jp',
  AU: 'jp',
};

let sim: Simulator;
let fetch: typeof globalThis.fetch;
let token: string;

beforeAll(async () => {
  // Generous limits: these tests are about behaviour, the rate limit has its own instance below.
  sim = await startSimulator({ rateLimit: { ratePerSecond: 1000, burst: 1000 } });
  fetch = createSimFetch(sim);
});
afterAll(async () => {
  await sim?.close();
});
beforeEach(() => {
  sim.reset();
  token = sim.issueToken();
});

interface GetOptions {
  host?: string;
  token?: string | null;
  pageToken?: string;
  query?: string;
}

function reportsUrl(po: string, region: string, options: GetOptions = {}): string {
  const host = options.host ?? `${HOST[region as SimRegion] ?? 'na'}.business-api.amazon.com`;
  const query =
    options.query ??
    `region=${region}${options.pageToken ? `&nextPageToken=${encodeURIComponent(options.pageToken)}` : ''}`;
  return `https://${host}/reports/2025-06-09/purchaseOrders/${encodeURIComponent(po)}/orderReports?${query}`;
}

function get(po: string, region: string, options: GetOptions = {}): Promise<Response> {
  const accessToken = options.token === undefined ? token : options.token;
  return fetch(reportsUrl(po, region, options), {
    headers: { accept: 'application/json', ...(accessToken === null ? {} : { 'x-amz-access-token': accessToken }) },
  });
}

/** Every page of a PO in a region, raw JSON, following the tokens. */
async function allPages(po: string, region: string): Promise<unknown[]> {
  const pages: unknown[] = [];
  let pageToken: string | undefined;
  do {
    const response = await get(po, region, { pageToken });
    expect(response.status).toBe(200);
    const page = (await response.json()) as { nextPageToken?: string | null };
    pages.push(page);
    pageToken = page.nextPageToken || undefined;
  } while (pageToken && pages.length < 100);
  return pages;
}

function lwaForm(overrides: Record<string, string> = {}): string {
  return new URLSearchParams({
    grant_type: 'refresh_token',
    client_id: SIM_CREDENTIALS.clientId,
    client_secret: SIM_CREDENTIALS.clientSecret,
    refresh_token: SIM_CREDENTIALS.refreshToken,
    ...overrides,
  }).toString();
}

function postLwa(body: string, contentType = 'application/x-www-form-urlencoded'): Promise<Response> {
  return fetch('https://api.amazon.com/auth/o2/token', {
    method: 'POST',
    headers: { 'content-type': contentType },
    body,
  });
}

describe('contract: every answer parses with the client’s schema', () => {
  const cases = SIM_POS.flatMap((info) =>
    Object.entries(info.byRegion).map(([region, expected]) => [info.po, region, expected] as const),
  );

  it.each(cases)('%s in %s: all pages parse, counts and totals as SIM_POS says', async (po, region, expected) => {
    const pages = (await allPages(po, region)).map((page) => ordersPageSchema.parse(page));
    const orders = pages.flatMap((page) => page.ordersReport);
    expect(orders).toHaveLength(expected.count);
    expect(pages).toHaveLength(Math.max(1, Math.ceil(expected.count / 10)));
    expect(
      pages.every(
        (page, i) => page.size === page.ordersReport.length && (i === pages.length - 1) === !page.nextPageToken,
      ),
    ).toBe(true);
    const open = orders.filter((order) => order.orderStatus !== 'CANCELLED');
    const net = open.flatMap((order) => order.charges.filter((c) => c.type === 'NET_TOTAL'));
    expect(new Set(net.map((c) => c.amount.currencyCode))).toEqual(new Set([expected.currency]));
    expect(net.reduce((sum, c) => sum + c.amount.amount, 0)).toBeCloseTo(expected.netTotal, 2);
    expect(orders.every((order) => order.purchaseOrderNumber === po && order.orderMetadata.region === region)).toBe(
      true,
    );
    expect(orders.every((order) => order.unknownValues.length === 0)).toBe(true);
  });

  it('an unknown PO has no orders (one empty page)', async () => {
    const pages = await allPages('NOT-A-PO-9999', 'US');
    expect(pages).toHaveLength(1);
    const page = ordersPageSchema.parse(pages[0]);
    expect(page).toMatchObject({ ordersReport: [], size: 0 });
    expect(page.nextPageToken).toBeUndefined();
  });

  it('with unknown values switched on, pages still parse and flag them', async () => {
    sim.setFaults({ unknownValues: true });
    const pages = (await allPages('BPO-2026-MKT', 'US')).map((page) => ordersPageSchema.parse(page));
    expect(pages).toHaveLength(4);
    for (const page of pages) {
      expect(page.ordersReport[0]!.orderStatus).toBe('ON_HOLD_FOR_REVIEW');
      expect(page.ordersReport[0]!.unknownValues).toEqual([
        'orderStatus: ON_HOLD_FOR_REVIEW',
        'charges[5].type: GIFT_WRAP',
      ]);
    }
  });

  it('an order missing its id fails the page at that path', async () => {
    sim.setFaults({ missingOrderId: { page: 2, index: 3 } });
    const pages = await allPages('BPO-2026-MKT', 'US');
    expect(ordersPageSchema.safeParse(pages[0]).success).toBe(true);
    const result = ordersPageSchema.safeParse(pages[1]);
    expect(formatIssuePath(result.error!.issues[0]!.path)).toBe('ordersReport[3].orderMetadata.orderId');
  });

  it('the region scope "endpoint" returns every North American order for US', async () => {
    const wide = await startSimulator({ regionScope: 'endpoint' });
    try {
      const response = await createSimFetch(wide)(reportsUrl('PRJ-ATLAS-0001', 'US'), {
        headers: { 'x-amz-access-token': wide.issueToken() },
      });
      const page = ordersPageSchema.parse(await response.json());
      expect(new Set(page.ordersReport.map((o) => o.charges[0]!.amount.currencyCode))).toEqual(
        new Set(['USD', 'CAD', 'MXN']),
      );
    } finally {
      await wide.close();
    }
  });
});

describe('Login with Amazon', () => {
  it('issues a bearer token for the refresh-token grant', async () => {
    const response = await postLwa(lwaForm());
    expect(response.status).toBe(200);
    const body = (await response.json()) as { access_token: string; token_type: string; expires_in: number };
    expect(body).toMatchObject({ token_type: 'bearer', expires_in: 3600 });
    expect((await get('ENG-202610-0007', 'US', { token: body.access_token })).status).toBe(200);
  });

  it.each([
    ['a wrong client secret', lwaForm({ client_secret: 'nope' }), 401, 'invalid_client'],
    ['a wrong client id', lwaForm({ client_id: 'nope' }), 401, 'invalid_client'],
    ['a wrong refresh token', lwaForm({ refresh_token: 'Atzr|nope' }), 400, 'invalid_grant'],
    ['another grant type', lwaForm({ grant_type: 'authorization_code' }), 400, 'unsupported_grant_type'],
  ])('refuses %s with the LWA error shape', async (_, body, status, error) => {
    const response = await postLwa(body);
    expect(response.status).toBe(status);
    expect(await response.json()).toMatchObject({ error, error_description: expect.any(String) });
  });

  it('wants a form-encoded body', async () => {
    const response = await postLwa(JSON.stringify({ grant_type: 'refresh_token' }), 'application/json');
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: 'invalid_request' });
  });

  it('answers only on api.amazon.com (and localhost)', async () => {
    const response = await fetch('https://na.business-api.amazon.com/auth/o2/token', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: lwaForm(),
    });
    expect(response.status).toBe(404);
  });
});

describe('reports: auth, region, paging', () => {
  it.each([
    ['missing', null, 'x-amz-access-token header is missing'],
    ['unknown', 'Atza|forged', 'invalid or was revoked'],
  ])('a %s token → 403 ErrorList saying so', async (_, accessToken, why) => {
    const response = await get('ENG-202610-0007', 'US', { token: accessToken });
    expect(response.status).toBe(403);
    const body = (await response.json()) as { errors: { code: string; message: string }[] };
    expect(body.errors[0]!.code).toBe('Unauthorized');
    expect(body.errors[0]!.message).toContain(why);
  });

  it('a token issued while "expire next token" is set is refused as expired', async () => {
    sim.setFaults({ expireNextToken: true });
    const expired = sim.issueToken();
    const response = await get('ENG-202610-0007', 'US', { token: expired });
    expect(response.status).toBe(403);
    expect(JSON.stringify(await response.json())).toContain('expired');
    // Only the next one: the token after it works.
    expect((await get('ENG-202610-0007', 'US', { token: sim.issueToken() })).status).toBe(200);
  });

  it('revoking makes every issued token invalid', async () => {
    sim.revokeTokens();
    expect((await get('ENG-202610-0007', 'US')).status).toBe(403);
  });

  it('tokens expire after tokenTtlSeconds', async () => {
    let now = Date.parse('2026-11-24T08:00:00Z');
    const timed = await startSimulator({ clock: () => now, tokenTtlSeconds: 60 });
    try {
      const timedFetch = createSimFetch(timed);
      const accessToken = timed.issueToken();
      const call = () =>
        timedFetch(reportsUrl('ENG-202610-0007', 'US'), { headers: { 'x-amz-access-token': accessToken } });
      expect((await call()).status).toBe(200);
      now += 60_000;
      const response = await call();
      expect(response.status).toBe(403);
      expect(JSON.stringify(await response.json())).toContain('expired');
    } finally {
      await timed.close();
    }
  });

  it.each([
    ['no region', 'na.business-api.amazon.com', '', /region is missing/],
    ['GB instead of UK', 'eu.business-api.amazon.com', 'region=GB', /Unknown region GB/],
    ['UK on the na host', 'na.business-api.amazon.com', 'region=UK', /not served by na\.business-api/],
    ['US on the sandbox eu host', 'sandbox.eu.business-api.amazon.com', 'region=US', /not served/],
  ])('%s → 400 ErrorList', async (_, host, query, message) => {
    const response = await get('ENG-202610-0007', 'US', { host, query });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { errors: { code: string; message: string }[] };
    expect(body.errors[0]!.code).toBe('INVALID_REQUEST_PARAMETER');
    expect(body.errors[0]!.message).toMatch(message);
  });

  it.each(SIM_REGIONS)('region %s is served by its own host and its sandbox host', async (region) => {
    expect((await get('NOT-A-PO', region)).status).toBe(200);
    expect((await get('NOT-A-PO', region, { host: `sandbox.${HOST[region]}.business-api.amazon.com` })).status).toBe(
      200,
    );
  });

  it('decodes the percent-encoded PO (a + stays a +)', async () => {
    const response = await get('R&D/2026 #7+Q3', 'US');
    const page = ordersPageSchema.parse(await response.json());
    expect(page.ordersReport).toHaveLength(2);
    expect(page.ordersReport[0]!.purchaseOrderNumber).toBe('R&D/2026 #7+Q3');
  });

  it('sends x-amzn-RequestId and x-amzn-RateLimit-Limit', async () => {
    const response = await get('ENG-202610-0007', 'US');
    expect(response.headers.get('x-amzn-requestid')).toMatch(/^[0-9a-f-]{36}$/);
    expect(response.headers.get('x-amzn-ratelimit-limit')).toBe('1000');
  });

  it('page tokens are bound to the query and cannot be forged', async () => {
    const first = (await (await get('PO-BIG-0001', 'US')).json()) as { nextPageToken: string };
    expect(first.nextPageToken).toEqual(expect.any(String));
    expect((await get('PO-BIG-0001', 'US', { pageToken: first.nextPageToken })).status).toBe(200);
    for (const response of [
      await get('BPO-2026-MKT', 'US', { pageToken: first.nextPageToken }),
      await get('PO-BIG-0001', 'CA', { pageToken: first.nextPageToken }),
      await get('PO-BIG-0001', 'US', { pageToken: first.nextPageToken.replace(/^./, (c) => (c === 'A' ? 'B' : 'A')) }),
      await get('PO-BIG-0001', 'US', { pageToken: 'garbage' }),
    ]) {
      expect(response.status).toBe(400);
      expect(JSON.stringify(await response.json())).toContain('nextPageToken');
    }
  });

  it('the last page ends paging with an absent, null or empty token, depending on the PO', async () => {
    const variants = new Set<string>();
    for (const info of SIM_POS) {
      const region = Object.keys(info.byRegion)[0]!;
      const pages = (await allPages(info.po, region)) as Record<string, unknown>[];
      const last = pages.at(-1)!;
      variants.add('nextPageToken' in last ? JSON.stringify(last.nextPageToken) : 'absent');
    }
    expect(variants).toEqual(new Set(['absent', 'null', '""']));
  });

  it('unknown paths and methods get an ErrorList', async () => {
    const notFound = await fetch('https://na.business-api.amazon.com/reports/2021-01-08/orders', {
      headers: { 'x-amz-access-token': token },
    });
    expect(notFound.status).toBe(404);
    expect(await notFound.json()).toMatchObject({ errors: [{ code: 'NotFound' }] });
    const wrongMethod = await fetch(reportsUrl('ENG-202610-0007', 'US'), {
      method: 'POST',
      headers: { 'x-amz-access-token': token },
    });
    expect(wrongMethod.status).toBe(405);
  });
});

describe('rate limit', () => {
  it('lets a burst through, answers 429 QuotaExceeded when empty, refills at the rate', async () => {
    let now = Date.parse('2026-11-24T08:00:00Z');
    const limited = await startSimulator({ clock: () => now, rateLimit: { ratePerSecond: 0.5, burst: 3 } });
    try {
      const limitedFetch = createSimFetch(limited);
      const accessToken = limited.issueToken();
      const call = () =>
        limitedFetch(reportsUrl('ENG-202610-0007', 'US'), { headers: { 'x-amz-access-token': accessToken } });
      const statuses = [];
      for (let i = 0; i < 4; i++) statuses.push((await call()).status);
      expect(statuses).toEqual([200, 200, 200, 429]);
      const throttled = await call();
      expect(await throttled.json()).toMatchObject({ errors: [{ code: 'QuotaExceeded' }] });
      expect(throttled.headers.get('retry-after')).toBeNull();
      now += 1999;
      expect((await call()).status).toBe(429);
      now += 1;
      expect((await call()).status).toBe(200);
      expect(limited.stats.throttled).toBe(3);
    } finally {
      await limited.close();
    }
  });
});

describe('faults', () => {
  it('serverErrors: the next N answer 503, then all is well', async () => {
    sim.setFaults({ serverErrors: { count: 2, status: 503 } });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await get('ENG-202610-0007', 'US')).status);
    expect(statuses).toEqual([503, 503, 200]);
  });

  it('htmlErrors: a 502 HTML page', async () => {
    sim.setFaults({ htmlErrors: { count: 1 } });
    const response = await get('ENG-202610-0007', 'US');
    expect(response.status).toBe(502);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await response.text()).toMatch(/^<!DOCTYPE html>/);
  });

  it('throttle: 429 with Retry-After for the next N, whatever the bucket', async () => {
    sim.setFaults({ throttle: { count: 2, retryAfterSeconds: 2 } });
    const first = await get('ENG-202610-0007', 'US');
    const second = await get('ENG-202610-0007', 'US');
    expect([first.status, second.status]).toEqual([429, 429]);
    expect(first.headers.get('retry-after')).toBe('2');
    expect((await get('ENG-202610-0007', 'US')).status).toBe(200);
    expect(sim.stats.throttled).toBe(2);
  });

  it('truncateJsonOnPage: page k is cut off mid-JSON', async () => {
    sim.setFaults({ truncateJsonOnPage: 2 });
    const first = (await (await get('BPO-2026-MKT', 'US')).json()) as { nextPageToken: string };
    const second = await get('BPO-2026-MKT', 'US', { pageToken: first.nextPageToken });
    expect(second.status).toBe(200);
    const text = await second.text();
    expect(text.startsWith('{"ordersReport":[')).toBe(true);
    expect(() => JSON.parse(text)).toThrow();
  });

  it('repeatPageToken: the server hands back the token it was sent', async () => {
    sim.setFaults({ repeatPageToken: true });
    const first = (await (await get('BPO-2026-MKT', 'US')).json()) as { nextPageToken: string };
    const second = (await (await get('BPO-2026-MKT', 'US', { pageToken: first.nextPageToken })).json()) as {
      nextPageToken: string;
    };
    expect(second.nextPageToken).toBe(first.nextPageToken);
  });

  it('delayMs: answers late', async () => {
    sim.setFaults({ delayMs: 300 });
    const started = Date.now();
    expect((await get('ENG-202610-0007', 'US')).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  });

  it('setFaults merges, null clears one, reset clears all', () => {
    sim.setFaults({ delayMs: 10, unknownValues: true });
    sim.setFaults({ delayMs: null, throttle: { count: 1 } });
    expect(sim.faults).toEqual({ unknownValues: true, throttle: { count: 1 } });
    sim.reset();
    expect(sim.faults).toEqual({});
  });
});

describe('control endpoints, CORS, broker', () => {
  it('POST /__sim/faults sets faults, refuses bad ones; GET /__sim/stats counts; POST /__sim/reset resets', async () => {
    const set = await fetch('https://127.0.0.1/__sim/faults', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ serverErrors: { count: 1 } }),
    });
    expect(set.status).toBe(200);
    expect((await get('ENG-202610-0007', 'US')).status).toBe(500);
    const bad = await fetch('https://127.0.0.1/__sim/faults', { method: 'POST', body: '{"throttle":{"count":"x"}}' });
    expect(bad.status).toBe(400);
    const stats = (await (await fetch('https://127.0.0.1/__sim/stats')).json()) as {
      requests: number;
      byPath: Record<string, number>;
      byStatus: Record<string, number>;
    };
    expect(stats.requests).toBe(1);
    expect(stats.byPath).toEqual({ '/reports/2025-06-09/purchaseOrders/ENG-202610-0007/orderReports': 1 });
    expect(stats.byStatus).toEqual({ 500: 1 });
    expect((await fetch('https://127.0.0.1/__sim/reset', { method: 'POST' })).status).toBe(200);
    expect(sim.stats.requests).toBe(0);
  });

  it('answers a preflight from an extension origin', async () => {
    const response = await fetch(reportsUrl('ENG-202610-0007', 'US'), {
      method: 'OPTIONS',
      headers: {
        origin: 'chrome-extension://abcdefghijklmnopabcdefghijklmnop',
        'access-control-request-method': 'GET',
        'access-control-request-headers': 'x-amz-access-token,accept',
      },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe(
      'chrome-extension://abcdefghijklmnopabcdefghijklmnop',
    );
    expect(response.headers.get('access-control-allow-headers')).toContain('x-amz-access-token');
    expect(response.headers.get('access-control-allow-methods')).toContain('GET');
  });

  it('a GET without Origin gets "*", and the headers the client reads are exposed', async () => {
    const response = await get('ENG-202610-0007', 'US');
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('access-control-expose-headers')).toMatch(/x-amzn-RequestId.*Retry-After/);
  });

  it('the broker issues tokens the reports endpoint accepts, with credentialed CORS', async () => {
    const response = await fetch('https://broker.example.com/broker/token', {
      method: 'POST',
      headers: { origin: 'chrome-extension://abc', accept: 'application/json' },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe('chrome-extension://abc');
    expect(response.headers.get('access-control-allow-credentials')).toBe('true');
    const body = (await response.json()) as { access_token: string; expires_in: number };
    expect(body.expires_in).toBe(3600);
    expect((await get('ENG-202610-0007', 'US', { token: body.access_token })).status).toBe(200);
  });

  it('x-sim-host stands in for Host (for clients that cannot set it)', async () => {
    const response = await fetch(`https://127.0.0.1/reports/2025-06-09/purchaseOrders/X/orderReports?region=US`, {
      headers: { 'x-sim-host': 'eu.business-api.amazon.com', 'x-amz-access-token': token },
    });
    expect(response.status).toBe(400);
  });
});
