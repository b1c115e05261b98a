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

  it('a request slower than the way there allows (a TLS handshake) is charged the rest of its time', async () => {
    // 0.5/s, burst 3: two go at once, one token held back for up to 2 s on the way.
    const scheduler = new TokenBucketScheduler({ ratePerSecond: 0.5, burst: 3 }, systemClock);
    const slow = retry(() => new Promise<string>((resolve) => setTimeout(() => resolve('first'), 5000)), { scheduler });
    const fast = retry(() => new Promise<string>((resolve) => setTimeout(() => resolve('second'), 20)), { scheduler });
    await vi.advanceTimersByTimeAsync(5000);
    await expect(Promise.all([slow, fast])).resolves.toEqual(['first', 'second']);
    // At 5 s the bucket is full again (3), less the 3 s the first was late (1.5 tokens): the third waits 1 s more
    // than it would have without the first's answer taking so long.
    expect(await acquiredAt(scheduler)).toBe(6000);
  });

  it('requests that reach Amazon within the allowance never find its bucket empty, however they overtake', async () => {
    const limit = { ratePerSecond: 0.5, burst: 10 };
    const scheduler = new TokenBucketScheduler(limit, systemClock);
    // Amazon's side: a plain token bucket, counting each request when it arrives.
    let amazon = limit.burst;
    let amazonAt = 0;
    let throttled = 0;
    const arrive = () => {
      amazon = Math.min(limit.burst, amazon + ((Date.now() - amazonAt) / 1000) * limit.ratePerSecond);
      amazonAt = Date.now();
      if (amazon < 1 - 1e-9) throttled += 1;
      else amazon -= 1;
    };
    // The worst case: a full burst spends the whole allowance (2 s, one refill) on the way there, while Amazon's
    // bucket, full, gains nothing; the requests after it arrive at once. Then slow and fast ones alternate.
    let sent = 0;
    const request = () =>
      retry(
        () =>
          new Promise<void>((resolve) => {
            const n = sent++;
            setTimeout(
              () => {
                arrive();
                setTimeout(resolve, (n * 700) % 3000);
              },
              n < limit.burst || n % 2 === 1 ? 2000 : 0,
            );
          }),
        { scheduler, attempts: 1 },
      );
    const callers = Array.from({ length: 12 }, async () => {
      for (let i = 0; i < 5; i++) await request();
    });
    await vi.advanceTimersByTimeAsync(600_000);
    await Promise.all(callers);
    expect(sent).toBe(60);
    expect(throttled).toBe(0);
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
