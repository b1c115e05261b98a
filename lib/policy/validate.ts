import type { Policy } from './schema';
import type { PoInvalidCode, PoVerdict, ValidateOptions } from './types';
import { isBlanketActiveOn, localIsoDate } from './blanket';
import { compilePolicy, matchFormat, normaliseWith } from './compile';
import { diagnose } from './diagnose';
import { fixCompiled } from './fix';

export type { PoInvalidCode, PoVerdict, ValidateOptions } from './types';

/**
 * Whether a PO is valid under the policy, with a diagnosis and a safe fix when it is not.
 *
 * Order of the rules: empty; a listed blanket PO (decided by its dates alone, on the local calendar date of
 * `now`); the policy's maxLength (of the trimmed input); the formats. Time is linear in the input's length.
 */
export function validatePo(policy: Policy, input: string, options: ValidateOptions): PoVerdict {
  const compiled = compilePolicy(policy);
  const value = normaliseWith(compiled.caseInsensitive, input);
  if (value === '') {
    return policy.required
      ? { valid: false, code: 'empty', reason: { code: 'empty-required' }, formatId: null, fix: null }
      : { valid: true, value, formatId: null, empty: true };
  }
  if (compiled.blankets.size > 0) {
    const entries = compiled.blankets.get(value);
    if (entries) {
      const today = localIsoDate(options.now);
      if (entries.some((entry) => isBlanketActiveOn(entry, today)))
        return { valid: true, value, formatId: null, blanket: true };
      return {
        valid: false,
        code: 'blanket-expired',
        reason: {
          code: 'blanket-outside-dates',
          po: entries[0]!.po,
          validFrom: entries[0]!.validFrom,
          validTo: entries[0]!.validTo,
        },
        formatId: null,
        position: 0,
        found: value,
        fix: fixCompiled(compiled, input, options.now),
      };
    }
  }
  const maxLength = policy.maxLength;
  if (maxLength !== undefined && value.length > maxLength) {
    return {
      valid: false,
      code: 'too-long',
      reason: { code: 'too-long', length: value.length, max: maxLength },
      formatId: null,
      position: maxLength,
      expected: { kind: 'max-length', max: maxLength },
      found: value,
      fix: fixCompiled(compiled, input, options.now),
    };
  }
  const format = matchFormat(compiled, value);
  if (format >= 0) return { valid: true, value, formatId: compiled.formats[format]!.id };
  const diagnosis = diagnose(compiled, value, options.now);
  return {
    valid: false,
    code: 'mismatch',
    reason: diagnosis.reason,
    formatId: diagnosis.formatId,
    position: diagnosis.position,
    expected: diagnosis.expected,
    found: diagnosis.found,
    fix: fixCompiled(compiled, input, options.now),
  };
}

/** The PO as validatePo compares and returns it: trimmed, and upper-cased (ASCII letters) when case-insensitive. */
export function normalisePo(policy: Policy, input: string): string {
  return normaliseWith(policy.caseInsensitive, input);
}

/**
 * validatePo's verdict without its diagnosis and fix: valid or not, and the code when not. The same rules in the
 * same order, at the cost of the match alone, for checking thousands of POs at once (the Reconcile page) when
 * only the few shown need validatePo's reasons.
 */
export function poValidity(
  policy: Policy,
  input: string,
  options: ValidateOptions,
): { valid: true } | { valid: false; code: PoInvalidCode } {
  const compiled = compilePolicy(policy);
  const value = normaliseWith(compiled.caseInsensitive, input);
  if (value === '') return policy.required ? { valid: false, code: 'empty' } : { valid: true };
  const entries = compiled.blankets.size > 0 ? compiled.blankets.get(value) : undefined;
  if (entries) {
    const today = localIsoDate(options.now);
    return entries.some((entry) => isBlanketActiveOn(entry, today))
      ? { valid: true }
      : { valid: false, code: 'blanket-expired' };
  }
  if (policy.maxLength !== undefined && value.length > policy.maxLength) return { valid: false, code: 'too-long' };
  return matchFormat(compiled, value) >= 0 ? { valid: true } : { valid: false, code: 'mismatch' };
}
