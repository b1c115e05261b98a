import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { sessionLookupCache } from '@/lib/order-lookup/lookup-cache';
import { readRecentSearches } from '@/lib/order-lookup/recent-searches';
import { readPoHistory, recordPoUse } from '@/lib/storage/history';
import {
  adminLastGoodItem,
  apiAccessItem,
  lastFieldStatusItem,
  remotePolicyItem,
  submittedPosItem,
} from '@/lib/storage/items';
import { readStorageProblems } from '@/lib/storage/parsed-item';
import { readApiAccess, readSettingsFresh } from '@/lib/storage/policy-store';

/** Reports are written without being awaited by the reader: let them land. */
const settled = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('stored values are parsed on read', () => {
  beforeEach(() => {
    fakeBrowser.reset();
  });

  it.each([
    [
      'apiAccess',
      'local',
      { mode: 'direct', clientId: 7, region: 'US', sandbox: false },
      () => apiAccessItem.getValue(),
      null,
    ],
    ['apiAccess', 'local', 'not an object', () => apiAccessItem.getValue(), null],
    [
      'remotePolicy',
      'local',
      { url: 'https://p.example.com/po.json', failures: 'many' },
      () => remotePolicyItem.getValue(),
      null,
    ],
    ['lastFieldStatus', 'session', { found: 'yes' }, () => lastFieldStatusItem.getValue(), null],
    [
      'submittedPos',
      'session',
      { 12: { po: 'MKT-1', marketplace: 'Atlantis', at: 'now', final: true } },
      () => submittedPosItem.getValue(),
      {},
    ],
    ['adminLastGood', 'local', ['not', 'a', 'record'], () => adminLastGoodItem.getValue(), {}],
  ] as const)(
    'a bad %s (%s storage) reads as its fallback and is reported, never thrown',
    async (key, area, bad, read, fallback) => {
      await fakeBrowser.storage[area].set({ [key]: bad });
      await expect(read()).resolves.toEqual(fallback);
      // The readers the handlers use go on with the fallback.
      await expect(readSettingsFresh()).resolves.toMatchObject({ effective: { policy: null } });
      await expect(readApiAccess()).resolves.toBeNull();
      await settled();
      expect(await readStorageProblems()).toEqual([
        expect.objectContaining({ key, kind: 'unreadable', detail: expect.any(String) }),
      ]);
    },
  );

  it('the report names the path and problem, never the stored value (it may be a secret)', async () => {
    await fakeBrowser.storage.local.set({
      apiAccess: { mode: 'direct', clientSecret: 42, refreshToken: 'Atzr|secret-token', region: 'US', sandbox: false },
    });
    await expect(apiAccessItem.getValue()).resolves.toBeNull();
    await settled();
    const [problem] = await readStorageProblems();
    expect(problem?.detail).toContain('clientSecret');
    expect(JSON.stringify(problem)).not.toContain('secret-token');
  });

  it('a good value reads as stored and reports nothing', async () => {
    const access = { mode: 'broker', brokerUrl: 'https://broker.example.com/token', region: 'UK', sandbox: true };
    await fakeBrowser.storage.local.set({ apiAccess: access });
    await expect(apiAccessItem.getValue()).resolves.toEqual(access);
    await settled();
    expect(await readStorageProblems()).toEqual([]);
  });

  it('a lookup cache and recent searches that do not parse read as empty', async () => {
    await fakeBrowser.storage.session.set({ lookupCache: { 'US:MKT-1': { po: 'MKT-1', orders: 'lots' } } });
    await fakeBrowser.storage.local.set({ recentLookups: 'yesterday' });
    await expect(sessionLookupCache.get('US:MKT-1')).resolves.toBeUndefined();
    await expect(readRecentSearches()).resolves.toEqual([]);
    await settled();
    expect((await readStorageProblems()).map((p) => p.key).sort()).toEqual(['lookupCache', 'recentLookups']);
  });

  it('a history write that fails is reported until a later write succeeds', async () => {
    const set = vi
      .spyOn(fakeBrowser.storage.local, 'set')
      .mockRejectedValueOnce(new Error('QUOTA_BYTES quota exceeded'));
    const use = { po: 'MKT-202611-0042', marketplace: 'US' as const, date: new Date().toISOString() };
    await expect(recordPoUse(use)).rejects.toThrow(/quota/);
    expect(await readStorageProblems()).toEqual([
      expect.objectContaining({ key: 'poHistory', kind: 'write-failed', detail: expect.stringContaining('quota') }),
    ]);
    set.mockRestore();
    await recordPoUse(use);
    expect(await readPoHistory()).toEqual([use]);
    expect(await readStorageProblems()).toEqual([]);
  });
});

describe('the checkout hint learns that the last PO could not be remembered', () => {
  beforeEach(() => {
    fakeBrowser.reset();
  });

  it('the guard state says so after a failed history write, and no longer after a good one', async () => {
    const { createBrowserGuardState } = await import('@/lib/checkout-guard/guard-state-browser');
    const use = { po: 'MKT-202611-0042', marketplace: 'US' as const, date: new Date().toISOString() };
    const set = vi
      .spyOn(fakeBrowser.storage.local, 'set')
      .mockRejectedValueOnce(new Error('QUOTA_BYTES quota exceeded'));
    await expect(recordPoUse(use)).rejects.toThrow(/quota/);
    set.mockRestore();
    expect((await createBrowserGuardState().get()).historyNotSaved).toBe(true);
    await recordPoUse(use);
    expect((await createBrowserGuardState().get()).historyNotSaved).toBe(false);
  });
});
