import fc from 'fast-check';
import { parseCharset } from '@/lib/policy/charset';
import { parsePolicy, type Policy } from '@/lib/policy/schema';
import { parseTemplate } from '@/lib/policy/template';

/** Arbitraries shared by the property tests: random valid policies, values for their fields, dates, shopper edits. */

// ---------------------------------------------------------------------------------------------------------------
// Random policies, valid by construction.

type FieldInput =
  | { type: 'list'; values: { code: string }[] }
  | { type: 'text'; charset: string; minLength: number; maxLength: number }
  | { type: 'digits'; minLength: number; maxLength: number };

const CODE_CHARS = ['A', 'B', 'E', 'N', 'G', '1', '2', '-', 'a'];
const CHARSETS = ['A-Z', 'A-Z0-9', '0-9', 'A-C', 'a-z', 'X_-'];

const listField = fc
  .uniqueArray(fc.string({ unit: fc.constantFrom(...CODE_CHARS), minLength: 1, maxLength: 4 }), {
    minLength: 1,
    maxLength: 6,
    selector: (code) => code.toUpperCase(),
  })
  .map((codes): FieldInput => ({ type: 'list', values: codes.map((code) => ({ code })) }));

const lengths = fc
  .tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 0, max: 3 }))
  .map(([min, extra]) => ({ minLength: min, maxLength: min + extra }));

const textField = fc
  .tuple(fc.constantFrom(...CHARSETS), lengths)
  .map(([charset, bounds]): FieldInput => ({ type: 'text', charset, ...bounds }));

const digitsField = lengths.map((bounds): FieldInput => ({ type: 'digits', ...bounds }));

const FIELD_NAMES = ['f', 'g', 'h'];
const LITERALS = ['-', '/', '_', '.', ' ', 'PO', 'X', 'q', '{{', '}}', 'A-'];
const DATE_PARTS = ['yyyy', 'yy', 'mm', 'dd', 'q'];

const templateArb = fc
  .array(
    fc.oneof(
      fc.constantFrom(...LITERALS),
      fc.constantFrom(...DATE_PARTS).map((part) => `{${part}}`),
      fc.constantFrom(...FIELD_NAMES).map((name) => `{${name}}`),
    ),
    { minLength: 1, maxLength: 6 },
  )
  .map((tokens) => {
    // Each placeholder at most once, and never {yyyy} with {yy}: the template rules.
    const seen = new Set<string>();
    const kept = tokens.filter((token) => {
      if (!token.startsWith('{') || token === '{{') return true;
      const year = token === '{yy}' || token === '{yyyy}';
      if (seen.has(token) || (year && (seen.has('{yy}') || seen.has('{yyyy}')))) return false;
      seen.add(token);
      return true;
    });
    return kept.join('').trim() || 'PO';
  });

export const policyArb: fc.Arbitrary<Policy> = fc
  .record({
    caseInsensitive: fc.boolean(),
    required: fc.boolean(),
    maxLength: fc.option(fc.integer({ min: 4, max: 40 }), { nil: undefined }),
    templates: fc.array(templateArb, { minLength: 1, maxLength: 3 }),
    fields: fc.tuple(
      fc.oneof(listField, textField, digitsField),
      fc.oneof(listField, textField, digitsField),
      fc.oneof(listField, textField, digitsField),
    ),
  })
  .map(({ caseInsensitive, required, maxLength, templates, fields }) => {
    const input = {
      version: 1,
      caseInsensitive,
      required,
      ...(maxLength === undefined ? {} : { maxLength }),
      formats: templates.map((template, i) => ({ id: `f${i}`, template })),
      fields: Object.fromEntries(FIELD_NAMES.map((name, i) => [name, fields[i]!])),
    };
    const parsed = parsePolicy(input);
    if (!parsed.ok) throw new Error(`generator made an invalid policy: ${JSON.stringify([input, parsed.problems])}`);
    return parsed.policy;
  });

export const nowArb = fc.date({ min: new Date(2000, 0, 1), max: new Date(2099, 11, 31), noInvalidDate: true });

/** Values for every list and text field of a format: a random code, a random text of allowed characters. */
export function valuesFor(policy: Policy, formatIndex: number, seed: number[]): Record<string, string> {
  const template = parseTemplate(policy.formats[formatIndex]!.template);
  const values: Record<string, string> = {};
  let k = 0;
  const next = () => seed[k++ % seed.length]!;
  if (!template.ok) return values;
  for (const segment of template.segments) {
    if (segment.kind !== 'field') continue;
    const field = policy.fields[segment.name]!;
    if (field.type === 'list') values[segment.name] = field.values[next() % field.values.length]!.code;
    if (field.type === 'text') {
      const charset = parseCharset(field.charset, policy.caseInsensitive);
      const chars = charset.ok ? charset.chars : 'A';
      const length = field.minLength + (next() % (field.maxLength - field.minLength + 1));
      values[segment.name] = Array.from({ length }, () => chars[next() % chars.length]).join('');
    }
  }
  return values;
}

export const seedArb = fc.array(fc.nat({ max: 1000 }), { minLength: 1, maxLength: 12 });

/** Small edits a shopper makes: case, spaces, wrong separators, dropped or extra characters. */
const MUTATION_CHARS = ['-', '_', ' ', '/', '0', '1', '9', 'A', 'Z', 'x', 'é', '–'];
export function mutate(text: string, edits: [number, number, number][]): string {
  let out = text;
  for (const [kind, at, pick] of edits) {
    const i = out.length === 0 ? 0 : at % (out.length + 1);
    const ch = MUTATION_CHARS[pick % MUTATION_CHARS.length]!;
    switch (kind % 5) {
      case 0:
        out = out.slice(0, i) + ch + out.slice(i);
        break;
      case 1:
        out = out.slice(0, i) + out.slice(i + 1);
        break;
      case 2:
        out = out.slice(0, i) + ch + out.slice(i + 1);
        break;
      case 3:
        out = out.toLowerCase();
        break;
      default:
        out = ` ${out.replace(/-/g, ' ')} `;
    }
  }
  return out;
}

export const editsArb = fc.array(fc.tuple(fc.nat(), fc.nat(), fc.nat()), { maxLength: 3 });
