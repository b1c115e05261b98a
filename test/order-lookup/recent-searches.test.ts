import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  RECENT_SEARCHES_LIMIT,
  addRecentSearch,
  clearRecentSearches,
  parseRecentSearches,
  readRecentSearches,
  rememberSearch,
  type RecentSearch,
} from '@/lib/order-lookup/recent-searches';

const at = '2026-03-14T12:00:00.000Z';
const search = (po: string, region: RecentSearch['region'] = 'US'): RecentSearch => ({ po, region, at });

describe('recent searches', () => {
  beforeEach(() => fakeBrowser.reset());

  it('puts the newest first, moves a repeated search to the front and keeps 8', () => {
    let list: RecentSearch[] = [];
    for (let i = 1; i <= 10; i++) list = addRecentSearch(list, search(`PO-${i}`));
    expect(list.map((entry) => entry.po)).toEqual(['PO-10', 'PO-9', 'PO-8', 'PO-7', 'PO-6', 'PO-5', 'PO-4', 'PO-3']);
    expect(RECENT_SEARCHES_LIMIT).toBe(8);
    list = addRecentSearch(list, search('PO-5'));
    expect(list.map((entry) => entry.po).slice(0, 3)).toEqual(['PO-5', 'PO-10', 'PO-9']);
    expect(list).toHaveLength(8);
    expect(addRecentSearch(list, search('PO-5', 'DE')).filter((entry) => entry.po === 'PO-5')).toHaveLength(2);
  });

  it('drops stored entries it cannot use', () => {
    expect(parseRecentSearches('nope')).toEqual([]);
    expect(
      parseRecentSearches([search('A'), { po: '', region: 'US', at }, { po: 'B', region: 'GB', at }, null]),
    ).toEqual([search('A')]);
  });

  it('persists under local:recentLookups', async () => {
    await rememberSearch(search('A'));
    await rememberSearch(search('B', 'JP'));
    expect(await fakeBrowser.storage.local.get('recentLookups')).toEqual({
      recentLookups: [search('B', 'JP'), search('A')],
    });
    expect(await readRecentSearches()).toEqual([search('B', 'JP'), search('A')]);
    await clearRecentSearches();
    expect(await readRecentSearches()).toEqual([]);
  });
});
