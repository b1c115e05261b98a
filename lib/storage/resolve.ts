import { t, tPlural, type MessageKey } from '@/lib/i18n';
import { parsePolicy, type Policy, type PolicyProblem } from '@/lib/policy/schema';
import { problemText } from '@/lib/policy-words';

export type PolicySource = 'admin' | 'remote' | 'user';

export interface PolicyReport {
  source: PolicySource;
  problems: PolicyProblem[];
  /** The last good version from this source is still in force. */
  usingLastGood?: boolean;
}

export interface EffectivePolicy {
  /** The policy in force, or null: no policy (the guard only offers setup) or a broken one (the guard stands down). */
  policy: Policy | null;
  source: PolicySource | null;
  /** Sources that are present but broken, with every problem in plain words. */
  broken: PolicyReport[];
  /** The organization decides the policy (admin policy, policy URL, or a lock): the user's own is not used. */
  adminControlled: boolean;
  /** The user may not edit their own policy (lockUserPolicy, or the organization's policy is in force). */
  userLocked: boolean;
}

export interface PolicySources {
  /** `policy` from managed storage, and its last good value. */
  admin: unknown;
  adminLastGood?: unknown;
  /** The policy fetched from the admin's policyUrl (when set), and its last good body. */
  remote?: unknown;
  remoteLastGood?: unknown;
  remoteConfigured?: boolean;
  /** The user's own policy. */
  user: unknown;
  lockUserPolicy?: boolean;
}

/**
 * Layer the policy sources at read time: admin policy, then the policy from the admin's policyUrl, then the
 * user's own. A broken admin or remote policy is reported and its last good version kept; with none, a broken
 * admin policy stands the guard down rather than silently falling back to the user's.
 */
export function resolvePolicy(sources: PolicySources): EffectivePolicy {
  const broken: PolicyReport[] = [];
  const locked = Boolean(sources.lockUserPolicy);
  const done = (policy: Policy | null, source: PolicySource | null, adminControlled: boolean): EffectivePolicy => ({
    policy,
    source,
    broken,
    adminControlled,
    userLocked: locked || adminControlled,
  });

  if (isPresent(sources.admin)) {
    const layer = parseLayer('admin', sources.admin, sources.adminLastGood, broken);
    return done(layer, layer ? 'admin' : null, true);
  }
  if (sources.remoteConfigured) {
    const layer = isPresent(sources.remote)
      ? parseLayer('remote', sources.remote, sources.remoteLastGood, broken)
      : null;
    if (layer) return done(layer, 'remote', true);
    // Not fetched yet (or never good): the user's own policy holds until it is, unless the admin locked it.
    if (locked) return done(null, null, true);
  }
  if (isPresent(sources.user)) {
    const parsed = parsePolicy(sources.user);
    if (parsed.ok) return done(parsed.policy, 'user', false);
    broken.push({ source: 'user', problems: parsed.problems });
  }
  return done(null, null, locked);
}

function parseLayer(source: PolicySource, value: unknown, lastGood: unknown, broken: PolicyReport[]): Policy | null {
  const parsed = parsePolicy(value);
  if (parsed.ok) return parsed.policy;
  const previous = isPresent(lastGood) ? parsePolicy(lastGood) : null;
  broken.push({ source, problems: parsed.problems, usingLastGood: Boolean(previous?.ok) });
  return previous?.ok ? previous.policy : null;
}

function isPresent(value: unknown): boolean {
  return value !== null && value !== undefined && value !== '';
}

const OWNER: Record<PolicySource, MessageKey> = {
  admin: 'policyOwner_admin',
  remote: 'policyOwner_remote',
  user: 'policyOwner_user',
};

/** One line for the checkout hint on why the guard stands down, or null when a policy is in force or none is set. */
export function problemSummary(effective: EffectivePolicy): string | null {
  const report = effective.broken[0];
  if (effective.policy || !report) return null;
  const first = report.problems[0];
  const count = report.problems.length;
  const detail = first
    ? first.path
      ? t('problem_at', [first.path, problemText(first)])
      : problemText(first)
    : t('brokenPolicy_unreadable');
  const owner = t(OWNER[report.source]);
  return count === 1 ? t('brokenPolicy_single', [owner, detail]) : tPlural('brokenPolicy', count, [owner, detail]);
}
