import { describe, expect, it } from 'vitest';
import { nextRemoteFetchDelayMinutes } from '../../lib/settings/remote-schedule';

describe('nextRemoteFetchDelayMinutes', () => {
  it.each(['updated', 'not-modified'] as const)('checks again in an hour after %s', (status) => {
    expect(nextRemoteFetchDelayMinutes({ status }, 1)).toBe(60);
    expect(nextRemoteFetchDelayMinutes({ status }, 7)).toBe(60);
  });

  it.each([
    [1, 5],
    [2, 10],
    [3, 20],
    [4, 40],
    [5, 60],
    [6, 60],
    [50, 60],
    [2000, 60],
  ])('after error number %i in a row, retries in %i minutes', (attempt, minutes) => {
    expect(nextRemoteFetchDelayMinutes({ status: 'error' }, attempt)).toBe(minutes);
  });

  it.each([0, -3, Number.NaN])('treats a miscounted attempt (%s) as the first error', (attempt) => {
    expect(nextRemoteFetchDelayMinutes({ status: 'error' }, attempt)).toBe(5);
  });
});
