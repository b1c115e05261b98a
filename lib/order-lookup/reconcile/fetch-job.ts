import type { Region } from '@/lib/amazon/marketplaces';
import { daysInRange, splitPeriod, type DateRangePageRequest, type DayRange } from '@/lib/api/order-reports';
import type { FetchedPage } from '@/lib/api/reports';
import { AbortedError, PagingError, serializeApiError, type SerializedApiError } from '@/lib/api/errors';
import { rangesToFetch } from './coverage';
import type { OrderStore } from './order-store';

/**
 * The background job that fetches every order of a period into the order store: plans the requests (only the days
 * the store lacks, the last days again, windows of at most 366 days, per region), pages through each window, and
 * persists its state with every page, so it survives the page closing and resumes after the worker restarts.
 * Dependencies are plain values (a page fetcher, the store, a clock), so it runs in tests without a browser.
 */

export interface JobWindow extends DayRange {
  region: Region;
  /** The token of the next page to fetch; absent before the first page. */
  nextPageToken?: string;
  pages: number;
  orders: number;
  done: boolean;
}

export type JobStatus = 'running' | 'done' | 'cancelled' | 'error';

export interface JobState {
  id: string;
  range: DayRange;
  regions: Region[];
  windows: JobWindow[];
  status: JobStatus;
  startedAt: number;
  finishedAt?: number;
  error?: SerializedApiError;
}

export interface JobProgress {
  id: string;
  range: DayRange;
  regions: Region[];
  status: JobStatus;
  pages: number;
  orders: number;
  windows: number;
  windowsDone: number;
  /** Estimated seconds left at the rate limit; 0 when done. */
  secondsLeft: number;
  error?: SerializedApiError;
}

export interface FetchJobDeps {
  /** One page of getOrderReports, through the shared scheduler (see the background's wiring). */
  fetchPage(request: DateRangePageRequest): Promise<FetchedPage>;
  store: OrderStore;
  clock: { now(): number };
  /** Requests per second of the usage plan, for the time left. */
  ratePerSecond: number;
  /** Orders per page Amazon sends, for the estimate. Default 100. */
  pageSize?: number;
  /** Stop a window that pages more than this (a server that never ends). Default 10,000. */
  maxPagesPerWindow?: number;
  onProgress?(progress: JobProgress): void;
  newId?(): string;
}

export function progressOf(job: JobState, deps: Pick<FetchJobDeps, 'ratePerSecond' | 'pageSize'>): JobProgress {
  const pageSize = deps.pageSize ?? 100;
  const pages = job.windows.reduce((n, w) => n + w.pages, 0);
  const orders = job.windows.reduce((n, w) => n + w.orders, 0);
  const done = job.windows.filter((w) => w.done);
  // Orders per day seen so far estimates the pages still to come; without any, one page per window.
  const seenDays = job.windows.reduce((n, w) => n + (w.done ? daysInRange(w) : 0), 0);
  const density = seenDays > 0 ? done.reduce((n, w) => n + w.orders, 0) / seenDays : 0;
  let pagesLeft = 0;
  for (const w of job.windows) {
    if (w.done) continue;
    const expected = density > 0 ? Math.ceil((density * daysInRange(w)) / pageSize) : 1;
    pagesLeft += Math.max(1, expected - w.pages);
  }
  return {
    id: job.id,
    range: job.range,
    regions: job.regions,
    status: job.status,
    pages,
    orders,
    windows: job.windows.length,
    windowsDone: done.length,
    secondsLeft: job.status === 'running' ? Math.ceil(pagesLeft / deps.ratePerSecond) : 0,
    ...(job.error ? { error: job.error } : {}),
  };
}

const today = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export function createFetchJobRunner(deps: FetchJobDeps) {
  let controller: AbortController | null = null;
  let running: Promise<JobProgress> | null = null;
  let current: JobState | null = null;
  const emit = (job: JobState) => deps.onProgress?.(progressOf(job, deps));

  async function plan(range: DayRange, regions: readonly Region[]): Promise<JobWindow[]> {
    const windows: JobWindow[] = [];
    for (const region of regions) {
      const missing = rangesToFetch(range, await deps.store.coverage(region));
      for (const part of missing) {
        for (const window of splitPeriod(part)) windows.push({ ...window, region, pages: 0, orders: 0, done: false });
      }
    }
    return windows;
  }

  /**
   * Pages through every window. The request for the next page goes out as soon as a page's answer is in, while that
   * page is being stored (the scheduler alone decides when it may go, so the rate limit holds): storing is never on
   * the critical path, and at most one page waits for storage. `job` changes only when a page is stored, together
   * with its orders, so whatever stops the job (cancel, an error, a failed write) leaves it at the last stored page.
   */
  async function run(job: JobState, signal: AbortSignal): Promise<JobProgress> {
    current = job;
    emit(job);
    let storing: Promise<void> = Promise.resolve();
    const store = (window: JobWindow, page: FetchedPage, next: string | undefined) => {
      const previous = storing;
      storing = previous.then(async () => {
        // Cancelled: the job stops at the page the user saw last; an answer that came after is fetched again.
        if (signal.aborted) return;
        // Written with the orders, and kept only once written: a failed write leaves the job at the last stored page.
        const stored: JobWindow = {
          ...window,
          pages: window.pages + 1,
          orders: window.orders + page.ordersReport.length,
          nextPageToken: next,
          done: next === undefined,
        };
        const completed = stored.done
          ? { from: window.from, to: window.to, fetchedDay: today(deps.clock.now()) }
          : undefined;
        const windows = job.windows.map((w) => (w === window ? stored : w));
        await deps.store.putPage(window.region, page.ordersReport, { ...job, windows }, completed);
        Object.assign(window, stored);
        emit(job);
      });
      // Seen when awaited (before the next request, or at the end); until then it must not count as unhandled.
      storing.catch(() => undefined);
      return previous;
    };
    try {
      for (const window of job.windows) {
        let token = window.nextPageToken;
        let pages = window.pages;
        let done = window.done;
        while (!done) {
          if (pages >= (deps.maxPagesPerWindow ?? 10_000)) throw new PagingError({ reason: 'page-cap', pages });
          // Nobody waits on a page of the bulk fetch: the popup's lookups go first.
          const page = await deps.fetchPage({
            region: window.region,
            from: window.from,
            to: window.to,
            nextPageToken: token,
            signal,
            priority: 'background',
          });
          const next = page.nextPageToken;
          if (next !== undefined && next === token)
            throw new PagingError({ reason: 'repeated-token', pages: pages + 1 });
          pages += 1;
          token = next;
          done = next === undefined;
          await store(window, page, next);
        }
      }
      await storing;
      job.status = 'done';
    } catch (error) {
      // A page already being stored is kept; a failed write ends the job as an error.
      const failed = await storing.then(
        () => error,
        (storeError: unknown) => storeError,
      );
      const aborted = failed instanceof AbortedError || (failed === error && signal.aborted);
      job.status = aborted ? 'cancelled' : 'error';
      if (!aborted) job.error = serializeApiError(failed);
    }
    job.finishedAt = deps.clock.now();
    await deps.store.saveJob(job);
    emit(job);
    return progressOf(job, deps);
  }

  function launch(job: JobState): Promise<JobProgress> {
    controller = new AbortController();
    const signal = controller.signal;
    running = run(job, signal).finally(() => {
      running = null;
    });
    return running;
  }

  return {
    /** Starts a fetch of the period (cancelling one in progress); resolves when it ends, however it ends. */
    async start(range: DayRange, regions: readonly Region[]): Promise<JobProgress> {
      if (running) {
        controller?.abort();
        await running;
      }
      const job: JobState = {
        id: deps.newId?.() ?? `${deps.clock.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`,
        range,
        regions: [...regions],
        windows: await plan(range, regions),
        status: 'running',
        startedAt: deps.clock.now(),
      };
      await deps.store.saveJob(job);
      return launch(job);
    },
    /**
     * Continues the stored job from its last page (after the worker restarted, a cancel or an error); null when
     * there is none to continue. A job already running is returned as it is.
     */
    async resume(): Promise<JobProgress | null> {
      if (running) return running;
      const job = await deps.store.loadJob();
      if (!job || job.status === 'done') return null;
      job.status = 'running';
      delete job.error;
      delete job.finishedAt;
      await deps.store.saveJob(job);
      return launch(job);
    },
    cancel(): boolean {
      if (!running) return false;
      controller?.abort();
      return true;
    },
    async status(): Promise<JobProgress | null> {
      const job = running ? current : await deps.store.loadJob();
      return job ? progressOf(job, deps) : null;
    },
    /** Resolves when the running job ends (for tests and the bench). */
    idle(): Promise<unknown> {
      return running ?? Promise.resolve();
    },
  };
}

export type FetchJobRunner = ReturnType<typeof createFetchJobRunner>;
