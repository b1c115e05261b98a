import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EMPTY_REQUIRED, PENDING_DIAGNOSIS, quickVerdict } from '@/lib/checkout-guard/quick-verdict';
import { toMatcherSpec } from '@/lib/policy/compile';
import type { MatcherSpec } from '@/lib/policy/matcher';
import { parsePolicy, type Policy } from '@/lib/policy/schema';
import { SAMPLE_POLICY } from '@/lib/policy/sample-policy';
import { validatePo } from '@/lib/policy/validate';
import { nowArb, policyArb } from '../policy/arbitraries';

const parsed = parsePolicy({ ...SAMPLE_POLICY, required: true, maxLength: 20 });
if (!parsed.ok) throw new Error('sample policy must parse');
const policy = parsed.policy;
const now = new Date(2026, 10, 24, 12);

/** The spec as the content script gets it: built by the background, then through messaging's JSON. */
function wireSpec(of: Policy): MatcherSpec {
  return JSON.parse(JSON.stringify(toMatcherSpec(of))) as MatcherSpec;
}

const spec = wireSpec(policy);

function expectAgreement(quick: ReturnType<typeof quickVerdict>, full: ReturnType<typeof validatePo>): void {
  expect(quick.valid).toBe(full.valid);
  if (quick.valid && full.valid) expect(quick).toEqual(full);
  if (!quick.valid && !full.valid) expect(quick.code).toBe(full.code === 'too-long' ? 'mismatch' : full.code);
}

describe("quickVerdict (the checkout guard's synchronous check)", () => {
  it.each([
    'MKT-202611-0042',
    ' eng-202602-0001 ',
    'PRJ-ATLAS-0001',
    'BPO-2026-MKT',
    ' bpo-2026-mkt',
    'MKTG-202611-0042',
    'MKT-202613-0042',
    '',
    '   ',
    'x'.repeat(21),
    'ÉNG-202602-0001',
  ])('agrees with validatePo on %j', (input) => {
    expectAgreement(quickVerdict(spec, input, now), validatePo(policy, input, { now }));
  });

  it('decides a listed blanket PO by its dates alone, on the local calendar date', () => {
    for (const day of [
      new Date(2025, 11, 31, 23, 59),
      new Date(2026, 0, 1, 0, 0),
      new Date(2026, 11, 31, 23, 59),
      new Date(2027, 0, 1),
    ]) {
      expectAgreement(quickVerdict(spec, 'BPO-2026-MKT', day), validatePo(policy, 'BPO-2026-MKT', { now: day }));
    }
    expect(quickVerdict(spec, 'BPO-2026-MKT', new Date(2027, 0, 1))).toMatchObject({
      valid: false,
      code: 'blanket-expired',
    });
    expect(quickVerdict(spec, 'bpo-2026-mkt', now)).toEqual({
      valid: true,
      value: 'BPO-2026-MKT',
      formatId: null,
      blanket: true,
    });
  });

  it('says an empty PO is missing when required, and lets it through when not', () => {
    expect(quickVerdict(spec, '  ', now)).toMatchObject({ valid: false, code: 'empty', message: EMPTY_REQUIRED });
    const optional = wireSpec({ ...policy, required: false });
    expect(quickVerdict(optional, '  ', now)).toEqual(validatePo({ ...policy, required: false }, '  ', { now }));
  });

  it('says a PO is wrong at once, and leaves the exact words to the background', () => {
    expect(quickVerdict(spec, 'MKTG-202611-0042', now)).toMatchObject({ valid: false, message: PENDING_DIAGNOSIS });
  });

  it('agrees with validatePo on validity for arbitrary and near-miss inputs', () => {
    const nearMiss = fc
      .tuple(
        fc.constantFrom('MKT', 'ENG', 'FIN', 'MKTG', 'EN', 'PRJ', 'BPO'),
        fc.constantFrom('-', '_', ''),
        fc.stringMatching(/^[0-9A-Za-z-]{0,12}$/),
      )
      .map(([a, b, c]) => `${a}${b}${c}`);
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), nearMiss, fc.constantFrom('BPO-2026-MKT', 'bpo-2026-mkt ')),
        nowArb,
        (input, day) => {
          expectAgreement(quickVerdict(spec, input, day), validatePo(policy, input, { now: day }));
        },
      ),
      { numRuns: 400 },
    );
  });

  it('agrees with validatePo for random policies, through JSON', () => {
    fc.assert(
      fc.property(
        policyArb,
        fc.array(fc.string({ maxLength: 24 }), { minLength: 1, maxLength: 8 }),
        nowArb,
        (random, inputs, day) => {
          const wired = wireSpec(random);
          for (const input of inputs)
            expectAgreement(quickVerdict(wired, input, day), validatePo(random, input, { now: day }));
        },
      ),
      { numRuns: 150 },
    );
  });
});
