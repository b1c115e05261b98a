/**
 * Issue 10, point 4: Generate never offers a PO that is already used. The background's generatePo handler against
 * the Amazon Business API simulator (getOrderReports over a date range for the prefix, then the reuse check of
 * the candidate), wired as entrypoints/background.ts wires it.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { type RateLimit } from '@/lib/api/scheduler';
import { type SenderInfo } from '@/lib/messaging/router';
import { SAMPLE_POLICY } from '@/lib/policy/sample-policy';
import { SIM_CREDENTIALS, startSimulator, type Simulator } from '../sim/server';
import { createSimFetch } from '../sim/sim-fetch';
import { guardBackgroundRouter } from '../support/guard-background';

const RATE: RateLimit = { ratePerSecond: 50, burst: 10 };
const content: SenderInfo = { kind: 'content', url: 'https://www.amazon.com/checkout/p/1/spc', tabId: 1 };
const DIRECT = { mode: 'direct', ...SIM_CREDENTIALS, region: 'US', sandbox: false };

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ rateLimit: RATE });
  // Other shoppers' orders under PRJ-ATLAS-0002..0005 (the data set has 0001): in the date range and by PO.
  const [template] = sim.dataset.byPo.get('PRJ-ATLAS-0001')!.filter((order) => order.region === 'US');
  for (const n of [2, 3, 4, 5]) addOrder(`PRJ-ATLAS-000${n}`, template!, { inRange: true });
});
afterAll(async () => {
  await sim?.close();
});
beforeEach(async () => {
  fakeBrowser.reset();
  sim.reset();
  await fakeBrowser.storage.local.set({ userPolicy: SAMPLE_POLICY });
});

function addOrder(po: string, template: (typeof sim.bulk.orders)[number], { inRange }: { inRange: boolean }) {
  const order = structuredClone(template);
  order.orderId = `${template.orderId.slice(0, -4)}${po.slice(-4)}`;
  order.wire.orderMetadata.orderId = order.orderId;
  order.wire.purchaseOrderNumber = po;
  sim.dataset.byPo.set(po, [...(sim.dataset.byPo.get(po) ?? []), order]);
  if (inRange) sim.bulk.orders.push(order);
}

function background() {
  const router = guardBackgroundRouter({ fetch: createSimFetch(sim), rate: RATE });
  return (values: Record<string, string>) =>
    router.dispatch({ poAssist: 1, type: 'generatePo', input: { formatId: 'project', values } }, content);
}

const orderReportsRequests = () =>
  Object.entries(sim.stats.byPath)
    .filter(([path]) => path === '/reports/2025-06-09/orderReports')
    .reduce((sum, [, count]) => sum + count, 0);

describe('Generate with API access: the next number Amazon has not seen', () => {
  it('offers PRJ-ATLAS-0006 when Amazon has orders under PRJ-ATLAS-0001..0005', async () => {
    await fakeBrowser.storage.local.set({ apiAccess: DIRECT });
    const generate = background();
    expect(await generate({ proj: 'atlas' })).toEqual({ ok: true, value: { ok: true, po: 'PRJ-ATLAS-0006' } });
    expect(orderReportsRequests()).toBeGreaterThan(0);

    // Cached per prefix: a second Generate does not read the order history again.
    const before = orderReportsRequests();
    expect(await generate({ proj: 'ATLAS' })).toMatchObject({ value: { po: 'PRJ-ATLAS-0006' } });
    expect(orderReportsRequests()).toBe(before);
  });

  it('another prefix starts at 0001 when Amazon has none', async () => {
    await fakeBrowser.storage.local.set({ apiAccess: DIRECT });
    expect(await background()({ proj: 'ORION' })).toMatchObject({ value: { ok: true, po: 'PRJ-ORION-0001' } });
  });
});

describe('Generate without API access', () => {
  it("counts on this browser's history only (and asks Amazon nothing)", async () => {
    await fakeBrowser.storage.local.set({
      poHistory: [{ po: 'PRJ-ATLAS-0001', date: '2026-11-01T10:00:00Z', marketplace: 'US' }],
    });
    expect(await background()({ proj: 'ATLAS' })).toMatchObject({ value: { ok: true, po: 'PRJ-ATLAS-0002' } });
    expect(sim.stats.requests).toBe(0);
  });
});
