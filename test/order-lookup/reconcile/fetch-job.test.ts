/**
 * The fetch job and the order store together, against the simulator (rate scaled 100×) and fake-indexeddb.
 */
import 'fake-indexeddb/auto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTokenProvider } from '@/lib/api/auth';
import { getOrderReports, type DateRangePageRequest, type DayRange } from '@/lib/api/order-reports';
import type { FetchedPage } from '@/lib/api/reports';
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
    // The third page's request may already have been on its way when Cancel came: it is asked again.
    expect(requests()).toBeGreaterThanOrEqual(Math.ceil(total / 100));
    expect(requests()).toBeLessThanOrEqual(Math.ceil(total / 100) + 1);
    const stored = await store.orders(range, ['US']);
    expect(stored).toHaveLength(total);
    expect(new Set(stored.map((o) => o.orderMetadata.orderId)).size).toBe(total);
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

describe('the reconcile fetch job, storing while the next page is on its way', () => {
  /** Three pages of two orders, served instantly; every request is logged with what the store holds by then. */
  function pagedFake() {
    const log: string[] = [];
    const order = (id: string) =>
      ({
        orderMetadata: { orderId: id, orderDate: `${range.from}T10:00:00.000Z`, region: 'US' },
        unknownValues: [],
      }) as unknown as FetchedPage['ordersReport'][number];
    const pages: FetchedPage[] = [
      { ordersReport: [order('1'), order('2')], nextPageToken: 'p2' },
      { ordersReport: [order('3'), order('4')], nextPageToken: 'p3' },
      { ordersReport: [order('5'), order('6')] },
    ];
    const fetchPage = async (request: DateRangePageRequest) => {
      log.push(`request ${request.nextPageToken ?? 'p1'}`);
      const index = request.nextPageToken ? Number(request.nextPageToken.slice(1)) - 1 : 0;
      return structuredClone(pages[index]!);
    };
    return { log, fetchPage };
  }

  function gatedStore(log: string[], fail?: { page: number }) {
    let page = 0;
    const gates: (() => void)[] = [];
    const gated: OrderStore = {
      ...store,
      async putPage(region, orders, job, completed) {
        const n = ++page;
        log.push(`store ${n} begins`);
        await new Promise<void>((resolve) => gates.push(resolve));
        if (fail?.page === n) throw new Error('QuotaExceededError');
        await store.putPage(region, orders, job, completed);
        log.push(`store ${n} done`);
      },
    };
    return { gated, release: () => gates.shift()?.() };
  }

  const untilLogged = async (log: string[], line: string, release: () => void) => {
    for (let i = 0; i < 100 && !log.includes(line); i++) {
      release();
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  };

  it('asks for the next page before the previous one is stored, and holds at most one page unstored', async () => {
    const { log, fetchPage } = pagedFake();
    const { gated, release } = gatedStore(log);
    const job = createFetchJobRunner({ fetchPage, store: gated, clock: { now: () => Date.now() }, ratePerSecond: 1 });
    const finished = job.start({ from: range.from, to: range.from }, ['US']);
    await untilLogged(log, 'store 3 done', release);
    expect(await finished).toMatchObject({ status: 'done', pages: 3, orders: 6 });
    expect(log.indexOf('request p2')).toBeLessThan(log.indexOf('store 1 done'));
    expect(log.indexOf('request p3')).toBeLessThan(log.indexOf('store 2 done'));
    // Page 3 is asked for only once page 1 is stored: never two pages waiting for storage.
    expect(log.indexOf('request p3')).toBeGreaterThan(log.indexOf('store 1 done'));
    expect(await store.orders({ from: range.from, to: range.from }, ['US'])).toHaveLength(6);
  });

  it('a failed write ends the job as an error at the last stored page, and resume stores every order once', async () => {
    const { log, fetchPage } = pagedFake();
    const { gated, release } = gatedStore(log, { page: 2 });
    const deps = { fetchPage, clock: { now: () => Date.now() }, ratePerSecond: 1 };
    const finished = createFetchJobRunner({ ...deps, store: gated }).start({ from: range.from, to: range.from }, [
      'US',
    ]);
    await untilLogged(log, 'store 2 begins', release);
    release();
    const failed = await finished;
    expect(failed).toMatchObject({ status: 'error', pages: 1, orders: 2 });
    expect(failed.error?.message).toContain('QuotaExceededError');
    const resumed = await createFetchJobRunner({ ...deps, store }).resume();
    expect(resumed).toMatchObject({ status: 'done', pages: 3, orders: 6 });
    expect(log.filter((line) => line === 'request p2')).toHaveLength(2);
    expect(await store.orders({ from: range.from, to: range.from }, ['US'])).toHaveLength(6);
  });
});
