/**
 * The policy editor's decisions, apart from rendering: which draft to start from, what the draft amounts to
 * (the policy as written, its problems placed in the form, whether it can be saved), and why Save is off. Pure.
 */
import { t, tPlural } from '@/lib/i18n';
import type { SettingsReport } from '@/lib/settings/contract';
import { parsePolicy, type Policy } from '@/lib/policy/schema';
import { canonicalJson, draftFromPolicy, draftProblems, emptyDraft, policyFromDraft, type PolicyDraft } from './draft';
import { readPolicyText } from './policy-file';
import { placeProblems, type PlacedProblem } from './problem-places';

export type EditorView = 'form' | 'json';

/** The user's saved policy as a value; an old string-valued save is read as JSON. */
export function savedUserPolicy(report: SettingsReport): unknown {
  const value = report.userPolicy;
  if (typeof value !== 'string') return value ?? null;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value;
  }
}

/** The draft to start from: the saved policy, or an empty form when there is none (or it is not an object). */
export function draftForSaved(saved: unknown): PolicyDraft {
  return (saved === null ? null : draftFromPolicy(saved)) ?? emptyDraft();
}

/** What the draft is compared with for "unsaved changes": the saved policy, or the empty form. */
export function baselineOf(saved: unknown): string {
  return canonicalJson(saved === null ? policyFromDraft(emptyDraft()) : saved);
}

export interface DraftCheck {
  /** The policy as written by the form or the JSON view; undefined when the JSON cannot be read. */
  written: unknown;
  /** The policy with defaults filled in, when it is valid. */
  policy: Policy | null;
  /** Every problem, placed in the form (for the JSON view, placed in the form the JSON would give). */
  problems: PlacedProblem[];
  /** Why the JSON view's text is not a policy at all (not JSON, not an object). */
  textError: string | null;
  valid: boolean;
}

export function checkDraft(draft: PolicyDraft): DraftCheck {
  const written = policyFromDraft(draft);
  const parsed = parsePolicy(written);
  const own = draftProblems(draft);
  const problems = placeProblems(draft, parsed.ok ? [] : parsed.problems, own);
  return {
    written,
    policy: parsed.ok && own.length === 0 ? parsed.policy : null,
    problems,
    textError: null,
    valid: parsed.ok && own.length === 0,
  };
}

export function checkJsonText(text: string): DraftCheck {
  const read = readPolicyText(text, t('policyFile_theJson'));
  if (!read.ok) return { written: undefined, policy: null, problems: [], textError: read.message, valid: false };
  const parsed = parsePolicy(read.value);
  const draft = draftFromPolicy(read.value)!;
  return {
    written: read.value,
    policy: parsed.ok ? parsed.policy : null,
    problems: parsed.ok ? [] : placeProblems(draft, parsed.problems),
    textError: null,
    valid: parsed.ok,
  };
}

export function isDirty(check: DraftCheck, baseline: string): boolean {
  return check.written === undefined || canonicalJson(check.written) !== baseline;
}

/** Why Save is off, in words; null when it is on. */
export function saveBlockedReason(check: DraftCheck, dirty: boolean, saving: boolean): string | null {
  if (saving) return t('policy_saving');
  if (check.textError) return t('policy_saveOffJson');
  if (!check.valid) {
    const count = check.problems.length;
    return count === 1 ? t('policy_saveOffProblem') : tPlural('policy_saveOffProblems', count);
  }
  if (!dirty) return t('policy_noChanges');
  return null;
}
