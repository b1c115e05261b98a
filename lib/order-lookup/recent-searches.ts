import { z } from 'zod';
import { defineParsedItem } from '@/lib/storage/parsed-item';
import type { Region } from '@/lib/amazon/marketplaces';
import { REGIONS } from '@/lib/api/regions';

/** A PO the user looked up from the popup, for one-click repeat. Holds no order data. */
export interface RecentSearch {
  po: string;
  region: Region;
  /** ISO time of the last search. */
  at: string;
}

export const RECENT_SEARCHES_LIMIT = 8;

// Entries are parsed one by one (parseRecentSearches): one bad entry does not cost the others.
export const recentSearchesItem = defineParsedItem<RecentSearch[]>('local:recentLookups', z.array(z.any()), {
  fallback: [],
  version: 1,
});

const recentSearchSchema = z.object({
  po: z.string().min(1),
  region: z.enum(REGIONS as [Region, ...Region[]]),
  at: z.string(),
});

/** What is stored, without entries an older or tampered value would break the popup with. */
export function parseRecentSearches(value: unknown): RecentSearch[] {
  if (!Array.isArray(value)) return [];
  return value
    .flatMap((entry) => {
      const parsed = recentSearchSchema.safeParse(entry);
      return parsed.success ? [parsed.data] : [];
    })
    .slice(0, RECENT_SEARCHES_LIMIT);
}

/** The list with this search first, an earlier search of the same PO and region dropped, and at most 8 kept. */
export function addRecentSearch(list: readonly RecentSearch[], search: RecentSearch): RecentSearch[] {
  const rest = list.filter((entry) => !(entry.po === search.po && entry.region === search.region));
  return [search, ...rest].slice(0, RECENT_SEARCHES_LIMIT);
}

export async function readRecentSearches(): Promise<RecentSearch[]> {
  return parseRecentSearches(await recentSearchesItem.getValue());
}

export async function rememberSearch(search: RecentSearch): Promise<RecentSearch[]> {
  const next = addRecentSearch(await readRecentSearches(), search);
  await recentSearchesItem.setValue(next);
  return next;
}

export async function clearRecentSearches(): Promise<void> {
  await recentSearchesItem.removeValue();
}
