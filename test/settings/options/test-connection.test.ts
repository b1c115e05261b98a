/**
 * "Test connection" on the options page tests the API access as the form holds it, before Save (issue 10, point
 * 14): the background tries the form's values, with the saved secret where a secret field is left blank, and
 * stores nothing. Background handlers with WXT's fake browser, against the Amazon API simulator.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createHandlers, dispatchMessage } from '../../support/background-router';
import { TokenBucketScheduler } from '@/lib/api/scheduler';
import { sessionLookupCache } from '@/lib/order-lookup/lookup-cache';
import { createLookupService } from '@/lib/order-lookup/lookup-service';
import type { SenderInfo } from '@/lib/messaging/router';
import { apiAccessStore } from '@/lib/storage/secret-store';
import { readApiAccess } from '@/lib/storage/policy-store';
import { createSimFetch } from '../../sim/sim-fetch';
import { SIM_CREDENTIALS, startSimulator, type Simulator } from '../../sim/server';

const optionsPage: SenderInfo = { kind: 'extension', url: 'chrome-extension://self/options.html' };
const checkoutPage: SenderInfo = { kind: 'content', url: 'https://www.amazon.com/checkout/p/1/spc', tabId: 3 };
const SAVED = { mode: 'direct', ...SIM_CREDENTIALS, region: 'US', sandbox: false } as const;
/** The form as the options page sends it with the secrets left blank (they stand for the saved ones). */
const FORM = { mode: 'direct', region: 'US', sandbox: false } as const;

let sim: Simulator;
let requests: string[];
let handlers: ReturnType<typeof createHandlers>;

beforeAll(async () => {
  sim = await startSimulator({
    rateLimit: { ratePerSecond: 50, burst: 10 },
    log: (line) => requests.push(line),
  });
});
afterAll(async () => {
  await sim?.close();
});
beforeEach(() => {
  fakeBrowser.reset();
  sim.reset();
  requests = [];
  const lookups = createLookupService({
    fetch: createSimFetch(sim),
    readAccess: readApiAccess,
    cache: sessionLookupCache,
    broadcast: () => undefined,
    scheduler: new TokenBucketScheduler({ ratePerSecond: 50, burst: 10 }),
  });
  handlers = createHandlers({ lookups });
});

const call = (type: string, input: unknown = {}, sender: SenderInfo = optionsPage) =>
  dispatchMessage(handlers, { poAssist: 1, type, input }, sender);
const testForm = (form: object, sender?: SenderInfo) => call('testApiConnection', { form }, sender);

describe('Test connection with the values in the form', () => {
  it('tests a region changed in the form, with the saved secrets, and leaves the saved access as it was', async () => {
    await call('saveApiAccess', SAVED);
    const reply = await testForm({ ...FORM, region: 'UK' });
    expect(reply).toEqual({
      ok: true,
      value: {
        ok: true,
        message:
          'Connected: the Reporting API answered for region UK. Tested with the values in the form, which are not saved yet.',
      },
    });
    // The test went to Europe's endpoint, not the saved region's.
    expect(requests.filter((line) => line.includes('/reports/'))).toEqual([
      expect.stringMatching(/^200 GET eu\.business-api\.amazon\.com\/reports\/.*region=UK/),
    ]);
    expect(await apiAccessStore().get()).toEqual(SAVED);
  });

  it('uses a secret typed into the form over the saved one, and saves neither', async () => {
    await call('saveApiAccess', { ...SAVED, refreshToken: 'Atzr|revoked-long-ago' });
    expect(await call('testApiConnection')).toMatchObject({ ok: true, value: { ok: false } });

    const typed = await testForm({ ...FORM, refreshToken: SIM_CREDENTIALS.refreshToken });
    expect(typed).toMatchObject({ ok: true, value: { ok: true } });
    expect(await apiAccessStore().get()).toEqual({ ...SAVED, refreshToken: 'Atzr|revoked-long-ago' });
    // The saved access still fails: the good token was never kept.
    expect(await call('testApiConnection')).toMatchObject({ ok: true, value: { ok: false } });
  });

  it('says plainly what the form misses, and never repeats a secret in its answer or the console', async () => {
    const logged = vi.spyOn(console, 'log');
    const warned = vi.spyOn(console, 'warn');
    const failed = vi.spyOn(console, 'error');
    const secret = 'typed-but-wrong-secret';
    expect(await testForm({ ...FORM, clientId: SIM_CREDENTIALS.clientId, clientSecret: secret })).toEqual({
      ok: true,
      value: { ok: false, message: expect.stringMatching(/^Direct access needs .*refresh token/i) },
    });
    const wrong = await testForm({ ...FORM, ...SIM_CREDENTIALS, clientSecret: secret });
    expect(wrong).toMatchObject({ ok: true, value: { ok: false } });
    expect(JSON.stringify(wrong)).not.toContain(secret);
    for (const spy of [logged, warned, failed]) {
      expect(JSON.stringify(spy.mock.calls)).not.toContain(secret);
      spy.mockRestore();
    }
    expect(await apiAccessStore().get()).toBeNull();
  });

  it("tests the organization's token broker, which the form shows locked, with the form's region", async () => {
    await fakeBrowser.storage.managed.set({ tokenBrokerUrl: 'https://broker.example.com/broker/token' });
    // The page sends no broker URL when the organization sets it.
    expect(await testForm({ mode: 'broker', region: 'UK', sandbox: false })).toMatchObject({
      ok: true,
      value: { ok: true, message: expect.stringContaining('answered for region UK') },
    });
    expect(requests.filter((line) => line.includes('/broker/token'))).toHaveLength(1);
    expect(await apiAccessStore().get()).toBeNull();
  });

  it('is refused from a checkout page, before any request', async () => {
    await call('saveApiAccess', SAVED);
    expect(await testForm({ ...FORM, region: 'UK' }, checkoutPage)).toMatchObject({
      ok: false,
      error: { kind: 'forbidden' },
    });
    expect(await call('testApiConnection', {}, checkoutPage)).toMatchObject({
      ok: false,
      error: { kind: 'forbidden' },
    });
    expect(sim.stats.requests).toBe(0);
  });

  it('refuses a form that is not API access, naming no value', async () => {
    const reply = await testForm({ mode: 'direct', region: 'MOON', sandbox: false, clientSecret: 'x'.repeat(3000) });
    expect(reply).toMatchObject({ ok: false, error: { kind: 'bad-request' } });
    expect(JSON.stringify(reply)).not.toContain('xxxx');
    expect(sim.stats.requests).toBe(0);
  });
});

describe("Save under the organization's token broker", () => {
  it("saves the form's region and sandbox, and never writes the organization's broker URL into user storage", async () => {
    await fakeBrowser.storage.managed.set({ tokenBrokerUrl: 'https://broker.example.com/broker/token' });
    expect(await call('saveApiAccess', { mode: 'broker', region: 'UK', sandbox: true })).toMatchObject({
      ok: true,
      value: { mode: 'broker', brokerLocked: true, region: 'UK', sandbox: true },
    });
    expect(await apiAccessStore().get()).toEqual({ mode: 'broker', region: 'UK', sandbox: true });
  });

  it("keeps the user's own direct access for when the organization stops setting a broker", async () => {
    await call('saveApiAccess', SAVED);
    await fakeBrowser.storage.managed.set({ tokenBrokerUrl: 'https://broker.example.com/broker/token' });
    expect(await call('saveApiAccess', { mode: 'broker', region: 'UK', sandbox: false })).toMatchObject({ ok: true });
    expect(await apiAccessStore().get()).toEqual({ ...SAVED, region: 'UK' });
  });
});
