import { untilAborted } from '@/lib/api/until-aborted';
import { AbortedError, ApiError, ApiResponseError, ThrottledError, TimeoutError, toApiError } from './errors';

/** Time and timers, injectable so tests can run with fake timers or a hand-driven clock. */
export interface Clock {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** Reads the globals at call time, so `vi.useFakeTimers()` applies even to objects built earlier. */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export interface RateLimit {
  ratePerSecond: number;
  burst: number;
}

/** The usage plan of `getOrderReportsByPurchaseOrderNumber`: 0.5 requests/second, burst 10. */
export const REPORTS_RATE_LIMIT: Readonly<RateLimit> = { ratePerSecond: 0.5, burst: 10 };

/**
 * Who is waiting: `interactive` (the popup's lookups, a person watching) goes before every queued `background`
 * request (checkout reuse checks, bulk fetches), which are also capped in number.
 */
export type Priority = 'interactive' | 'background';

/** A wait a caller can show ("waiting 30 s, Amazon asked us to slow down") next to a Cancel button. */
export interface SchedulerWait {
  /** Epoch ms when the request may go at the earliest. */
  until: number;
  ms: number;
  /** `rate-limit`: our own share of the usage plan; `retry-after`: the server asked (429); `backoff`: a retry. */
  reason: 'rate-limit' | 'retry-after' | 'backoff';
  /** The HTTP status behind a retry's wait (429, 503…), when there is one. */
  status?: number;
}

export interface AcquireOptions {
  /** Default `interactive`. */
  priority?: Priority;
  /** Called when the request has to queue, with how long it is likely to wait. */
  onWait?: (wait: SchedulerWait) => void;
}

/** The longest any Retry-After blocks the shared scheduler: one hostile or broken answer cannot stall every lookup. */
export const MAX_BLOCK_MS = 60_000;
/** Default cap of queued background requests; interactive ones are never refused. */
export const DEFAULT_MAX_QUEUED_BACKGROUND = 5;

/** A background request refused because enough background work is queued already. A throttle, for callers. */
export class BackgroundQueueFullError extends ThrottledError {
  readonly queueFull = true;
  constructor() {
    super({ message: 'Too many background checks are waiting; this one was skipped.' });
    this.name = 'BackgroundQueueFullError';
  }
}

/** What the API client needs from a scheduler (a TokenBucketScheduler, or a stand-in in tests). */
export interface RateLimiter {
  /**
   * Resolves when the request may go; rejects with AbortedError if `signal` aborts first (no token used), or with
   * BackgroundQueueFullError for a background request over the cap.
   */
  acquire(signal?: AbortSignal, options?: AcquireOptions): Promise<void>;
  /** After a 429: empty the bucket, and send nothing for `blockForMs` (the server's Retry-After, at most MAX_BLOCK_MS). */
  drain(blockForMs?: number): void;
  /**
   * The answer to a request let go at `sentAt` has arrived. Amazon counted the request somewhere in between; a
   * request that took longer than the scheduler allows for the way there is charged the rest of its time in
   * flight, so the bucket never runs ahead of Amazon's, whatever the network delays (a slow first request, the TLS
   * handshake, must not let a later, faster one arrive early).
   */
  settle?(sentAt: number): void;
}

interface Waiter {
  priority: Priority;
  resolve(): void;
  signal?: AbortSignal;
  onAbort?: () => void;
}

export interface SchedulerOptions {
  /** At most this many background requests wait at once; more are refused. Default DEFAULT_MAX_QUEUED_BACKGROUND. */
  maxQueuedBackground?: number;
}

/**
 * A token bucket for one API operation, shared by every caller in the background (popup lookups and the
 * checkout guard's usage checks), so together they stay inside Amazon's usage plan. Interactive waiters are
 * served before background ones, each in FIFO order; a waiter that is cancelled leaves the queue without using a
 * token.
 *
 * Amazon counts a request when it arrives, some time after we send it: requests that spent different times on the
 * way can arrive closer together than they were sent. So one token (of the burst) is held back for the way there,
 * and the bucket lets requests go as a bucket of `burst − 1` would. Any request Amazon counts within one refill
 * interval (`transitMs`, 2 s at 0.5/s) of its sending then conforms: the requests arriving in a window [u, v] were
 * sent in [u − transitMs, v], at most `burst − 1 + rate × (v − u + transitMs) = burst + rate × (v − u)` of them. A
 * request answered later than that is charged the rest of its time in flight when its answer comes (`settle`).
 * A steady stream of requests thus goes at the full rate (a request's time in flight no longer adds to every
 * interval), for the price of one refill once per burst. With a burst of 1 nothing can be held back: every
 * request is charged its whole time in flight.
 */
export class TokenBucketScheduler implements RateLimiter {
  private readonly ratePerMs: number;
  private readonly burst: number;
  /** Tokens held back for requests on their way (see above): 1, or 0 with a burst of 1. */
  private readonly reserve: number;
  /** How long a request may take to reach Amazon without being charged more: one refill of the reserve. */
  private readonly transitMs: number;
  private tokens: number;
  private updatedAt: number;
  private blockedUntil = 0;
  private readonly interactive: Waiter[] = [];
  private readonly background: Waiter[] = [];
  private readonly maxQueuedBackground: number;
  private timer: unknown;
  private timerArmed = false;

  constructor(
    limit: RateLimit = REPORTS_RATE_LIMIT,
    private readonly clock: Clock = systemClock,
    options: SchedulerOptions = {},
  ) {
    this.maxQueuedBackground = options.maxQueuedBackground ?? DEFAULT_MAX_QUEUED_BACKGROUND;
    if (!(limit.ratePerSecond > 0) || !(limit.burst >= 1)) {
      throw new RangeError('A rate limit needs ratePerSecond > 0 and burst >= 1');
    }
    this.ratePerMs = limit.ratePerSecond / 1000;
    this.burst = limit.burst;
    this.reserve = Math.min(1, limit.burst - 1);
    this.transitMs = this.reserve / this.ratePerMs;
    this.tokens = limit.burst;
    this.updatedAt = clock.now();
  }

  /** Tokens in the bucket now, as Amazon's holds at least (fractional while refilling; one is held back). */
  get available(): number {
    this.refill();
    return this.tokens;
  }

  get waiting(): number {
    return this.interactive.length + this.background.length;
  }

  acquire(signal?: AbortSignal, options: AcquireOptions = {}): Promise<void> {
    if (signal?.aborted) return Promise.reject(new AbortedError());
    const priority = options.priority ?? 'interactive';
    this.refill();
    // A newcomer never overtakes its own queue (nor, in the background, anyone).
    const ahead = priority === 'interactive' ? this.interactive.length : this.waiting;
    if (ahead === 0 && this.canTake()) {
      this.tokens -= 1;
      return Promise.resolve();
    }
    const queue = priority === 'interactive' ? this.interactive : this.background;
    if (priority === 'background' && queue.length >= this.maxQueuedBackground) {
      return Promise.reject(new BackgroundQueueFullError());
    }
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = { priority, resolve, signal };
      if (signal) {
        waiter.onAbort = () => {
          const index = queue.indexOf(waiter);
          if (index >= 0) queue.splice(index, 1);
          reject(new AbortedError());
          this.arm();
        };
        signal.addEventListener('abort', waiter.onAbort, { once: true });
      }
      queue.push(waiter);
      this.arm();
      options.onWait?.(this.estimateWait(ahead));
    });
  }

  /** When a waiter with `ahead` waiters before it is likely to go: later if interactive requests come. */
  private estimateWait(ahead: number): SchedulerWait {
    const now = this.clock.now();
    const untilTokens = Math.max(0, (ahead + 1 + this.reserve - this.tokens) / this.ratePerMs);
    const blocked = Math.max(0, this.blockedUntil - now);
    const ms = Math.max(0, Math.ceil(Math.max(untilTokens, blocked) - 1e-6));
    return { until: now + ms, ms, reason: blocked > untilTokens ? 'retry-after' : 'rate-limit' };
  }

  settle(sentAt: number): void {
    this.refill();
    // Within transitMs the reserve covers it; beyond, Amazon may have counted it as late as now.
    const lateMs = Math.max(0, this.clock.now() - sentAt - this.transitMs);
    this.tokens = Math.max(-this.burst, this.tokens - lateMs * this.ratePerMs);
    this.arm();
  }

  drain(blockForMs = 0): void {
    this.refill();
    this.tokens = Math.min(this.tokens, 0);
    // Clamped before it blocks anyone: a Retry-After of a day would otherwise stall every other PO's lookup.
    const block = Math.min(MAX_BLOCK_MS, Math.max(0, Number.isFinite(blockForMs) ? blockForMs : MAX_BLOCK_MS));
    this.blockedUntil = Math.max(this.blockedUntil, this.clock.now() + block);
    this.arm();
  }

  private refill(): void {
    const now = this.clock.now();
    if (now > this.updatedAt) {
      this.tokens = Math.min(this.burst, this.tokens + (now - this.updatedAt) * this.ratePerMs);
      this.updatedAt = now;
    }
  }

  private canTake(): boolean {
    // The epsilon absorbs float error: 2000 ms at 0.0005 tokens/ms must make a whole token.
    return this.tokens - this.reserve >= 1 - 1e-9 && this.clock.now() >= this.blockedUntil;
  }

  private pump(): void {
    this.timerArmed = false;
    this.refill();
    while (this.waiting > 0 && this.canTake()) {
      const waiter = (this.interactive.length > 0 ? this.interactive : this.background).shift()!;
      this.tokens -= 1;
      if (waiter.onAbort) waiter.signal?.removeEventListener('abort', waiter.onAbort);
      waiter.resolve();
    }
    this.arm();
  }

  /** One timer, for the moment the head of the queue can have its token. */
  private arm(): void {
    if (this.timerArmed) {
      this.clock.clearTimeout(this.timer);
      this.timerArmed = false;
    }
    if (this.waiting === 0) return;
    this.refill();
    const now = this.clock.now();
    const wanted = 1 + this.reserve;
    const untilToken = this.tokens >= wanted ? 0 : (wanted - this.tokens) / this.ratePerMs;
    // Rounded up to whole ms, less a hair of float error (1500.0000000000002 must be 1500, not 1501).
    const wait = Math.max(0, Math.ceil(Math.max(this.blockedUntil - now, untilToken) - 1e-6));
    this.timer = this.clock.setTimeout(() => this.pump(), wait);
    this.timerArmed = true;
  }
}

export interface RetryOptions {
  /** Attempts in all, the first included. Default 5. */
  attempts?: number;
  /** Backoff ceiling of the first retry; doubles each time (full jitter: a random delay up to it). Default 1 s. */
  baseDelayMs?: number;
  /** Cap of the backoff ceiling. Default 30 s. */
  maxDelayMs?: number;
  /** A Retry-After longer than this is not waited for: the ThrottledError goes to the caller. Default 60 s. */
  maxRetryAfterMs?: number;
  /** Per attempt, counted from when the scheduler lets the request go. Default 15 s. */
  timeoutMs?: number;
  /**
   * Network failures (offline, connection refused, DNS) are retried only this long after the first one, and not
   * at all while the browser says it is offline: the user hears "offline" in seconds, not after every backoff.
   * Default 2 s.
   */
  networkBudgetMs?: number;
  signal?: AbortSignal;
  clock?: Clock;
  /** In [0, 1); default Math.random. */
  random?: () => number;
  /** Every attempt waits its turn here; a 429 drains it so the requests behind wait too. */
  scheduler?: RateLimiter;
  /** Runs before each attempt waits its turn (e.g. fetching an access token), so the slot is not spent on it. */
  beforeAttempt?: (signal: AbortSignal | undefined) => Promise<void>;
  onRetry?: (info: { attempt: number; delayMs: number; error: ApiError }) => void;
  /** Passed to the scheduler: `background` for checks nobody is watching. Default `interactive`. */
  priority?: Priority;
  /** Every wait, in the scheduler's queue or before a retry, so the popup can show "waiting N s" with Cancel. */
  onWait?: (wait: SchedulerWait) => void;
}

export const RETRY_DEFAULTS = {
  attempts: 5,
  baseDelayMs: 1_000,
  maxDelayMs: 30_000,
  maxRetryAfterMs: 60_000,
  timeoutMs: 15_000,
  networkBudgetMs: 2_000,
} as const;

/** `navigator.onLine` is false only when the browser knows it has no network (true can still mean offline). */
function browserSaysOffline(): boolean {
  return typeof navigator !== 'undefined' && navigator.onLine === false;
}

/** 429, 5xx, network failures and timeouts are worth another try; the rest will fail the same way again. */
export function isRetryable(error: ApiError): boolean {
  if (error instanceof ApiResponseError) return error.status >= 500;
  return error.kind === 'throttled' || error.kind === 'network' || error.kind === 'timeout';
}

/** The wait before retry number `attempt` (1-based): full jitter, `random() * min(max, base * 2^(attempt-1))`. */
export function backoffDelay(
  attempt: number,
  options: { baseDelayMs?: number; maxDelayMs?: number; random?: () => number } = {},
): number {
  const base = options.baseDelayMs ?? RETRY_DEFAULTS.baseDelayMs;
  const cap = options.maxDelayMs ?? RETRY_DEFAULTS.maxDelayMs;
  const random = options.random ?? Math.random;
  return Math.floor(random() * Math.min(cap, base * 2 ** (attempt - 1)));
}

/**
 * Runs `operation` until it succeeds, with bounded attempts, exponential backoff with full jitter, and the
 * server's Retry-After when a 429 carries one. Each attempt first waits for the scheduler, then has
 * `timeoutMs` to finish; `signal` cancels the whole thing (an AbortedError).
 */
export async function retry<T>(
  operation: (signal: AbortSignal, attempt: number) => Promise<T>,
  options: RetryOptions = {},
): Promise<T> {
  const clock = options.clock ?? systemClock;
  const attempts = Math.max(1, options.attempts ?? RETRY_DEFAULTS.attempts);
  const timeoutMs = options.timeoutMs ?? RETRY_DEFAULTS.timeoutMs;
  const maxRetryAfterMs = options.maxRetryAfterMs ?? RETRY_DEFAULTS.maxRetryAfterMs;
  const networkBudgetMs = options.networkBudgetMs ?? RETRY_DEFAULTS.networkBudgetMs;
  const { signal, scheduler } = options;
  let firstNetworkFailureAt: number | undefined;

  for (let attempt = 1; ; attempt++) {
    if (signal?.aborted) throw new AbortedError();
    try {
      await options.beforeAttempt?.(signal);
      await scheduler?.acquire(signal, { priority: options.priority, onWait: options.onWait });
      const sentAt = clock.now();
      try {
        return await withTimeout(timeoutMs, clock, (attemptSignal) => operation(attemptSignal, attempt), signal);
      } finally {
        scheduler?.settle?.(sentAt);
      }
    } catch (thrown) {
      const error = toApiError(thrown);
      // Clamped before it blocks the shared scheduler: a Retry-After past the cap is the caller's, not everyone's.
      if (error instanceof ThrottledError && !(error instanceof BackgroundQueueFullError)) {
        scheduler?.drain(error.retryAfterMs === undefined ? undefined : Math.min(error.retryAfterMs, maxRetryAfterMs));
      }
      if (!isRetryable(error) || error instanceof BackgroundQueueFullError || attempt >= attempts || signal?.aborted)
        throw error;
      let delayMs: number;
      let reason: SchedulerWait['reason'] = 'backoff';
      if (error instanceof ThrottledError && error.retryAfterMs !== undefined) {
        if (error.retryAfterMs > maxRetryAfterMs) throw error;
        delayMs = error.retryAfterMs;
        reason = 'retry-after';
      } else {
        delayMs = backoffDelay(attempt, options);
      }
      if (error.kind === 'network') {
        firstNetworkFailureAt ??= clock.now();
        if (browserSaysOffline() || clock.now() + delayMs - firstNetworkFailureAt > networkBudgetMs) throw error;
      }
      options.onRetry?.({ attempt, delayMs, error });
      const status =
        error instanceof ThrottledError ? 429 : error instanceof ApiResponseError ? error.status : undefined;
      options.onWait?.({
        until: clock.now() + delayMs,
        ms: delayMs,
        reason,
        ...(status !== undefined ? { status } : {}),
      });
      await sleep(delayMs, signal, clock);
    }
  }
}

/** `Retry-After` as milliseconds from now: delay-seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, nowMs: number): number | undefined {
  if (value == null) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs);
}

export function sleep(ms: number, signal?: AbortSignal, clock: Clock = systemClock): Promise<void> {
  if (signal?.aborted) return Promise.reject(new AbortedError());
  return new Promise<void>((resolve, reject) => {
    const onAbort = () => {
      clock.clearTimeout(timer);
      reject(new AbortedError());
    };
    const timer = clock.setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Runs `task` with a signal that aborts after `timeoutMs` (then the task's rejection becomes a TimeoutError)
 * or when `outer` aborts (an AbortedError).
 */
export async function withTimeout<T>(
  timeoutMs: number,
  clock: Clock,
  task: (signal: AbortSignal) => Promise<T>,
  outer?: AbortSignal,
): Promise<T> {
  if (outer?.aborted) throw new AbortedError();
  const controller = new AbortController();
  const timer = clock.setTimeout(() => controller.abort(new TimeoutError({ timeoutMs })), timeoutMs);
  const onOuterAbort = () => controller.abort(new AbortedError());
  outer?.addEventListener('abort', onOuterAbort, { once: true });
  try {
    return await raceAbort(task(controller.signal), controller.signal);
  } catch (error) {
    if (controller.signal.aborted && controller.signal.reason instanceof ApiError) throw controller.signal.reason;
    throw error;
  } finally {
    clock.clearTimeout(timer);
    outer?.removeEventListener('abort', onOuterAbort);
  }
}

/**
 * `promise`, unless `signal` aborts first: then the signal's reason when it is an ApiError (a TimeoutError from
 * withTimeout), else an AbortedError. The promise itself keeps running, e.g. a refresh other callers share.
 */
export function raceAbort<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  return untilAborted(promise, signal, () => (signal.reason instanceof ApiError ? signal.reason : new AbortedError()));
}
