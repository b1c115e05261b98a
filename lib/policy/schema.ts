/**
 * The policy admins write (version 1), as a zod schema, and parsePolicy, which reports every problem with its
 * path as a code with parameters (`formats[1].template`, `{ code: 'unknown-field', params: { name: 'dpt', … } }`);
 * lib/policy-words.ts puts them in words in the UI language.
 *
 * Structure (types, sizes, unknown keys) is zod's job; the meaning (templates, unique codes and ids, examples
 * that validate, date ranges) is checked afterwards, and also on the parts that are well-formed when others are
 * not, so an admin sees every problem at once. Sizes are capped so a hostile policy cannot freeze a page.
 */
import { z } from 'zod';
import { parseCharset, type CharsetProblem } from './charset';
import { isBuiltinPart, parseTemplate, type TemplateProblem } from './template';
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

/**
 * The schema's own rules, each a code: zod carries it as the issue's message, and problemsFromIssue reads it back
 * into a problem `{ code: 'rule', params: { rule } }`.
 */
export const SCHEMA_RULES = [
  'language-tag',
  'no-languages',
  'code-chars',
  'field-name',
  'date-format',
  'not-a-date',
  'blanket-chars',
  'currency-code',
] as const;
export type SchemaRule = (typeof SCHEMA_RULES)[number];
const rule = (code: SchemaRule) => ({ error: code });
const isSchemaRule = (message: string): message is SchemaRule => (SCHEMA_RULES as readonly string[]).includes(message);
/** A reserved field name: its problem names the name (the record key), so it is not a plain rule. */
const RESERVED = 'reserved-name';

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
          .record(z.string().regex(LANGUAGE_TAG, rule('language-tag')), text)
          .refine((texts) => Object.keys(texts).length > 0, rule('no-languages')),
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
  code: z.string().min(1).max(LIMITS.code).regex(PRINTABLE_NO_SPACE, rule('code-chars')),
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

const fieldNameSchema = z
  .string()
  .refine((name) => !isReservedName(name), { error: RESERVED, abort: true })
  .regex(FIELD_NAME, rule('field-name'));

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

const isoDateSchema = z.string().regex(ISO_DATE, rule('date-format')).refine(isRealDate, rule('not-a-date'));

function isRealDate(text: string): boolean {
  if (!ISO_DATE.test(text)) return true; // already reported as not written YYYY-MM-DD
  const [y, m, d] = text.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

export const blanketPoSchema = z.strictObject({
  po: z.string().min(1).max(64).regex(PRINTABLE_TRIMMED, rule('blanket-chars')),
  label: z.string().min(1).max(LIMITS.label).optional(),
  budget: z
    .strictObject({
      amount: z.number().min(0),
      currencyCode: z.string().regex(/^[A-Z]{3}$/, rule('currency-code')),
    })
    .optional(),
  validFrom: isoDateSchema.optional(),
  validTo: isoDateSchema.optional(),
  /** Who answers for the budget (a name or team), shown to shoppers next to the blanket PO. */
  owner: z.string().min(1).max(LIMITS.label).optional(),
  /**
   * Who may use it: shoppers in any of these groups or with an email in any of these domains (the admin keys
   * buyerGroups / buyerEmail say who the shopper is). Without `for`, everyone may.
   */
  for: z
    .strictObject({
      groups: z.array(z.string().min(1).max(LIMITS.label)).max(50).optional(),
      emailDomains: z.array(z.string().min(1).max(253)).max(50).optional(),
    })
    .optional(),
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

/** The choices the schema offers, for the editor's controls: one source, so a new option reaches the form. */
export const POLICY_CHOICES = {
  enforcement: structureSchema.shape.enforcement.unwrap().options,
  reuse: structureSchema.shape.reuse.unwrap().options,
  fieldType: fieldSchema.options.map((option) => option.shape.type.value),
} as const;

/** The schema's defaults, shown by the editor when a key is not written. */
export const POLICY_DEFAULTS = {
  enforcement: structureSchema.shape.enforcement.parse(undefined),
  required: structureSchema.shape.required.parse(undefined),
  caseInsensitive: structureSchema.shape.caseInsensitive.parse(undefined),
  reuse: structureSchema.shape.reuse.parse(undefined),
  fieldMinLength: textFieldSchema.shape.minLength.parse(undefined),
  fieldMaxLength: textFieldSchema.shape.maxLength.parse(undefined),
} as const;

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
    issues.push({ path: ['fields'], code: 'too-many-fields', params: { max: LIMITS.fields } });
  }
  // zod's record skips an own `__proto__` key silently: name every reserved key here (duplicates are dropped).
  for (const name of [...parts.fields.keys(), ...parts.brokenFields]) {
    if (isReservedName(name)) issues.push({ path: ['fields', name], code: 'reserved-name', params: { name } });
  }
  const goodFields = new Map<string, Field>();
  for (const [name, field] of parts.fields) {
    let ok = !isReservedName(name);
    if (isBuiltinPart(name)) {
      issues.push({ path: ['fields', name], code: 'builtin-name', params: { name } });
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
          code: 'min-over-max',
          params: { min: field.minLength, max: field.maxLength },
        });
        ok = false;
      }
      if (field.type === 'text') {
        const charset = parseCharset(field.charset, caseInsensitive);
        if (!charset.ok) {
          issues.push({ path: ['fields', name, 'charset'], code: 'charset', params: charset.problem });
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
        code: 'duplicate-format-id',
        params: { id: format.id, first },
      });
    }

    const template = parseTemplate(format.template);
    if (!template.ok) {
      issues.push({
        path: ['formats', index, 'template'],
        code: 'template',
        params: { column: template.column, problem: template.problem },
      });
      continue;
    }
    let usable = true;
    for (const segment of template.segments) {
      if (segment.kind !== 'field') continue;
      if (goodFields.has(segment.name)) continue;
      usable = false;
      if (parts.fields.has(segment.name) || parts.brokenFields.has(segment.name)) continue; // reported at the field
      const lower = segment.name.toLowerCase();
      issues.push({
        path: ['formats', index, 'template'],
        code: 'unknown-field',
        params: { name: segment.name, column: segment.column, builtin: isBuiltinPart(lower) ? lower : null },
      });
    }
    if (!usable) continue;
    const single = singleFormatPolicy(format, goodFields, parts);
    const compiledSingle = compilePolicy(single);
    const work = compiledSingle.formats[0]!.work;
    totalWork += work;
    totalStates += compiledSingle.nfa.kind.length;
    if (work > LIMITS.work) {
      issues.push({ path: ['formats', index, 'template'], code: 'too-complex', params: { work, limit: LIMITS.work } });
      continue;
    }
    if (format.example !== undefined) {
      const problem = exampleProblem(format, single);
      if (problem) issues.push({ path: ['formats', index, 'example'], ...problem });
    }
  }
  if (totalWork > LIMITS.work && !issues.some((issue) => issue.code === 'too-complex')) {
    issues.push({ path: ['formats'], code: 'too-complex', params: { work: totalWork, limit: LIMITS.work } });
  }

  if (totalStates > LIMITS.states) {
    issues.push({ path: ['formats'], code: 'too-many-states', params: { states: totalStates, limit: LIMITS.states } });
  }

  for (const { index, entry } of parts.blanketPos) {
    if (entry.validFrom && entry.validTo && entry.validFrom > entry.validTo) {
      issues.push({
        path: ['blanketPos', index, 'validTo'],
        code: 'valid-to-before-from',
        params: { validFrom: entry.validFrom, validTo: entry.validTo },
      });
    }
  }
  return issues;
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

/** Why a format's example is not a valid PO of that very format, with the validator's reason; null if it is. */
function exampleProblem(
  format: Format,
  single: z.output<typeof structureSchema>,
): Extract<PolicyProblem, { code: 'example-invalid' }> extends infer P ? Omit<P, 'path'> | null : never {
  const verdict = validatePo(single, format.example!, { now: EXAMPLE_CHECK_DATE });
  if (verdict.valid) return null;
  // The UIs localize the policy before they show problems; here the label as an English UI would pick it.
  const label = pickText(format.label, 'en');
  return {
    code: 'example-invalid',
    params: { example: format.example!, format: label ?? null, reason: verdict.reason },
  };
}

/** Marks zod's copies of the checks of meaning: parsePolicy runs those checks itself, with their codes. */
const MEANING = 'meaning';

/** The version 1 policy. Parse with parsePolicy for coded problems; the output has defaults filled in. */
export const policySchema = structureSchema.superRefine((policy, ctx) => {
  for (const issue of meaningIssues(partsOf(policy)))
    ctx.addIssue({ code: 'custom', path: issue.path, message: issue.code, params: { [MEANING]: true } });
});

export type Policy = z.output<typeof policySchema>;
/** A policy as written (defaults may be left out). */
export type PolicyInput = z.input<typeof policySchema>;

/** What a value was, for `wrong-type`. */
export type ValueKind = 'null' | 'list' | 'whole-number' | 'number' | 'text' | 'boolean' | 'object' | 'other';

/** A policy problem as a code with parameters; lib/policy-words.ts problemText puts it in words. */
export type PolicyProblemCode =
  /** `detail` is the JSON parser's own (the browser's) account of where it stopped. */
  | { code: 'not-json'; params: { detail: string } }
  | { code: 'too-large'; params: { bytes: number; limit: number } }
  | { code: 'required'; params: Record<string, never> }
  /** `expected` is zod's type name (`string`, `int`, `array`…). */
  | { code: 'wrong-type'; params: { expected: string; found: ValueKind } }
  | { code: 'unknown-property'; params: { key: string } }
  /** `values` as JSON (`"block"`, `1`). */
  | { code: 'one-of'; params: { values: string[] } }
  | { code: 'not-accepted'; params: Record<string, never> }
  /** A length (`text`), a number of entries (`list`) or a number's value (`number`) out of bounds. */
  | { code: 'size'; params: { of: 'text' | 'list' | 'number'; bound: 'min' | 'max'; limit: number } }
  | { code: 'multiple-of'; params: { divisor: number } }
  | { code: 'rule'; params: { rule: SchemaRule } }
  | { code: 'too-many-fields'; params: { max: number } }
  | { code: 'reserved-name'; params: { name: string } }
  | { code: 'builtin-name'; params: { name: string } }
  | { code: 'charset'; params: CharsetProblem }
  | { code: 'template'; params: { column: number; problem: TemplateProblem } }
  /** `builtin` is the built-in placeholder the name is a capitalised spelling of (`yyyy` for `YYYY`), or null. */
  | { code: 'unknown-field'; params: { name: string; column: number; builtin: string | null } }
  | { code: 'too-complex'; params: { work: number; limit: number } }
  | { code: 'too-many-states'; params: { states: number; limit: number } }
  /** A format's example that its own format rejects: `reason` is the validator's. */
  | { code: 'example-invalid'; params: { example: string; format: string | null; reason: PoReason } }
  /** `first` is the index of the first use (0-based). */
  | { code: 'duplicate-code'; params: { value: string; first: number; ignoringCase: boolean } }
  | { code: 'duplicate-format-id'; params: { id: string; first: number } }
  | { code: 'min-over-max'; params: { min: number; max: number } }
  | { code: 'valid-to-before-from'; params: { validFrom: string; validTo: string } };

export type PolicyProblem = {
  /** Where, as `formats[1].template` or `fields.dept.values[0].code`; '' for the whole policy. */
  path: string;
} & PolicyProblemCode;

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

function kindOf(value: unknown): ValueKind {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'list';
  if (typeof value === 'number') return Number.isInteger(value) ? 'whole-number' : 'number';
  if (typeof value === 'string') return 'text';
  if (typeof value === 'boolean') return 'boolean';
  return typeof value === 'object' ? 'object' : 'other';
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

const SIZE_OF: Record<string, 'text' | 'list'> = { string: 'text', array: 'list', set: 'list' };

const NONE: Record<string, never> = {};

/** One zod issue as coded problems; unknown keys become one problem per key, at the key's own path. */
function problemsFromIssue(issue: z.core.$ZodIssue, input: unknown): PolicyProblem[] {
  const path = formatPath(issue.path);
  switch (issue.code) {
    case 'invalid_type': {
      const found = valueAt(input, issue.path);
      if (found === undefined) return [{ path, code: 'required', params: NONE }];
      return [{ path, code: 'wrong-type', params: { expected: issue.expected, found: kindOf(found) } }];
    }
    case 'unrecognized_keys':
      return issue.keys.map((key) => ({
        path: formatPath([...issue.path, key]),
        code: 'unknown-property',
        params: { key },
      }));
    case 'invalid_value':
      return [{ path, code: 'one-of', params: { values: issue.values.map((value) => JSON.stringify(value)) } }];
    case 'invalid_union': {
      const options = (issue as { options?: unknown[] }).options;
      if (options) return [{ path, code: 'one-of', params: { values: options.map((value) => JSON.stringify(value)) } }];
      return [{ path, code: 'not-accepted', params: NONE }];
    }
    case 'invalid_key': {
      const inner = issue.issues[0]?.message ?? '';
      if (inner === RESERVED) return [{ path, code: 'reserved-name', params: { name: String(issue.path.at(-1)) } }];
      return [
        isSchemaRule(inner)
          ? { path, code: 'rule', params: { rule: inner } }
          : { path, code: 'not-accepted', params: NONE },
      ];
    }
    case 'too_big':
    case 'too_small':
      return [
        {
          path,
          code: 'size',
          params: {
            of: SIZE_OF[issue.origin] ?? 'number',
            bound: issue.code === 'too_big' ? 'max' : 'min',
            limit: Number(issue.code === 'too_big' ? issue.maximum : issue.minimum),
          },
        },
      ];
    case 'not_multiple_of':
      return [{ path, code: 'multiple-of', params: { divisor: Number(issue.divisor) } }];
    case 'custom':
      // The checks of meaning, as zod ran them: parsePolicy adds them with their parameters.
      if (issue.params?.[MEANING]) return [];
      break;
    default:
      break;
  }
  return [
    isSchemaRule(issue.message)
      ? { path, code: 'rule', params: { rule: issue.message } }
      : { path, code: 'not-accepted', params: NONE },
  ];
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

/**
 * Parses a policy given as a JSON string or as an already-parsed value. Returns every problem found, each with a
 * path and a code with parameters, or the policy with defaults filled in.
 */
export function parsePolicy(input: unknown): ParseResult {
  let value = input;
  if (typeof input === 'string') {
    try {
      value = JSON.parse(input);
    } catch (error) {
      return { ok: false, problems: [{ path: '', code: 'not-json', params: { detail: (error as Error).message } }] };
    }
  }
  const bytes = serializedBytes(value);
  if (bytes > LIMITS.bytes)
    return { ok: false, problems: [{ path: '', code: 'too-large', params: { bytes, limit: LIMITS.bytes } }] };
  const result = policySchema.safeParse(value);
  if (result.success) return { ok: true, policy: result.data };
  const problems = result.error.issues.flatMap((issue) => problemsFromIssue(issue, value));
  // zod skips the checks of meaning when the structure is broken: run them on the parts that are well-formed
  // (zod's own copies, when it did run them, were left out above).
  for (const issue of meaningIssues(partsOf(value))) problems.push({ ...issue, path: formatPath(issue.path) });
  // A reserved field name is reported by zod's key check and by the checks of meaning: once is enough.
  const unique = new Map<string, PolicyProblem>();
  for (const problem of problems)
    unique.set(`${problem.path}\u0000${problem.code}\u0000${JSON.stringify(problem.params)}`, problem);
  return { ok: false, problems: [...unique.values()] };
}
