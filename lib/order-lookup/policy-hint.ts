import { t } from '@/lib/i18n';
import type { Policy } from '@/lib/policy/schema';
import { validatePo } from '@/lib/policy/validate';
import { verdictMessage } from '@/lib/policy-words';

/**
 * When a searched PO does not follow the company's policy, the sentence the popup shows next to the results
 * (the search still runs: old orders may predate the policy, and a typo is worth seeing). Null when it fits,
 * when there is no policy, or when the field is empty.
 */
export function policyMismatchHint(policy: Policy | null, po: string, now: Date): string | null {
  if (!policy || po.trim() === '') return null;
  const verdict = validatePo(policy, po, { now });
  if (verdict.valid) return null;
  const message = verdictMessage(verdict);
  const sentence = /[.!?]$/.test(message) ? message : `${message}.`;
  return verdict.fix && verdict.fix !== po.trim()
    ? t('policyHint_mismatchFix', [po.trim(), sentence, verdict.fix])
    : t('policyHint_mismatch', [po.trim(), sentence]);
}
