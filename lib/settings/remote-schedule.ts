import type { RemotePolicyResult } from './remote-policy';

/** How often a policy that was fetched (or found unchanged) is checked again. */
export const REMOTE_REFRESH_MINUTES = 60;
const FIRST_RETRY_MINUTES = 5;

/**
 * Minutes until the next fetch of `policyUrl`. After `updated` or `not-modified`: the hourly refresh. After an
 * error: 5, 10, 20, 40, then 60, where `attempt` counts the errors in a row, 1 for the first (0 or less, or
 * NaN, counts as the first, so a miscounting caller still retries soon rather than crashing).
 */
export function nextRemoteFetchDelayMinutes(lastResult: Pick<RemotePolicyResult, 'status'>, attempt: number): number {
  if (lastResult.status !== 'error') return REMOTE_REFRESH_MINUTES;
  const errorsInARow = Number.isNaN(attempt) ? 1 : Math.max(1, Math.floor(attempt));
  return Math.min(REMOTE_REFRESH_MINUTES, FIRST_RETRY_MINUTES * 2 ** (errorsInARow - 1));
}
