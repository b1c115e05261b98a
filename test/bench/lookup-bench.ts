// Speed of the order lookup (issue 3 §6): paging against the simulator at a scaled-up rate limit, parsing one
// 100-order page, and a cached answer rendering in the popup in Chromium.
import '@/lib/messaging/zod-setup';
import { performance } from 'node:perf_hooks';
import { createTokenProvider } from '@/lib/api/auth';
import { lookupOrdersByPo } from '@/lib/api/reports';
import { ordersPageSchema } from '@/lib/api/schemas';
import { TokenBucketScheduler, type RateLimit } from '@/lib/api/scheduler';
import { startSimulator, SIM_CREDENTIALS } from '../sim/server';
import { createSimFetch } from '../sim/sim-fetch';
import { startApiSession } from '../e2e/support/api-session';

export interface ScaledLookupResult {
  pages: number;
  orders: number;
  /** Median over the runs, from asking to the last page parsed (the LWA token included). */
  wallMs: number;
  /** Burst, then one request per refill: the earliest the last page can be asked for is (pages − burst) / rate. */
  idealMs: number;
  ratio: number;
  /** 429s the simulator answered over all runs. */
  throttled: number;
  runs: number;
}

/**
 * A 30-page lookup (PO-BIG-0001, 10 orders a page) in Node with the simulator and the client's
 * TokenBucketScheduler both at `limit` instead of Amazon's 0.5/s, so it takes about a second rather than 40.
 *
 * It drives lib/api as the background's lookup service does (one token provider, one scheduler, the same paging
 * and retry), without the service's extension glue (session cache, progress messages, localized notices), which
 * needs the extension runtime that tsx does not provide.
 */
export async function benchScaledLookup(
  options: { limit?: RateLimit; runs?: number; tokenCached?: boolean } = {},
): Promise<ScaledLookupResult> {
  // 10× Amazon's rate: fast enough for a bench, slow enough that loopback round trips stay a small part of a refill.
  const { limit = { ratePerSecond: 5, burst: 10 }, runs = 3, tokenCached = false } = options;
  const sim = await startSimulator({ pageSize: 10, rateLimit: limit });
  try {
    const po = 'PO-BIG-0001';
    const expected = sim.pos.find((info) => info.po === po)!.byRegion.US!.count;
    const pages = Math.ceil(expected / sim.options.pageSize);
    const fetch = createSimFetch(sim);
    const walls: number[] = [];
    let throttled = 0;
    let orders = 0;
    for (let run = 0; run < runs; run++) {
      const tokens = createTokenProvider({ mode: 'direct', ...SIM_CREDENTIALS }, { fetch });
      // A user's first lookup also fetches the LWA token; later ones find it cached.
      if (tokenCached) await tokens.getToken();
      // Both buckets start full; the simulator's first, so the client is never the more generous of the two.
      sim.reset();
      const deps = { fetch, tokens, scheduler: new TokenBucketScheduler(limit) };
      const started = performance.now();
      const answer = await lookupOrdersByPo({ po, region: 'US' }, deps);
      walls.push(performance.now() - started);
      if (!answer.complete || answer.error) throw new Error(`lookup failed: ${answer.error?.message ?? 'incomplete'}`);
      if (answer.pages !== pages) throw new Error(`expected ${pages} pages, got ${answer.pages}`);
      orders = answer.orders.length;
      throttled += sim.stats.throttled;
    }
    const wallMs = median(walls);
    const idealMs = (Math.max(0, pages - limit.burst) / limit.ratePerSecond) * 1000;
    return { pages, orders, wallMs, idealMs, ratio: wallMs / idealMs, throttled, runs };
  } finally {
    await sim.close();
  }
}

/** JSON.parse plus `ordersPageSchema` (what the client does with every page) on a 100-order page of sample data. */
export async function benchPageParse(iterations = 300): Promise<{ msPerPage: number; bytes: number }> {
  const sim = await startSimulator();
  let body: string;
  try {
    const orders = sim.dataset.byPo
      .get('PO-BIG-0001')!
      .slice(0, 100)
      .map((order) => order.wire);
    body = JSON.stringify({ ordersReport: orders, nextPageToken: 'bench-next-page', size: orders.length });
  } finally {
    await sim.close();
  }
  const parse = () => {
    const page = ordersPageSchema.parse(JSON.parse(body));
    if (page.ordersReport.length !== 100) throw new Error('expected 100 orders');
  };
  for (let i = 0; i < 30; i++) parse(); // warm-up
  const samples: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const started = performance.now();
    parse();
    samples.push(performance.now() - started);
  }
  return { msPerPage: median(samples), bytes: Buffer.byteLength(body) };
}

/**
 * A cached answer's time to render in the popup, in Chromium with the built extension: the popup page is opened
 * fresh, the PO typed, and the time measured in the page from the Enter key to the order list in the DOM.
 */
export async function benchCachedRender(runs = 15): Promise<number[]> {
  const session = await startApiSession();
  try {
    await session.setApiAccess();
    const popup = await session.openPopup();
    const po = 'MKT-202611-0042';
    await popup.search(po); // fills the background's cache
    await popup.orders.first().waitFor({ timeout: 20_000 });
    const requestsAfterFirst = session.sim.stats.requests;
    await popup.page.addInitScript(() => {
      const marks: { enter?: number; list?: number } = {};
      (window as unknown as { __marks: typeof marks }).__marks = marks;
      document.addEventListener(
        'keydown',
        (event) => {
          if (event.key === 'Enter' && marks.enter === undefined) marks.enter = performance.now();
        },
        true,
      );
      new MutationObserver(() => {
        if (marks.enter !== undefined && marks.list === undefined && document.querySelector('[data-testid="order"]')) {
          marks.list = performance.now();
        }
      }).observe(document, { childList: true, subtree: true });
    });
    const samples: number[] = [];
    // Run 0 warms up (first page load of the session); it is not counted.
    for (let run = 0; run <= runs; run++) {
      await popup.page.reload();
      await popup.poInput.fill(po);
      await popup.poInput.press('Enter');
      await popup.orders.first().waitFor();
      const marks = await popup.page.evaluate(
        () => (window as unknown as { __marks: { enter: number; list: number } }).__marks,
      );
      if (run > 0) samples.push(marks.list - marks.enter);
    }
    if (session.sim.stats.requests !== requestsAfterFirst) throw new Error('the cached lookups reached the API');
    return samples;
  } finally {
    await session.close();
  }
}

function median(values: number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
}
