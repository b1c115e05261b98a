import { t } from '@/lib/i18n';
import { formatAge } from '@/lib/order-lookup/format';

export interface ResultActionsProps {
  orderCount: number;
  /** Set when the answer came from the cache: its age is shown next to Refresh. */
  cachedAt: string | null;
  now: Date;
  /** The last export or copy confirmation, announced politely. */
  status: string;
  onRefresh: () => void;
  onExportCsv: () => void;
  onCopyIds: () => void;
}

/** Refresh (bypassing the cache), CSV export and copying the order ids, with a visible confirmation. */
export function ResultActions(props: ResultActionsProps) {
  return (
    <div class="result-actions">
      <div class="row">
        {props.cachedAt && (
          <span class="muted" data-testid="cache-age">
            {t('actions_cacheAge', formatAge(props.cachedAt, props.now))}
          </span>
        )}
        <button type="button" onClick={props.onRefresh}>
          {t('actions_refresh')}
        </button>
        {props.orderCount > 0 && (
          <>
            <button type="button" onClick={props.onExportCsv}>
              {t('actions_exportCsv')}
            </button>
            <button type="button" onClick={props.onCopyIds}>
              {t('actions_copyIds')}
            </button>
          </>
        )}
      </div>
      <p class="action-status" role="status" aria-live="polite" data-testid="action-status">
        {props.status}
      </p>
    </div>
  );
}
