import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { browser } from 'wxt/browser';
import { apiAccessItem, type ApiAccess } from './items';

/**
 * Where the direct-mode secrets (LWA client secret, refresh token) are kept.
 *
 * Chromium: `storage.local`, closed to content scripts by `storage.local.setAccessLevel('TRUSTED_CONTEXTS')` at
 * background start (guard-state-browser.ts). Firefox has no setAccessLevel for local storage (only for session,
 * DESIGN.md "Measured weaknesses"), so its content scripts, which run in the web page's process, could read
 * `storage.local`. There the secrets go to IndexedDB of the extension's origin, which content scripts cannot open
 * (they use the page's origin), and `storage.local` keeps the rest of the API access without them. Only the
 * background and extension pages call this module.
 */
export const SECRET_DB_NAME = 'po-assist-secrets';
const STORE = 'secrets';
const API_SECRETS_KEY = 'apiAccess';

export interface ApiSecrets {
  clientSecret?: string;
  refreshToken?: string;
}

interface SecretDb extends DBSchema {
  secrets: { key: string; value: ApiSecrets };
}

export interface SecretStore {
  get(): Promise<ApiSecrets>;
  set(secrets: ApiSecrets): Promise<void>;
  clear(): Promise<void>;
}

/** The secrets in IndexedDB of the extension's origin (fake-indexeddb in the unit tests). */
export function indexedDbSecretStore(): SecretStore {
  // One short connection per call: the service worker may stop between calls, taking a kept connection with it.
  const withStore = async <T>(run: (db: IDBPDatabase<SecretDb>) => Promise<T>): Promise<T> => {
    const db = await openDB<SecretDb>(SECRET_DB_NAME, 1, {
      upgrade(next) {
        next.createObjectStore(STORE);
      },
    });
    try {
      return await run(db);
    } finally {
      db.close();
    }
  };
  return {
    get: () =>
      withStore(async (db) => {
        const value = (await db.get(STORE, API_SECRETS_KEY)) as unknown;
        if (!value || typeof value !== 'object') return {};
        const { clientSecret, refreshToken } = value as Record<string, unknown>;
        return {
          ...(typeof clientSecret === 'string' ? { clientSecret } : {}),
          ...(typeof refreshToken === 'string' ? { refreshToken } : {}),
        };
      }),
    set: (secrets) => withStore(async (db) => void (await db.put(STORE, { ...secrets }, API_SECRETS_KEY))),
    clear: () => withStore((db) => db.delete(STORE, API_SECRETS_KEY)),
  };
}

/**
 * Secrets go to IndexedDB where content scripts could read `storage.local` (no setAccessLevel: Firefox) and
 * IndexedDB exists; elsewhere they stay in `storage.local` (closed to content scripts on Chromium).
 */
export function secretsNeedIndexedDb(): boolean {
  const local = browser.storage?.local as { setAccessLevel?: unknown } | undefined;
  return typeof local?.setAccessLevel !== 'function' && typeof globalThis.indexedDB !== 'undefined';
}

const withoutSecrets = (access: ApiAccess): ApiAccess => {
  const { clientSecret: _secret, refreshToken: _token, ...rest } = access;
  return rest;
};

export interface ApiAccessStore {
  /** The user's API access with its secrets, wherever they are kept. Moves secrets left in storage.local first. */
  get(): Promise<ApiAccess | null>;
  set(access: ApiAccess): Promise<void>;
  remove(): Promise<void>;
}

/**
 * The user's API access: `storage.local` (its change still tells the guard state and pages) plus, when `secrets`
 * is given, the secrets in that store. Reading migrates an older value: secrets found in `storage.local` are
 * written to the store, then deleted from `storage.local`.
 */
export function createApiAccessStore(secrets: SecretStore | null): ApiAccessStore {
  return {
    async get() {
      const stored = await apiAccessItem.getValue();
      if (!secrets || !stored) return stored;
      if (stored.clientSecret !== undefined || stored.refreshToken !== undefined) {
        await secrets.set({ clientSecret: stored.clientSecret, refreshToken: stored.refreshToken });
        // Written back only if nothing replaced it meanwhile: a setting saved during the IndexedDB write must not be
        // overwritten by the older value (seen in Firefox when API access changed right after a read).
        const now = await apiAccessItem.getValue();
        if (JSON.stringify(now) !== JSON.stringify(stored)) return this.get();
        await apiAccessItem.setValue(withoutSecrets(stored));
        return stored;
      }
      return stored.mode === 'direct' ? { ...stored, ...(await secrets.get()) } : stored;
    },
    async set(access) {
      if (!secrets) return apiAccessItem.setValue(access);
      // Secrets first: storage.local's change makes the background read both.
      if (access.mode === 'direct')
        await secrets.set({ clientSecret: access.clientSecret, refreshToken: access.refreshToken });
      else await secrets.clear();
      await apiAccessItem.setValue(withoutSecrets(access));
    },
    async remove() {
      await secrets?.clear();
      await apiAccessItem.removeValue();
    },
  };
}

let chosen: ApiAccessStore | null = null;

/** The API access store of this browser (decided once per context). */
export function apiAccessStore(): ApiAccessStore {
  chosen ??= createApiAccessStore(secretsNeedIndexedDb() ? indexedDbSecretStore() : null);
  return chosen;
}
