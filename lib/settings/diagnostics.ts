/**
 * Diagnostics in words: where each setting comes from, what the organization locks, how the last fetch of the
 * policy address went. Pure, from the background's settings report.
 */
import { t, tPlural, uiLanguage, type MessageKey } from '@/lib/i18n';
import type { SettingsReport } from '@/lib/settings/contract';
import type { PolicySource } from '@/lib/storage/resolve';

export interface SettingSource {
  setting: string;
  /** The value in force, in words. */
  value: string;
  /** Who decides it: "Your organization (managed policy)", "Default"… */
  source: string;
  byOrganization: boolean;
}

const POLICY_SOURCE_NAMES: Record<PolicySource, MessageKey> = {
  admin: 'policySource_admin',
  remote: 'policySource_remote',
  user: 'policySource_user',
};

/** Where a policy comes from, in words: "Your organization (managed policy)". */
export function policySourceName(source: PolicySource): string {
  return t(POLICY_SOURCE_NAMES[source]);
}

function policySource(report: SettingsReport): SettingSource {
  const { effective } = report;
  const setting = t('diag_setting_policy');
  const value = effective.policy
    ? t('diag_policyInForce', [tPlural('count_formats', effective.policy.formats.length), effective.policy.enforcement])
    : t(effective.broken.length > 0 ? 'diag_policyBroken' : 'diag_policyNone');
  if (!effective.source) {
    return {
      setting,
      value,
      source: t(effective.adminControlled ? 'diag_source_organizationNone' : 'diag_source_none'),
      byOrganization: effective.adminControlled,
    };
  }
  const source =
    effective.source === 'remote' && report.remote
      ? t('diag_sourceWithAddress', [policySourceName('remote'), report.remote.url])
      : policySourceName(effective.source);
  return { setting, value, source, byOrganization: effective.source !== 'user' };
}

function organizationOr(
  value: string | undefined,
  fallback: { value: MessageKey; source: MessageKey },
  setting: MessageKey,
): SettingSource {
  return value !== undefined
    ? { setting: t(setting), value, source: t('diag_source_organization'), byOrganization: true }
    : { setting: t(setting), value: t(fallback.value), source: t(fallback.source), byOrganization: false };
}

/** One row per setting: the policy, policy address, region, token broker, and the lock. */
export function settingSources(report: SettingsReport): SettingSource[] {
  const { managed } = report;
  const ownPolicy = t('diag_setting_ownPolicy');
  return [
    policySource(report),
    organizationOr(
      managed.policyUrl,
      { value: 'diag_value_notSet', source: 'diag_source_default' },
      'diag_setting_policyUrl',
    ),
    organizationOr(
      managed.region,
      { value: 'diag_value_yourChoice', source: 'diag_source_default' },
      'diag_setting_region',
    ),
    organizationOr(
      managed.tokenBrokerUrl,
      { value: 'diag_value_yourChoice', source: 'diag_source_default' },
      'diag_setting_tokenBroker',
    ),
    managed.lockUserPolicy !== undefined
      ? {
          setting: ownPolicy,
          value: t(managed.lockUserPolicy ? 'diag_value_locked' : 'diag_value_allowed'),
          source: t('diag_source_organization'),
          byOrganization: true,
        }
      : { setting: ownPolicy, value: t('diag_value_allowed'), source: t('diag_source_default'), byOrganization: false },
  ];
}

/** Settings the options page shows read-only, "Set by your organization". */
export function lockedSettings(report: SettingsReport): string[] {
  const locked: MessageKey[] = [];
  if (report.effective.userLocked) locked.push('diag_setting_policy');
  if (report.managed.policyUrl !== undefined) locked.push('diag_setting_policyUrl');
  if (report.managed.region !== undefined) locked.push('diag_setting_region');
  if (report.managed.tokenBrokerUrl !== undefined) locked.push('diag_setting_tokenBroker');
  return locked.map((key) => t(key));
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

const RESULT_TEXT: Record<'updated' | 'not-modified' | 'error' | 'unknown', MessageKey> = {
  updated: 'diag_result_updated',
  'not-modified': 'diag_result_notModified',
  error: 'diag_result_error',
  unknown: 'diag_result_unknown',
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
    text: message ? `${t(RESULT_TEXT[result])} ${message}` : t(RESULT_TEXT[result]),
    lastAttemptAt: remote.lastAttemptAt ?? null,
    fetchedAt: remote.fetchedAt ?? null,
  };
}

/** A time for people: "14 Mar 2026, 09:30" in the browser's language, or the text as given when it is not a date. */
export function formatTime(iso: string | null | undefined, locale: string = uiLanguage()): string {
  if (!iso) return t('diag_never');
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short' });
}
