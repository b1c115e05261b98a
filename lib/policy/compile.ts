/**
 * Compiles a policy once into an NFA over the normalised input, and matches it in time linear in the input
 * whatever the policy: no RegExp is built from admin text and nothing backtracks.
 *
 * Every format becomes a chain of states: one per literal character, a trie of codes per list field, one state
 * per count for text and digits fields, one per digit of a date part. Matching follows all live states at once
 * (Thompson/Pike): a thread is (state, date captures), threads are deduplicated per position, so the work per
 * character is bounded by the policy's size. Date parts carry a small capture (year mod 400 or leap flag,
 * month, day) so `{dd}` can be checked against `{mm}` (and the year) as soon as both are read.
 *
 * On top of the NFA sits a lazily built DFA (RE2-style): each set of threads reached is interned once and its
 * transitions cached per character, so a repeated validation costs one table lookup per character. The cache
 * is capped and simply dropped when full, which keeps memory bounded and time still linear.
 */
import type { Policy } from './schema';
import { parseCharset } from './charset';
import { parseTemplate, type BuiltinPart } from './template';

export const K_LIT = 0;
export const K_TRIE = 1;
export const K_TEXT = 2;
export const K_DIG = 3;
export const K_DATE = 4;
export const K_FINAL = 5;

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

export interface Nfa {
  kind: Uint8Array;
  fmt: Int32Array;
  seg: Int32Array;
  /** Characters consumed in the segment before this state (trie depth, count, literal offset, date digit). */
  off: Int32Array;
  /** LIT: char code. TRIE: first child index. TEXT/DIG: class index. DATE: part code. */
  a: Int32Array;
  /** TRIE: child count. TEXT/DIG: max count. DATE: bit 0 last digit of part, bit 1 last date part of format. */
  b: Int32Array;
  /** Target of a consuming step (LIT, TEXT, DIG, DATE), or -1. */
  next: Int32Array;
  /** Epsilon target (segment complete here), or -1. */
  eps: Int32Array;
  childChar: Int32Array;
  childState: Int32Array;
  classes: Uint8Array[];
}

export interface BlanketEntry {
  po: string;
  label?: string;
  validFrom?: string;
  validTo?: string;
}

export interface CompiledPolicy {
  policy: Policy;
  caseInsensitive: boolean;
  formats: CompiledFormat[];
  nfa: Nfa;
  dfa: Dfa;
  /** Blanket POs by normalised PO. */
  blankets: Map<string, BlanketEntry[]>;
  maxMatch: number;
}

const DIGIT_CLASS = 0;

/** Upper-cases ASCII letters only, so positions never shift (`ß`.toUpperCase() is two characters). */
export function upperAscii(text: string): string {
  // eslint-disable-next-line no-control-regex
  if (!/[^\x00-\x7f]/.test(text)) return text.toUpperCase();
  return text.replace(/[a-z]+/g, (run) => run.toUpperCase());
}

export function normaliseWith(caseInsensitive: boolean, input: string): string {
  const trimmed = input.trim();
  return caseInsensitive ? upperAscii(trimmed) : trimmed;
}

export function defaultLabel(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}

class NfaBuilder {
  kind: number[] = [];
  fmt: number[] = [];
  seg: number[] = [];
  off: number[] = [];
  a: number[] = [];
  b: number[] = [];
  next: number[] = [];
  eps: number[] = [];
  trieChildren = new Map<number, Map<number, number>>();
  classes: Uint8Array[] = [digitTable()];

  add(kind: number, fmt: number, seg: number, off: number): number {
    const id = this.kind.length;
    this.kind.push(kind);
    this.fmt.push(fmt);
    this.seg.push(seg);
    this.off.push(off);
    this.a.push(0);
    this.b.push(0);
    this.next.push(-1);
    this.eps.push(-1);
    return id;
  }

  build(): Nfa {
    const childChar: number[] = [];
    const childState: number[] = [];
    for (const [node, children] of this.trieChildren) {
      const sorted = [...children.entries()].sort((x, y) => x[0] - y[0]);
      this.a[node] = childChar.length;
      this.b[node] = sorted.length;
      for (const [c, s] of sorted) {
        childChar.push(c);
        childState.push(s);
      }
    }
    return {
      kind: Uint8Array.from(this.kind),
      fmt: Int32Array.from(this.fmt),
      seg: Int32Array.from(this.seg),
      off: Int32Array.from(this.off),
      a: Int32Array.from(this.a),
      b: Int32Array.from(this.b),
      next: Int32Array.from(this.next),
      eps: Int32Array.from(this.eps),
      childChar: Int32Array.from(childChar),
      childState: Int32Array.from(childState),
      classes: this.classes,
    };
  }
}

function digitTable(): Uint8Array {
  const table = new Uint8Array(128);
  for (let c = 48; c <= 57; c++) table[c] = 1;
  return table;
}

export class PolicyCompileError extends Error {}

function compileSegments(policy: Policy, formatIndex: number): CompiledSegment[] {
  const format = policy.formats[formatIndex]!;
  const parsed = parseTemplate(format.template);
  const where = `formats[${formatIndex}].template`;
  if (!parsed.ok) throw new PolicyCompileError(`${where}: ${parsed.message}`);
  const ci = policy.caseInsensitive;
  return parsed.segments.map((segment): CompiledSegment => {
    if (segment.kind === 'literal') return { kind: 'literal', text: ci ? upperAscii(segment.text) : segment.text };
    if (segment.kind === 'date') return { kind: 'date', part: segment.part };
    const field = policy.fields[segment.name];
    if (!field) throw new PolicyCompileError(`${where}: unknown field "${segment.name}" at column ${segment.column}`);
    const label = field.label ?? defaultLabel(segment.name);
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
        codeLabels: field.values.map((value, i) => value.label ?? codes[i]!),
        alphabet,
        maxCodeLength,
      };
    }
    if (field.type === 'text') {
      const charset = parseCharset(field.charset, ci);
      if (!charset.ok) throw new PolicyCompileError(`fields.${segment.name}.charset: ${charset.message}`);
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

function buildFormat(builder: NfaBuilder, formatIndex: number, segments: CompiledSegment[]): number {
  let lastDateSeg = -1;
  segments.forEach((segment, i) => {
    if (segment.kind === 'date') lastDateSeg = i;
  });
  // Built back to front, so each segment knows the entry state of the one after it.
  let nextEntry = builder.add(K_FINAL, formatIndex, segments.length, 0);
  for (let si = segments.length - 1; si >= 0; si--) {
    const segment = segments[si]!;
    switch (segment.kind) {
      case 'literal': {
        let target = nextEntry;
        for (let k = segment.text.length - 1; k >= 0; k--) {
          const s = builder.add(K_LIT, formatIndex, si, k);
          builder.a[s] = segment.text.charCodeAt(k);
          builder.next[s] = target;
          target = s;
        }
        nextEntry = target;
        break;
      }
      case 'list': {
        const root = builder.add(K_TRIE, formatIndex, si, 0);
        builder.trieChildren.set(root, new Map());
        for (const code of segment.codes) {
          let node = root;
          for (let k = 0; k < code.length; k++) {
            const c = code.charCodeAt(k);
            let children = builder.trieChildren.get(node)!;
            let child = children.get(c);
            if (child === undefined) {
              child = builder.add(K_TRIE, formatIndex, si, k + 1);
              builder.trieChildren.set(child, new Map());
              children.set(c, child);
            }
            node = child;
          }
          builder.eps[node] = nextEntry;
        }
        nextEntry = root;
        break;
      }
      case 'text':
      case 'digits': {
        const cls = segment.kind === 'digits' ? DIGIT_CLASS : builder.classes.push(segment.table) - 1;
        const kind = segment.kind === 'digits' ? K_DIG : K_TEXT;
        let following = -1;
        for (let count = segment.max; count >= 0; count--) {
          const s = builder.add(kind, formatIndex, si, count);
          builder.a[s] = cls;
          builder.b[s] = segment.max;
          builder.next[s] = following;
          if (count >= segment.min) builder.eps[s] = nextEntry;
          following = s;
        }
        nextEntry = following;
        break;
      }
      case 'date': {
        const length = PART_LENGTH[segment.part];
        let target = nextEntry;
        for (let k = length - 1; k >= 0; k--) {
          const s = builder.add(K_DATE, formatIndex, si, k);
          builder.a[s] = PART_CODE[segment.part];
          builder.b[s] = (k === length - 1 ? 1 : 0) | (si === lastDateSeg ? 2 : 0);
          builder.next[s] = target;
          target = s;
        }
        nextEntry = target;
        break;
      }
    }
  }
  return nextEntry;
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
  const builder = new NfaBuilder();
  const formats: CompiledFormat[] = policy.formats.map((format, index) => {
    const segments = compileSegments(policy, index);
    const { groups, groupOf, groupOffset } = dateGroups(segments);
    const entry = buildFormat(builder, index, segments);
    return {
      index,
      id: format.id,
      label: format.label ?? format.id,
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
  const nfa = builder.build();
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
    dfa: newDfa(nfa, formats),
    blankets,
    maxMatch: Math.max(...formats.map((format) => format.maxMatch)),
  };
  cache.set(policy, compiled);
  return compiled;
}

// ---------------------------------------------------------------------------------------------------------------
// Stepping one thread.

/** Date capture layout: acc + 400 * (month + 13 * (day + 32 * leap)); leap 0 unknown, 1 leap year, 2 common. */
const CAP_BASE = 400;
/** Capture values stay below this, so (state, capture) packs into one safe integer. */
export const CAP_LIMIT = 524288;

/**
 * A set of threads for one position, deduplicated on (state, capture) in O(1): a stamp per state for the common
 * capture-free threads, a Set for threads inside a date. `pairs` is a fresh array after each `reset`.
 */
export class ThreadSet {
  pairs: number[] = [];
  private readonly stamp: Int32Array;
  private generation = 1;
  private readonly captured = new Set<number>();

  constructor(stateCount: number) {
    this.stamp = new Int32Array(stateCount);
  }

  reset(): void {
    this.pairs = [];
    if (this.captured.size > 0) this.captured.clear();
    if (++this.generation > 0x3fffffff) {
      this.stamp.fill(0);
      this.generation = 1;
    }
  }

  add(state: number, cap: number): void {
    if (cap === 0) {
      if (this.stamp[state] === this.generation) return;
      this.stamp[state] = this.generation;
    } else {
      const key = state * CAP_LIMIT + cap;
      if (this.captured.has(key)) return;
      this.captured.add(key);
    }
    this.pairs.push(state, cap);
  }
}

export type DateFailure = 'month' | 'day' | 'quarter' | 'day-of-month';

/** Out-parameters of `advance`, to keep the hot path allocation-free. */
export const stepOut = { cap: 0, failure: null as DateFailure | null };

const MONTH_DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function daysInMonth(month: number, leap: 0 | 1 | 2): number {
  if (month === 2) return leap === 2 ? 28 : 29;
  return MONTH_DAYS[month - 1] ?? 31;
}

export function isLeapYear(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

export function isConsuming(nfa: Nfa, s: number): boolean {
  const kind = nfa.kind[s]!;
  if (kind === K_LIT || kind === K_DATE) return true;
  if (kind === K_TRIE) return nfa.b[s]! > 0;
  if (kind === K_TEXT || kind === K_DIG) return nfa.off[s]! < nfa.b[s]!;
  return false;
}

/**
 * The state a thread moves to on character code `c` (< 128), or -1 when it dies; -2 when it dies because its
 * date parts are inconsistent (`stepOut.failure` says why). The new capture is in `stepOut.cap`.
 */
export function advance(nfa: Nfa, s: number, cap: number, c: number): number {
  switch (nfa.kind[s]) {
    case K_LIT:
      if (c !== nfa.a[s]) return -1;
      stepOut.cap = cap;
      return nfa.next[s]!;
    case K_TRIE: {
      const start = nfa.a[s]!;
      const end = start + nfa.b[s]!;
      for (let i = start; i < end; i++) {
        const cc = nfa.childChar[i]!;
        if (cc === c) {
          stepOut.cap = cap;
          return nfa.childState[i]!;
        }
        if (cc > c) break;
      }
      return -1;
    }
    case K_TEXT:
    case K_DIG:
      if (nfa.off[s]! >= nfa.b[s]! || !nfa.classes[nfa.a[s]!]![c]) return -1;
      stepOut.cap = cap;
      return nfa.next[s]!;
    case K_DATE:
      if (c < 48 || c > 57) return -1;
      return advanceDate(nfa, s, cap, c - 48);
    default:
      return -1;
  }
}

function advanceDate(nfa: Nfa, s: number, cap: number, digit: number): number {
  const part = nfa.a[s]!;
  const acc = cap % CAP_BASE;
  let rest = (cap - acc) / CAP_BASE;
  // The year only matters for leap years, which year mod 400 decides.
  const value = part === 0 ? (acc * 10 + digit) % 400 : acc * 10 + digit;
  const flags = nfa.b[s]!;
  if (!(flags & 1)) {
    stepOut.cap = rest * CAP_BASE + value;
    return nfa.next[s]!;
  }
  let month = rest % 13;
  rest = (rest - month) / 13;
  let day = rest % 32;
  let leap = (rest - day) / 32;
  switch (part) {
    case 0:
      leap = value % 4 === 0 && (value % 100 !== 0 || value === 0) ? 1 : 2;
      break;
    case 1:
      // {yy} is 2000-2099, where every fourth year is a leap year.
      leap = value % 4 === 0 ? 1 : 2;
      break;
    case 2:
      if (value < 1 || value > 12) return dateFail('month');
      month = value;
      break;
    case 3:
      if (value < 1 || value > 31) return dateFail('day');
      day = value;
      break;
    default:
      if (value < 1 || value > 4) return dateFail('quarter');
  }
  if (month && day && day > daysInMonth(month, leap as 0 | 1 | 2)) return dateFail('day-of-month');
  stepOut.cap = flags & 2 ? 0 : CAP_BASE * (month + 13 * (day + 32 * leap));
  return nfa.next[s]!;
}

function dateFail(failure: DateFailure): number {
  stepOut.failure = failure;
  return -2;
}

// ---------------------------------------------------------------------------------------------------------------
// Lazy DFA.

/** The DFA cache is dropped when it would hold more states, or more thread numbers, than this. */
const MAX_DFA_STATES = 2048;
const MAX_DFA_NUMBERS = 200_000;
const MAX_DFA_THREAD_NUMBERS = 256;
const ALPHABET = 128;

interface Dfa {
  /** Per DFA state: its threads as (state, capture) pairs. */
  threads: Int32Array[];
  /** Per DFA state: the first format that is complete here, or -1. */
  accept: number[];
  /** Row per DFA state, column per character: 0 unknown, otherwise target + 1. */
  table: Int32Array;
  ids: Map<string, number>;
  startThreads: Int32Array;
  scratch: ThreadSet;
  /** Thread numbers held by all states, for the memory cap. */
  numbers: number;
}

function newDfa(nfa: Nfa, formats: CompiledFormat[]): Dfa {
  const set = new ThreadSet(nfa.kind.length);
  for (const format of formats) closeConsuming(nfa, format.entry, 0, set);
  const dfa: Dfa = {
    threads: [],
    accept: [],
    table: new Int32Array(ALPHABET * 64),
    ids: new Map(),
    startThreads: Int32Array.from(set.pairs),
    scratch: set,
    numbers: 0,
  };
  resetDfa(dfa);
  return dfa;
}

function resetDfa(dfa: Dfa): void {
  dfa.threads = [new Int32Array(0), dfa.startThreads];
  dfa.numbers = dfa.startThreads.length;
  dfa.accept = [-1, -1];
  dfa.table.fill(0);
  dfa.table.fill(1, 0, ALPHABET); // the dead state stays dead
  dfa.ids = new Map([
    ['-1:', 0],
    ['start', 1],
  ]);
}

let closureAccept = -1;

/** Adds the consuming states reachable from `s` without input; records a completed format in `closureAccept`. */
function closeConsuming(nfa: Nfa, s: number, cap: number, out: ThreadSet): void {
  let state = s;
  while (state >= 0) {
    if (nfa.kind[state] === K_FINAL) {
      const f = nfa.fmt[state]!;
      if (closureAccept < 0 || f < closureAccept) closureAccept = f;
      return;
    }
    if (isConsuming(nfa, state)) out.add(state, cap);
    state = nfa.eps[state]!;
  }
}

function dfaStep(compiled: CompiledPolicy, from: number, c: number): number {
  const { nfa, dfa } = compiled;
  const source = dfa.threads[from]!;
  const set = dfa.scratch;
  set.reset();
  closureAccept = -1;
  for (let i = 0; i < source.length; i += 2) {
    const target = advance(nfa, source[i]!, source[i + 1]!, c);
    if (target >= 0) closeConsuming(nfa, target, stepOut.cap, set);
  }
  const accept = closureAccept;
  const pairs = set.pairs;
  // A huge set of threads (a policy of long adjacent fields) is not worth caching: simulate without the DFA.
  if (pairs.length > MAX_DFA_THREAD_NUMBERS) return -2;
  // Canonical order, so the same set of threads is one DFA state however it was reached.
  const order: number[] = [];
  for (let i = 0; i < pairs.length; i += 2) order.push(i);
  order.sort((x, y) => pairs[x]! - pairs[y]! || pairs[x + 1]! - pairs[y + 1]!);
  const sorted = new Int32Array(pairs.length);
  order.forEach((i, k) => {
    sorted[2 * k] = pairs[i]!;
    sorted[2 * k + 1] = pairs[i + 1]!;
  });
  const key = `${accept}:${sorted.join(',')}`;
  let id = dfa.ids.get(key);
  if (id === undefined) {
    if (dfa.threads.length >= MAX_DFA_STATES || dfa.numbers + sorted.length > MAX_DFA_NUMBERS) {
      resetDfa(dfa);
      from = -1;
    }
    id = dfa.threads.length;
    dfa.threads.push(sorted);
    dfa.numbers += sorted.length;
    dfa.accept.push(accept);
    dfa.ids.set(key, id);
    if ((id + 1) * ALPHABET > dfa.table.length) {
      const grown = new Int32Array(dfa.table.length * 2);
      grown.set(dfa.table);
      dfa.table = grown;
    }
  }
  if (from >= 0) dfa.table[from * ALPHABET + c] = id + 1;
  return id;
}

/** The index of the first format matching the whole normalised value, or -1. Linear in the value's length. */
export function matchFormat(compiled: CompiledPolicy, value: string): number {
  const dfa = compiled.dfa;
  let table = dfa.table;
  let state = 1;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c >= ALPHABET) return -1;
    const cell = table[(state << 7) | c]!;
    if (cell !== 0) state = cell - 1;
    else {
      state = dfaStep(compiled, state, c);
      if (state === -2) return simulateRest(compiled, value, i + 1);
      table = dfa.table; // may have grown or been reset
    }
    if (state === 0) return -1;
  }
  return dfa.accept[state]!;
}

/** Plain Thompson simulation from the threads dfaStep left in the scratch set, for the rest of the value. */
function simulateRest(compiled: CompiledPolicy, value: string, from: number): number {
  const { nfa } = compiled;
  const set = compiled.dfa.scratch;
  let accept = closureAccept;
  for (let i = from; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c >= ALPHABET) return -1;
    const current = set.pairs;
    set.reset();
    closureAccept = -1;
    for (let k = 0; k < current.length; k += 2) {
      const target = advance(nfa, current[k]!, current[k + 1]!, c);
      if (target >= 0) closeConsuming(nfa, target, stepOut.cap, set);
    }
    accept = closureAccept;
    if (set.pairs.length === 0) return i === value.length - 1 ? accept : -1;
  }
  return accept;
}
