/**
 * The fetch job and the order store together, against the simulator (rate scaled 100×) and fake-indexeddb.
 */
import 'fake-indexeddb/auto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTokenProvider } from '@/lib/api/auth';
import { getOrderReports, type DayRange } from '@/lib/api/order-reports';
import { TokenBucketScheduler, type RateLimit } from '@/lib/api/scheduler';
import type { Region } from '@/lib/amazon/marketplaces';
import { createFetchJobRunner, type JobProgress } from '@/lib/order-lookup/reconcile/fetch-job';
import { openOrderStore, type OrderStore } from '@/lib/order-lookup/reconcile/order-store';
import { ordersInRange } from '../../sim/order-report-data';
import { SIM_CREDENTIALS, startSimulator, type Simulator } from '../../sim/server';
import { createSimFetch } from '../../sim/sim-fetch';
import { ORDER_REPORTS_PATH } from '../../sim/order-reports-route';

const RATE: RateLimit = { ratePerSecond: 50, burst: 10 };
let sim: Simulator;
let fetch: typeof globalThis.fetch;
let store: OrderStore;
let dbCount = 0;

beforeAll(async () => {
  sim = await startSimulator({ rateLimit: RATE });
  fetch = createSimFetch(sim);
});
afterAll(async () => {
  await sim?.close();
});
beforeEach(async () => {
  sim.reset();
  store = await openOrderStore(`reconcile-test-${++dbCount}`);
});
afterEach(() => store.close());

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const DAY = 86_400_000;
const range: DayRange = { from: day(Date.now() - 75 * DAY), to: day(Date.now()) };

function runner(onProgress?: (progress: JobProgress, job: ReturnType<typeof createFetchJobRunner>) => void) {
  const tokens = createTokenProvider({ mode: 'direct', ...SIM_CREDENTIALS }, { fetch });
  const scheduler = new TokenBucketScheduler(RATE);
  const job = createFetchJobRunner({
    fetchPage: (request) =>
      getOrderReports(request, { fetch, tokens, scheduler, retry: { attempts: 2, baseDelayMs: 10 } }),
    store,
    clock: { now: () => Date.now() },
    ratePerSecond: RATE.ratePerSecond,
    onProgress: (progress) => onProgress?.(progress, job),
  });
  return job;
}

const expectedOrders = (regions: Region[], r: DayRange) =>
  ordersInRange(sim.bulk, regions as never, Date.parse(`${r.from}T00:00:00Z`), Date.parse(`${r.to}T23:59:59Z`));
const requests = () => sim.stats.byPath[ORDER_REPORTS_PATH] ?? 0;

describe('the reconcile fetch job', () => {
  it('fetches every order of the period in ceil(M/100) requests per region, with progress, into the store', async () => {
    const seen: JobProgress[] = [];
    const result = await runner((p) => seen.push(p)).start(range, ['US', 'UK']);
    expect(result.status).toBe('done');
    const us = expectedOrders(['US'], range).length;
    const uk = expectedOrders(['UK'], range).length;
    expect(us).toBeGreaterThan(500);
    expect(result.orders).toBe(us + uk);
    expect(requests()).toBe(Math.ceil(us / 100) + Math.ceil(uk / 100));
    expect(seen.at(-1)).toMatchObject({ status: 'done', secondsLeft: 0 });
    expect(seen.some((p) => p.status === 'running' && p.pages > 0 && p.secondsLeft > 0)).toBe(true);
    const stored = await store.orders(range, ['US', 'UK']);
    expect(stored).toHaveLength(us + uk);
    expect(new Set(stored.map((o) => o.orderMetadata.orderId)).size).toBe(us + uk);
  });

  it('a second run of the same period fetches only the last days again', async () => {
    await runner().start(range, ['US', 'UK']);
    sim.reset();
    const again = await runner().start(range, ['US', 'UK']);
    expect(again.status).toBe('done');
    // One window per region: the last 7 days, a page each.
    expect(again.windows).toBe(2);
    const recent = { from: day(Date.now() - 7 * DAY), to: range.to };
    expect(requests()).toBe(
      Math.ceil(expectedOrders(['US'], recent).length / 100) + Math.ceil(expectedOrders(['UK'], recent).length / 100),
    );
    expect(requests()).toBeLessThanOrEqual(2);
    expect(await store.orders(range, ['US', 'UK'])).toHaveLength(expectedOrders(['US', 'UK'], range).length);
  });

  it('cancelled after two pages, a new runner (the worker restarted) resumes from the third page', async () => {
    const first = await runner((p, job) => {
      if (p.pages === 2) job.cancel();
    }).start(range, ['US']);
    expect(first).toMatchObject({ status: 'cancelled', pages: 2 });
    const total = expectedOrders(['US'], range).length;
    expect(await store.orders(range, ['US'])).toHaveLength(200);
    const resumed = await runner().resume();
    expect(resumed).toMatchObject({ status: 'done', orders: total });
    expect(requests()).toBe(Math.ceil(total / 100));
    expect(await store.orders(range, ['US'])).toHaveLength(total);
    expect(await runner().resume()).toBeNull();
  });

  it('stops on a broken page with the error, and resumes from that page once Amazon recovers', async () => {
    sim.setFaults({ truncateJsonOnPage: 3 });
    const failed = await runner().start(range, ['US']);
    expect(failed.status).toBe('error');
    expect(failed.error?.kind).toBe('malformed');
    expect(failed.pages).toBe(2);
    sim.setFaults({ truncateJsonOnPage: null });
    const resumed = await runner().resume();
    expect(resumed?.status).toBe('done');
    expect(await store.orders(range, ['US'])).toHaveLength(expectedOrders(['US'], range).length);
  });

  it('waits out 429s within the usage plan', async () => {
    sim.setFaults({ throttle: { count: 1, retryAfterSeconds: 0 } });
    const result = await runner().start({ from: range.from, to: day(Date.parse(range.from) + 20 * DAY) }, ['US']);
    expect(result.status).toBe('done');
    expect(sim.stats.throttled).toBe(1);
  });
});
