import { isBlanketActiveOn, localIsoDate } from '@/lib/policy/blanket';
import { matchFormat, matcherFromSpec, normaliseWith, type MatcherSpec } from '@/lib/policy/matcher';
import type { PoVerdict } from '@/lib/policy/types';

/**
 * A verdict as the checkout guard shows it: an invalid one carries its sentence (`message`), rendered in the
 * background (explainPo, through lib/policy-words.ts) or, until that arrives, one of the quick words below.
 */
export type ShownVerdict =
  | Extract<PoVerdict, { valid: true }>
  | (Omit<Extract<PoVerdict, { valid: false }>, 'reason'> & {
      reason?: PoVerdict & { valid: false } extends { reason: infer R } ? R : never;
      message: string;
    });

/** The words of a quick verdict that is not valid, shown until the background's diagnosis arrives. */
export interface QuickWords {
  /** A PO that does not match (`guard_pendingDiagnosis` in messages.json). */
  pending: string;
  /** An empty PO where one is required (`guard_emptyRequired`). */
  empty: string;
}

// The checkout content script passes the words from messages.json; this module loads only the matcher, so these
// English ones (the same as messages.json, tested) serve callers without the extension's messages.
export const PENDING_DIAGNOSIS = "This PO does not match your company's PO format.";
export const EMPTY_REQUIRED = 'Enter a PO number — it is required.';
const ENGLISH: QuickWords = { pending: PENDING_DIAGNOSIS, empty: EMPTY_REQUIRED };

/**
 * Valid or not, synchronously, with the same matcher as validatePo but without the compiler, diagnosis, fixer and
 * generator: the background compiles the policy and sends it as a `MatcherSpec` (`GuardState.matcher`); the
 * checkout content script decides submits with this and asks the background (`explainPo`) for the words, which
 * keeps the content script within its size budget. Agrees with validatePo on validity (tested): empty (required),
 * a listed blanket PO decided by its dates alone on the local calendar date of `now`, maxLength, the formats.
 */
export function quickVerdict(spec: MatcherSpec, input: string, now: Date, words: QuickWords = ENGLISH): ShownVerdict {
  const value = normaliseWith(spec.caseInsensitive, input);
  if (value === '') {
    return spec.required
      ? { valid: false, code: 'empty', message: words.empty, formatId: null, fix: null }
      : { valid: true, value, formatId: null, empty: true };
  }
  const matcher = matcherFromSpec(spec);
  const blankets = matcher.blankets.get(value);
  if (blankets) {
    const today = localIsoDate(now);
    if (blankets.some((entry) => isBlanketActiveOn(entry, today)))
      return { valid: true, value, formatId: null, blanket: true };
    return { valid: false, code: 'blanket-expired', message: words.pending, formatId: null, fix: null };
  }
  if (spec.maxLength === null || value.length <= spec.maxLength) {
    const format = matchFormat(matcher, value);
    if (format >= 0) return { valid: true, value, formatId: spec.formatIds[format]! };
  }
  return { valid: false, code: 'mismatch', message: words.pending, formatId: null, fix: null };
}
