/**
 * Diagnostics in words: where each setting comes from, what the organization locks, how the last fetch of the
 * policy address went. Pure, from the background's settings report.
 */
import type { SettingsReport } from '@/lib/messaging/protocol';
import type { PolicySource } from '@/lib/settings/resolve';

export interface SettingSource {
  setting: string;
  /** The value in force, in words. */
  value: string;
  /** Who decides it: "Your organization (managed policy)", "Default"… */
  source: string;
  byOrganization: boolean;
}

export const POLICY_SOURCE_NAMES: Record<PolicySource, string> = {
  admin: 'Your organization (managed policy)',
  remote: "Your organization's policy address",
  user: 'Yours (saved in this browser)',
};

function policySource(report: SettingsReport): SettingSource {
  const { effective } = report;
  const formats = effective.policy?.formats.length ?? 0;
  const value = effective.policy
    ? `${formats === 1 ? '1 format' : `${formats} formats`}, enforcement "${effective.policy.enforcement}"`
    : effective.broken.length > 0
      ? 'None in force: the policy set has problems, so PO checks are off'
      : 'None: the checkout guard checks nothing';
  if (!effective.source) {
    return { setting: 'PO policy', value, source: effective.adminControlled ? 'Your organization (none in force)' : 'None', byOrganization: effective.adminControlled };
  }
  const source = effective.source === 'remote' && report.remote ? `${POLICY_SOURCE_NAMES.remote} (${report.remote.url})` : POLICY_SOURCE_NAMES[effective.source];
  return { setting: 'PO policy', value, source, byOrganization: effective.source !== 'user' };
}

function organizationOr(value: string | undefined, fallback: { value: string; source: string }, setting: string): SettingSource {
  return value !== undefined
    ? { setting, value, source: 'Your organization', byOrganization: true }
    : { setting, value: fallback.value, source: fallback.source, byOrganization: false };
}

/** One row per setting: the policy, policy address, region, token broker, and the lock. */
export function settingSources(report: SettingsReport): SettingSource[] {
  const { managed } = report;
  return [
    policySource(report),
    organizationOr(managed.policyUrl, { value: 'Not set', source: 'Default' }, 'Policy address'),
    organizationOr(managed.region, { value: 'Your choice in API access', source: 'Default' }, 'Order lookup region'),
    organizationOr(managed.tokenBrokerUrl, { value: 'Your choice in API access', source: 'Default' }, 'Token broker'),
    managed.lockUserPolicy !== undefined
      ? {
          setting: 'Your own policy',
          value: managed.lockUserPolicy ? 'Locked: you cannot edit it' : 'Allowed',
          source: 'Your organization',
          byOrganization: true,
        }
      : { setting: 'Your own policy', value: 'Allowed', source: 'Default', byOrganization: false },
  ];
}

/** Settings the options page shows read-only, "Set by your organization". */
export function lockedSettings(report: SettingsReport): string[] {
  const locked: string[] = [];
  if (report.effective.userLocked) locked.push('PO policy');
  if (report.managed.policyUrl !== undefined) locked.push('Policy address');
  if (report.managed.region !== undefined) locked.push('Order lookup region');
  if (report.managed.tokenBrokerUrl !== undefined) locked.push('Token broker');
  return locked;
}

export type RemoteSummary =
  | { state: 'not-set' }
  | { state: 'not-fetched'; url: string }
  | {
      state: 'fetched';
      url: string;
      result: 'updated' | 'not-modified' | 'error' | 'unknown';
      /** One sentence on the last attempt. */
      text: string;
      lastAttemptAt: string | null;
      fetchedAt: string | null;
    };

const RESULT_TEXT = {
  updated: 'Fetched a new version of the policy.',
  'not-modified': 'The policy had not changed since the last fetch.',
  error: 'The fetch failed; the last good policy (if any) stays in force.',
  unknown: 'No result recorded yet.',
};

export function remoteSummary(report: SettingsReport): RemoteSummary {
  const url = report.managed.policyUrl;
  if (!url) return { state: 'not-set' };
  const remote = report.remote;
  if (!remote || (!remote.lastAttemptAt && !remote.fetchedAt)) return { state: 'not-fetched', url };
  const result = remote.lastResult?.status ?? 'unknown';
  const message = remote.lastResult?.message;
  return {
    state: 'fetched',
    url: remote.url,
    result,
    text: message ? `${RESULT_TEXT[result]} ${message}` : RESULT_TEXT[result],
    lastAttemptAt: remote.lastAttemptAt ?? null,
    fetchedAt: remote.fetchedAt ?? null,
  };
}

/** A time for people: "14 Mar 2026, 09:30" in the browser's language, or the text as given when it is not a date. */
export function formatTime(iso: string | null | undefined, locale?: string): string {
  if (!iso) return 'never';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short' });
}
