import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LIMITS, parsePolicy, type Policy } from '@/lib/policy/schema';
import { compilePolicy, matchFormat, toMatcherSpec } from '@/lib/policy/compile';
import { compiledPolicyFor, matcherSpecFor } from '@/lib/policy/cache';
import { generatePo } from '@/lib/policy/generate';
import { matchSpec, normaliseWith, type MatcherSpec } from '@/lib/policy/matcher';
import { validatePo } from '@/lib/policy/validate';
import { problemText } from '@/lib/policy-words';
import { LARGEST_POLICY_INPUT, REALISTIC_LARGE_POLICY_INPUT } from '../bench/large-policies';
import { editsArb, mutate, nowArb } from './arbitraries';

function parsed(input: unknown): Policy {
  const result = parsePolicy(input);
  if (!result.ok) throw new Error(JSON.stringify(result.problems.slice(0, 3)));
  return result.policy;
}

const bytes = (value: unknown) => new TextEncoder().encode(JSON.stringify(value)).length;
const overJson = (spec: MatcherSpec) => JSON.parse(JSON.stringify(spec)) as MatcherSpec;

describe.each([
  ['realistic large (3 formats, 60 departments)', REALISTIC_LARGE_POLICY_INPUT],
  ['largest legal (20 formats × 500-code lists)', LARGEST_POLICY_INPUT],
])('the %s policy', (_name, input) => {
  const policy = parsed(input);

  it('is accepted by the schema, within the byte cap', () => {
    expect(bytes(input)).toBeLessThanOrEqual(LIMITS.bytes);
  });

  it('gives the content script a matcher of at most 256 KB', () => {
    expect(bytes(toMatcherSpec(policy))).toBeLessThanOrEqual(256 * 1024);
  });

  it('the spec, through JSON, gives exactly the verdicts of validatePo', () => {
    const spec = overJson(toMatcherSpec(policy));
    const compiled = compilePolicy(policy);
    fc.assert(
      fc.property(fc.nat(), fc.nat(), fc.nat(), nowArb, editsArb, (pick, a, b, now, edits) => {
        const format = policy.formats[pick % policy.formats.length]!;
        const values: Record<string, string> = {};
        for (const segment of compiled.formats[pick % policy.formats.length]!.segments) {
          if (segment.kind === 'list') values[segment.name] = segment.codes[(a + b++) % segment.codes.length]!;
          if (segment.kind === 'text') values[segment.name] = 'ABC';
        }
        const generated = generatePo(policy, format.id, { now, values });
        expect(generated.ok).toBe(true);
        const po = generated.ok ? generated.po : '';
        for (const candidate of [po, mutate(po, edits), po.slice(0, a % (po.length + 1))]) {
          const value = normaliseWith(true, candidate);
          const index = matchSpec(spec, value);
          expect(index, value).toBe(matchFormat(compiled, value));
          const verdict = validatePo(policy, candidate, { now });
          if (value !== '') expect(verdict.valid, value).toBe(index >= 0);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('compiledPolicyFor (the background cache)', () => {
  it('gives the same compiled policy for equal policies parsed apart, and a new one when the policy changes', () => {
    // Identity compared as booleans: vitest would format these huge objects for its messages.
    const first = compiledPolicyFor(parsed(LARGEST_POLICY_INPUT));
    const again = compiledPolicyFor(parsed(JSON.parse(JSON.stringify(LARGEST_POLICY_INPUT))));
    expect(again === first).toBe(true);
    expect(matcherSpecFor(again.policy) === matcherSpecFor(first.policy)).toBe(true);
    const changed = compiledPolicyFor(parsed({ ...LARGEST_POLICY_INPUT, enforcement: 'warn' }));
    expect(changed === first).toBe(false);
    expect(changed.policy.enforcement).toBe('warn');
    // validatePo on the cached policy object compiles nothing again.
    expect(compilePolicy(first.policy) === first).toBe(true);
  });
});

describe('the matcher the content script builds stays bounded', () => {
  it('a policy expanding to more than LIMITS.states matcher states is refused with a plain problem', () => {
    // 25 lists of 438 distinct 8-character codes, every one used by all 20 formats: legal in bytes (≈ 220 KB).
    const fields: Record<string, unknown> = {};
    for (let l = 0; l < 25; l++) {
      fields[`l${l}`] = {
        type: 'list',
        values: Array.from({ length: 438 }, (_, i) => ({
          code: ((l * 1000 + i) * 7919).toString(36).toUpperCase().padStart(8, 'Z'),
        })),
      };
    }
    const template = Array.from({ length: 25 }, (_, l) => `{l${l}}`).join('');
    const input = {
      version: 1,
      formats: Array.from({ length: 20 }, (_, i) => ({ id: `f${i}`, template: `${'X'.repeat(i)}${template}` })),
      fields,
    };
    expect(bytes(input)).toBeLessThanOrEqual(LIMITS.bytes);
    const result = parsePolicy(input);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.problems).toHaveLength(1);
      expect(result.problems[0]!.path).toBe('formats');
      expect(problemText(result.problems[0]!)).toMatch(
        /^too large to check quickly: the formats expand to [\d,]+ matcher states .* the limit is 200,000;/,
      );
    }
  });

  it('the largest bench policy is within the states limit', () => {
    expect(compilePolicy(parsed(LARGEST_POLICY_INPUT)).nfa.kind.length).toBeLessThanOrEqual(LIMITS.states);
  });
});
