import type { LookupResponse } from '@/lib/messaging/protocol';
import { LOOKUP_CACHE_ENTRIES, lookupCacheItem } from '@/lib/storage/items';
import type { LookupCache } from './lookup-service';

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
