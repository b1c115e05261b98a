import { browser } from 'wxt/browser';
import { resolveApiAccess, type ManagedApiSettings } from './api-access';
import { compiledPolicyFor } from '@/lib/policy/cache';
import {
  adminLastGoodItem,
  remotePolicyItem,
  settingsSnapshotItem,
  userPolicyItem,
  type ApiAccess,
  type RemotePolicyState,
} from './items';
import { parseManagedValues, type ManagedKeyProblem, type ManagedValues } from './managed';
import { resolvePolicy, type EffectivePolicy } from './resolve';
import { apiAccessStore } from './secret-store';
import { createSettingsCache, type SettingsCache } from './settings-cache';

/**
 * Everything admins set in managed storage, fail-soft: managed storage is missing on some browsers, throws on
 * Firefox without a policies.json entry, and arrives a few seconds after Chromium starts. Absent and unreadable
 * both read as "nothing set".
 */
export async function readManagedRaw(): Promise<Record<string, unknown>> {
  if (!browser.storage?.managed) return {};
  try {
    const raw = await browser.storage.managed.get(null);
    return raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

export interface SettingsSnapshot {
  effective: EffectivePolicy;
  /** The admin's `policy` exactly as delivered, or undefined. */
  adminPolicy: unknown;
  managed: ManagedValues;
  managedProblems: ManagedKeyProblem[];
  /** Raw keys present in managed storage (for diagnostics: what the admin set). */
  managedKeys: string[];
  remote: RemotePolicyState | null;
}

let backgroundCache: SettingsCache<SettingsSnapshot> | null = null;

/**
 * The settings in force right now: admin overlaid on remote on the user's own. In the background (after
 * cacheSettings()) from its kept copy, which a change to any source discards; elsewhere read fresh.
 */
export function readSettings(): Promise<SettingsSnapshot> {
  return backgroundCache ? backgroundCache.get() : readSettingsFresh();
}

/** The background calls this once: from then on readSettings() reads storage only after a source changed. */
export function cacheSettings(): SettingsCache<SettingsSnapshot> {
  backgroundCache?.dispose();
  backgroundCache = createSettingsCache({
    read: async () => {
      const snapshot = await readSettingsFresh();
      // Compile now, once per policy, so the first checkout message after a change does not pay for it.
      if (snapshot.effective.policy) compiledPolicyFor(snapshot.effective.policy);
      return snapshot;
    },
    watch: watchPolicySources,
    session: settingsSnapshotItem,
  });
  return backgroundCache;
}

/**
 * Drops the background's copy of the settings now, for a listener that must read the new settings at once: the
 * copy's own storage listener may run after that listener (Firefox runs `storage.onChanged` and
 * `storage.local.onChanged` listeners in the order they were added; Chromium the area's first).
 */
export function invalidateSettings(): void {
  backgroundCache?.invalidate();
}

/**
 * `managedRaw` given: resolve with it instead of reading managed storage, e.g. `{}` for "the user's own settings"
 * while the browser has not answered the managed read yet.
 */
export function readSettingsFresh(managedRaw?: Record<string, unknown>): Promise<SettingsSnapshot> {
  return readSettingsWith(managedRaw ? () => Promise.resolve(managedRaw) : readManagedRaw);
}

/**
 * The settings without waiting for managed storage (its first read takes seconds after the browser starts): the
 * admin's last good values stand in for it, so a fresh profile sees the user's own settings at once. A page shows
 * this while it waits for readSettingsFresh(), and says it is still checking for the organization's settings.
 */
export function readSettingsProvisional(): Promise<SettingsSnapshot> {
  return readSettingsWith(() => adminLastGoodItem.getValue());
}

async function readSettingsWith(readManaged: () => Promise<Record<string, unknown>>): Promise<SettingsSnapshot> {
  const [raw, lastGood, remote, user] = await Promise.all([
    readManaged(),
    adminLastGoodItem.getValue(),
    remotePolicyItem.getValue(),
    userPolicyItem.getValue(),
  ]);
  const { policy: adminPolicy, ...rest } = raw;
  const managed = parseManagedValues(rest, lastGood);
  const remoteConfigured = Boolean(managed.values.policyUrl);
  const remoteMatches = remoteConfigured && remote?.url === managed.values.policyUrl;
  const effective = resolvePolicy({
    admin: adminPolicy,
    adminLastGood: lastGood.policy,
    remote: remoteMatches ? remote?.body : undefined,
    remoteLastGood: remoteMatches ? remote?.lastGoodBody : undefined,
    remoteConfigured,
    user,
    lockUserPolicy: managed.values.lockUserPolicy,
  });
  return {
    effective,
    adminPolicy,
    managed: managed.values,
    managedProblems: managed.problems,
    managedKeys: Object.keys(raw),
    remote: remoteMatches ? remote : null,
  };
}

export async function readEffectivePolicy(): Promise<EffectivePolicy> {
  return (await readSettings()).effective;
}

/** Calls `onChange` whenever a source of the settings changes (managed policy arriving late included). */
export function watchPolicySources(onChange: () => void): () => void {
  const stops = [userPolicyItem, remotePolicyItem, adminLastGoodItem].map((item) => item.watch(() => onChange()));
  // Managed storage has no item: admins write it, the extension only reads it.
  const managedListener = (_changes: unknown, area: string) => {
    if (area === 'managed') onChange();
  };
  browser.storage.onChanged.addListener(managedListener);
  return () => {
    for (const stop of stops) stop();
    browser.storage.onChanged.removeListener(managedListener);
  };
}

/** The admin's API settings (managed storage, each key parsed on its own, last good kept). */
export async function readManagedApiSettings(): Promise<ManagedApiSettings> {
  const { managed } = await readSettings();
  return { tokenBrokerUrl: managed.tokenBrokerUrl, region: managed.region };
}

/** The API access in force: the user's, with the admin's broker URL and region overlaid. */
export async function readApiAccess(): Promise<ApiAccess | null> {
  const [user, managed] = await Promise.all([apiAccessStore().get(), readManagedApiSettings()]);
  return resolveApiAccess(user, managed);
}
