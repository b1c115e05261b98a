/**
 * The policy admins write (version 1), as a zod schema, and parsePolicy, which reports every problem with its
 * path in plain words (`formats[1].template: unknown field "dpt" at column 2`).
 *
 * Structure (types, sizes, unknown keys) is zod's job; the meaning (templates, unique codes and ids, examples
 * that validate, date ranges) is checked afterwards, and also on the parts that are well-formed when others are
 * not, so an admin sees every problem at once. Sizes are capped so a hostile policy cannot freeze a page.
 */
import { z } from 'zod';
import { parseCharset } from './charset';
import { isBuiltinPart, parseTemplate } from './template';
import { compilePolicy } from './compile';
import { validatePo } from './validate';
import { pickText } from './localized-text';
import type { PoReason } from './types';

export const LIMITS = {
  formats: 20,
  template: 200,
  fields: 50,
  listValues: 500,
  code: 30,
  fieldLength: 64,
  maxLength: 200,
  blanketPos: 200,
  label: 100,
  help: 2000,
  /** The policy as JSON, in bytes (UTF-8): the remote fetch's cap, and what keeps the guard state small. */
  bytes: 256 * 1024,
  /** Thread-steps one validation may cost at worst (see workBound in compile.ts): a few milliseconds. */
  work: 1_000_000,
  /**
   * Matcher states of all formats together (a list's trie counts once per format that uses it): what the checkout
   * content script builds when the page loads, about 1.3 µs each, so 200,000 stays within the 300 ms attach aim.
   */
  states: 200_000,
} as const;

/** Language tags as keys: `en`, `de`, `de-AT`, `ja`, `pt-BR`. */
const LANGUAGE_TAG = /^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*$/;

/**
 * An admin text given once, or per language (`{ "en": "Department", "de": "Abteilung" }`): shown in the UI
 * language, else English, else the first given (pickText in localized-text.ts).
 */
function localizedText(max: number, min = 0) {
  const text = z.string().min(min).max(max);
  return (
    z
      .union([
        text,
        z
          .record(z.string().regex(LANGUAGE_TAG, { error: 'must be a language tag such as "en" or "de"' }), text)
          .refine((texts) => Object.keys(texts).length > 0, { error: 'needs at least one language' }),
      ])
      // Chromium's managed schema has one type per value and no unions: see managed-schema.ts.
      .meta({ chromeManagedAs: 'string' })
  );
}

const labelSchema = localizedText(LIMITS.label, 1);

// Both accept the empty string: `min(1)` says "must not be empty", and one empty value gets that one problem only.
const PRINTABLE_NO_SPACE = /^[\x21-\x7e]*$/;
const PRINTABLE_TRIMMED = /^(?:[\x21-\x7e](?:[\x20-\x7e]*[\x21-\x7e])?)?$/;

const listValueSchema = z.strictObject({
  code: z
    .string()
    .min(1)
    .max(LIMITS.code)
    .regex(PRINTABLE_NO_SPACE, { error: 'must be plain ASCII letters, digits or punctuation, without spaces' }),
  label: labelSchema.optional(),
});

const lengthSchema = z.int().min(1).max(LIMITS.fieldLength);

const listFieldSchema = z.strictObject({
  type: z.literal('list'),
  label: labelSchema.optional(),
  values: z.array(listValueSchema).min(1).max(LIMITS.listValues),
});

const textFieldSchema = z.strictObject({
  type: z.literal('text'),
  label: labelSchema.optional(),
  charset: z.string().min(1).max(100),
  minLength: lengthSchema.default(1),
  maxLength: lengthSchema.default(LIMITS.fieldLength),
});

const digitsFieldSchema = z.strictObject({
  type: z.literal('digits'),
  label: labelSchema.optional(),
  minLength: lengthSchema.default(1),
  maxLength: lengthSchema.default(LIMITS.fieldLength),
});

export const fieldSchema = z.discriminatedUnion('type', [listFieldSchema, textFieldSchema, digitsFieldSchema]);

const FIELD_NAME = /^[A-Za-z][A-Za-z0-9_]{0,31}$/;

/**
 * Names every object inherits (`constructor`, `toString`, `__proto__`…): refused as field names, so no lookup by a
 * field name can ever reach an inherited function, whatever code does the lookup.
 */
export function isReservedName(name: string): boolean {
  return name in Object.prototype || name === '__proto__';
}

function reservedMessage(name: string): string {
  return `"${name}" is a reserved name; choose another field name`;
}

const fieldNameSchema = z
  .string()
  .refine((name) => !isReservedName(name), { error: (issue) => reservedMessage(String(issue.input)), abort: true })
  .regex(FIELD_NAME, { error: 'field names are a letter, then letters, digits or _ (at most 32 characters)' });

export const formatSchema = z.strictObject({
  id: z.string().min(1).max(40),
  label: labelSchema.optional(),
  template: z
    .string()
    .min(1)
    .max(LIMITS.template)
    .describe('Literal text and {placeholders}: built-ins {yyyy} {yy} {mm} {dd} {q}, or names from fields.'),
  example: z.string().min(1).max(LIMITS.template).optional(),
});

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

const isoDateSchema = z
  .string()
  .regex(ISO_DATE, { error: 'must be a date written YYYY-MM-DD' })
  .refine(isRealDate, { error: 'is not a real date' });

function isRealDate(text: string): boolean {
  if (!ISO_DATE.test(text)) return true; // already reported as not written YYYY-MM-DD
  const [y, m, d] = text.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

export const blanketPoSchema = z.strictObject({
  po: z
    .string()
    .min(1)
    .max(64)
    .regex(PRINTABLE_TRIMMED, { error: 'must be plain ASCII, without spaces at either end' }),
  label: z.string().min(1).max(LIMITS.label).optional(),
  budget: z
    .strictObject({
      amount: z.number().min(0),
      currencyCode: z.string().regex(/^[A-Z]{3}$/, { error: 'must be a 3-letter currency code such as USD' }),
    })
    .optional(),
  validFrom: isoDateSchema.optional(),
  validTo: isoDateSchema.optional(),
});

const selectorListSchema = z.array(z.string().min(1).max(500)).max(20);

const structureSchema = z.strictObject({
  version: z.literal(1).describe('Policy format version: 1.'),
  enforcement: z
    .enum(['block', 'warn', 'off'])
    .default('warn')
    .describe('What an invalid PO does at checkout: "block", "warn" (default) or "off".'),
  required: z.boolean().default(false).describe('Whether an empty PO is invalid (default false).'),
  caseInsensitive: z
    .boolean()
    .default(true)
    .describe('Upper-case the PO before matching and when fixing it (default true).'),
  maxLength: z.int().min(1).max(LIMITS.maxLength).optional().describe('Longest PO allowed, in characters.'),
  formats: z
    .array(formatSchema)
    .min(1)
    .max(LIMITS.formats)
    .describe('Accepted PO formats (1-20); a PO is valid when it matches any of them.'),
  fields: z
    .record(fieldNameSchema, fieldSchema)
    .default({})
    .describe('The named placeholders the templates use: list, text or digits fields.'),
  reuse: z
    .enum(['allow', 'warn', 'block'])
    .default('warn')
    .describe('What a PO used on an earlier order does: "allow", "warn" (default) or "block".'),
  help: localizedText(LIMITS.help)
    .optional()
    .describe('A line of help shown next to the PO field: a text, or texts per language ({"en": "…", "de": "…"}).'),
  blanketPos: z
    .array(blanketPoSchema)
    .max(LIMITS.blanketPos)
    .optional()
    .describe('Reusable budget POs, each valid between validFrom and validTo (YYYY-MM-DD).'),
  selectors: z
    .strictObject({
      poField: selectorListSchema
        .optional()
        .describe('CSS selectors for the PO field, tried before the built-in ones.'),
      submit: selectorListSchema.optional().describe('CSS selectors for the buttons that submit the PO.'),
    })
    .optional()
    .describe('Overrides for finding elements on Amazon pages: CSS selectors for the roles poField and submit.'),
});

type Field = z.output<typeof fieldSchema>;
type Format = z.output<typeof formatSchema>;
type BlanketPo = z.output<typeof blanketPoSchema>;

type Path = (string | number)[];
type Issue = PolicyProblem extends infer P ? (P extends unknown ? Omit<P, 'path'> & { path: Path } : never) : never;

/** The well-formed parts of a policy, for the checks of meaning. */
interface Parts {
  caseInsensitive: boolean;
  maxLength: number | undefined;
  fields: Map<string, Field>;
  /** Declared but malformed fields: templates may use them without an extra "unknown field" problem. */
  brokenFields: Set<string>;
  formats: { index: number; format: Format }[];
  blanketPos: { index: number; entry: BlanketPo }[];
}

/** A plain object (not null, not an array): what JSON calls an object. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function partsOf(input: unknown): Parts {
  const raw = isRecord(input) ? input : {};
  const parts: Parts = {
    caseInsensitive: typeof raw.caseInsensitive === 'boolean' ? raw.caseInsensitive : true,
    maxLength: structureSchema.shape.maxLength.safeParse(raw.maxLength).data,
    fields: new Map(),
    brokenFields: new Set(),
    formats: [],
    blanketPos: [],
  };
  if (isRecord(raw.fields)) {
    for (const [name, value] of Object.entries(raw.fields)) {
      const field = fieldSchema.safeParse(value);
      if (field.success) parts.fields.set(name, field.data);
      else parts.brokenFields.add(name);
    }
  }
  if (Array.isArray(raw.formats)) {
    raw.formats.slice(0, LIMITS.formats).forEach((value, index) => {
      const format = formatSchema.safeParse(value);
      if (format.success) parts.formats.push({ index, format: format.data });
    });
  }
  if (Array.isArray(raw.blanketPos)) {
    raw.blanketPos.slice(0, LIMITS.blanketPos).forEach((value, index) => {
      const entry = blanketPoSchema.safeParse(value);
      if (entry.success) parts.blanketPos.push({ index, entry: entry.data });
    });
  }
  return parts;
}

function upper(text: string, caseInsensitive: boolean): string {
  return caseInsensitive ? text.toUpperCase() : text;
}

/** A date far from any blanket PO question: examples are checked against formats only. */
const EXAMPLE_CHECK_DATE = new Date(2000, 0, 1);

function meaningIssues(parts: Parts): Issue[] {
  const issues: Issue[] = [];
  const { caseInsensitive } = parts;

  if (parts.fields.size + parts.brokenFields.size > LIMITS.fields) {
    issues.push({ path: ['fields'], message: `at most ${LIMITS.fields} fields are allowed` });
  }
  // zod's record skips an own `__proto__` key silently: name every reserved key here (duplicates are dropped).
  for (const name of [...parts.fields.keys(), ...parts.brokenFields]) {
    if (isReservedName(name)) issues.push({ path: ['fields', name], message: reservedMessage(name) });
  }
  const goodFields = new Map<string, Field>();
  for (const [name, field] of parts.fields) {
    let ok = !isReservedName(name);
    if (isBuiltinPart(name)) {
      issues.push({
        path: ['fields', name],
        message: `"${name}" is a built-in placeholder; choose another field name`,
      });
      ok = false;
    }
    if (field.type === 'list') {
      const firstAt = new Map<string, number>();
      field.values.forEach((value, i) => {
        const key = upper(value.code, caseInsensitive);
        const first = firstAt.get(key);
        if (first === undefined) firstAt.set(key, i);
        else {
          const ignoringCase = caseInsensitive && value.code !== field.values[first]!.code;
          issues.push({
            path: ['fields', name, 'values', i, 'code'],
            message: `code "${value.code}" is listed twice (also at values[${first}])${ignoringCase ? ', ignoring case' : ''}`,
            code: 'duplicate-code',
            params: { value: value.code, first, ignoringCase },
          });
          ok = false;
        }
      });
    } else {
      if (field.minLength > field.maxLength) {
        issues.push({
          path: ['fields', name, 'minLength'],
          message: `minLength ${field.minLength} is more than maxLength ${field.maxLength}`,
          code: 'min-over-max',
          params: { min: field.minLength, max: field.maxLength },
        });
        ok = false;
      }
      if (field.type === 'text') {
        const charset = parseCharset(field.charset, caseInsensitive);
        if (!charset.ok) {
          issues.push({ path: ['fields', name, 'charset'], message: charset.message });
          ok = false;
        }
      }
    }
    if (ok) goodFields.set(name, field);
  }

  const idAt = new Map<string, number>();
  let totalWork = 0;
  let totalStates = 0;
  for (const { index, format } of parts.formats) {
    const first = idAt.get(format.id);
    if (first === undefined) idAt.set(format.id, index);
    else {
      issues.push({
        path: ['formats', index, 'id'],
        message: `id "${format.id}" is already used by formats[${first}]`,
        code: 'duplicate-format-id',
        params: { id: format.id, first },
      });
    }

    const template = parseTemplate(format.template);
    if (!template.ok) {
      issues.push({ path: ['formats', index, 'template'], message: template.message });
      continue;
    }
    let usable = true;
    for (const segment of template.segments) {
      if (segment.kind !== 'field') continue;
      if (goodFields.has(segment.name)) continue;
      usable = false;
      if (parts.fields.has(segment.name) || parts.brokenFields.has(segment.name)) continue; // reported at the field
      const hint = isBuiltinPart(segment.name.toLowerCase())
        ? ` (built-in placeholders are lower case: {${segment.name.toLowerCase()}})`
        : '';
      issues.push({
        path: ['formats', index, 'template'],
        message: `unknown field "${segment.name}" at column ${segment.column}${hint}`,
      });
    }
    if (!usable) continue;
    const single = singleFormatPolicy(format, goodFields, parts);
    const compiledSingle = compilePolicy(single);
    const work = compiledSingle.formats[0]!.work;
    totalWork += work;
    totalStates += compiledSingle.nfa.kind.length;
    if (work > LIMITS.work) {
      issues.push({ path: ['formats', index, 'template'], message: tooComplex(work) });
      continue;
    }
    if (format.example !== undefined) {
      const problem = exampleProblem(format, single);
      if (problem) issues.push({ path: ['formats', index, 'example'], ...problem });
    }
  }
  if (totalWork > LIMITS.work && !issues.some((issue) => issue.message.startsWith('too complex'))) {
    issues.push({ path: ['formats'], message: tooComplex(totalWork) });
  }

  if (totalStates > LIMITS.states) {
    issues.push({
      path: ['formats'],
      message:
        `too large to check quickly: the formats expand to ${totalStates.toLocaleString('en-US')} matcher states (each list's ` +
        `codes count again in every format that uses it), the limit is ${LIMITS.states.toLocaleString('en-US')}; ` +
        'use fewer lists per format or shorter codes',
    });
  }

  for (const { index, entry } of parts.blanketPos) {
    if (entry.validFrom && entry.validTo && entry.validFrom > entry.validTo) {
      issues.push({
        path: ['blanketPos', index, 'validTo'],
        message: `${entry.validTo} is before validFrom ${entry.validFrom}`,
        code: 'valid-to-before-from',
        params: { validFrom: entry.validFrom, validTo: entry.validTo },
      });
    }
  }
  return issues;
}

function tooComplex(work: number): string {
  return (
    `too complex to check quickly: variable-length fields multiply the work (${work.toLocaleString('en-US')} steps at worst, ` +
    `the limit is ${LIMITS.work.toLocaleString('en-US')}); give text and digits fields tighter minLength/maxLength`
  );
}

/** A policy with just this format (and the policy's case and length rules), to check the format on its own. */
function singleFormatPolicy(
  format: Format,
  fields: Map<string, Field>,
  parts: Parts,
): z.output<typeof structureSchema> {
  return {
    version: 1,
    enforcement: 'warn',
    required: false,
    caseInsensitive: parts.caseInsensitive,
    maxLength: parts.maxLength,
    formats: [format],
    fields: Object.fromEntries(fields),
    reuse: 'warn',
  };
}

/** Why a format's example is not a valid PO of that very format, in the validator's own words; null if it is. */
function exampleProblem(
  format: Format,
  single: z.output<typeof structureSchema>,
): Extract<PolicyProblem, { code: 'example-invalid' }> extends infer P ? Omit<P, 'path'> | null : never {
  const verdict = validatePo(single, format.example!, { now: EXAMPLE_CHECK_DATE });
  if (verdict.valid) return null;
  const label = pickText(format.label, 'en');
  const what = label ? `a valid ${label}` : 'valid for this format';
  return {
    message: `"${format.example}" is not ${what}`,
    code: 'example-invalid',
    params: { example: format.example!, format: label ?? null, reason: verdict.reason },
  };
}

/** The version 1 policy. Parse with parsePolicy for plain-words problems; the output has defaults filled in. */
export const policySchema = structureSchema.superRefine((policy, ctx) => {
  for (const issue of meaningIssues(partsOf(policy)))
    ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
});

export type Policy = z.output<typeof policySchema>;
/** A policy as written (defaults may be left out). */
export type PolicyInput = z.input<typeof policySchema>;

export type PolicyProblem = {
  /** Where, as `formats[1].template` or `fields.dept.values[0].code`; '' for the whole policy. */
  path: string;
  /** The schema's own words (lib/policy-words.ts problemText renders coded problems in the UI language). */
  message: string;
} & (
  | { code?: undefined; params?: undefined }
  /** A format's example that its own format rejects: `reason` is the validator's. */
  | { code: 'example-invalid'; params: { example: string; format: string | null; reason: PoReason } }
  /** `first` is the index of the first use (0-based). */
  | { code: 'duplicate-code'; params: { value: string; first: number; ignoringCase: boolean } }
  | { code: 'duplicate-format-id'; params: { id: string; first: number } }
  | { code: 'min-over-max'; params: { min: number; max: number } }
  | { code: 'valid-to-before-from'; params: { validFrom: string; validTo: string } }
);

export type ParseResult = { ok: true; policy: Policy } | { ok: false; problems: PolicyProblem[] };

export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (typeof key === 'string' && /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key)) out += out ? `.${key}` : key;
    else out += `[${JSON.stringify(String(key))}]`;
  }
  return out;
}

function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'number') return Number.isInteger(value) ? 'a whole number' : 'a number';
  if (typeof value === 'string') return 'text';
  if (typeof value === 'boolean') return 'true/false';
  return typeof value === 'object' ? 'an object' : typeof value;
}

const TYPE_WORDS: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  object: 'an object',
  array: 'a list',
  record: 'an object',
};

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

function quoteValues(values: readonly unknown[]): string {
  const quoted = values.map((value) => JSON.stringify(value));
  return quoted.length === 1 ? quoted[0]! : `one of ${quoted.join(', ')}`;
}

function sizeMessage(issue: z.core.$ZodIssue & { code: 'too_big' | 'too_small' }): string {
  const limit = Number(issue.code === 'too_big' ? issue.maximum : issue.minimum);
  const most = issue.code === 'too_big';
  const bound = most ? 'at most' : 'at least';
  switch (issue.origin) {
    case 'string':
      return limit === 1 && !most ? 'must not be empty' : `must be ${bound} ${limit} characters long`;
    case 'array':
    case 'set':
      return `must have ${bound} ${limit} ${limit === 1 ? 'entry' : 'entries'}`;
    default:
      return `must be ${bound} ${limit}`;
  }
}

/** One zod issue in plain words; unknown keys become one problem per key, at the key's own path. */
function problemsFromIssue(issue: z.core.$ZodIssue, input: unknown): PolicyProblem[] {
  const path = formatPath(issue.path);
  switch (issue.code) {
    case 'invalid_type': {
      const found = valueAt(input, issue.path);
      if (found === undefined) return [{ path, message: 'is required' }];
      const wanted = TYPE_WORDS[issue.expected] ?? issue.expected;
      return [{ path, message: `must be ${wanted}, not ${describeValue(found)}` }];
    }
    case 'unrecognized_keys':
      return issue.keys.map((key) => ({
        path: formatPath([...issue.path, key]),
        message: `unknown property "${key}"`,
      }));
    case 'invalid_value':
      return [{ path, message: `must be ${quoteValues(issue.values)}` }];
    case 'invalid_union': {
      const options = (issue as { options?: unknown[] }).options;
      if (options) return [{ path, message: `must be ${quoteValues(options)}` }];
      return [{ path, message: 'is not any of the accepted shapes' }];
    }
    case 'invalid_key':
      return [{ path, message: issue.issues[0]?.message ?? 'is not an accepted name' }];
    case 'too_big':
    case 'too_small':
      return [{ path, message: sizeMessage(issue) }];
    case 'not_multiple_of':
      return [{ path, message: `must be a multiple of ${String(issue.divisor)}` }];
    default:
      return [{ path, message: issue.message }];
  }
}

/** The size of a value as JSON in UTF-8 bytes; 0 when it is not serialisable (zod reports what is wrong). */
function serializedBytes(value: unknown): number {
  try {
    const text = JSON.stringify(value);
    return text === undefined ? 0 : new TextEncoder().encode(text).length;
  } catch {
    return 0;
  }
}

function tooLargeMessage(bytes: number): string {
  return `is too large: ${bytes.toLocaleString('en-US')} bytes, the limit is ${LIMITS.bytes.toLocaleString('en-US')} bytes (256 KB)`;
}

/**
 * Parses a policy given as a JSON string or as an already-parsed value. Returns every problem found, each with a
 * path and a plain message, or the policy with defaults filled in.
 */
export function parsePolicy(input: unknown): ParseResult {
  let value = input;
  if (typeof input === 'string') {
    try {
      value = JSON.parse(input);
    } catch (error) {
      return { ok: false, problems: [{ path: '', message: `not valid JSON: ${(error as Error).message}` }] };
    }
  }
  const bytes = serializedBytes(value);
  if (bytes > LIMITS.bytes) return { ok: false, problems: [{ path: '', message: tooLargeMessage(bytes) }] };
  const result = policySchema.safeParse(value);
  if (result.success) return { ok: true, policy: result.data };
  const problems = result.error.issues.flatMap((issue) => problemsFromIssue(issue, value));
  // zod skips the checks of meaning when the structure is broken: run them on the parts that are well-formed
  // (when zod did run them, they come out the same and are dropped as duplicates below).
  for (const issue of meaningIssues(partsOf(value))) problems.push({ ...issue, path: formatPath(issue.path) });
  // zod's copy of a check of meaning has lost its code: the copy from meaningIssues takes its place.
  const unique = new Map<string, PolicyProblem>();
  for (const problem of problems) {
    const key = `${problem.path}\u0000${problem.message}`;
    if (!unique.has(key) || problem.code) unique.set(key, problem);
  }
  return { ok: false, problems: [...unique.values()] };
}
