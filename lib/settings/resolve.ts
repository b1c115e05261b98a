import { parsePolicy, type Policy, type PolicyProblem } from '@/lib/policy/schema';

export type PolicySource = 'admin' | 'user';

export interface PolicyReport {
  source: PolicySource;
  problems: PolicyProblem[];
}

export interface EffectivePolicy {
  /** The policy in force, or null: no policy (the guard only offers setup) or a broken one (the guard stands down). */
  policy: Policy | null;
  source: PolicySource | null;
  /** Sources that are present but broken, with every problem in plain words. */
  broken: PolicyReport[];
  /** True when an admin policy is present (valid or not): the user's own policy is then never used. */
  adminControlled: boolean;
}

/**
 * Overlay the admin policy on the user's at read time. An admin policy, when present, always wins, and a broken
 * admin policy is reported rather than silently replaced by the user's (the admin meant to control this browser).
 */
export function resolvePolicy(sources: { admin: unknown; user: unknown }): EffectivePolicy {
  const broken: PolicyReport[] = [];
  if (isPresent(sources.admin)) {
    const parsed = parsePolicy(sources.admin);
    if (parsed.ok) return { policy: parsed.policy, source: 'admin', broken, adminControlled: true };
    broken.push({ source: 'admin', problems: parsed.problems });
    return { policy: null, source: null, broken, adminControlled: true };
  }
  if (isPresent(sources.user)) {
    const parsed = parsePolicy(sources.user);
    if (parsed.ok) return { policy: parsed.policy, source: 'user', broken, adminControlled: false };
    broken.push({ source: 'user', problems: parsed.problems });
  }
  return { policy: null, source: null, broken, adminControlled: false };
}

function isPresent(value: unknown): boolean {
  return value !== null && value !== undefined && value !== '';
}

/** One line for the checkout hint on why the guard stands down, or null when a policy is in force or none is set. */
export function problemSummary(effective: EffectivePolicy): string | null {
  const report = effective.broken[0];
  if (effective.policy || !report) return null;
  const owner = report.source === 'admin' ? "your organization's PO policy" : 'your PO policy';
  const first = report.problems[0];
  const count = report.problems.length;
  const detail = first ? `${first.path ? `${first.path}: ` : ''}${first.message}` : 'it could not be read';
  return `${owner} has ${count === 1 ? 'a problem' : `${count} problems`} (${detail}).`;
}
