// Speed of the Reconcile page (issue 13): requests and time of a period's fetch against the simulator at a scaled
// rate limit (against the per-PO way), a second run that only refreshes, and the table for 10,000 orders.
import 'fake-indexeddb/auto';
import { Agent } from 'node:https';
import { performance } from 'node:perf_hooks';
import { createTokenProvider } from '@/lib/api/auth';
import { getOrderReports, type DayRange } from '@/lib/api/order-reports';
import type { OrderReport } from '@/lib/api/schemas';
import { TokenBucketScheduler, type RateLimit } from '@/lib/api/scheduler';
import type { Region } from '@/lib/amazon/marketplaces';
import { browserI18nCalls } from './browser-i18n';
import { createFetchJobRunner } from '@/lib/order-lookup/reconcile/fetch-job';
import { openOrderStore } from '@/lib/order-lookup/reconcile/order-store';
import { ordersInRange } from '../sim/order-report-data';
import { ORDER_REPORTS_PATH } from '../sim/order-reports-route';
import { SIM_CREDENTIALS, startSimulator } from '../sim/server';
import { createSimFetch } from '../sim/sim-fetch';

export interface ReconcileFetchResult {
  orders: number;
  regions: number;
  requests: number;
  /** ceil(M/100) + one per region: the aim. */
  requestBudget: number;
  wallMs: number;
  /** Burst, then one request per refill: (requests − burst) / rate. */
  idealMs: number;
  ratio: number;
  /** One lookup per distinct PO (per region), each paging at the by-PO page size. */
  perPoRequests: number;
  secondRunRequests: number;
  /** 429s the simulator answered during both runs (each would have been retried, so the fetch still completes). */
  throttled: number;
}

const DAY = 86_400_000;
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * 180 days in four regions, the simulator and client both at 4× Amazon's rate (as lookup-bench.ts scales it): a
 * refill (500 ms) stays longer than storing one page in fake-indexeddb, as it is in the browser's IndexedDB.
 * The client keeps its connection open, as the browser does with an API host: the scheduler counts each request
 * from its answer (lib/api/scheduler.ts `settle`), so time in flight, a TLS handshake per request included, adds
 * to every interval.
 */
export async function benchReconcileFetch(
  limit: RateLimit = { ratePerSecond: 2, burst: 10 },
): Promise<ReconcileFetchResult> {
  const sim = await startSimulator({ rateLimit: limit });
  const store = await openOrderStore('reconcile-bench');
  const agent = new Agent({ keepAlive: true });
  try {
    const fetch = createSimFetch(sim, { agent });
    const tokens = createTokenProvider({ mode: 'direct', ...SIM_CREDENTIALS }, { fetch });
    await tokens.getToken();
    const scheduler = new TokenBucketScheduler(limit);
    const runner = createFetchJobRunner({
      fetchPage: (request) => getOrderReports(request, { fetch, tokens, scheduler }),
      store,
      clock: { now: () => Date.now() },
      ratePerSecond: limit.ratePerSecond,
    });
    const range: DayRange = { from: day(Date.now() - 179 * DAY), to: day(Date.now()) };
    const regions: Region[] = ['US', 'UK', 'DE', 'JP'];
    const inRange = ordersInRange(
      sim.bulk,
      regions as never,
      Date.parse(`${range.from}T00:00:00Z`),
      Date.parse(`${range.to}T23:59:59Z`),
    );
    const requests = () => sim.stats.byPath[ORDER_REPORTS_PATH] ?? 0;

    sim.reset();
    const started = performance.now();
    const first = await runner.start(range, regions);
    const wallMs = performance.now() - started;
    if (first.status !== 'done' || first.orders !== inRange.length)
      throw new Error(`fetch ${first.status}: ${first.orders}/${inRange.length}`);
    const sent = requests();
    let throttled = sim.stats.throttled;
    const idealMs = (Math.max(0, sent - limit.burst) / limit.ratePerSecond) * 1000;

    const perPo = new Map<string, number>();
    for (const order of inRange) {
      const key = `${order.region}|${order.wire.purchaseOrderNumber ?? ''}`;
      perPo.set(key, (perPo.get(key) ?? 0) + 1);
    }
    const perPoRequests = [...perPo.values()].reduce(
      (n, count) => n + Math.max(1, Math.ceil(count / sim.options.pageSize)),
      0,
    );

    sim.reset();
    await runner.start(range, regions);
    throttled += sim.stats.throttled;
    return {
      orders: inRange.length,
      regions: regions.length,
      requests: sent,
      requestBudget: Math.ceil(inRange.length / 100) + regions.length,
      wallMs,
      idealMs,
      ratio: idealMs > 0 ? wallMs / idealMs : 1,
      perPoRequests,
      secondRunRequests: requests(),
      throttled,
    };
  } finally {
    agent.destroy();
    store.close();
    await sim.close();
  }
}

export interface ReconcileRenderResult {
  /** Medians over `runs` passes, each with its own copy of the policy and new rows (nothing cached from before). */
  firstPaintMs: number;
  reconcileMs: number;
  filterMs: number;
  sortMs: number;
  searchMs: number;
  runs: number;
  /** Distinct POs: the table's rows. */
  pos: number;
  /** Table rows in the DOM after the filter change (the virtualized window). */
  rows: number;
}

/**
 * First paint (reconcile + table), a verdict filter change, a sort change and a search, for 10,000 orders, in
 * happy-dom.
 */
export async function benchReconcileRender(count = 10_000, runs = 5): Promise<ReconcileRenderResult> {
  const { Window } = await import('happy-dom');
  const window = new Window({ url: 'chrome-extension://bench/reconcile.html' });
  for (const name of [
    'window',
    'document',
    'HTMLElement',
    'Element',
    'Node',
    'Event',
    'ResizeObserver',
    'requestAnimationFrame',
    'cancelAnimationFrame',
    'getComputedStyle',
  ]) {
    const value = name === 'window' ? window : (window as unknown as Record<string, unknown>)[name];
    Object.defineProperty(globalThis, name, { value, configurable: true, writable: true });
  }
  const i18n = browserI18nCalls;
  const { h, render } = await import('preact');
  const { ReconcileTable } = await import('@/components/order-lookup/reconcile/ReconcileTable');
  const { reconcile } = await import('@/lib/order-lookup/reconcile/reconcile');
  const { applyView, DEFAULT_VIEW } = await import('@/lib/order-lookup/reconcile/table');
  const { SAMPLE_POLICY } = await import('@/lib/policy/sample-policy');
  const { t } = await import('@/lib/i18n');
  const asked = i18n.calls;
  if (t('reconcile_title') === '' || i18n.calls === asked)
    throw new Error('lib/i18n was loaded before the bench installed browser.i18n: it would measure thrown TypeErrors');

  const orders: OrderReport[] = [];
  const kinds = ['ENG', 'MKT', 'FIN', 'OPS'];
  for (let i = 0; i < count; i++) {
    const po =
      i % 17 === 0
        ? undefined
        : i % 11 === 0
          ? `bad-${i % 300}`
          : `${kinds[i % 4]}-2026${String(1 + (i % 11)).padStart(2, '0')}-${String(i % 2500).padStart(4, '0')}`;
    orders.push({
      orderMetadata: {
        orderId: `114-${String(i).padStart(7, '0')}-0000000`,
        orderDate: new Date(Date.UTC(2026, 10, 1 + (i % 30), 10)).toISOString(),
        region: 'US',
      },
      ...(po === undefined ? {} : { purchaseOrderNumber: po }),
      orderStatus: i % 23 === 0 ? 'CANCELLED' : 'CLOSED',
      charges: [{ type: 'NET_TOTAL', amount: { currencyCode: 'USD', amount: 10 + (i % 500) } }],
      buyingCustomer: { name: `Buyer ${i % 40}` },
      unknownValues: [],
    } as OrderReport);
  }
  const root = window.document.createElement('main');
  window.document.body.append(root);
  const rect = { width: 1400, height: 800 };
  const table = (rows: ReturnType<typeof applyView>) =>
    h(ReconcileTable, {
      rows,
      sort: DEFAULT_VIEW.sort,
      selectedPo: null,
      onSort: () => undefined,
      onSelect: () => undefined,
      initialRect: rect,
    });

  const now = new Date('2026-12-02T09:00:00Z');
  // One warm-up pass on other data, each step of the measured ones, so the figures are the page's work rather than
  // the JIT compiling this module (the search's diagnoses and haystacks included); with a copy of the policy and
  // other rows, so the measured passes find no PO checked, no diagnosis and no search text worked out already.
  // (In a function, so its rows are garbage before the measured passes, as a closed page's would be.)
  (() => {
    const warmUp = reconcile(orders.slice(0, 2000).reverse(), { policy: structuredClone(SAMPLE_POLICY), now });
    for (const view of [
      DEFAULT_VIEW,
      { ...DEFAULT_VIEW, verdicts: ['non-compliant'] as const },
      { ...DEFAULT_VIEW, sort: { column: 'statuses', direction: 'descending' } as const },
      { ...DEFAULT_VIEW, search: 'buyer 7' },
    ])
      render(table(applyView(warmUp, view)), root as unknown as Element);
    render(null, root as unknown as Element);
  })();
  const samples: Omit<ReconcileRenderResult, 'runs' | 'pos' | 'rows'>[] = [];
  let pos = 0;
  let rendered = 0;
  const timed = (paint: () => void) => {
    const started = performance.now();
    paint();
    return performance.now() - started;
  };
  for (let run = 0; run < runs; run++) {
    const policy = structuredClone(SAMPLE_POLICY);
    const started = performance.now();
    const all = reconcile(orders, { policy, now });
    const reconcileMs = performance.now() - started;
    render(table(applyView(all, DEFAULT_VIEW)), root as unknown as Element);
    const firstPaintMs = performance.now() - started;
    const filterMs = timed(() =>
      render(table(applyView(all, { ...DEFAULT_VIEW, verdicts: ['non-compliant'] })), root as unknown as Element),
    );
    rendered = root.querySelectorAll('tbody tr').length;
    const sortMs = timed(() =>
      render(
        table(applyView(all, { ...DEFAULT_VIEW, sort: { column: 'statuses', direction: 'descending' } })),
        root as unknown as Element,
      ),
    );
    // A search reads every row's text, the diagnoses of the non-compliant POs included.
    const searchMs = timed(() =>
      render(table(applyView(all, { ...DEFAULT_VIEW, search: 'buyer 7' })), root as unknown as Element),
    );
    samples.push({ firstPaintMs, reconcileMs, filterMs, sortMs, searchMs });
    pos = all.length;
    render(null, root as unknown as Element);
  }
  const median = (pick: (sample: (typeof samples)[number]) => number) =>
    samples.map(pick).sort((a, b) => a - b)[Math.floor(samples.length / 2)]!;
  await window.happyDOM.close();
  return {
    firstPaintMs: median((sample) => sample.firstPaintMs),
    reconcileMs: median((sample) => sample.reconcileMs),
    filterMs: median((sample) => sample.filterMs),
    sortMs: median((sample) => sample.sortMs),
    searchMs: median((sample) => sample.searchMs),
    runs,
    pos,
    rows: rendered,
  };
}
