import { isBlanketActiveOn, localIsoDate } from '@/lib/policy/blanket';
import { compilePolicy, matchFormat, normaliseWith } from '@/lib/policy/compile';
import type { Policy } from '@/lib/policy/schema';
import type { PoVerdict } from '@/lib/policy/types';

/** Shown for the few milliseconds until the background's diagnosis arrives. */
export const PENDING_DIAGNOSIS = "This PO does not match your company's PO format.";
export const EMPTY_REQUIRED = 'Enter a PO number — it is required.';

/**
 * Valid or not, synchronously, with the same compiled matcher as validatePo but without the diagnosis, fixer and
 * generator: the checkout content script decides submits with this and asks the background (`explainPo`) for the
 * words, which keeps the content script within its size budget. Agrees with validatePo on validity (tested).
 */
export function quickVerdict(policy: Policy, input: string, now: Date): PoVerdict {
  const compiled = compilePolicy(policy);
  const value = normaliseWith(compiled.caseInsensitive, input);
  if (value === '') {
    return policy.required
      ? { valid: false, code: 'empty', message: EMPTY_REQUIRED, formatId: null, fix: null }
      : { valid: true, value, formatId: null, empty: true };
  }
  const blankets = compiled.blankets.get(value);
  if (blankets) {
    const today = localIsoDate(now);
    if (blankets.some((entry) => isBlanketActiveOn(entry, today))) return { valid: true, value, formatId: null, blanket: true };
    return { valid: false, code: 'blanket-expired', message: PENDING_DIAGNOSIS, formatId: null, fix: null };
  }
  if (policy.maxLength === undefined || value.length <= policy.maxLength) {
    const format = matchFormat(compiled, value);
    if (format >= 0) return { valid: true, value, formatId: compiled.formats[format]!.id };
  }
  return { valid: false, code: 'mismatch', message: PENDING_DIAGNOSIS, formatId: null, fix: null };
}
