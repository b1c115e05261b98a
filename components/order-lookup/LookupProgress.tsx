import { t, tPlural } from '@/lib/i18n';
import { waitSeconds } from '@/lib/order-lookup/format';
import { regionName } from '@/lib/api/region-names';

export interface LookupProgressProps {
  po: string;
  region: string;
  pages: number;
  orders: number;
  waitingMs?: number;
  cancelling: boolean;
}

/** What a running lookup has fetched so far. Rendered inside the popup's live region, so it is announced. */
export function LookupProgress({ po, region, pages, orders, waitingMs, cancelling }: LookupProgressProps) {
  return (
    <div class="progress" data-testid="lookup-progress">
      <p>
        <span class="spinner" aria-hidden="true" />
        {pages === 0 ? t('progress_starting', [po, regionName(region)]) : tPlural('progress_page', orders, [pages])}
      </p>
      {waitingMs !== undefined && waitingMs > 0 && <p class="muted">{t('progress_waiting', waitSeconds(waitingMs))}</p>}
      {cancelling && <p class="muted">{t('progress_cancelling')}</p>}
    </div>
  );
}

/** A wait that can pass 300 ms (the API access check, managed storage): a spinner and words, marked busy. */
export function LoadingNote({ text, testId }: { text: string; testId: string }) {
  return (
    <p class="loading muted" aria-busy="true" data-testid={testId}>
      <span class="spinner" aria-hidden="true" />
      {text}
    </p>
  );
}
