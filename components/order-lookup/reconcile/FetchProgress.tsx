import { t } from '@/lib/i18n';
import type { JobProgress } from '@/lib/order-lookup/reconcile/fetch-job';

export interface FetchProgressProps {
  progress: JobProgress | null;
  onCancel(): void;
  onResume(): void;
}

function duration(seconds: number): string {
  const minutes = Math.floor(seconds / 60);
  return minutes > 0 ? t('reconcile_minutesSeconds', [minutes, seconds % 60]) : t('reconcile_seconds', seconds);
}

/** Pages, orders and time left at the rate limit; Cancel while running, Resume after a cancel or an error. */
export function FetchProgress({ progress, onCancel, onResume }: FetchProgressProps) {
  if (!progress) return null;
  const running = progress.status === 'running';
  const share = progress.windows > 0 ? progress.windowsDone / progress.windows : 1;
  return (
    <section class="fetch-progress" aria-label={t('reconcile_progress')}>
      <progress
        max={1}
        value={running ? share : 1}
        aria-label={t('reconcile_progress')}
        aria-valuetext={t('reconcile_progressText', [progress.pages, progress.orders])}
      />
      <p role="status" data-testid="reconcile-status">
        {running && t('reconcile_fetching', [progress.pages, progress.orders, duration(progress.secondsLeft)])}
        {progress.status === 'done' && t('reconcile_fetched', [progress.pages, progress.orders])}
        {progress.status === 'cancelled' && t('reconcile_cancelled', [progress.pages, progress.orders])}
        {progress.status === 'error' && t('reconcile_failed', progress.error?.message ?? '')}
      </p>
      {running && (
        <button type="button" onClick={onCancel}>
          {t('reconcile_cancel')}
        </button>
      )}
      {(progress.status === 'cancelled' || progress.status === 'error') && (
        <button type="button" onClick={onResume}>
          {t('reconcile_resume')}
        </button>
      )}
    </section>
  );
}
