import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AbortedError, ThrottledError } from '@/lib/api/errors';
import {
  BackgroundQueueFullError,
  MAX_BLOCK_MS,
  TokenBucketScheduler,
  retry,
  type SchedulerWait,
} from '@/lib/api/scheduler';

beforeEach(() => {
  vi.useFakeTimers({ now: new Date('2026-11-24T08:00:00Z') });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('a huge Retry-After cannot stall the shared scheduler', () => {
  it('Retry-After: 86400 blocks other lookups for at most the cap, and the caller gets the 429', async () => {
    const scheduler = new TokenBucketScheduler({ ratePerSecond: 10, burst: 1 });
    const hostile = retry(
      async () => {
        throw new ThrottledError({ retryAfterMs: 86_400_000 });
      },
      { scheduler },
    );
    await expect(hostile).rejects.toMatchObject({ kind: 'throttled', retryAfterMs: 86_400_000 });
    const start = Date.now();
    let at = -1;
    void scheduler.acquire().then(() => (at = Date.now() - start));
    await vi.advanceTimersByTimeAsync(MAX_BLOCK_MS);
    expect(MAX_BLOCK_MS).toBe(60_000);
    expect(at).toBeGreaterThanOrEqual(0);
    expect(at).toBeLessThanOrEqual(MAX_BLOCK_MS);
  });

  it('drain() itself clamps a block to MAX_BLOCK_MS', async () => {
    const scheduler = new TokenBucketScheduler({ ratePerSecond: 1000, burst: 1 });
    scheduler.drain(86_400_000);
    let done = false;
    void scheduler.acquire().then(() => (done = true));
    await vi.advanceTimersByTimeAsync(MAX_BLOCK_MS);
    expect(done).toBe(true);
  });
});

describe('callers are told about waits', () => {
  it('onWait says until when and why (429 / Retry-After), and Cancel releases the wait at once', async () => {
    const scheduler = new TokenBucketScheduler({ ratePerSecond: 10, burst: 1 });
    const waits: SchedulerWait[] = [];
    const controller = new AbortController();
    const operation = vi.fn(async () => {
      throw new ThrottledError({ retryAfterMs: 30_000 });
    });
    const start = Date.now();
    const running = retry(operation, { scheduler, signal: controller.signal, onWait: (wait) => waits.push(wait) });
    running.catch(() => {});
    await vi.advanceTimersByTimeAsync(0);
    expect(waits).toContainEqual({ reason: 'retry-after', status: 429, ms: 30_000, until: start + 30_000 });
    await vi.advanceTimersByTimeAsync(1000);
    controller.abort();
    await expect(running).rejects.toBeInstanceOf(AbortedError);
    expect(Date.now() - start).toBe(1000);
    expect(operation).toHaveBeenCalledTimes(1);
  });

  it('onWait reports a queue wait for the rate limit, and abort leaves the queue at once', async () => {
    const scheduler = new TokenBucketScheduler({ ratePerSecond: 0.5, burst: 1 });
    await scheduler.acquire();
    const waits: SchedulerWait[] = [];
    const controller = new AbortController();
    const start = Date.now();
    const waiting = scheduler.acquire(controller.signal, { onWait: (wait) => waits.push(wait) });
    expect(waits).toEqual([{ reason: 'rate-limit', ms: 2000, until: start + 2000 }]);
    controller.abort();
    await expect(waiting).rejects.toBeInstanceOf(AbortedError);
    expect(scheduler.waiting).toBe(0);
  });
});

describe('priorities in the one shared scheduler', () => {
  it('100 queued background checks delay a popup lookup by at most one slot', async () => {
    const scheduler = new TokenBucketScheduler({ ratePerSecond: 0.5, burst: 1 }, undefined, {
      maxQueuedBackground: 200,
    });
    await scheduler.acquire(undefined, { priority: 'background' });
    const background: number[] = [];
    for (let i = 0; i < 100; i++)
      void scheduler.acquire(undefined, { priority: 'background' }).then(() => background.push(i));
    const start = Date.now();
    let popupAt = -1;
    void scheduler.acquire(undefined, { priority: 'interactive' }).then(() => (popupAt = Date.now() - start));
    await vi.advanceTimersByTimeAsync(2000);
    expect(popupAt).toBe(2000); // the very next slot
    expect(background).toEqual([]);
    await vi.advanceTimersByTimeAsync(2000);
    expect(background).toEqual([0]);
  });

  it('interactive requests keep their own FIFO order ahead of background ones', async () => {
    const scheduler = new TokenBucketScheduler({ ratePerSecond: 1, burst: 1 });
    await scheduler.acquire();
    const order: string[] = [];
    const take = (name: string, priority: 'interactive' | 'background') =>
      void scheduler.acquire(undefined, { priority }).then(() => order.push(name));
    take('b1', 'background');
    take('i1', 'interactive');
    take('b2', 'background');
    take('i2', 'interactive');
    await vi.advanceTimersByTimeAsync(4000);
    expect(order).toEqual(['i1', 'i2', 'b1', 'b2']);
  });

  it('background work is capped: extra queued background requests are refused with a typed error', async () => {
    const scheduler = new TokenBucketScheduler({ ratePerSecond: 0.5, burst: 1 }, undefined, { maxQueuedBackground: 3 });
    await scheduler.acquire(undefined, { priority: 'background' });
    const results: string[] = [];
    for (let i = 0; i < 5; i++) {
      scheduler.acquire(undefined, { priority: 'background' }).then(
        () => results.push(`ok${i}`),
        (error: unknown) => results.push(error instanceof BackgroundQueueFullError ? `full${i}` : 'other'),
      );
    }
    await vi.advanceTimersByTimeAsync(0);
    expect(results).toEqual(['full3', 'full4']);
    // Interactive requests are never refused.
    let popup = false;
    void scheduler.acquire().then(() => (popup = true));
    await vi.advanceTimersByTimeAsync(2000);
    expect(popup).toBe(true);
    expect(new BackgroundQueueFullError()).toBeInstanceOf(ThrottledError);
  });

  it('retry passes its priority on to the scheduler', async () => {
    const scheduler = new TokenBucketScheduler({ ratePerSecond: 1, burst: 1 });
    const acquire = vi.spyOn(scheduler, 'acquire');
    await retry(async () => 'ok', { scheduler, priority: 'background' });
    expect(acquire).toHaveBeenCalledWith(undefined, expect.objectContaining({ priority: 'background' }));
  });
});
