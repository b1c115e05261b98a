import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generatePo } from '@/lib/policy/generate';
import { SAMPLE_POLICY } from '@/lib/policy/sample-policy';
import type { Policy } from '@/lib/policy/schema';
import { poValidity, validatePo } from '@/lib/policy/validate';
import { editsArb, mutate, nowArb, policyArb, seedArb, valuesFor } from './arbitraries';

/** poValidity skips the diagnosis: its verdict (valid, else the code) must be validatePo's, for any PO. */
const verdictOf = (policy: Policy, input: string, now: Date) => {
  const verdict = validatePo(policy, input, { now });
  return verdict.valid ? { valid: true } : { valid: false, code: verdict.code };
};

describe('poValidity', () => {
  it('agrees with validatePo on generated policies and shopper-edited POs', () => {
    fc.assert(
      fc.property(policyArb, fc.nat(), seedArb, nowArb, editsArb, (policy, formatPick, seed, now, edits) => {
        const formatIndex = formatPick % policy.formats.length;
        const generated = generatePo(policy, policy.formats[formatIndex]!.id, {
          now,
          values: valuesFor(policy, formatIndex, seed),
        });
        const input = mutate(generated.ok ? generated.po : policy.formats[formatIndex]!.template, edits);
        expect(poValidity(policy, input, { now })).toEqual(verdictOf(policy, input, now));
      }),
      { numRuns: 500 },
    );
  });

  const policy: Policy = {
    ...SAMPLE_POLICY,
    required: true,
    maxLength: 20,
    blanketPos: [
      { po: 'BPO-2026-MKT', validFrom: '2026-01-01', validTo: '2026-12-31' },
      { po: 'BPO-2025-ENG', validTo: '2025-12-31' },
    ],
  };
  it.each([
    ['MKT-202611-0042', 'valid'],
    ['mkt-202611-0042', 'valid (case)'],
    ['', 'empty'],
    ['   ', 'empty'],
    ['BPO-2026-MKT', 'active blanket'],
    ['bpo-2025-eng', 'expired blanket'],
    ['MKT-202611-0042-EXTRA-LONG', 'too long'],
    ['MKTG-202611-0042', 'mismatch'],
  ])('%s (%s)', (input) => {
    const now = new Date('2026-11-20T10:00:00');
    expect(poValidity(policy, input, { now })).toEqual(verdictOf(policy, input, now));
  });
});
