/**
 * The policy editor's draft: the policy as form controls hold it (text for numbers, one selector per line, rows
 * with stable keys), and the conversions both ways. Pure.
 *
 * The draft is faithful to what was written: a value the form cannot show (an unknown property, a number written
 * as text, a field that is not an object) is kept in `extra` and written back unchanged, so parsePolicy reports it
 * at its own path and nothing is silently "fixed". Editing a control drops the kept value under that key.
 */

import { t } from '@/lib/i18n';
import { isRecord, POLICY_CHOICES, type Policy } from '@/lib/policy/schema';

export type Enforcement = Policy['enforcement'];
export type Reuse = Policy['reuse'];
export type FieldType = Policy['fields'][string]['type'];

// The schema's own choices and defaults (lib/policy/schema.ts): the form offers exactly what the policy accepts.
export const ENFORCEMENTS: readonly Enforcement[] = POLICY_CHOICES.enforcement;
export const REUSES: readonly Reuse[] = POLICY_CHOICES.reuse;
export const FIELD_TYPES: readonly FieldType[] = POLICY_CHOICES.fieldType;
export { POLICY_DEFAULTS } from '@/lib/policy/schema';

/** Values written as-is over what the controls build: keys the form cannot show, by property name. */
export type Extra = Record<string, unknown>;

interface Row {
  /** Identity of the row for rendering; not part of the policy. */
  key: string;
  extra: Extra;
  /** The whole entry as written, when it is not an object the form can show; dropped on the first edit. */
  raw?: unknown;
}

export interface FormatDraft extends Row {
  id: string;
  label: string;
  template: string;
  example: string;
}

export interface ListValueDraft extends Row {
  code: string;
  label: string;
}

export interface FieldDraft extends Row {
  name: string;
  type: FieldType;
  label: string;
  /** Kept while the type is text or digits, so switching the type back restores them. */
  values: ListValueDraft[];
  charset: string;
  minLength: string;
  maxLength: string;
}

export interface BlanketDraft extends Row {
  po: string;
  label: string;
  amount: string;
  currencyCode: string;
  validFrom: string;
  validTo: string;
  /** Unknown keys inside `budget`, or the whole budget when it is not an object (under `budget`). */
  budgetExtra: Extra;
  owner: string;
  /** `for`: the buyer groups and email domains that may use it, one per line. */
  groups: string;
  emailDomains: string;
  /**
   * `for` is written even with both lists empty: as read (`for: {}` lets nobody use it, which is not the same as no
   * `for`), until the lists are edited; clearing both then means everyone.
   */
  forWritten: boolean;
  /** Unknown keys inside `for`, a list the form cannot show, or the whole `for` when it is not an object (under `for`). */
  forExtra: Extra;
}

export interface SelectorsDraft {
  /** One CSS selector per line. */
  poField: string;
  submit: string;
  extra: Extra;
}

export interface PolicyDraft {
  /** As written: 1, or whatever else was there (undefined when absent). */
  version: unknown;
  /** Undefined: not written, so the policy default applies. */
  enforcement?: Enforcement;
  required?: boolean;
  caseInsensitive?: boolean;
  reuse?: Reuse;
  maxLength: string;
  help: string;
  formats: FormatDraft[];
  fields: FieldDraft[];
  blanketPos: BlanketDraft[];
  selectors: SelectorsDraft;
  extra: Extra;
}

let keyCounter = 0;
export function newKey(): string {
  keyCounter += 1;
  return `row-${keyCounter}`;
}

/** Reads the known keys of an object, each by its own reader; what a reader refuses, and unknown keys, go to extra. */
class Reader {
  readonly extra: Extra = {};
  private readonly known = new Set<string>();
  constructor(private readonly source: Record<string, unknown>) {}

  /** A string shown in a text control; '' when absent. An empty string is kept as written (the control shows ''). */
  text(key: string, omitWhenEmpty = true): string {
    this.known.add(key);
    const value = this.source[key];
    if (value === undefined) return '';
    if (typeof value === 'string') {
      if (value === '' && omitWhenEmpty) this.extra[key] = value;
      return value;
    }
    this.extra[key] = value;
    return '';
  }

  /**
   * An admin text that may be given per language (`{ "en": "…", "de": "…" }`): the form edits the English one (or
   * the first given); the other languages are kept as written and come back around the edited text.
   */
  localizedText(key: string): string {
    const value = this.source[key];
    if (
      !isRecord(value) ||
      Object.keys(value).length === 0 ||
      !Object.values(value).every((v) => typeof v === 'string')
    ) {
      return this.text(key);
    }
    this.known.add(key);
    const texts = value as Record<string, string>;
    const tag = Object.keys(texts).find((name) => name.toLowerCase() === 'en') ?? Object.keys(texts)[0]!;
    const kept = ((this.extra as Record<symbol, unknown>)[TEXTS] ??= {}) as Record<
      string,
      { tag: string; texts: Record<string, string> }
    >;
    kept[key] = { tag, texts };
    return texts[tag]!;
  }

  /** A number shown as text. */
  number(key: string): string {
    this.known.add(key);
    const value = this.source[key];
    if (value === undefined) return '';
    if (typeof value === 'number' && Number.isFinite(value)) return String(value);
    this.extra[key] = value;
    return '';
  }

  boolean(key: string): boolean | undefined {
    this.known.add(key);
    const value = this.source[key];
    if (value === undefined || typeof value === 'boolean') return value;
    this.extra[key] = value;
    return undefined;
  }

  choice<T extends string>(key: string, options: readonly T[]): T | undefined {
    this.known.add(key);
    const value = this.source[key];
    if (value === undefined) return undefined;
    if (typeof value === 'string' && (options as readonly string[]).includes(value)) return value as T;
    this.extra[key] = value;
    return undefined;
  }

  /** A list the caller reads entry by entry; anything else is kept as written. */
  array(key: string): unknown[] {
    this.known.add(key);
    const value = this.source[key];
    if (value === undefined) return [];
    if (Array.isArray(value)) return value;
    this.extra[key] = value;
    return [];
  }

  object(key: string): Record<string, unknown> | null {
    this.known.add(key);
    const value = this.source[key];
    if (value === undefined) return null;
    if (isRecord(value)) return value;
    this.extra[key] = value;
    return null;
  }

  /** Marks a key handled by the caller. */
  take(key: string): unknown {
    this.known.add(key);
    return this.source[key];
  }

  /** Finish: unknown keys are kept as written. */
  done(): Extra {
    for (const [key, value] of Object.entries(this.source)) {
      if (!this.known.has(key)) this.extra[key] = value;
    }
    return this.extra;
  }
}

function formatFrom(value: unknown): FormatDraft {
  if (!isRecord(value)) return { key: newKey(), id: '', label: '', template: '', example: '', extra: {}, raw: value };
  const read = new Reader(value);
  const format = {
    key: newKey(),
    id: read.text('id', false),
    label: read.localizedText('label'),
    template: read.text('template', false),
    example: read.text('example'),
  };
  return { ...format, extra: read.done() };
}

function listValueFrom(value: unknown): ListValueDraft {
  if (!isRecord(value)) return { key: newKey(), code: '', label: '', extra: {}, raw: value };
  const read = new Reader(value);
  const entry = { key: newKey(), code: read.text('code', false), label: read.localizedText('label') };
  return { ...entry, extra: read.done() };
}

function fieldFrom(name: string, value: unknown): FieldDraft {
  const blank: FieldDraft = { ...blankField(), name, values: [] };
  if (!isRecord(value)) return { ...blank, raw: value };
  const read = new Reader(value);
  const field: FieldDraft = {
    ...blank,
    type: read.choice('type', FIELD_TYPES) ?? 'list',
    label: read.localizedText('label'),
    values: read.array('values').map(listValueFrom),
    charset: read.text('charset', false),
    minLength: read.number('minLength'),
    maxLength: read.number('maxLength'),
  };
  // A missing type is a problem to report, not a list field to invent.
  if (value.type === undefined) read.extra.type = undefined;
  return { ...field, extra: read.done() };
}

function blanketFrom(value: unknown): BlanketDraft {
  const blank = blankBlanket();
  if (!isRecord(value)) return { ...blank, raw: value };
  const read = new Reader(value);
  const entry = {
    ...blank,
    po: read.text('po', false),
    label: read.text('label'),
    validFrom: read.text('validFrom'),
    validTo: read.text('validTo'),
    owner: read.text('owner'),
  };
  const restriction = read.take('for');
  if (isRecord(restriction)) {
    const forRead = new Reader(restriction);
    entry.groups = listLines(forRead, 'groups');
    entry.emailDomains = listLines(forRead, 'emailDomains');
    entry.forWritten = true;
    entry.forExtra = forRead.done();
  } else if (restriction !== undefined) {
    entry.forExtra = { for: restriction };
  }
  const budget = read.take('budget');
  if (isRecord(budget)) {
    const budgetRead = new Reader(budget);
    entry.amount = budgetRead.number('amount');
    entry.currencyCode = budgetRead.text('currencyCode', false);
    entry.budgetExtra = budgetRead.done();
  } else if (budget !== undefined) {
    entry.budgetExtra = { budget };
  }
  return { ...entry, extra: read.done() };
}

/** A list of texts shown one per line; a list the lines cannot show as written (an empty one, say) is kept. */
function listLines(read: Reader, key: string): string {
  const value = read.take(key);
  if (value === undefined) return '';
  if (
    Array.isArray(value) &&
    value.length > 0 &&
    value.every((item) => typeof item === 'string' && item.trim() === item && item !== '' && !/[\r\n]/.test(item))
  ) {
    return value.join('\n');
  }
  read.extra[key] = value;
  return '';
}

/** A draft with nothing written but the version and one empty format to fill in. */
export function emptyDraft(): PolicyDraft {
  return {
    version: 1,
    maxLength: '',
    help: '',
    formats: [blankFormat()],
    fields: [],
    blanketPos: [],
    selectors: { poField: '', submit: '', extra: {} },
    extra: {},
  };
}

export function blankFormat(): FormatDraft {
  return { key: newKey(), id: '', label: '', template: '', example: '', extra: {} };
}

export function blankField(): FieldDraft {
  return {
    key: newKey(),
    name: '',
    type: 'list',
    label: '',
    values: [blankListValue()],
    charset: '',
    minLength: '',
    maxLength: '',
    extra: {},
  };
}

export function blankListValue(): ListValueDraft {
  return { key: newKey(), code: '', label: '', extra: {} };
}

export function blankBlanket(): BlanketDraft {
  return {
    key: newKey(),
    po: '',
    label: '',
    amount: '',
    currencyCode: '',
    validFrom: '',
    validTo: '',
    extra: {},
    budgetExtra: {},
    owner: '',
    groups: '',
    emailDomains: '',
    forWritten: false,
    forExtra: {},
  };
}

/**
 * The draft for a policy as written (JSON value). Returns null when the value is not an object at all: the JSON
 * view says so rather than the form showing an empty policy.
 */
export function draftFromPolicy(value: unknown): PolicyDraft | null {
  if (!isRecord(value)) return null;
  const read = new Reader(value);
  const version = read.take('version');
  const draft: PolicyDraft = {
    version,
    enforcement: read.choice('enforcement', ENFORCEMENTS),
    required: read.boolean('required'),
    caseInsensitive: read.boolean('caseInsensitive'),
    reuse: read.choice('reuse', REUSES),
    maxLength: read.number('maxLength'),
    help: read.localizedText('help'),
    formats: read.array('formats').map(formatFrom),
    fields: Object.entries(read.object('fields') ?? {}).map(([name, field]) => fieldFrom(name, field)),
    blanketPos: read.array('blanketPos').map(blanketFrom),
    selectors: { poField: '', submit: '', extra: {} },
    extra: {},
  };
  const selectors = read.object('selectors');
  if (selectors) {
    const selectorRead = new Reader(selectors);
    draft.selectors = {
      poField: listLines(selectorRead, 'poField'),
      submit: listLines(selectorRead, 'submit'),
      extra: {},
    };
    draft.selectors.extra = selectorRead.done();
  }
  draft.extra = read.done();
  return draft;
}

/** Text from a number control: a plain number becomes a number, other text stays text (and is reported). */
function numberValue(text: string): number | string | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  return /^-?\d+(\.\d+)?$/.test(trimmed) ? Number(trimmed) : text;
}

function optionalText(text: string): string | undefined {
  return text === '' ? undefined : text;
}

/** Where a draft's Extra keeps the texts per language of its localized keys (a symbol: never a policy key). */
const TEXTS = Symbol('texts per language');

/** Builds an object in key order, leaving out undefined values, then lays the kept values over it. */
function build(entries: Array<[string, unknown]>, extra: Extra): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const localized = (extra as Record<symbol, unknown>)[TEXTS] as
    Record<string, { tag: string; texts: Record<string, string> }> | undefined;
  for (const [key, value] of entries) {
    const kept = localized?.[key];
    // The form edits one language's text: the others stay as they were given.
    if (kept) {
      const { [kept.tag]: _edited, ...others } = kept.texts;
      const texts = typeof value === 'string' ? { ...kept.texts, [kept.tag]: value } : others;
      if (Object.keys(texts).length > 0) out[key] = texts;
    } else if (value !== undefined) out[key] = value;
  }
  for (const [key, value] of Object.entries(extra)) {
    if (value === undefined) delete out[key];
    else out[key] = value;
  }
  return out;
}

function lines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

function formatValue(format: FormatDraft): unknown {
  if ('raw' in format) return format.raw;
  return build(
    [
      ['id', format.id],
      ['label', optionalText(format.label)],
      ['template', format.template],
      ['example', optionalText(format.example)],
    ],
    format.extra,
  );
}

function fieldValue(field: FieldDraft): unknown {
  if ('raw' in field) return field.raw;
  const common: Array<[string, unknown]> = [
    ['type', field.type],
    ['label', optionalText(field.label)],
  ];
  const listValues = (): unknown[] =>
    field.values.map((value) =>
      'raw' in value
        ? value.raw
        : build(
            [
              ['code', value.code],
              ['label', optionalText(value.label)],
            ],
            value.extra,
          ),
    );
  if ('type' in field.extra) {
    // The type as written is not one the form knows: write back whatever the other controls hold.
    return build(
      [
        ...common,
        ['values', field.values.length > 0 ? listValues() : undefined],
        ['charset', optionalText(field.charset)],
        ['minLength', numberValue(field.minLength)],
        ['maxLength', numberValue(field.maxLength)],
      ],
      field.extra,
    );
  }
  const specific: Array<[string, unknown]> =
    field.type === 'list'
      ? [['values', listValues()]]
      : [
          ...(field.type === 'text' ? ([['charset', field.charset]] as Array<[string, unknown]>) : []),
          ['minLength', numberValue(field.minLength)],
          ['maxLength', numberValue(field.maxLength)],
        ];
  // Kept values of keys this type does not use (charset on a list, say) are still written: they are reported.
  return build([...common, ...specific], field.extra);
}

function blanketValue(entry: BlanketDraft): unknown {
  if ('raw' in entry) return entry.raw;
  let budget: unknown;
  if ('budget' in entry.budgetExtra) budget = entry.budgetExtra.budget;
  else if (entry.amount.trim() !== '' || entry.currencyCode !== '' || Object.keys(entry.budgetExtra).length > 0) {
    budget = build(
      [
        ['amount', numberValue(entry.amount)],
        ['currencyCode', optionalText(entry.currencyCode)],
      ],
      entry.budgetExtra,
    );
  }
  let restriction: unknown;
  if ('for' in entry.forExtra) restriction = entry.forExtra.for;
  else {
    const groups = lines(entry.groups);
    const emailDomains = lines(entry.emailDomains);
    if (entry.forWritten || groups.length > 0 || emailDomains.length > 0 || Object.keys(entry.forExtra).length > 0) {
      restriction = build(
        [
          ['groups', groups.length > 0 ? groups : undefined],
          ['emailDomains', emailDomains.length > 0 ? emailDomains : undefined],
        ],
        entry.forExtra,
      );
    }
  }
  return build(
    [
      ['po', entry.po],
      ['label', optionalText(entry.label)],
      ['budget', budget],
      ['validFrom', optionalText(entry.validFrom)],
      ['validTo', optionalText(entry.validTo)],
      ['owner', optionalText(entry.owner)],
      ['for', restriction],
    ],
    entry.extra,
  );
}

/**
 * The policy as written from the draft, ready for parsePolicy and for saving. Keys left at their defaults are
 * left out (so a later default reaches the user). A field whose name repeats an earlier one is left out: the
 * draft problems report it.
 */
export function policyFromDraft(draft: PolicyDraft): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  for (const field of draft.fields) {
    if (Object.prototype.hasOwnProperty.call(fields, field.name)) continue;
    Object.defineProperty(fields, field.name, {
      value: fieldValue(field),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  const poField = lines(draft.selectors.poField);
  const submit = lines(draft.selectors.submit);
  const selectors = build(
    [
      ['poField', poField.length > 0 ? poField : undefined],
      ['submit', submit.length > 0 ? submit : undefined],
    ],
    draft.selectors.extra,
  );
  return build(
    [
      ['version', draft.version],
      ['enforcement', draft.enforcement],
      ['required', draft.required],
      ['caseInsensitive', draft.caseInsensitive],
      ['maxLength', numberValue(draft.maxLength)],
      ['formats', draft.formats.map(formatValue)],
      ['fields', draft.fields.length > 0 ? fields : undefined],
      ['reuse', draft.reuse],
      ['help', optionalText(draft.help)],
      ['blanketPos', draft.blanketPos.length > 0 ? draft.blanketPos.map(blanketValue) : undefined],
      ['selectors', Object.keys(selectors).length > 0 ? selectors : undefined],
    ],
    draft.extra,
  );
}

/** A problem the draft has that the policy written from it cannot show (it has no place in JSON). */
export interface DraftProblem {
  controlId: string;
  location: string;
  message: string;
}

/** Problems only the form can have: two fields with the same name (a JSON object keeps one of them). */
export function draftProblems(draft: PolicyDraft): DraftProblem[] {
  const problems: DraftProblem[] = [];
  const firstAt = new Map<string, number>();
  draft.fields.forEach((field, index) => {
    const first = firstAt.get(field.name);
    if (first === undefined) {
      firstAt.set(field.name, index);
      return;
    }
    problems.push({
      controlId: `pol-field-${index}-name`,
      location: t('draft_fieldNameLocation', index + 1),
      message: field.name === '' ? t('draft_fieldNameMissing') : t('draft_fieldNameTaken', [first + 1, field.name]),
    });
  });
  return problems;
}

// ------------------------------------------------------------------------------------------------------------
// Edits. Each returns a new draft; setting a key through a control drops a value kept under that key.

type Editable<T> = Omit<T, 'key' | 'extra' | 'raw'>;

function dropKept(extra: Extra, keys: readonly string[]): Extra {
  if (!keys.some((key) => key in extra)) return extra;
  const next = { ...extra };
  for (const key of keys) delete next[key];
  return next;
}

/** Patches a row from its controls: the kept values under those keys, and a kept raw entry, are dropped. */
export function patchRow<T extends Row>(row: T, patch: Partial<Editable<T>>): T {
  const keys = Object.keys(patch);
  const next = { ...row, ...patch, extra: dropKept(row.extra, keys) };
  delete next.raw;
  return next;
}

export function patchDraft(draft: PolicyDraft, patch: Partial<Omit<PolicyDraft, 'extra'>>): PolicyDraft {
  return { ...draft, ...patch, extra: dropKept(draft.extra, Object.keys(patch)) };
}

export function patchBudget(entry: BlanketDraft, patch: { amount?: string; currencyCode?: string }): BlanketDraft {
  const budgetExtra = 'budget' in entry.budgetExtra ? {} : dropKept(entry.budgetExtra, Object.keys(patch));
  const next = { ...entry, ...patch, budgetExtra };
  delete next.raw;
  return next;
}

/** Edits `for` from its two lists: clearing both leaves `for` out (everyone), unless it holds kept values. */
export function patchFor(entry: BlanketDraft, patch: { groups?: string; emailDomains?: string }): BlanketDraft {
  const forExtra = 'for' in entry.forExtra ? {} : dropKept(entry.forExtra, Object.keys(patch));
  const next = { ...entry, ...patch, forExtra };
  next.forWritten = lines(next.groups).length > 0 || lines(next.emailDomains).length > 0;
  delete next.raw;
  return next;
}

export function patchSelectors(draft: PolicyDraft, patch: { poField?: string; submit?: string }): PolicyDraft {
  return {
    ...draft,
    extra: dropKept(draft.extra, ['selectors']),
    selectors: { ...draft.selectors, ...patch, extra: dropKept(draft.selectors.extra, Object.keys(patch)) },
  };
}

export function replaceAt<T>(items: readonly T[], index: number, item: T): T[] {
  return items.map((current, i) => (i === index ? item : current));
}

export function removeAt<T>(items: readonly T[], index: number): T[] {
  return items.filter((_, i) => i !== index);
}

/** Moves one item to another position (clamped); the same array back when nothing moves. */
export function moveItem<T>(items: readonly T[], from: number, to: number): T[] {
  const target = Math.max(0, Math.min(items.length - 1, to));
  if (from === target || from < 0 || from >= items.length) return [...items];
  const next = [...items];
  const [item] = next.splice(from, 1);
  next.splice(target, 0, item!);
  return next;
}

/** Removes a value kept as written (an unknown property, say) at a problem's path segments; null when none is kept there. */
export function removeKeptValue(draft: PolicyDraft, segments: readonly (string | number)[]): PolicyDraft | null {
  const [head, index, key, third, fourth] = segments;
  const drop = (extra: Extra, name: unknown): Extra | null =>
    typeof name === 'string' && Object.prototype.hasOwnProperty.call(extra, name) ? dropKept(extra, [name]) : null;

  if (segments.length === 1) {
    const extra = drop(draft.extra, head);
    return extra && { ...draft, extra };
  }
  if (head === 'selectors' && segments.length === 2) {
    const extra = drop(draft.selectors.extra, index);
    return extra && { ...draft, selectors: { ...draft.selectors, extra } };
  }
  if (head === 'formats' && typeof index === 'number' && segments.length === 3) {
    const format = draft.formats[index];
    const extra = format && drop(format.extra, key);
    return extra ? { ...draft, formats: replaceAt(draft.formats, index, { ...format, extra }) } : null;
  }
  if (head === 'blanketPos' && typeof index === 'number') {
    const entry = draft.blanketPos[index];
    if (!entry) return null;
    if (segments.length === 3) {
      const extra = drop(entry.extra, key);
      return extra && { ...draft, blanketPos: replaceAt(draft.blanketPos, index, { ...entry, extra }) };
    }
    if (key === 'budget' && segments.length === 4) {
      const budgetExtra = drop(entry.budgetExtra, third);
      return budgetExtra && { ...draft, blanketPos: replaceAt(draft.blanketPos, index, { ...entry, budgetExtra }) };
    }
    if (key === 'for' && segments.length === 4) {
      const forExtra = drop(entry.forExtra, third);
      return forExtra && { ...draft, blanketPos: replaceAt(draft.blanketPos, index, { ...entry, forExtra }) };
    }
    return null;
  }
  if (head === 'fields' && typeof index === 'string') {
    const at = draft.fields.findIndex((field) => field.name === index);
    const field = draft.fields[at];
    if (!field) return null;
    if (segments.length === 3) {
      const extra = drop(field.extra, key);
      return extra && { ...draft, fields: replaceAt(draft.fields, at, { ...field, extra }) };
    }
    if (key === 'values' && typeof third === 'number' && segments.length === 5) {
      const value = field.values[third];
      const extra = value && drop(value.extra, fourth);
      return extra
        ? {
            ...draft,
            fields: replaceAt(draft.fields, at, {
              ...field,
              values: replaceAt(field.values, third, { ...value, extra }),
            }),
          }
        : null;
    }
  }
  return null;
}

// ------------------------------------------------------------------------------------------------------------

/** JSON with object keys sorted, for comparing a draft with the saved policy regardless of key order. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) => {
    if (!isRecord(item)) return item;
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(item).sort()) sorted[key] = item[key];
    return sorted;
  });
}
