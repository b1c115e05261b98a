/**
 * The client against a real simulator on 127.0.0.1, over HTTPS. The client's fetch is `createSimFetch`: it
 * connects to the simulator but keeps the real host in the Host header and TLS SNI (see test/sim/sim-fetch.ts),
 * so the URLs the client builds (`https://na.business-api.amazon.com/…`, `https://api.amazon.com/auth/o2/token`)
 * are exactly what it sends.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTokenProvider, type AuthConfig, type TokenProvider } from '@/lib/api/auth';
import { lookupOrdersByPo, type ReportsDeps } from '@/lib/api/reports';
import { TokenBucketScheduler, type RateLimit } from '@/lib/api/scheduler';
import { summarizeOrders } from '@/lib/api/summary';
import { simPo } from '../sim/data';
import { SIM_CREDENTIALS, startSimulator, type Simulator } from '../sim/server';
import { createSimFetch } from '../sim/sim-fetch';

const RATE: RateLimit = { ratePerSecond: 50, burst: 10 };
const direct: AuthConfig = { mode: 'direct', ...SIM_CREDENTIALS };

let sim: Simulator;
let fetch: typeof globalThis.fetch;

beforeAll(async () => {
  // Amazon's usage plan scaled up 100×, on both sides, so 30 pages take well under a second.
  sim = await startSimulator({ rateLimit: RATE });
  fetch = createSimFetch(sim);
});
afterAll(async () => {
  await sim?.close();
});
beforeEach(() => {
  sim.reset();
});

function clientDeps(overrides: Partial<ReportsDeps> & { auth?: AuthConfig } = {}): ReportsDeps {
  const { auth = direct, ...rest } = overrides;
  return {
    fetch,
    tokens: createTokenProvider(auth, { fetch }),
    scheduler: new TokenBucketScheduler(RATE),
    random: () => 0.5,
    retry: { baseDelayMs: 100 },
    ...rest,
  };
}

const LWA_PATH = '/auth/o2/token';
const BIG_PATH = '/reports/2025-06-09/purchaseOrders/PO-BIG-0001/orderReports';

describe('lookups against the simulator', () => {
  it('pages through PO-BIG-0001: 300 orders in 30 pages, no 429, totals as expected', async () => {
    const progress: number[] = [];
    const result = await lookupOrdersByPo(
      { po: 'PO-BIG-0001', region: 'US', onPage: ({ orders }) => progress.push(orders) },
      clientDeps(),
    );
    expect(result.error).toBeUndefined();
    expect(result).toMatchObject({ pages: 30, complete: true });
    expect(result.orders).toHaveLength(300);
    expect(new Set(result.orders.map((o) => o.orderMetadata.orderId)).size).toBe(300);
    expect(progress).toEqual(Array.from({ length: 30 }, (_, i) => (i + 1) * 10));

    const expected = simPo('PO-BIG-0001').byRegion.US!;
    const summary = summarizeOrders(result.orders);
    expect(summary.totals).toEqual([{ currencyCode: 'USD', amount: expected.netTotal }]);
    expect(summary.cancelled).toEqual({
      count: expected.cancelled,
      totals: [{ currencyCode: 'USD', amount: expected.cancelledNetTotal }],
    });
    expect(summary.byStatus).toEqual(expected.byStatus);

    // The client's own scheduler kept it at the usage plan. At 20 ms spacing, network jitter can still make
    // the server see two requests a little closer than that (a 429, retried); without the scheduler, 20 of
    // the 30 requests would be refused at once.
    const { throttled, byPath } = sim.stats;
    expect(throttled).toBeLessThanOrEqual(5);
    expect(byPath).toEqual({ [LWA_PATH]: 1, [BIG_PATH]: 30 + throttled });
  });

  it('a PO with characters to encode, and a European PO on the sandbox host', async () => {
    const deps = clientDeps();
    const encoded = await lookupOrdersByPo({ po: 'R&D/2026 #7+Q3', region: 'US' }, deps);
    expect(encoded).toMatchObject({ complete: true, pages: 1 });
    expect(encoded.orders.map((o) => o.purchaseOrderNumber)).toEqual(['R&D/2026 #7+Q3', 'R&D/2026 #7+Q3']);
    const uk = await lookupOrdersByPo({ po: 'FIN-202609-0100', region: 'UK', sandbox: true }, deps);
    expect(uk).toMatchObject({ complete: true });
    expect(summarizeOrders(uk.orders).totals).toEqual([
      { currencyCode: 'GBP', amount: simPo('FIN-202609-0100').byRegion.UK!.netTotal },
    ]);
  });

  it('meets 429s from a stricter server and still completes', async () => {
    const strict = await startSimulator({ rateLimit: { ratePerSecond: 10, burst: 1 } });
    try {
      const strictFetch = createSimFetch(strict);
      const result = await lookupOrdersByPo(
        { po: 'BPO-2026-MKT', region: 'US' },
        clientDeps({
          fetch: strictFetch,
          tokens: createTokenProvider(direct, { fetch: strictFetch }),
          // The client believes it may send much faster than this server allows.
          scheduler: new TokenBucketScheduler({ ratePerSecond: 1000, burst: 100 }),
        }),
      );
      expect(result.error).toBeUndefined();
      expect(result).toMatchObject({ pages: 4, complete: true });
      expect(result.orders).toHaveLength(40);
      expect(strict.stats.throttled).toBeGreaterThan(0);
    } finally {
      await strict.close();
    }
  });

  it('honours a Retry-After on a 429', async () => {
    sim.setFaults({ throttle: { count: 1, retryAfterSeconds: 1 } });
    const started = Date.now();
    const result = await lookupOrdersByPo({ po: 'ENG-202610-0007', region: 'US' }, clientDeps());
    expect(result).toMatchObject({ complete: true, pages: 1 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(990);
    expect(sim.stats.throttled).toBe(1);
  });

  it('rides out a burst of 503s and an HTML 502', async () => {
    sim.setFaults({ serverErrors: { count: 2, status: 503 }, htmlErrors: { count: 1 } });
    const result = await lookupOrdersByPo({ po: 'MKT-202611-0042', region: 'US' }, clientDeps());
    expect(result).toMatchObject({ complete: true, pages: 1 });
    expect(result.orders).toHaveLength(4);
    expect(sim.stats.byStatus).toMatchObject({ 503: 2, 502: 1, 200: 2 });
  });

  it('refreshes an expired token once and carries on', async () => {
    sim.setFaults({ expireNextToken: true });
    const result = await lookupOrdersByPo({ po: 'BPO-2026-MKT', region: 'US' }, clientDeps());
    expect(result).toMatchObject({ complete: true, pages: 4 });
    expect(sim.stats.byPath[LWA_PATH]).toBe(2);
    expect(sim.stats.byStatus[403]).toBe(1);
  });

  it('surfaces a 403 that a new token does not cure as an auth error', async () => {
    let issued = 0;
    const refused: TokenProvider = {
      getToken: async () => `Atza|not-from-amazon-${++issued}`,
      invalidate: () => {},
    };
    const result = await lookupOrdersByPo({ po: 'ENG-202610-0007', region: 'US' }, clientDeps({ tokens: refused }));
    expect(result).toMatchObject({ complete: false, pages: 0, orders: [] });
    expect(result.error).toMatchObject({ kind: 'auth', reason: 'forbidden', status: 403, code: 'Unauthorized' });
    expect(result.error?.message).toContain('invalid or was revoked');
    expect(issued).toBe(2);
    expect(sim.stats.byStatus[403]).toBe(2);
  });

  it('wrong LWA credentials end as refresh-failed, before any report request', async () => {
    const result = await lookupOrdersByPo(
      { po: 'ENG-202610-0007', region: 'US' },
      clientDeps({ auth: { ...direct, refreshToken: 'Atzr|stale' } }),
    );
    expect(result.error).toMatchObject({ kind: 'auth', reason: 'refresh-failed', code: 'invalid_grant' });
    expect(sim.stats.byPath).toEqual({ [LWA_PATH]: 1 });
  });

  it('truncated JSON on page 3 → malformed, pages 1-2 kept', async () => {
    sim.setFaults({ truncateJsonOnPage: 3 });
    const result = await lookupOrdersByPo({ po: 'PO-BIG-0001', region: 'US' }, clientDeps());
    expect(result).toMatchObject({ complete: false, pages: 2 });
    expect(result.orders).toHaveLength(20);
    expect(result.error).toMatchObject({ kind: 'malformed', status: 200 });
    expect(result.error).toHaveProperty('requestId', expect.stringMatching(/^[0-9a-f-]{36}$/));
    expect(sim.stats.byPath[BIG_PATH]).toBe(3); // malformed is not retried
  });

  it('a server that repeats its page token ends with a paging error, not a loop', async () => {
    sim.setFaults({ repeatPageToken: true });
    const result = await lookupOrdersByPo({ po: 'PO-BIG-0001', region: 'US' }, clientDeps());
    expect(result).toMatchObject({ complete: false, pages: 2, error: { kind: 'paging', reason: 'repeated-token' } });
    expect(result.orders).toHaveLength(20);
  });

  it('an order missing its id on page 2 → malformed at that path, page 1 kept', async () => {
    sim.setFaults({ missingOrderId: { page: 2 } });
    const result = await lookupOrdersByPo({ po: 'BPO-2026-MKT', region: 'US' }, clientDeps());
    expect(result).toMatchObject({
      complete: false,
      pages: 1,
      error: { kind: 'malformed', path: 'ordersReport[0].orderMetadata.orderId' },
    });
    expect(result.orders).toHaveLength(10);
  });

  it('times out a slow server and says so', async () => {
    sim.setFaults({ delayMs: 400 });
    const result = await lookupOrdersByPo(
      { po: 'ENG-202610-0007', region: 'US' },
      clientDeps({ retry: { timeoutMs: 150, attempts: 2, baseDelayMs: 10 } }),
    );
    expect(result.error).toMatchObject({ kind: 'timeout', timeoutMs: 150 });
  });

  it('works in broker mode too', async () => {
    const result = await lookupOrdersByPo(
      { po: 'OPS-202608-0003', region: 'JP' },
      clientDeps({ auth: { mode: 'broker', brokerUrl: 'https://broker.example.com/broker/token' } }),
    );
    expect(result).toMatchObject({ complete: true });
    expect(summarizeOrders(result.orders).totals).toEqual([
      { currencyCode: 'JPY', amount: simPo('OPS-202608-0003').byRegion.JP!.netTotal },
    ]);
    expect(sim.stats.byPath['/broker/token']).toBe(1);
  });

  it('two lookups sharing one scheduler stay inside the usage plan together', async () => {
    const deps = clientDeps();
    const [big, blanket] = await Promise.all([
      lookupOrdersByPo({ po: 'PO-BIG-0001', region: 'US' }, deps),
      lookupOrdersByPo({ po: 'BPO-2026-MKT', region: 'US' }, deps),
    ]);
    expect([big.orders.length, blanket.orders.length]).toEqual([300, 40]);
    expect(sim.stats.throttled).toBeLessThanOrEqual(5);
    expect(sim.stats.byPath[LWA_PATH]).toBe(1); // one shared token refresh
  });
});
