import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createHandlers, dispatchMessage } from '../support/background-router';
import { readApiAccess } from '@/lib/storage/policy-store';
import { sessionLookupCache } from '@/lib/order-lookup/lookup-cache';
import { createLookupService } from '@/lib/order-lookup/lookup-service';
import { TokenBucketScheduler } from '@/lib/api/scheduler';
import type { LookupProgressEvent } from '@/lib/order-lookup/contract';
import type { SenderInfo } from '@/lib/messaging/router';
import { createSimFetch } from '../sim/sim-fetch';
import { SIM_CREDENTIALS, startSimulator, type Simulator } from '../sim/server';

const popup: SenderInfo = { kind: 'extension', url: 'chrome-extension://self/popup.html' };
const content: SenderInfo = { kind: 'content', url: 'https://www.amazon.com/checkout/p/1/spc' };
const envelope = (type: string, input: unknown = {}) => ({ poAssist: 1, type, input });
const DIRECT = { mode: 'direct', ...SIM_CREDENTIALS, region: 'US', sandbox: false } as const;

let sim: Simulator;
let events: LookupProgressEvent[];
let handlers: ReturnType<typeof createHandlers>;

beforeAll(async () => {
  sim = await startSimulator({ rateLimit: { ratePerSecond: 50, burst: 10 } });
});
afterAll(async () => {
  await sim?.close();
});
beforeEach(() => {
  fakeBrowser.reset();
  sim.reset();
  events = [];
  const lookups = createLookupService({
    fetch: createSimFetch(sim),
    readAccess: readApiAccess,
    cache: sessionLookupCache,
    broadcast: (event) => events.push(event),
    // Amazon's limit scaled up 100× on both sides, so 30 pages take a fraction of a second.
    scheduler: new TokenBucketScheduler({ ratePerSecond: 50, burst: 10 }),
  });
  handlers = createHandlers({ lookups });
});

const call = (type: string, input: unknown = {}, sender: SenderInfo = popup) =>
  dispatchMessage(handlers, envelope(type, input), sender);

describe('order lookup in the background', () => {
  it('says it is not connected, without a request, when no API access is set', async () => {
    const reply = await call('lookupOrdersByPo', { po: 'MKT-202611-0042', region: 'US', lookupId: 'a' });
    expect(reply).toMatchObject({
      ok: true,
      value: { complete: false, orders: [], error: { kind: 'auth', reason: 'no-credentials' } },
    });
    expect(sim.stats.requests).toBe(0);
  });

  it('saves API access without ever sending the secrets back', async () => {
    const reply = await call('saveApiAccess', DIRECT);
    expect(reply).toMatchObject({
      ok: true,
      value: { configured: true, mode: 'direct', hasClientSecret: true, hasRefreshToken: true },
    });
    expect(JSON.stringify(reply)).not.toContain(SIM_CREDENTIALS.clientSecret);
    expect(JSON.stringify(reply)).not.toContain(SIM_CREDENTIALS.refreshToken);
    // Saving again with empty secrets keeps the stored ones.
    await call('saveApiAccess', { ...DIRECT, clientSecret: '', refreshToken: '' });
    expect(await call('getApiAccess')).toMatchObject({ value: { configured: true } });
  });

  it('refuses an http broker URL in plain words', async () => {
    const reply = await call('saveApiAccess', {
      mode: 'broker',
      brokerUrl: 'http://broker.example.com/token',
      region: 'US',
      sandbox: false,
    });
    expect(reply).toMatchObject({ ok: false, error: { message: expect.stringContaining('https://') } });
  });

  it('pages through every order with progress, then answers from the cache', async () => {
    await call('saveApiAccess', DIRECT);
    const reply = await call('lookupOrdersByPo', { po: 'PO-BIG-0001', region: 'US', lookupId: 'big' });
    expect(reply).toMatchObject({ ok: true, value: { complete: true, pages: 30, fromCache: false } });
    expect(reply?.ok && (reply.value as { orders: unknown[] }).orders).toHaveLength(300);
    expect(events.at(-1)).toMatchObject({ lookupId: 'big', pages: 30, orders: 300 });
    const requests = sim.stats.requests;
    const again = await call('lookupOrdersByPo', { po: 'PO-BIG-0001', region: 'US', lookupId: 'big2' });
    expect(again).toMatchObject({ ok: true, value: { fromCache: true, pages: 30 } });
    expect(sim.stats.requests).toBe(requests);
    expect(await call('getCachedLookup', { po: 'PO-BIG-0001', region: 'US' })).toMatchObject({
      ok: true,
      value: { fromCache: true },
    });
  });

  it('keeps the pages already fetched when a page is malformed', async () => {
    await call('saveApiAccess', DIRECT);
    sim.setFaults({ truncateJsonOnPage: 3 });
    const reply = await call('lookupOrdersByPo', { po: 'PO-BIG-0001', region: 'US', refresh: true, lookupId: 'm' });
    expect(reply).toMatchObject({ ok: true, value: { complete: false, pages: 2, error: { kind: 'malformed' } } });
    expect(reply?.ok && (reply.value as { orders: unknown[] }).orders).toHaveLength(20);
    expect(await call('getCachedLookup', { po: 'PO-BIG-0001', region: 'US' })).toEqual({ ok: true, value: null });
  });

  it('gives the checkout guard a count and a date, and never the orders', async () => {
    await call('saveApiAccess', DIRECT);
    const reply = await call('checkPoUsage', { po: 'MKT-202611-0042', lang: 'en-US' }, content);
    expect(reply).toEqual({
      ok: true,
      value: {
        configured: true,
        orders: 4,
        lastOrderDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
        notice: expect.stringMatching(
          /^Amazon Business has 4 orders under PO MKT-202611-0042, the last on \w{3} \d{1,2}, \d{4}\.$/,
        ),
      },
    });
    expect(
      await call('lookupOrdersByPo', { po: 'MKT-202611-0042', region: 'US', lookupId: 'x' }, content),
    ).toMatchObject({
      ok: false,
      error: { kind: 'forbidden' },
    });
  });

  it('tests the connection and reports a refused refresh token', async () => {
    await call('saveApiAccess', DIRECT);
    expect(await call('testApiConnection')).toMatchObject({ ok: true, value: { ok: true } });
    await call('saveApiAccess', { ...DIRECT, refreshToken: 'Atzr|wrong' });
    expect(await call('testApiConnection')).toMatchObject({ ok: true, value: { ok: false } });
  });

  it('follows the admin token broker URL and region over the user settings', async () => {
    await call('saveApiAccess', DIRECT);
    await fakeBrowser.storage.managed.set({ tokenBrokerUrl: 'https://broker.example.com/broker/token', region: 'DE' });
    expect(await call('getApiAccess')).toMatchObject({
      value: {
        mode: 'broker',
        brokerUrl: 'https://broker.example.com/broker/token',
        brokerLocked: true,
        region: 'DE',
        regionLocked: true,
      },
    });
    expect((await fakeBrowser.storage.local.get('apiAccess')).apiAccess).toMatchObject({
      mode: 'direct',
      region: 'US',
    });
  });
});
