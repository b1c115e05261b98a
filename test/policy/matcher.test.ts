import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compilePolicy, matchFormat, toMatcherSpec } from '@/lib/policy/compile';
import { generatePo } from '@/lib/policy/generate';
import { matchSpec, matcherFromSpec, normaliseWith, type MatcherSpec } from '@/lib/policy/matcher';
import { SAMPLE_POLICY } from '@/lib/policy/sample-policy';
import type { Policy } from '@/lib/policy/schema';
import { editsArb, mutate, nowArb, policyArb, seedArb, valuesFor } from './arbitraries';
import { policyOf } from './helpers';

/** What Chrome's runtime messaging does to a message. */
function overJson(spec: MatcherSpec): MatcherSpec {
  return JSON.parse(JSON.stringify(spec)) as MatcherSpec;
}

/** Every value is a plain array, plain object, string, finite number, boolean or null. */
function expectPlainJson(value: unknown, path = 'spec'): void {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return;
  if (typeof value === 'number') {
    expect(Number.isFinite(value), path).toBe(true);
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((item, i) => expectPlainJson(item, `${path}[${i}]`));
    return;
  }
  expect(typeof value, path).toBe('object');
  expect(Object.getPrototypeOf(value), `${path} is a plain object`).toBe(Object.prototype);
  for (const [key, item] of Object.entries(value as object)) {
    expect(item, `${path}.${key}`).not.toBeUndefined();
    expectPlainJson(item, `${path}.${key}`);
  }
}

const sample = policyOf(SAMPLE_POLICY);

const DATES = policyOf({
  caseInsensitive: false,
  formats: [
    { id: 'iso', template: '{yyyy}-{mm}-{dd}' },
    { id: 'short', template: 'D{dd}{mm}{yy}/{n}' },
    { id: 'quarter', template: 'Q{q}.{x}' },
  ],
  fields: {
    n: { type: 'digits', minLength: 1, maxLength: 3 },
    x: { type: 'text', charset: 'a-c0-2', minLength: 2, maxLength: 5 },
  },
});

/**
 * Long adjacent digits fields between date parts: threads differ in count and in the day and month read, more than
 * the DFA caches (128 threads), so matching falls back to plain simulation on inputs of many digits.
 */
const WIDE = policyOf({
  formats: [{ id: 'wide', template: '{a}{dd}{b}{mm}{c}{yyyy}' }],
  fields: {
    a: { type: 'digits', minLength: 1, maxLength: 20 },
    b: { type: 'digits', minLength: 1, maxLength: 20 },
    c: { type: 'digits', minLength: 1, maxLength: 20 },
  },
});

const FIXED: [string, Policy][] = [
  ['sample', sample],
  ['dates', DATES],
  ['wide', WIDE],
];

/** Inputs near a policy's POs: generated ones and a shopper's edits of them. */
function nearPos(policy: Policy, pick: number, seed: number[], now: Date, edits: [number, number, number][]): string[] {
  const formatIndex = pick % policy.formats.length;
  const generated = generatePo(policy, policy.formats[formatIndex]!.id, {
    now,
    values: valuesFor(policy, formatIndex, seed),
  });
  const base = generated.ok ? generated.po : policy.formats[formatIndex]!.template;
  return [base, mutate(base, edits)];
}

function expectSameMatch(policy: Policy, spec: MatcherSpec, input: string): void {
  const value = normaliseWith(policy.caseInsensitive, input);
  expect(matchSpec(spec, value), JSON.stringify(value)).toBe(matchFormat(compilePolicy(policy), value));
}

describe('MatcherSpec (the compiled policy as JSON, for the checkout content script)', () => {
  it.each(FIXED)('is plain JSON and survives JSON unchanged (%s)', (_name, policy) => {
    const spec = toMatcherSpec(policy);
    expectPlainJson(spec);
    expect(overJson(spec)).toStrictEqual(spec);
    expect(toMatcherSpec(compilePolicy(policy))).toStrictEqual(spec);
  });

  it('carries the rules quickVerdict needs besides the formats', () => {
    const spec = toMatcherSpec(
      policyOf({
        ...SAMPLE_POLICY,
        blanketPos: [
          ...SAMPLE_POLICY.blanketPos,
          { po: 'open-ended' },
          { po: 'bpo-2026-mkt', validFrom: '2027-01-01' },
        ],
      }),
    );
    expect(spec).toMatchObject({
      caseInsensitive: true,
      required: true,
      maxLength: 30,
      formatIds: ['dept', 'project'],
    });
    expect(spec.blankets).toEqual([
      { po: 'BPO-2026-MKT', validFrom: '2026-01-01', validTo: '2026-12-31' },
      { po: 'BPO-2026-MKT', validFrom: '2027-01-01' },
      { po: 'OPEN-ENDED' },
    ]);
    expect(matcherFromSpec(spec).blankets.get('BPO-2026-MKT')).toHaveLength(2);
    expect(toMatcherSpec(DATES)).toMatchObject({
      caseInsensitive: false,
      required: false,
      maxLength: null,
      blankets: [],
    });
  });

  it('is rebuilt once per spec object', () => {
    const spec = overJson(toMatcherSpec(sample));
    const matcher = matcherFromSpec(spec);
    expect(matcherFromSpec(overJson(toMatcherSpec(DATES)))).not.toBe(matcher);
    expect(matcherFromSpec(spec)).toBe(matcher);
    expect(matchSpec(spec, 'MKT-202611-0042')).toBe(0);
    expect(matchSpec(spec, 'PRJ-ATLAS-0001')).toBe(1);
    expect(matchSpec(spec, 'MKT-202613-0042')).toBe(-1);
    expect(matcherFromSpec(spec)).toBe(matcher);
  });

  it.each(FIXED)(
    'matches like matchFormat, through JSON, on near misses and arbitrary strings (%s)',
    (_name, policy) => {
      const spec = overJson(toMatcherSpec(policy));
      fc.assert(
        fc.property(
          fc.nat(),
          seedArb,
          nowArb,
          editsArb,
          fc.string({ maxLength: 40 }),
          (pick, seed, now, edits, noise) => {
            for (const input of [...nearPos(policy, pick, seed, now, edits), noise])
              expectSameMatch(policy, spec, input);
          },
        ),
        { numRuns: 300 },
      );
    },
  );

  it('matches like matchFormat for random policies, through JSON', () => {
    fc.assert(
      fc.property(
        policyArb,
        fc.nat(),
        seedArb,
        nowArb,
        editsArb,
        fc.string({ maxLength: 20 }),
        (policy, pick, seed, now, edits, noise) => {
          const spec = overJson(toMatcherSpec(policy));
          for (const input of [...nearPos(policy, pick, seed, now, edits), noise]) expectSameMatch(policy, spec, input);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('falls back to simulation for huge thread sets, with the same answers', () => {
    const spec = overJson(toMatcherSpec(WIDE));
    // Each of these needs the fallback at some character (checked by instrumenting dfaStep when this was written).
    const inputs = [
      '01120112011201120112011201120112011201122024',
      '5259658909219030069870642808107788870316',
      '9660641160686512110051409131970481199476866371399',
    ];
    for (const input of inputs) expectSameMatch(WIDE, spec, input);
    expect(inputs.map((input) => matchSpec(spec, input))).toEqual([0, 0, 0]);
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom('0', '1', '2', '3', '9'), minLength: 20, maxLength: 64 }),
        (input) => expectSameMatch(WIDE, spec, input),
      ),
      { numRuns: 200 },
    );
  });

  it('checks dates exactly as matchFormat does (leap years, day of month, quarter)', () => {
    const spec = overJson(toMatcherSpec(DATES));
    const inputs = [
      '2024-02-29',
      '2023-02-29',
      '2000-02-29',
      '1900-02-29',
      '2026-04-31',
      '2026-13-01',
      '2026-00-10',
      'D290224/1',
      'D290223/12',
      'D310426/7',
      'Q4.ab',
      'Q5.ab',
      'Q0.c1',
    ];
    for (const input of inputs) expectSameMatch(DATES, spec, input);
    expect(inputs.filter((input) => matchSpec(spec, input) >= 0)).toEqual([
      '2024-02-29',
      '2000-02-29',
      'D290224/1',
      'Q4.ab',
    ]);
  });
});
