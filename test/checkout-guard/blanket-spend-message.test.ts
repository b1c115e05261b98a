/**
 * Issue 10, point 7: the Generate panel shows what a blanket PO has left. The background's getBlanketSpend handler
 * against the Amazon Business API simulator, wired as entrypoints/background.ts wires it.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { TokenBucketScheduler, type AcquireOptions, type Priority, type RateLimit } from '@/lib/api/scheduler';
import { type SenderInfo } from '@/lib/messaging/router';
import { SAMPLE_POLICY } from '@/lib/policy/sample-policy';
import { describeDataset } from '../sim/data';
import { SIM_CREDENTIALS, startSimulator, type Simulator } from '../sim/server';
import { createSimFetch } from '../sim/sim-fetch';
import { guardBackgroundRouter } from '../support/guard-background';

const RATE: RateLimit = { ratePerSecond: 50, burst: 10 };
const content: SenderInfo = { kind: 'content', url: 'https://www.amazon.com/checkout/p/1/spc', tabId: 1 };
const popup: SenderInfo = { kind: 'extension', url: 'chrome-extension://id/popup.html' };
const DIRECT = { mode: 'direct', ...SIM_CREDENTIALS, region: 'US', sandbox: false };
// The sample policy's blanket PO, valid whatever year the tests run in.
const POLICY = {
  ...SAMPLE_POLICY,
  blanketPos: [{ ...SAMPLE_POLICY.blanketPos[0]!, validFrom: '2020-01-01', validTo: '2099-12-31' }],
};
const BY_PO = '/reports/2025-06-09/purchaseOrders/BPO-2026-MKT/orderReports';

let sim: Simulator;
let spentUsd: number;
beforeAll(async () => {
  sim = await startSimulator({ rateLimit: RATE });
  spentUsd = describeDataset(sim.dataset).find((info) => info.po === 'BPO-2026-MKT')!.byRegion.US!.netTotal;
});
afterAll(async () => {
  await sim?.close();
});
beforeEach(async () => {
  fakeBrowser.reset();
  sim.reset();
  await fakeBrowser.storage.local.set({ userPolicy: POLICY });
});

function background() {
  const priorities: (Priority | undefined)[] = [];
  const scheduler = new TokenBucketScheduler(RATE);
  const acquire = scheduler.acquire.bind(scheduler);
  scheduler.acquire = (signal?: AbortSignal, options?: AcquireOptions) => {
    priorities.push(options?.priority);
    return acquire(signal, options);
  };
  const router = guardBackgroundRouter({ fetch: createSimFetch(sim), rate: RATE, scheduler });
  const ask = (po: string, sender: SenderInfo = content) =>
    router.dispatch({ poAssist: 1, type: 'getBlanketSpend', input: { po } }, sender);
  return { ask, priorities };
}

describe('getBlanketSpend', () => {
  it("answers the blanket PO's spend and what is left, in its budget's currency, at background priority", async () => {
    await fakeBrowser.storage.local.set({ apiAccess: DIRECT });
    const { ask, priorities } = background();
    const answer = await ask('BPO-2026-MKT');
    expect(answer).toEqual({
      ok: true,
      value: {
        known: true,
        currencyCode: 'USD',
        spent: spentUsd,
        remaining: Math.round((5000 - spentUsd) * 1000) / 1000,
      },
    });
    // The figures only: no order, PO list or token reaches the page.
    expect(Object.keys((answer as { value: object }).value).sort()).toEqual([
      'currencyCode',
      'known',
      'remaining',
      'spent',
    ]);
    expect(priorities.length).toBeGreaterThan(0);
    expect(new Set(priorities)).toEqual(new Set(['background']));

    // Cached per PO: the panel opened again asks Amazon nothing.
    const asked = sim.stats.byPath[BY_PO];
    expect(await ask('BPO-2026-MKT')).toEqual(answer);
    expect(sim.stats.byPath[BY_PO]).toBe(asked);
  });

  it('is not known without API access, and asks Amazon nothing', async () => {
    expect(await background().ask('BPO-2026-MKT')).toEqual({ ok: true, value: { known: false } });
    expect(sim.stats.requests).toBe(0);
  });

  it('is not known when Amazon fails part way (never a figure from some of the orders)', async () => {
    await fakeBrowser.storage.local.set({ apiAccess: DIRECT });
    sim.setFaults({ truncateJsonOnPage: 2 });
    expect(await background().ask('BPO-2026-MKT')).toEqual({ ok: true, value: { known: false } });
  });

  it("tells nothing about a PO that is not one of the shopper's blanket POs", async () => {
    await fakeBrowser.storage.local.set({ apiAccess: DIRECT });
    expect(await background().ask('PRJ-ATLAS-0001')).toEqual({ ok: true, value: { known: false } });
    expect(sim.stats.requests).toBe(0);
  });

  it('is answered to the checkout content script only', async () => {
    await fakeBrowser.storage.local.set({ apiAccess: DIRECT });
    expect(await background().ask('BPO-2026-MKT', popup)).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
  });
});
