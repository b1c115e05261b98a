import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  AbortedError,
  ApiResponseError,
  AuthError,
  NetworkError,
  ThrottledError,
  TimeoutError,
} from '@/lib/api/errors';
import { TokenBucketScheduler, backoffDelay, parseRetryAfter, retry, type RateLimiter } from '@/lib/api/scheduler';

beforeEach(() => {
  vi.useFakeTimers({ now: new Date('2026-11-24T08:00:00Z') });
});
afterEach(() => {
  vi.useRealTimers();
});

/** Starts `n` acquisitions and records when (ms after start) each resolves or rejects. */
function track(scheduler: RateLimiter, n: number, signals: (AbortSignal | undefined)[] = []) {
  const start = Date.now();
  const settled: { index: number; at: number; ok: boolean }[] = [];
  for (let index = 0; index < n; index++) {
    scheduler.acquire(signals[index]).then(
      () => settled.push({ index, at: Date.now() - start, ok: true }),
      () => settled.push({ index, at: Date.now() - start, ok: false }),
    );
  }
  return settled;
}

describe('TokenBucketScheduler', () => {
  it('lets 9 of a burst of 10 through at once (one held back for the way there), then one every 2 s (0.5/s)', async () => {
    const settled = track(new TokenBucketScheduler(), 13);
    await vi.advanceTimersByTimeAsync(0);
    expect(settled).toHaveLength(9);
    expect(settled.every((s) => s.at === 0)).toBe(true);
    await vi.advanceTimersByTimeAsync(1999);
    expect(settled).toHaveLength(9);
    await vi.advanceTimersByTimeAsync(1);
    expect(settled).toHaveLength(10);
    await vi.advanceTimersByTimeAsync(6000);
    expect(settled.slice(9).map((s) => s.at)).toEqual([2000, 4000, 6000, 8000]);
  });

  it('serves waiters in the order they came (FIFO)', async () => {
    const scheduler = new TokenBucketScheduler({ ratePerSecond: 1, burst: 1 });
    const settled = track(scheduler, 5);
    await vi.advanceTimersByTimeAsync(5000);
    expect(settled.map((s) => s.index)).toEqual([0, 1, 2, 3, 4]);
    expect(settled.map((s) => s.at)).toEqual([0, 1000, 2000, 3000, 4000]);
  });

  it('a newcomer does not overtake the queue even when a token has come back', async () => {
    const scheduler = new TokenBucketScheduler({ ratePerSecond: 1, burst: 1 });
    const order: string[] = [];
    const take = (name: string) => scheduler.acquire().then(() => order.push(name));
    void take('first');
    void take('waiting');
    // The event loop was busy: the clock moved past the refill but the timer has not run yet.
    vi.setSystemTime(Date.now() + 1500);
    void take('newcomer');
    await vi.advanceTimersByTimeAsync(0);
    expect(order).toEqual(['first', 'waiting']);
    await vi.advanceTimersByTimeAsync(1000);
    expect(order).toEqual(['first', 'waiting', 'newcomer']);
  });

  it('a cancelled waiter leaves the queue and does not use a token', async () => {
    const scheduler = new TokenBucketScheduler({ ratePerSecond: 0.5, burst: 1 });
    const controller = new AbortController();
    const settled = track(scheduler, 3, [undefined, controller.signal, undefined]);
    await vi.advanceTimersByTimeAsync(500);
    expect(scheduler.waiting).toBe(2);
    controller.abort();
    await vi.advanceTimersByTimeAsync(0);
    expect(settled).toEqual([
      { index: 0, at: 0, ok: true },
      { index: 1, at: 500, ok: false },
    ]);
    expect(scheduler.waiting).toBe(1);
    await vi.advanceTimersByTimeAsync(1500);
    // The third waiter gets the token the cancelled one would have had.
    expect(settled[2]).toEqual({ index: 2, at: 2000, ok: true });
    expect(scheduler.available).toBeCloseTo(0);
  });

  it('rejects at once with an AbortedError when the signal is already aborted, using no token', async () => {
    const scheduler = new TokenBucketScheduler({ ratePerSecond: 0.5, burst: 2 });
    await expect(scheduler.acquire(AbortSignal.abort())).rejects.toBeInstanceOf(AbortedError);
    expect(scheduler.available).toBe(2);
  });

  it('refills up to the burst and no further', async () => {
    const scheduler = new TokenBucketScheduler();
    track(scheduler, 9);
    await vi.advanceTimersByTimeAsync(3_600_000);
    expect(scheduler.available).toBe(10);
    const settled = track(scheduler, 11);
    await vi.advanceTimersByTimeAsync(0);
    expect(settled).toHaveLength(9);
  });

  it('drain() after a 429 empties the bucket and holds everyone for the Retry-After', async () => {
    const scheduler = new TokenBucketScheduler({ ratePerSecond: 0.5, burst: 10 });
    scheduler.drain(5000);
    const settled = track(scheduler, 2);
    await vi.advanceTimersByTimeAsync(4999);
    expect(settled).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    // 5 s of refill at 0.5/s made 2.5 tokens, one of them held back: one goes when the block ends.
    expect(settled.map((s) => s.at)).toEqual([5000]);
    await vi.advanceTimersByTimeAsync(1000);
    expect(settled.map((s) => s.at)).toEqual([5000, 6000]);
  });
});

describe('retry', () => {
  it('waits exactly the Retry-After of a 429, not a backoff', async () => {
    const operation = vi
      .fn<() => Promise<string>>()
      .mockRejectedValueOnce(new ThrottledError({ retryAfterMs: 3000 }))
      .mockResolvedValueOnce('page');
    const result = retry(operation, { random: () => 0.99, baseDelayMs: 100 });
    await vi.advanceTimersByTimeAsync(2999);
    expect(operation).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(operation).toHaveBeenCalledTimes(2);
    await expect(result).resolves.toBe('page');
  });

  it('backs off with full jitter: random() × base × 2^(n-1), capped', async () => {
    const delays: number[] = [];
    const operation = vi.fn(async () => {
      throw new ApiResponseError({ status: 503 });
    });
    const result = retry(operation, {
      random: () => 0.5,
      baseDelayMs: 1000,
      onRetry: ({ delayMs }) => delays.push(delayMs),
    });
    const assertion = expect(result).rejects.toMatchObject({ kind: 'api', status: 503 });
    await vi.advanceTimersByTimeAsync(60_000);
    await assertion;
    expect(delays).toEqual([500, 1000, 2000, 4000]);
  });

  it.each([
    [1, 0, 0],
    [1, 0.999, 999],
    [3, 0.999, 3996],
    [10, 0.999, 29970], // 1000 × 2^9 is capped at 30 s
  ])('backoffDelay(attempt %i, random %f) = %i', (attempt, random, expected) => {
    expect(backoffDelay(attempt, { random: () => random })).toBe(expected);
  });

  it('stays within [0, cap) for any random value', () => {
    for (let i = 0; i < 200; i++) {
      const attempt = 1 + (i % 8);
      const delay = backoffDelay(attempt, { baseDelayMs: 250, maxDelayMs: 8000 });
      expect(delay).toBeGreaterThanOrEqual(0);
      expect(delay).toBeLessThan(Math.min(8000, 250 * 2 ** (attempt - 1)));
    }
  });

  it('gives up after 5 attempts with the last error', async () => {
    const operation = vi.fn(async () => {
      throw new NetworkError();
    });
    const result = retry(operation, { random: () => 0 });
    const assertion = expect(result).rejects.toBeInstanceOf(NetworkError);
    await vi.advanceTimersByTimeAsync(1000);
    await assertion;
    expect(operation).toHaveBeenCalledTimes(5);
  });

  it('reports a network failure (offline, refused) within the 2 s network budget instead of backing off for 15 s', async () => {
    const operation = vi.fn(async () => {
      throw new NetworkError();
    });
    // random() just under 1: the longest backoffs (about 1, 2, 4, 8 s) that used to add up to 15 s.
    const result = retry(operation, { random: () => 0.999 });
    let settledAt: number | undefined;
    const start = Date.now();
    result.catch(() => (settledAt = Date.now() - start));
    const assertion = expect(result).rejects.toBeInstanceOf(NetworkError);
    await vi.advanceTimersByTimeAsync(20_000);
    await assertion;
    expect(settledAt).toBeLessThanOrEqual(2_000);
    expect(operation).toHaveBeenCalledTimes(2); // the first try and one retry after ~1 s; the next wait would pass 2 s
  });

  it('does not retry a network failure while the browser says it is offline', async () => {
    vi.stubGlobal('navigator', { onLine: false });
    try {
      const operation = vi.fn(async () => {
        throw new NetworkError();
      });
      await expect(retry(operation, { random: () => 0 })).rejects.toBeInstanceOf(NetworkError);
      expect(operation).toHaveBeenCalledTimes(1);
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('still waits out 5xx answers with the full backoff (the network budget is for network failures only)', async () => {
    const operation = vi.fn(async () => {
      throw new ApiResponseError({ status: 503, code: 'ServiceUnavailable' });
    });
    const result = retry(operation, { random: () => 0.999 });
    const assertion = expect(result).rejects.toBeInstanceOf(ApiResponseError);
    await vi.advanceTimersByTimeAsync(20_000);
    await assertion;
    expect(operation).toHaveBeenCalledTimes(5);
  });

  it.each([
    ['a 400', new ApiResponseError({ status: 400, code: 'INVALID_REQUEST_PARAMETER' })],
    ['an auth error', new AuthError({ reason: 'forbidden' })],
  ])('does not retry %s', async (_, error) => {
    const operation = vi.fn(async () => {
      throw error;
    });
    await expect(retry(operation)).rejects.toBe(error);
    expect(operation).toHaveBeenCalledTimes(1);
  });

  it('times out an attempt after 15 s and retries it', async () => {
    const operation = vi
      .fn<(signal: AbortSignal) => Promise<string>>()
      .mockImplementationOnce(
        (signal) => new Promise((_, reject) => signal.addEventListener('abort', () => reject(new Error('aborted')))),
      )
      .mockResolvedValueOnce('late page');
    const result = retry(operation, { random: () => 0 });
    await vi.advanceTimersByTimeAsync(14_999);
    expect(operation).toHaveBeenCalledTimes(1);
    // The timeout fires at 15 s; the retry follows after a zero backoff (random() = 0).
    await vi.advanceTimersByTimeAsync(10);
    await expect(result).resolves.toBe('late page');
    expect(operation).toHaveBeenCalledTimes(2);
  });

  it('reports a TimeoutError when every attempt times out, even if the task ignores its signal', async () => {
    const operation = vi.fn(() => new Promise<string>(() => {}));
    const result = retry(operation, { attempts: 2, timeoutMs: 1000, random: () => 0 });
    const assertion = expect(result).rejects.toMatchObject({ kind: 'timeout', timeoutMs: 1000 });
    await vi.advanceTimersByTimeAsync(2100);
    await assertion;
    expect(operation).toHaveBeenCalledTimes(2);
  });

  it('cancels during the backoff wait, without another attempt', async () => {
    const controller = new AbortController();
    const operation = vi.fn(async () => {
      throw new ApiResponseError({ status: 500 });
    });
    const result = retry(operation, { signal: controller.signal, random: () => 0.9 });
    const assertion = expect(result).rejects.toBeInstanceOf(AbortedError);
    await vi.advanceTimersByTimeAsync(100);
    controller.abort();
    await assertion;
    await vi.advanceTimersByTimeAsync(60_000);
    expect(operation).toHaveBeenCalledTimes(1);
  });

  it('does not wait for a Retry-After longer than the cap: the caller gets the 429', async () => {
    const operation = vi.fn(async () => {
      throw new ThrottledError({ retryAfterMs: 120_000 });
    });
    await expect(retry(operation)).rejects.toMatchObject({ kind: 'throttled', retryAfterMs: 120_000 });
    expect(operation).toHaveBeenCalledTimes(1);
  });

  it('a 429 drains the shared scheduler, so other callers wait too', async () => {
    const scheduler = new TokenBucketScheduler({ ratePerSecond: 0.5, burst: 10 });
    const operation = vi
      .fn<() => Promise<string>>()
      .mockRejectedValueOnce(new ThrottledError())
      .mockResolvedValueOnce('ok');
    const result = retry(operation, { scheduler, random: () => 0 });
    await vi.advanceTimersByTimeAsync(0);
    expect(scheduler.available).toBeCloseTo(0);
    const other = track(scheduler, 1);
    await vi.advanceTimersByTimeAsync(6000);
    await expect(result).resolves.toBe('ok');
    // Amazon's bucket is empty after a 429: two refills (one held back) for the retry (it asked first), then one
    // more for the other caller.
    expect(other[0]?.at).toBe(6000);
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-11-24T08:00:00Z');
  it.each([
    ['3', 3000],
    ['0', 0],
    [' 12 ', 12_000],
    ['Tue, 24 Nov 2026 08:00:30 GMT', 30_000],
    ['Tue, 24 Nov 2026 07:59:00 GMT', 0],
    ['soon', undefined],
    [null, undefined],
  ])('%s → %s ms', (value, expected) => {
    expect(parseRetryAfter(value, now)).toBe(expected);
  });
});

it('TimeoutError says how long it waited', () => {
  expect(new TimeoutError({ timeoutMs: 15_000 }).message).toContain('15 s');
});
