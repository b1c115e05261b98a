import { z } from 'zod';
import { defineParsedItem } from '@/lib/storage/parsed-item';
import type { LookupResponse } from './contract';
import type { LookupCache } from './lookup-service';

/**
 * Recent lookups, kept for the browser session only: order data never lands on disk, and session storage is not
 * readable by content scripts.
 */
export const lookupCacheItem = defineParsedItem<Record<string, LookupResponse>>(
  'session:lookupCache',
  // The extension's own answers, checked for the fields the popup relies on (orders are rendered field by field).
  z.record(
    z.string(),
    z.looseObject({
      po: z.string(),
      region: z.string(),
      orders: z.array(z.looseObject({})),
      pages: z.number(),
      complete: z.boolean(),
      fetchedAt: z.string(),
      fromCache: z.boolean(),
    }),
  ) as unknown as z.ZodType<Record<string, LookupResponse>>,
  { fallback: {} },
);
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
