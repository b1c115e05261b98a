import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { ApiAccess } from '@/lib/storage/items';
import {
  createApiAccessStore,
  indexedDbSecretStore,
  secretsNeedIndexedDb,
  type ApiAccessStore,
} from '@/lib/storage/secret-store';

const DIRECT: ApiAccess = {
  mode: 'direct',
  clientId: 'amzn1.application-oa2-client.0123456789abcdef',
  clientSecret: 'amzn1.oa2-cs.v1.secret-value',
  refreshToken: 'Atzr|refresh-token-value',
  region: 'US',
  sandbox: false,
};

/** What a content script could read on Firefox: everything in storage.local. */
const localText = async () => JSON.stringify(await fakeBrowser.storage.local.get(null));

describe('Firefox: direct-mode secrets in IndexedDB of the extension origin, not in storage.local', () => {
  let store: ApiAccessStore;
  beforeEach(() => {
    fakeBrowser.reset();
    globalThis.indexedDB = new IDBFactory(); // a fresh, empty database per test
    store = createApiAccessStore(indexedDbSecretStore());
  });

  it('saving keeps the secrets out of storage.local, and reading gives them back', async () => {
    await store.set(DIRECT);
    const local = await localText();
    expect(local).not.toContain('secret-value');
    expect(local).not.toContain('refresh-token-value');
    expect(local).toContain('"mode":"direct"'); // the rest stays, so its change still reaches the background
    expect(await indexedDbSecretStore().get()).toEqual({
      clientSecret: DIRECT.clientSecret,
      refreshToken: DIRECT.refreshToken,
    });
    expect(await store.get()).toEqual(DIRECT);
  });

  it('secrets an older version left in storage.local are moved: read, written to IndexedDB, deleted', async () => {
    await fakeBrowser.storage.local.set({ apiAccess: DIRECT });
    expect(await store.get()).toEqual(DIRECT);
    expect(await localText()).not.toContain('secret-value');
    expect(await localText()).not.toContain('refresh-token-value');
    expect(await store.get()).toEqual(DIRECT); // and read from IndexedDB from then on
  });

  it('a setting saved while the secrets are being moved is kept, not overwritten by the older value', async () => {
    await fakeBrowser.storage.local.set({ apiAccess: DIRECT });
    const slow = indexedDbSecretStore();
    const realSet = slow.set.bind(slow);
    const broker = { mode: 'broker', brokerUrl: 'https://broker.example.com/token', region: 'US', sandbox: false };
    vi.spyOn(slow, 'set').mockImplementationOnce(async (secrets) => {
      await realSet(secrets);
      await fakeBrowser.storage.local.set({ apiAccess: broker }); // the user saves broker mode meanwhile
    });
    expect(await createApiAccessStore(slow).get()).toEqual(broker);
    expect((await fakeBrowser.storage.local.get('apiAccess')).apiAccess).toEqual(broker);
  });

  it('a failed IndexedDB write leaves the secrets where they were (nothing is lost)', async () => {
    await fakeBrowser.storage.local.set({ apiAccess: DIRECT });
    const failing = indexedDbSecretStore();
    vi.spyOn(failing, 'set').mockRejectedValue(new Error('QuotaExceededError'));
    await expect(createApiAccessStore(failing).get()).rejects.toThrow(/Quota/);
    expect(await localText()).toContain('secret-value');
  });

  it('switching to a token broker or removing access deletes the secrets', async () => {
    await store.set(DIRECT);
    await store.set({ mode: 'broker', brokerUrl: 'https://broker.example.com/token', region: 'DE', sandbox: false });
    expect(await indexedDbSecretStore().get()).toEqual({});
    await store.set(DIRECT);
    await store.remove();
    expect(await indexedDbSecretStore().get()).toEqual({});
    expect(await store.get()).toBeNull();
  });
});

describe('where the secrets go', () => {
  const local = fakeBrowser.storage.local as { setAccessLevel?: unknown };
  const original = local.setAccessLevel;
  beforeEach(() => fakeBrowser.reset());
  afterEach(() => {
    local.setAccessLevel = original;
  });

  it('IndexedDB where storage.local cannot be closed to content scripts (Firefox)', () => {
    local.setAccessLevel = undefined;
    expect(secretsNeedIndexedDb()).toBe(true);
  });

  it('storage.local where setAccessLevel closes it to content scripts (Chromium)', () => {
    local.setAccessLevel = async () => undefined;
    expect(secretsNeedIndexedDb()).toBe(false);
  });
});
