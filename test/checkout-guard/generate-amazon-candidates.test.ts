/**
 * Issue 10, point 4: Generate never offers a PO that is already used, even when this browser's history knows none
 * of the uses and Amazon's order reports over a date range miss some: each candidate is looked up by PO (the reuse
 * check) before it is offered. The background's generatePo handler against the simulator, wired as
 * entrypoints/background.ts wires it.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { newestFirst } from '@/lib/checkout-guard/amazon-used-pos';
import { GENERATE_ATTEMPTS } from '@/lib/checkout-guard/background';
import { type RateLimit } from '@/lib/api/scheduler';
import { type SenderInfo } from '@/lib/messaging/router';
import { SAMPLE_POLICY } from '@/lib/policy/sample-policy';
import { SIM_CREDENTIALS, startSimulator, type Simulator } from '../sim/server';
import { createSimFetch } from '../sim/sim-fetch';
import { guardBackgroundRouter } from '../support/guard-background';

const RATE: RateLimit = { ratePerSecond: 50, burst: 10 };
const content: SenderInfo = { kind: 'content', url: 'https://www.amazon.com/checkout/p/1/spc', tabId: 1 };
const DIRECT = { mode: 'direct', ...SIM_CREDENTIALS, region: 'US', sandbox: false };
const ORDER_REPORTS = '/reports/2025-06-09/orderReports';

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ rateLimit: RATE });
  const [template] = sim.dataset.byPo.get('PRJ-ATLAS-0001')!.filter((order) => order.region === 'US');
  // VEGA: 0001..0003 in Amazon's history, in the order reports' range.
  for (const n of [1, 2, 3]) addOrder(`PRJ-VEGA-000${n}`, template!, { inRange: true });
  // LYRA: 0001 in range; 0002 is older than the order reports reach (found by PO only).
  addOrder('PRJ-LYRA-0001', template!, { inRange: true });
  addOrder('PRJ-LYRA-0002', template!, { inRange: false });
  // SIRIUS: 0001..0008 ordered in the last days, behind a year of other orders (more pages than Generate reads).
  for (const n of [1, 2, 3, 4, 5, 6, 7, 8]) addOrder(`PRJ-SIRIUS-000${n}`, template!, { inRange: 'recent' });
  // NOVA: 0001..0009 all older than the order reports reach.
  for (const n of [1, 2, 3, 4, 5, 6, 7, 8, 9]) addOrder(`PRJ-NOVA-000${n}`, template!, { inRange: false });
});
afterAll(async () => {
  await sim?.close();
});
beforeEach(async () => {
  fakeBrowser.reset();
  sim.reset();
  await fakeBrowser.storage.local.set({ userPolicy: SAMPLE_POLICY, apiAccess: DIRECT });
});

function addOrder(
  po: string,
  template: (typeof sim.bulk.orders)[number],
  { inRange }: { inRange: boolean | 'recent' },
) {
  const order = structuredClone(template);
  order.orderId = `${template.orderId.slice(0, -7)}${String(Math.abs(hash(po)) % 10_000_000).padStart(7, '0')}`;
  order.wire.orderMetadata.orderId = order.orderId;
  order.wire.purchaseOrderNumber = po;
  sim.dataset.byPo.set(po, [...(sim.dataset.byPo.get(po) ?? []), order]);
  if (inRange === 'recent') {
    // Yesterday, so among the newest orders (the reports serve them oldest first).
    order.orderDate = new Date(Date.now() - 86_400_000).toISOString();
    order.wire.orderMetadata.orderDate = order.orderDate;
    sim.bulk.orders.push(order);
  } else if (inRange) {
    // Next to its template, so it sits among the orders of its date.
    sim.bulk.orders.splice(sim.bulk.orders.indexOf(template) + 1, 0, order);
  }
}

function hash(text: string): number {
  let h = 0;
  for (const char of text) h = (h * 31 + char.charCodeAt(0)) | 0;
  return h;
}

/** The background as entrypoints/background.ts builds it; `reports: 'failing'` makes every date-range report fail. */
function background({
  reports = 'working',
  lookups: lookupsBy = 'working',
}: { reports?: 'working' | 'failing'; lookups?: 'working' | 'failing' } = {}) {
  const simFetch = createSimFetch(sim);
  const fetch: typeof globalThis.fetch = (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    if (reports === 'failing' && url.pathname === ORDER_REPORTS) {
      const body = { errors: [{ code: 'InvalidInput', message: 'orderReports is not available for this account.' }] };
      return Promise.resolve(new Response(JSON.stringify(body), { status: 400 }));
    }
    if (lookupsBy === 'failing' && url.pathname.startsWith('/reports/2025-06-09/purchaseOrders/')) {
      // Not retried (a 500 is, with backoff): Amazon refuses the lookups outright.
      const body = { errors: [{ code: 'InvalidInput', message: 'The request is not valid for this account.' }] };
      return Promise.resolve(new Response(JSON.stringify(body), { status: 400 }));
    }
    return simFetch(input, init);
  };
  const router = guardBackgroundRouter({ fetch, rate: RATE });
  return (proj: string) =>
    router.dispatch({ poAssist: 1, type: 'generatePo', input: { formatId: 'project', values: { proj } } }, content);
}

describe('Generate with an empty local history: the next number Amazon has not seen', () => {
  it('offers PRJ-VEGA-0004 when Amazon has orders under PRJ-VEGA-0001..0003', async () => {
    expect(await background()('vega')).toEqual({ ok: true, value: { ok: true, po: 'PRJ-VEGA-0004' } });
  });

  it('skips a number the order reports do not reach but the lookup by PO finds (PRJ-LYRA-0002)', async () => {
    expect(await background()('lyra')).toEqual({ ok: true, value: { ok: true, po: 'PRJ-LYRA-0003' } });
    expect(sim.stats.byPath['/reports/2025-06-09/purchaseOrders/PRJ-LYRA-0002/orderReports']).toBeGreaterThan(0);
  });

  it('finds the numbers used lately first, however many older orders the year holds (PRJ-SIRIUS-0001..0008)', async () => {
    expect(await background()('sirius')).toEqual({ ok: true, value: { ok: true, po: 'PRJ-SIRIUS-0009' } });
  });

  it('still checks each number by PO when the order reports cannot be read', async () => {
    expect(await background({ reports: 'failing' })('vega')).toEqual({
      ok: true,
      value: { ok: true, po: 'PRJ-VEGA-0004' },
    });
  });

  it('offers no number it could not check when Amazon does not answer the lookups by PO', async () => {
    const answer = await background({ reports: 'failing', lookups: 'failing' })('vega');
    expect(answer).toMatchObject({ ok: false, error: { kind: 'generate-unchecked' } });
    expect(answer && !answer.ok ? answer.error.message : '').toContain('PRJ-VEGA-0001');
  });

  it(`says so, rather than offer a used number, when ${GENERATE_ATTEMPTS} numbers in a row are used`, async () => {
    const answer = await background()('nova');
    expect(answer).toMatchObject({ ok: false, error: { kind: 'generate-used' } });
    const message = answer && !answer.ok ? answer.error.message : '';
    expect(message).toContain('PRJ-NOVA-0001');
    expect(message).toContain(`PRJ-NOVA-000${GENERATE_ATTEMPTS}`);
  });
});

describe('newestFirst', () => {
  it('reads the year in windows, newest first, that cover each day once', () => {
    expect(newestFirst('2026-12-02')).toEqual([
      { from: '2026-11-26', to: '2026-12-02' },
      { from: '2026-11-03', to: '2026-11-25' },
      { from: '2026-09-03', to: '2026-11-02' },
      { from: '2025-12-02', to: '2026-09-02' },
    ]);
  });
});
