import { storage } from 'wxt/utils/storage';
import type { LookupResponse } from './contract';
import type { LookupCache } from './lookup-service';

/**
 * Recent lookups, kept for the browser session only: order data never lands on disk, and session storage is not
 * readable by content scripts.
 */
export const lookupCacheItem = storage.defineItem<Record<string, LookupResponse>>('session:lookupCache', {
  fallback: {},
});
export const LOOKUP_CACHE_ENTRIES = 20;

/** The lookup cache in session storage, newest last, trimmed to the last few lookups. */
export const sessionLookupCache: LookupCache = {
  async get(key) {
    return (await lookupCacheItem.getValue())[key];
  },
  async set(key, value: LookupResponse) {
    const entries = Object.entries(await lookupCacheItem.getValue()).filter(([k]) => k !== key);
    entries.push([key, value]);
    await lookupCacheItem.setValue(Object.fromEntries(entries.slice(-LOOKUP_CACHE_ENTRIES)));
  },
};
