import { fetchRemotePolicy } from '@/lib/settings/remote-policy';
import { nextRemoteFetchDelayMinutes } from '@/lib/settings/remote-schedule';
import { t, tPlural } from '@/lib/i18n';
import { problemText } from '@/lib/policy-words';
import { parsePolicy } from '@/lib/policy/schema';
import { adminLastGoodItem, remotePolicyItem, type RemotePolicyState } from '@/lib/storage/items';
import { parseManagedValues } from '@/lib/storage/managed';
import { readManagedRaw } from '@/lib/storage/policy-store';

/**
 * Remember the last good value of each admin key, so a broken update from the admin keeps the previous one in
 * force. Runs in the background at start and whenever managed storage changes.
 */
export async function rememberGoodAdminValues(): Promise<void> {
  const raw = await readManagedRaw();
  const lastGood = await adminLastGoodItem.getValue();
  const { policy, ...rest } = raw;
  const next: Record<string, unknown> = { ...lastGood, ...parseManagedValues(rest, lastGood).good };
  if (policy !== undefined && parsePolicy(policy).ok) next.policy = policy;
  if (JSON.stringify(next) !== JSON.stringify(lastGood)) await adminLastGoodItem.setValue(next);
}

/**
 * Fetch the policy at the admin's policyUrl (conditional on the ETag) and store it; a broken or failed fetch keeps
 * the last good policy. Returns the minutes until the next fetch, or null when no policyUrl is set.
 */
export async function refreshRemotePolicy(deps: { fetch: typeof fetch; now: () => Date }): Promise<number | null> {
  const raw = await readManagedRaw();
  const { values } = parseManagedValues({ policyUrl: raw.policyUrl }, await adminLastGoodItem.getValue());
  const url = values.policyUrl;
  const state = await remotePolicyItem.getValue();
  if (!url) {
    if (state) await remotePolicyItem.removeValue();
    return null;
  }
  const previous = state?.url === url ? state : null;
  const result = await fetchRemotePolicy(url, previous ? { etag: previous.etag, body: previous.body } : null, deps);
  const base: RemotePolicyState = previous ?? { url, failures: 0 };
  let next: RemotePolicyState;
  if (result.status === 'updated') {
    const parsed = parsePolicy(result.body);
    next = {
      ...base,
      etag: result.etag,
      body: result.body,
      lastGoodBody: parsed.ok ? result.body : base.lastGoodBody,
      fetchedAt: result.fetchedAt,
      lastAttemptAt: result.fetchedAt,
      lastResult: parsed.ok
        ? { status: 'updated' }
        : {
            status: 'error',
            message: tPlural('adminSync_invalid', parsed.problems.length, [
              parsed.problems[0] ? problemText(parsed.problems[0]) : '',
            ]),
          },
      failures: parsed.ok ? 0 : base.failures + 1,
    };
  } else if (result.status === 'not-modified') {
    next = {
      ...base,
      fetchedAt: result.fetchedAt,
      lastAttemptAt: result.fetchedAt,
      lastResult: { status: 'not-modified' },
      failures: 0,
    };
  } else {
    next = {
      ...base,
      lastAttemptAt: result.fetchedAt,
      lastResult: { status: 'error', message: result.message },
      failures: base.failures + 1,
    };
  }
  await remotePolicyItem.setValue(next);
  return nextRemoteFetchDelayMinutes(next.lastResult?.status === 'error' ? { status: 'error' } : result, next.failures);
}

export const REMOTE_POLICY_ALARM = 'remote-policy';

/**
 * Keeps admin settings current: remembers good values, fetches the policyUrl now and then on an alarm (alarms
 * survive the service worker sleeping). `refreshNow` is for the options page's "Fetch now".
 */
export function createAdminSync(deps: {
  fetch: typeof fetch;
  alarms: { create(name: string, info: { delayInMinutes: number }): void; clear(name: string): Promise<unknown> };
}) {
  const syncRemote = async () => {
    const minutes = await refreshRemotePolicy({ fetch: deps.fetch, now: () => new Date() });
    if (minutes === null) await deps.alarms.clear(REMOTE_POLICY_ALARM);
    else deps.alarms.create(REMOTE_POLICY_ALARM, { delayInMinutes: minutes });
    return minutes;
  };
  return {
    async sync(): Promise<void> {
      await rememberGoodAdminValues();
      await syncRemote();
    },
    async refreshNow(): Promise<{ ok: boolean; message: string }> {
      const minutes = await syncRemote();
      if (minutes === null) return { ok: false, message: t('adminSync_noPolicyUrl') };
      const state = await remotePolicyItem.getValue();
      const result = state?.lastResult;
      if (result?.status === 'error')
        return { ok: false, message: t('adminSync_failed', [state?.url ?? '', result.message ?? '']) };
      return { ok: true, message: t(result?.status === 'not-modified' ? 'adminSync_notChanged' : 'adminSync_fetched') };
    },
  };
}
