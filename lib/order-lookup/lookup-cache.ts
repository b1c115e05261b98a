import { z } from 'zod';
import { defineParsedItem } from '@/lib/storage/parsed-item';
import type { Region } from '@/lib/amazon/marketplaces';
import { regionSchema } from '@/lib/messaging/schemas';
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

/** The PO and region of the answer the popup showed last, so reopening the popup shows it again (issue 10, 9). */
export interface ShownLookup {
  po: string;
  region: Region;
}

const shownLookupSchema = z.object({ po: z.string().trim().min(1).max(200), region: regionSchema });

/** Session storage (trusted contexts only, like the cache it points into): gone when the browser closes. */
export const lastShownLookupItem = defineParsedItem<ShownLookup | null>(
  'session:lastShownLookup',
  shownLookupSchema.nullable(),
  { fallback: null },
);

/** The lookup the popup showed last, or null (nothing shown yet, or a value this version cannot read). */
export async function readLastShownLookup(): Promise<ShownLookup | null> {
  return lastShownLookupItem.getValue().catch(() => null);
}

export async function rememberShownLookup(shown: ShownLookup): Promise<void> {
  const last = await lastShownLookupItem.getValue();
  if (last?.po !== shown.po || last.region !== shown.region) await lastShownLookupItem.setValue(shown);
}
