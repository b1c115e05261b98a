import type { RecentSearch } from '@/lib/order-lookup/recent-searches';
import { t } from '@/lib/i18n';
import { regionName } from '@/lib/api/region-names';

export interface RecentSearchesProps {
  searches: readonly RecentSearch[];
  onPick: (search: RecentSearch) => void;
  onClear: () => void;
}

/** The last POs searched, each one click from its answer. */
export function RecentSearches({ searches, onPick, onClear }: RecentSearchesProps) {
  if (searches.length === 0) return null;
  return (
    <section class="recent" aria-labelledby="recent-heading">
      <h2 id="recent-heading">{t('recent_heading')}</h2>
      <ul>
        {searches.map((search) => (
          <li key={`${search.region}:${search.po}`}>
            <button type="button" class="chip" onClick={() => onPick(search)}>
              {search.po} <span class="muted">· {regionName(search.region)}</span>
            </button>
          </li>
        ))}
      </ul>
      <button type="button" class="link" onClick={onClear}>
        {t('recent_clear')}
      </button>
    </section>
  );
}
