import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PENDING_DIAGNOSIS, quickVerdict } from '@/lib/checkout/quick-verdict';
import { parsePolicy } from '@/lib/policy/schema';
import { SAMPLE_POLICY } from '@/lib/policy/sample-policy';
import { validatePo } from '@/lib/policy/validate';

const parsed = parsePolicy({ ...SAMPLE_POLICY, required: true, maxLength: 20 });
if (!parsed.ok) throw new Error('sample policy must parse');
const policy = parsed.policy;
const now = new Date(2026, 10, 24, 12);

describe('quickVerdict (the checkout guard\'s synchronous check)', () => {
  it.each(['MKT-202611-0042', ' eng-202602-0001 ', 'PRJ-ATLAS-0001', 'BPO-2026-MKT', 'MKTG-202611-0042', 'MKT-202613-0042', '', 'x'.repeat(21)])(
    'agrees with validatePo on %j',
    (input) => {
      const quick = quickVerdict(policy, input, now);
      const full = validatePo(policy, input, { now });
      expect(quick.valid).toBe(full.valid);
      if (quick.valid && full.valid) expect(quick).toEqual(full);
      if (!quick.valid && !full.valid) expect(quick.code).toBe(full.code === 'too-long' ? 'mismatch' : full.code);
    },
  );

  it('says a PO is wrong at once, and leaves the exact words to the background', () => {
    expect(quickVerdict(policy, 'MKTG-202611-0042', now)).toMatchObject({ valid: false, message: PENDING_DIAGNOSIS });
  });

  it('agrees with validatePo on validity for arbitrary and near-miss inputs', () => {
    const nearMiss = fc
      .tuple(fc.constantFrom('MKT', 'ENG', 'FIN', 'MKTG', 'EN', 'PRJ', 'BPO'), fc.constantFrom('-', '_', ''), fc.stringMatching(/^[0-9A-Za-z-]{0,12}$/))
      .map(([a, b, c]) => `${a}${b}${c}`);
    fc.assert(
      fc.property(fc.oneof(fc.string(), nearMiss), (input) => {
        expect(quickVerdict(policy, input, now).valid).toBe(validatePo(policy, input, { now }).valid);
      }),
      { numRuns: 400 },
    );
  });
});
