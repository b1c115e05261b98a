import type { Region } from '@/lib/amazon/marketplaces';
import { AuthError } from '@/lib/api/errors';
import { getOrderReports, type DayRange } from '@/lib/api/order-reports';
import type { ReportsDeps } from '@/lib/api/reports';
import { REPORTS_RATE_LIMIT } from '@/lib/api/scheduler';
import { t } from '@/lib/i18n';
import { authConfigOf } from '@/lib/storage/api-access';
import type { ApiAccess } from '@/lib/storage/items';
import { createFetchJobRunner, type FetchJobRunner, type JobProgress } from './fetch-job';
import { openOrderStore, type OrderStore } from './order-store';

/**
 * The Reconcile page's background half: one fetch job at a time, run in the background so it goes on when the page
 * closes, through the scheduler shared with the popup (so together they stay inside Amazon's usage plan).
 * An alarm wakes a stopped service worker while a job is unfinished, and the job resumes from its last page.
 */

export const RECONCILE_ALARM = 'po-assist-reconcile-resume';

export interface ReconcileServiceDeps {
  readAccess(): Promise<ApiAccess | null>;
  /** fetch, tokens and the shared scheduler for this access (from the lookup service). */
  reportsDeps(access: ApiAccess): ReportsDeps;
  broadcast(progress: JobProgress): void;
  alarms?: { create(name: string, info: { periodInMinutes: number }): unknown; clear(name: string): unknown };
  openStore?: () => Promise<OrderStore>;
  now?: () => number;
}

export function createReconcileService(deps: ReconcileServiceDeps) {
  let runner: Promise<FetchJobRunner> | null = null;
  let firstProgress: ((progress: JobProgress) => void) | null = null;
  const now = deps.now ?? Date.now;
  const getRunner = () =>
    (runner ??= (deps.openStore ?? openOrderStore)().then((store) =>
      createFetchJobRunner({
        store,
        clock: { now },
        ratePerSecond: REPORTS_RATE_LIMIT.ratePerSecond,
        async fetchPage(request) {
          const access = await deps.readAccess();
          if (!access || !authConfigOf(access))
            throw new AuthError({ reason: 'no-credentials', message: t('lookup_notConnected') });
          return getOrderReports({ ...request, sandbox: access.sandbox }, deps.reportsDeps(access));
        },
        onProgress(progress) {
          firstProgress?.(progress);
          firstProgress = null;
          deps.broadcast(progress);
          if (progress.status === 'running') void deps.alarms?.create(RECONCILE_ALARM, { periodInMinutes: 0.5 });
          else void deps.alarms?.clear(RECONCILE_ALARM);
        },
      }),
    ));
  const detach = (job: Promise<JobProgress | null>) =>
    void job.catch((error: unknown) => console.warn('PO Assist: reconcile', error));
  // Starting answers with the job's first progress (or its end, if it ends first or has nothing to do): the page
  // follows the rest through broadcasts and polls.
  const launched = (job: Promise<JobProgress | null>): Promise<JobProgress | null> => {
    const first = new Promise<JobProgress>((resolve) => (firstProgress = resolve));
    detach(job);
    return Promise.race([first, job]);
  };
  return {
    async start(range: DayRange, regions: readonly Region[]): Promise<JobProgress | null> {
      return launched((await getRunner()).start(range, regions));
    },
    async resume(): Promise<JobProgress | null> {
      return launched((await getRunner()).resume());
    },
    /** After a worker restart or an alarm: resume only a job that was running, never one the user cancelled. */
    async resumeIfInterrupted(): Promise<void> {
      const jobs = await getRunner();
      const status = await jobs.status();
      if (status?.status === 'running') detach(jobs.resume());
      else void deps.alarms?.clear(RECONCILE_ALARM);
    },
    async cancel(): Promise<boolean> {
      return (await getRunner()).cancel();
    },
    async status(): Promise<JobProgress | null> {
      return (await getRunner()).status();
    },
  };
}

export type ReconcileService = ReturnType<typeof createReconcileService>;
