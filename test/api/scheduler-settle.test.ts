import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { retry, systemClock, TokenBucketScheduler } from '@/lib/api/scheduler';

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(0);
});
afterEach(() => {
  vi.useRealTimers();
});

async function acquiredAt(scheduler: TokenBucketScheduler): Promise<number> {
  let at = -1;
  void scheduler.acquire().then(() => (at = Date.now()));
  await vi.advanceTimersByTimeAsync(10_000);
  return at;
}

describe("the rate limiter never runs ahead of Amazon's bucket", () => {
  it('takes back the refill credited while a request was in flight', async () => {
    const scheduler = new TokenBucketScheduler({ ratePerSecond: 1, burst: 1 }, systemClock);
    await scheduler.acquire(); // t = 0, the bucket is empty
    vi.setSystemTime(400); // the answer arrives 400 ms later: Amazon counted it somewhere in between
    scheduler.settle(0);
    vi.setSystemTime(400);
    // Without settling, the next token would come at 1000 ms; counted at the answer, it comes at 1400 ms.
    expect(await acquiredAt(scheduler)).toBe(1400);
  });

  it('a slow first request (a TLS handshake) does not let the next one go early', async () => {
    const scheduler = new TokenBucketScheduler({ ratePerSecond: 0.5, burst: 2 }, systemClock);
    const slow = retry(() => new Promise<string>((resolve) => setTimeout(() => resolve('first'), 300)), { scheduler });
    const fast = retry(() => new Promise<string>((resolve) => setTimeout(() => resolve('second'), 20)), { scheduler });
    await vi.advanceTimersByTimeAsync(400);
    await expect(Promise.all([slow, fast])).resolves.toEqual(['first', 'second']);
    // Both answers are in (at 300 ms and 20 ms): the third request waits for a token counted from those answers.
    expect(await acquiredAt(scheduler)).toBeGreaterThanOrEqual(2300);
  });

  it('fetches the access token before waiting for a slot, so the slot is not spent on it', async () => {
    const scheduler = new TokenBucketScheduler({ ratePerSecond: 1, burst: 1 }, systemClock);
    const events: string[] = [];
    const acquire = scheduler.acquire.bind(scheduler);
    vi.spyOn(scheduler, 'acquire').mockImplementation((signal) => {
      events.push('slot');
      return acquire(signal);
    });
    await retry(async () => events.push('request'), {
      scheduler,
      beforeAttempt: async () => {
        events.push('token');
      },
    });
    expect(events).toEqual(['token', 'slot', 'request']);
  });
});
