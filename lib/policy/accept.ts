import { isBlanketActiveOn, localIsoDate } from './blanket';
import { matchFormat, type CompiledPolicy } from './compile';

/**
 * Whether a normalised value is a valid PO on the local calendar date of `now`, without a diagnosis: the same rules, in the
 * same order, as validatePo. A listed blanket PO is decided by its dates alone, even if it also fits a format.
 */
export function acceptsValue(compiled: CompiledPolicy, value: string, now: Date): boolean {
  if (value === '') return !compiled.policy.required;
  const entries = compiled.blankets.get(value);
  if (entries) {
    const today = localIsoDate(now);
    return entries.some((entry) => isBlanketActiveOn(entry, today));
  }
  const maxLength = compiled.policy.maxLength;
  if (maxLength !== undefined && value.length > maxLength) return false;
  return matchFormat(compiled, value) >= 0;
}
