import type { Policy } from '@/lib/policy/schema';
import type { ShownVerdict } from './quick-verdict';

export type SubmitDecision =
  | { action: 'allow' }
  /** Stop this attempt. `warn` lets the next attempt with the same PO through; `block` never does. */
  | { action: 'block' | 'warn'; reason: 'invalid' | 'reuse'; message: string; key: string };

export interface SubmitContext {
  /** The rules in force (a Policy or the guard state's rules): enforcement and reuse. */
  policy: Pick<Policy, 'enforcement' | 'reuse'> | null;
  /** The PO as typed: a warning is given once per PO. */
  input: string;
  verdict: ShownVerdict | null;
  /** Why the PO counts as used before (this browser's history, Amazon's orders), or null for a new PO. */
  reuseNotice: string | null;
  /** The key of the attempt already warned about, if any. */
  warnedKey: string | null;
}

/** A diagnosis ends without a full stop ("… found MKTG"); guard_blocked / guard_warned need a whole sentence. */
const sentence = (text: string) => (/[.!?。！？]$/.test(text.trimEnd()) ? text : `${text.trimEnd()}.`);

/**
 * What a Continue / Place your order attempt should do. Pure, so every rule is unit-tested: enforcement applies
 * to invalid (and empty-but-required) POs; reuse applies to valid POs seen before, except blanket POs.
 */
export function decideSubmit({ policy, input, verdict, reuseNotice, warnedKey }: SubmitContext): SubmitDecision {
  if (!policy || !verdict) return { action: 'allow' };
  if (!verdict.valid) {
    if (policy.enforcement === 'off') return { action: 'allow' };
    const key = `invalid:${input.trim()}`;
    if (policy.enforcement === 'warn' && warnedKey === key) return { action: 'allow' };
    return { action: policy.enforcement, reason: 'invalid', message: sentence(verdict.message), key };
  }
  if (verdict.blanket || verdict.empty || policy.reuse === 'allow' || !reuseNotice) return { action: 'allow' };
  const key = `reuse:${verdict.value}`;
  if (policy.reuse === 'warn' && warnedKey === key) return { action: 'allow' };
  return { action: policy.reuse, reason: 'reuse', message: reuseNotice, key };
}
