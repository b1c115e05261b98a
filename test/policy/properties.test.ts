import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateText, problemText, verdictMessage } from '@/lib/policy-words';
import { parseCharset } from '@/lib/policy/charset';
import { fixPo } from '@/lib/policy/fix';
import { generatePo } from '@/lib/policy/generate';
import { SAMPLE_POLICY } from '@/lib/policy/sample-policy';
import { parsePolicy, type Policy } from '@/lib/policy/schema';
import { parseTemplate } from '@/lib/policy/template';
import { validatePo } from '@/lib/policy/validate';
import { editsArb, mutate, nowArb, policyArb, seedArb, valuesFor } from './arbitraries';

// ---------------------------------------------------------------------------------------------------------------
// A reference matcher: plain recursion over the template, fine for short inputs, written independently of the NFA.

const MONTH_DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function datesConsistent(parts: Record<string, string>): boolean {
  const month = parts.mm === undefined ? undefined : Number(parts.mm);
  const day = parts.dd === undefined ? undefined : Number(parts.dd);
  if (month !== undefined && (month < 1 || month > 12)) return false;
  if (day !== undefined && (day < 1 || day > 31)) return false;
  if (parts.q !== undefined && (Number(parts.q) < 1 || Number(parts.q) > 4)) return false;
  if (month === undefined || day === undefined) return true;
  const year =
    parts.yyyy !== undefined ? Number(parts.yyyy) : parts.yy !== undefined ? 2000 + Number(parts.yy) : undefined;
  let max = MONTH_DAYS[month - 1]!;
  if (month === 2 && year !== undefined && !(year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0))) max = 28;
  return day <= max;
}

function referenceValid(policy: Policy, input: string): boolean {
  const upper = (text: string) => (policy.caseInsensitive ? text.replace(/[a-z]/g, (c) => c.toUpperCase()) : text);
  const value = upper(input.trim());
  if (value === '') return !policy.required;
  if (policy.maxLength !== undefined && value.length > policy.maxLength) return false;
  const DATE_LENGTH: Record<string, number> = { yyyy: 4, yy: 2, mm: 2, dd: 2, q: 1 };
  return policy.formats.some((format) => {
    const template = parseTemplate(format.template);
    if (!template.ok) return false;
    const segments = template.segments;
    const rec = (i: number, pos: number, parts: Record<string, string>): boolean => {
      if (i === segments.length) return pos === value.length && datesConsistent(parts);
      const segment = segments[i]!;
      if (segment.kind === 'literal') {
        const text = upper(segment.text);
        return value.startsWith(text, pos) && rec(i + 1, pos + text.length, parts);
      }
      if (segment.kind === 'date') {
        const text = value.slice(pos, pos + DATE_LENGTH[segment.part]!);
        return (
          /^\d+$/.test(text) &&
          text.length === DATE_LENGTH[segment.part] &&
          rec(i + 1, pos + text.length, { ...parts, [segment.part]: text })
        );
      }
      const field = policy.fields[segment.name]!;
      if (field.type === 'list') {
        return field.values.some((entry) => {
          const code = upper(entry.code);
          return value.startsWith(code, pos) && rec(i + 1, pos + code.length, parts);
        });
      }
      const charset = field.type === 'text' ? parseCharset(field.charset, policy.caseInsensitive) : null;
      for (let length = field.minLength; length <= field.maxLength && pos + length <= value.length; length++) {
        const text = value.slice(pos, pos + length);
        const fits = [...text].every((ch) =>
          field.type === 'digits'
            ? /\d/.test(ch)
            : charset?.ok === true && ch.charCodeAt(0) < 128 && charset.table[ch.charCodeAt(0)] === 1,
        );
        if (fits && rec(i + 1, pos + length, parts)) return true;
      }
      return false;
    };
    return rec(0, 0, {});
  });
}

function alnumWithoutZeros(text: string, caseInsensitive: boolean): string {
  const alnum = text.replace(/[^A-Za-z0-9]/g, '').replace(/0/g, '');
  return caseInsensitive ? alnum.toUpperCase() : alnum;
}

// ---------------------------------------------------------------------------------------------------------------

describe('properties', () => {
  it('every generated PO is valid, for random policies, values and dates', () => {
    fc.assert(
      fc.property(policyArb, fc.nat(), seedArb, nowArb, (policy, formatPick, seed, now) => {
        const formatIndex = formatPick % policy.formats.length;
        const format = policy.formats[formatIndex]!;
        const first = generatePo(policy, format.id, { now, values: valuesFor(policy, formatIndex, seed), history: [] });
        if (policy.maxLength === undefined) expect(first.ok).toBe(true);
        if (!first.ok) {
          expect(generateText(first.problems)).toMatch(/limit is/);
          return;
        }
        expect(validatePo(policy, first.po, { now }).valid).toBe(true);
        // And the next one in the sequence, after the first was used.
        const second = generatePo(policy, format.id, {
          now,
          values: valuesFor(policy, formatIndex, seed),
          history: [first.po],
        });
        if (second.ok) expect(validatePo(policy, second.po, { now }).valid).toBe(true);
        else expect(generateText(second.problems)).toMatch(/has been used|limit is/);
      }),
      { numRuns: 300 },
    );
  });

  it('the matcher agrees with a plain recursive reference, on POs and their near misses', () => {
    fc.assert(
      fc.property(policyArb, fc.nat(), seedArb, nowArb, editsArb, (policy, formatPick, seed, now, edits) => {
        const formatIndex = formatPick % policy.formats.length;
        const generated = generatePo(policy, policy.formats[formatIndex]!.id, {
          now,
          values: valuesFor(policy, formatIndex, seed),
        });
        const base = generated.ok ? generated.po : policy.formats[formatIndex]!.template;
        const input = mutate(base, edits);
        expect(validatePo(policy, input, { now }).valid).toBe(referenceValid(policy, input));
      }),
      { numRuns: 500 },
    );
  });

  it('every offered fix is valid, stable, and keeps the letters and digits typed', () => {
    fc.assert(
      fc.property(policyArb, fc.nat(), seedArb, nowArb, editsArb, (policy, formatPick, seed, now, edits) => {
        const formatIndex = formatPick % policy.formats.length;
        const generated = generatePo(policy, policy.formats[formatIndex]!.id, {
          now,
          values: valuesFor(policy, formatIndex, seed),
        });
        if (!generated.ok) return;
        const input = mutate(generated.po, edits);
        const fix = fixPo(policy, input, { now });
        const verdict = validatePo(policy, input, { now });
        if (!verdict.valid) expect(verdict.fix).toBe(fix);
        if (fix === null) return;
        expect(validatePo(policy, fix, { now }).valid).toBe(true);
        expect(fixPo(policy, fix, { now })).toBe(fix);
        expect(alnumWithoutZeros(fix, policy.caseInsensitive)).toBe(alnumWithoutZeros(input, policy.caseInsensitive));
      }),
      { numRuns: 400 },
    );
  });

  it('validatePo and fixPo never throw on arbitrary strings, and every verdict is well-formed', () => {
    const sample = parsePolicy(SAMPLE_POLICY);
    if (!sample.ok) throw new Error('sample policy is invalid');
    fc.assert(
      fc.property(
        fc.oneof(policyArb, fc.constant(sample.policy)),
        fc.oneof(
          fc.string({ unit: 'binary', maxLength: 60 }),
          fc.string({ unit: 'grapheme', maxLength: 30 }),
          fc.string({ maxLength: 60 }),
        ),
        fc.string({ unit: 'binary', maxLength: 40 }),
        nowArb,
        (policy, a, b, now) => {
          for (const input of [a, b, a + b]) {
            const verdict = validatePo(policy, input, { now });
            if (verdict.valid) {
              expect(typeof verdict.value).toBe('string');
              continue;
            }
            expect(verdictMessage(verdict).length).toBeGreaterThan(0);
            if (verdict.position !== undefined) {
              expect(verdict.position).toBeGreaterThanOrEqual(0);
              expect(verdict.position).toBeLessThanOrEqual(input.trim().length);
            }
            expect(verdict.fix).toBe(fixPo(policy, input, { now }));
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('parsePolicy never throws, whatever it is given', () => {
    const sampleKeys = Object.keys(SAMPLE_POLICY);
    const nearlyAPolicy = fc
      .dictionary(fc.constantFrom(...sampleKeys, 'extra'), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 6 })
      .map((overrides) => ({ ...SAMPLE_POLICY, ...overrides }));
    fc.assert(
      fc.property(
        fc.oneof(fc.jsonValue({ maxDepth: 4 }), fc.anything(), nearlyAPolicy, fc.json(), fc.string()),
        (input) => {
          const result = parsePolicy(input);
          if (result.ok) return;
          expect(result.problems.length).toBeGreaterThan(0);
          for (const problem of result.problems) {
            expect(typeof problem.path).toBe('string');
            expect(problemText(problem).length).toBeGreaterThan(0);
          }
        },
      ),
      { numRuns: 400 },
    );
  });
});
