/**
 * Compiles a policy once into an NFA over the normalised input, and matches it in time linear in the input
 * whatever the policy: no RegExp is built from admin text and nothing backtracks.
 *
 * Every format becomes a chain of states: one per literal character, a trie of codes per list field, one state
 * per count for text and digits fields, one per digit of a date part. Date parts carry a small capture (year mod
 * 400 or leap flag, month, day) so `{dd}` can be checked against `{mm}` (and the year) as soon as both are read.
 *
 * This file turns templates and fields into segments (templates, charsets, work bounds). Building the NFA from
 * segments (`buildNfa`) and matching it, with a lazily built DFA on top, live in matcher.ts, which imports nothing:
 * the checkout content script gets the segments and sorted code tables as a `MatcherSpec` (`toMatcherSpec` below,
 * sent by the background as JSON, a few KB to ~100 KB) and builds the same NFA itself.
 */
import type { Policy } from './schema';
import { pickText } from './localized-text';
import { parseCharset } from './charset';
import { parseTemplate, type BuiltinPart } from './template';
import {
  S_DATE,
  S_DIG,
  S_LIST,
  S_LIT,
  S_TEXT,
  buildNfa,
  newDfa,
  normaliseWith,
  upperAscii,
  type BlanketDates,
  type BuiltNfa,
  type MatcherCore,
  type MatcherSpec,
  type SpecSegment,
} from './matcher';

export {
  CAP_LIMIT,
  K_DATE,
  K_DIG,
  K_FINAL,
  K_LIT,
  K_TEXT,
  K_TRIE,
  ThreadSet,
  advance,
  daysInMonth,
  isConsuming,
  matchFormat,
  normaliseWith,
  stepOut,
  upperAscii,
} from './matcher';
export type { DateFailure, Dfa, MatchNfa, MatcherCore, MatcherSpec, SpecSegment } from './matcher';

const PART_CODE: Record<BuiltinPart, number> = { yyyy: 0, yy: 1, mm: 2, dd: 3, q: 4 };
export const PART_LENGTH: Record<BuiltinPart, number> = { yyyy: 4, yy: 2, mm: 2, dd: 2, q: 1 };

export type CompiledSegment =
  | { kind: 'literal'; text: string }
  | {
      kind: 'list';
      name: string;
      label: string;
      codes: string[];
      codeLabels: string[];
      /** Characters that occur in some code. */
      alphabet: Uint8Array;
      maxCodeLength: number;
    }
  | {
      kind: 'text';
      name: string;
      label: string;
      table: Uint8Array;
      chars: string;
      charset: string;
      min: number;
      max: number;
    }
  | { kind: 'digits'; name: string; label: string; min: number; max: number }
  | { kind: 'date'; part: BuiltinPart };

/**
 * A run of date parts in a template with only literals between them (`{yyyy}{mm}`, `{yyyy}-{mm}-{dd}`), read and
 * reported as one date. Its length is fixed, so its start can be found from any position inside it.
 */
export interface DateGroup {
  first: number;
  last: number;
  length: number;
  /** `YYYYMM`, `YYYY-MM-DD`. */
  pattern: string;
}

export interface CompiledFormat {
  index: number;
  id: string;
  label: string;
  template: string;
  example: string | undefined;
  segments: CompiledSegment[];
  /** Per segment: its date group, or -1. */
  groupOf: number[];
  /** Per segment: characters of its date group before it (or -1). */
  groupOffset: number[];
  groups: DateGroup[];
  entry: number;
  /** Longest input this format can match. */
  maxMatch: number;
  /** See workBound. */
  work: number;
}

/** The NFA with the segment of each state in its format (the diagnosis says where a PO went wrong). */
export type Nfa = BuiltNfa;

export interface BlanketEntry {
  po: string;
  label?: string;
  validFrom?: string;
  validTo?: string;
}

export interface CompiledPolicy extends MatcherCore {
  policy: Policy;
  caseInsensitive: boolean;
  formats: CompiledFormat[];
  nfa: Nfa;
  /** Blanket POs by normalised PO. */
  blankets: Map<string, BlanketEntry[]>;
  maxMatch: number;
  /** What the NFA was built from, as sent in a MatcherSpec. */
  spec: Pick<MatcherSpec, 'formats' | 'lists' | 'classes'>;
}

export function defaultLabel(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}

/** A policy that parsePolicy would have refused: a programming error, for developers (users see parsePolicy's codes). */
export class PolicyCompileError extends Error {}

function compileSegments(policy: Policy, formatIndex: number): CompiledSegment[] {
  const format = policy.formats[formatIndex]!;
  const parsed = parseTemplate(format.template);
  const where = `formats[${formatIndex}].template`;
  if (!parsed.ok) throw new PolicyCompileError(`${where}: ${parsed.problem.code} at column ${parsed.column}`);
  const ci = policy.caseInsensitive;
  return parsed.segments.map((segment): CompiledSegment => {
    if (segment.kind === 'literal') return { kind: 'literal', text: ci ? upperAscii(segment.text) : segment.text };
    if (segment.kind === 'date') return { kind: 'date', part: segment.part };
    // Own properties only: a template may name `constructor` or `toString`, which every object inherits.
    const field = Object.hasOwn(policy.fields, segment.name) ? policy.fields[segment.name] : undefined;
    if (!field) throw new PolicyCompileError(`${where}: unknown field "${segment.name}" at column ${segment.column}`);
    // Callers show a policy localized for the UI language (localizePolicy); a policy that is not gets English.
    const label = pickText(field.label, 'en') ?? defaultLabel(segment.name);
    if (field.type === 'list') {
      const alphabet = new Uint8Array(128);
      const codes = field.values.map((value) => (ci ? upperAscii(value.code) : value.code));
      let maxCodeLength = 0;
      for (const code of codes) {
        maxCodeLength = Math.max(maxCodeLength, code.length);
        for (let i = 0; i < code.length; i++) alphabet[code.charCodeAt(i) & 127] = 1;
      }
      return {
        kind: 'list',
        name: segment.name,
        label,
        codes,
        codeLabels: field.values.map((value, i) => pickText(value.label, 'en') ?? codes[i]!),
        alphabet,
        maxCodeLength,
      };
    }
    if (field.type === 'text') {
      const charset = parseCharset(field.charset, ci);
      if (!charset.ok) throw new PolicyCompileError(`fields.${segment.name}.charset: ${charset.problem.code}`);
      return {
        kind: 'text',
        name: segment.name,
        label,
        table: charset.table,
        chars: charset.chars,
        charset: field.charset,
        min: field.minLength,
        max: field.maxLength,
      };
    }
    return { kind: 'digits', name: segment.name, label, min: field.minLength, max: field.maxLength };
  });
}

function dateGroups(segments: CompiledSegment[]): { groups: DateGroup[]; groupOf: number[]; groupOffset: number[] } {
  const groups: DateGroup[] = [];
  const groupOf = segments.map(() => -1);
  const groupOffset = segments.map(() => -1);
  let i = 0;
  while (i < segments.length) {
    if (segments[i]!.kind !== 'date') {
      i++;
      continue;
    }
    // Extend over literals and date parts; a group ends at its last date part.
    let last = i;
    let j = i + 1;
    while (j < segments.length && (segments[j]!.kind === 'date' || segments[j]!.kind === 'literal')) {
      if (segments[j]!.kind === 'date') last = j;
      j++;
    }
    const index = groups.length;
    let length = 0;
    let pattern = '';
    for (let k = i; k <= last; k++) {
      const segment = segments[k]!;
      groupOf[k] = index;
      groupOffset[k] = length;
      if (segment.kind === 'date') {
        length += PART_LENGTH[segment.part];
        pattern += segment.part === 'q' ? 'Q' : segment.part.toUpperCase();
      } else if (segment.kind === 'literal') {
        length += segment.text.length;
        pattern += segment.text;
      }
    }
    groups.push({ first: i, last, length, pattern });
    i = last + 1;
  }
  return { groups, groupOf, groupOffset };
}

function segmentMaxLength(segment: CompiledSegment): number {
  switch (segment.kind) {
    case 'literal':
      return segment.text.length;
    case 'list':
      return segment.maxCodeLength;
    case 'text':
    case 'digits':
      return segment.max;
    case 'date':
      return PART_LENGTH[segment.part];
  }
}

function segmentMinLength(segment: CompiledSegment): number {
  switch (segment.kind) {
    case 'list':
      return Math.min(...segment.codes.map((code) => code.length));
    case 'text':
    case 'digits':
      return segment.min;
    default:
      return segmentMaxLength(segment);
  }
}

/**
 * An upper bound on the thread-steps one input can cost this format. For a fixed start, every segment's walk is
 * deterministic (one trie node, one count), so the threads alive in a segment at once are at most the number of
 * places it can start: one plus the slack (max - min length) of the segments before it. Inside a date, threads
 * can also differ in their captures when variable-length segments sit between the date parts. Threads die once
 * the longest match is passed, so the bound is threads x (longest match + 1).
 */
export function workBound(segments: CompiledSegment[]): number {
  let lastDate = -1;
  segments.forEach((segment, i) => {
    if (segment.kind === 'date') lastDate = i;
  });
  let slack = 0;
  let slackAtFirstDate = -1;
  let threads = 0;
  segments.forEach((segment, i) => {
    if (segment.kind === 'date' && slackAtFirstDate < 0) slackAtFirstDate = slack;
    const captures = slackAtFirstDate >= 0 && i <= lastDate ? 1 + slack - slackAtFirstDate : 1;
    threads += (1 + slack) * captures;
    slack += segmentMaxLength(segment) - segmentMinLength(segment);
  });
  const longest = segments.reduce((sum, segment) => sum + segmentMaxLength(segment), 0);
  return (threads + 1) * (longest + 1);
}

/** The formats as spec segments, with each list's codes and each text class once (see MatcherSpec). */
function specParts(formats: readonly CompiledSegment[][]): Pick<MatcherSpec, 'formats' | 'lists' | 'classes'> {
  const lists: string[] = [];
  const listIndex = new Map<string, number>();
  const classes: string[] = [];
  const classIndex = new Map<string, number>();
  const intern = (table: string[], index: Map<string, number>, key: string) => {
    let i = index.get(key);
    if (i === undefined) {
      i = table.push(key) - 1;
      index.set(key, i);
    }
    return i;
  };
  const specFormats = formats.map((segments) =>
    segments.map((segment): SpecSegment => {
      switch (segment.kind) {
        case 'literal':
          return [S_LIT, segment.text];
        case 'list':
          return [S_LIST, intern(lists, listIndex, [...new Set(segment.codes)].sort().join(' '))];
        case 'text':
          return [S_TEXT, intern(classes, classIndex, classChars(segment.table)), segment.min, segment.max];
        case 'digits':
          return [S_DIG, segment.min, segment.max];
        case 'date':
          return [S_DATE, PART_CODE[segment.part]];
      }
    }),
  );
  return { formats: specFormats, lists, classes };
}

const cache = new WeakMap<Policy, CompiledPolicy>();

/** The compiled form of a parsed policy, built once per policy object. Throws on a policy parsePolicy rejects. */
let lastPolicy: Policy | null = null;
let lastCompiled: CompiledPolicy | null = null;

export function compilePolicy(policy: Policy): CompiledPolicy {
  // The same policy is validated again and again as the shopper types: skip even the WeakMap lookup.
  if (policy === lastPolicy && lastCompiled) return lastCompiled;
  const compiled = cache.get(policy) ?? compileUncached(policy);
  lastPolicy = policy;
  lastCompiled = compiled;
  return compiled;
}

function compileUncached(policy: Policy): CompiledPolicy {
  const allSegments = policy.formats.map((_format, index) => compileSegments(policy, index));
  const spec = specParts(allSegments);
  const built = buildNfa(
    spec.formats,
    spec.lists.map((table) => table.split(' ')),
    spec.classes.map(classTable),
  );
  const formats: CompiledFormat[] = policy.formats.map((format, index) => {
    const segments = allSegments[index]!;
    const { groups, groupOf, groupOffset } = dateGroups(segments);
    const entry = built.entries[index]!;
    return {
      index,
      id: format.id,
      label: pickText(format.label, 'en') ?? format.id,
      template: format.template,
      example: format.example,
      segments,
      groupOf,
      groupOffset,
      groups,
      entry,
      maxMatch: segments.reduce((sum, segment) => sum + segmentMaxLength(segment), 0),
      work: workBound(segments),
    };
  });
  const nfa: Nfa = built.nfa;
  const blankets = new Map<string, BlanketEntry[]>();
  for (const entry of policy.blanketPos ?? []) {
    const key = normaliseWith(policy.caseInsensitive, entry.po);
    const list = blankets.get(key) ?? [];
    list.push(entry);
    blankets.set(key, list);
  }
  const compiled: CompiledPolicy = {
    policy,
    caseInsensitive: policy.caseInsensitive,
    formats,
    nfa,
    dfa: newDfa(nfa, built.entries),
    blankets,
    spec,
    maxMatch: Math.max(...formats.map((format) => format.maxMatch)),
  };
  cache.set(policy, compiled);
  return compiled;
}

export function isLeapYear(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

// ---------------------------------------------------------------------------------------------------------------
// The JSON-safe form, for the checkout content script.

function classTable(chars: string): Uint8Array {
  const table = new Uint8Array(128);
  for (let i = 0; i < chars.length; i++) table[chars.charCodeAt(i) & 127] = 1;
  return table;
}

/** A class table as the string of its member characters. */
function classChars(table: Uint8Array): string {
  let chars = '';
  for (let c = 0; c < table.length; c++) if (table[c]) chars += String.fromCharCode(c);
  return chars;
}

/**
 * The compiled policy as plain JSON (see MatcherSpec in matcher.ts), for `matcherFromSpec`/`matchSpec`, which give
 * the same answers as matchFormat here. Throws on a policy parsePolicy rejects, like compilePolicy.
 */
export function toMatcherSpec(source: Policy | CompiledPolicy): MatcherSpec {
  const compiled = 'nfa' in source ? source : compilePolicy(source);
  const { policy } = compiled;
  const blankets: BlanketDates[] = [];
  for (const [po, entries] of compiled.blankets) {
    for (const { validFrom, validTo } of entries) {
      blankets.push({ po, ...(validFrom ? { validFrom } : {}), ...(validTo ? { validTo } : {}) });
    }
  }
  return {
    caseInsensitive: compiled.caseInsensitive,
    required: policy.required,
    maxLength: policy.maxLength ?? null,
    formatIds: compiled.formats.map((format) => format.id),
    formats: compiled.spec.formats,
    lists: compiled.spec.lists,
    classes: compiled.spec.classes,
    blankets,
  };
}
