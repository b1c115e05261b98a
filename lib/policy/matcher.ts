/**
 * The run-time half of the policy matcher: everything needed to match a normalised PO against an NFA that
 * compile.ts built, and nothing that builds one. It imports nothing (no template or charset parser, no zod), so
 * the checkout content script can match with it alone.
 *
 * Matching follows all live NFA states at once (Thompson/Pike): a thread is (state, date captures), threads are
 * deduplicated per position, so the work per character is bounded by the policy's size. On top sits a lazily built
 * DFA (RE2-style): each set of threads reached is interned once and its transitions cached per character, so a
 * repeated validation costs one table lookup per character. The cache is capped and simply dropped when full, which
 * keeps memory bounded and time still linear.
 *
 * `MatcherSpec` is the JSON-safe form of a compiled policy (see `toMatcherSpec` in compile.ts): the background
 * builds it and sends it in `GuardState`; `matcherFromSpec` rebuilds the typed arrays and the DFA once per spec.
 */

export const K_LIT = 0;
export const K_TRIE = 1;
export const K_TEXT = 2;
export const K_DIG = 3;
export const K_DATE = 4;
export const K_FINAL = 5;

/** The NFA tables matching reads. compile.ts's `Nfa` adds what only the diagnosis needs. */
export interface MatchNfa {
  kind: Uint8Array;
  /** Format of each state (K_FINAL states say which format is complete). */
  fmt: Int32Array;
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
  /** Character classes: 128 entries, 1 for a member. Class 0 is the digits. */
  classes: Uint8Array[];
}

/** What matchFormat needs: the NFA and its DFA cache. CompiledPolicy and Matcher both are one. */
export interface MatcherCore {
  nfa: MatchNfa;
  dfa: Dfa;
}

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

export function isConsuming(nfa: MatchNfa, s: number): boolean {
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
export function advance(nfa: MatchNfa, s: number, cap: number, c: number): number {
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

function advanceDate(nfa: MatchNfa, s: number, cap: number, digit: number): number {
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

export interface Dfa {
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

/** A fresh DFA cache for an NFA whose formats start at `entries` (in format order). */
export function newDfa(nfa: MatchNfa, entries: readonly number[]): Dfa {
  const set = new ThreadSet(nfa.kind.length);
  for (const entry of entries) closeConsuming(nfa, entry, 0, set);
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
function closeConsuming(nfa: MatchNfa, s: number, cap: number, out: ThreadSet): void {
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

function dfaStep(matcher: MatcherCore, from: number, c: number): number {
  const { nfa, dfa } = matcher;
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
export function matchFormat(matcher: MatcherCore, value: string): number {
  const dfa = matcher.dfa;
  let table = dfa.table;
  let state = 1;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c >= ALPHABET) return -1;
    const cell = table[(state << 7) | c]!;
    if (cell !== 0) state = cell - 1;
    else {
      state = dfaStep(matcher, state, c);
      if (state === -2) return simulateRest(matcher, value, i + 1);
      table = dfa.table; // may have grown or been reset
    }
    if (state === 0) return -1;
  }
  return dfa.accept[state]!;
}

/** Plain Thompson simulation from the threads dfaStep left in the scratch set, for the rest of the value. */
function simulateRest(matcher: MatcherCore, value: string, from: number): number {
  const { nfa } = matcher;
  const set = matcher.dfa.scratch;
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

// ---------------------------------------------------------------------------------------------------------------
// The JSON-safe form, for the checkout content script.

/** A blanket PO in a spec: normalised, with its optional inclusive dates (YYYY-MM-DD). */
export interface BlanketDates {
  po: string;
  validFrom?: string;
  validTo?: string;
}

/** A segment of a format in a spec. Numbers, so the JSON stays small. */
export const S_LIT = 0;
export const S_LIST = 1;
export const S_TEXT = 2;
export const S_DIG = 3;
export const S_DATE = 4;

/**
 * `[S_LIT, text]`, `[S_LIST, list index]`, `[S_TEXT, class index, min, max]`, `[S_DIG, min, max]`,
 * `[S_DATE, part]` (part: 0 yyyy, 1 yy, 2 mm, 3 dd, 4 q).
 */
export type SpecSegment =
  | [typeof S_LIT, string]
  | [typeof S_LIST, number]
  | [typeof S_TEXT, number, number, number]
  | [typeof S_DIG, number, number]
  | [typeof S_DATE, number];

/**
 * A compiled policy as plain JSON (arrays, strings, numbers, booleans): what `GuardState.matcher` carries from the
 * background to the content script, whose messaging serialises to JSON (typed arrays and Maps do not survive).
 * Built by `toMatcherSpec` (compile.ts); read with `matcherFromSpec`, which builds the NFA from it (`buildNfa`, the
 * very builder compile.ts uses, so both match alike). Compact: each list's codes once, as a sorted table, however
 * many formats use it; no NFA states. Treat it as immutable: the rebuilt matcher is memoised per spec object.
 */
export interface MatcherSpec {
  caseInsensitive: boolean;
  required: boolean;
  /** The policy's maxLength of the normalised PO, or null. */
  maxLength: number | null;
  /** Format ids in policy order: `matchSpec` answers an index into this. */
  formatIds: string[];
  /** Per format (in policy order), its segments. */
  formats: SpecSegment[][];
  /** The code tables of the list fields the formats use: normalised codes, sorted (by char code), joined by ' '. */
  lists: string[];
  /** Character classes of text fields, each as the string of its member characters. */
  classes: string[];
  blankets: BlanketDates[];
}

/** A spec made ready to match: typed arrays, a DFA cache, and the blanket POs by normalised PO. */
export interface Matcher extends MatcherCore {
  spec: MatcherSpec;
  blankets: Map<string, BlanketDates[]>;
}

const matchers = new WeakMap<MatcherSpec, Matcher>();
let lastSpec: MatcherSpec | null = null;
let lastMatcher: Matcher | null = null;

/** The matcher for a spec, built once per spec object. */
export function matcherFromSpec(spec: MatcherSpec): Matcher {
  if (spec === lastSpec && lastMatcher) return lastMatcher;
  let matcher = matchers.get(spec);
  if (!matcher) {
    const classes = spec.classes.map((chars) => {
      const table = new Uint8Array(ALPHABET);
      for (let i = 0; i < chars.length; i++) table[chars.charCodeAt(i) & 127] = 1;
      return table;
    });
    const lists = spec.lists.map((table) => table.split(' '));
    const { nfa, entries } = buildNfa(spec.formats, lists, classes);
    const blankets = new Map<string, BlanketDates[]>();
    for (const entry of spec.blankets) {
      const list = blankets.get(entry.po) ?? [];
      list.push(entry);
      blankets.set(entry.po, list);
    }
    matcher = { nfa, dfa: newDfa(nfa, entries), spec, blankets };
    matchers.set(spec, matcher);
  }
  lastSpec = spec;
  lastMatcher = matcher;
  return matcher;
}

/**
 * The index (into `spec.formatIds`) of the first format matching the whole normalised value, or -1: the same answer
 * as matchFormat on the compiled policy the spec was made from. Ignores blanket POs and maxLength.
 */
export function matchSpec(spec: MatcherSpec, value: string): number {
  return matchFormat(matcherFromSpec(spec), value);
}

// ---------------------------------------------------------------------------------------------------------------
// Building the NFA from segments: shared by compile.ts (the background) and matcherFromSpec (the content script).

/** The NFA, with the segment of each state (the diagnosis says where a PO went wrong). */
export interface BuiltNfa extends MatchNfa {
  seg: Int32Array;
}

const DIGIT_CLASS = 0;
const DATE_LENGTH = [4, 2, 2, 2, 1];

/**
 * Builds the NFA of every format: one state per literal character, a trie per use of a list, one state per count for
 * text and digits fields, one per digit of a date part. `lists` hold sorted codes (as in a spec), so each trie is
 * built in one pass with its children in character order. `classes` are the text classes (`S_TEXT` indexes them);
 * digits get class 0 of the NFA, and text class k becomes NFA class k + 1. Time and memory are linear in the size of
 * the formats with their lists expanded.
 */
export function buildNfa(
  formats: readonly (readonly SpecSegment[])[],
  lists: readonly (readonly string[])[],
  classes: readonly Uint8Array[],
): { nfa: BuiltNfa; entries: number[] } {
  const kind: number[] = [];
  const fmt: number[] = [];
  const seg: number[] = [];
  const off: number[] = [];
  const a: number[] = [];
  const b: number[] = [];
  const next: number[] = [];
  const eps: number[] = [];
  const childChar: number[] = [];
  const childState: number[] = [];
  const add = (k: number, f: number, si: number, o: number): number => {
    kind.push(k);
    fmt.push(f);
    seg.push(si);
    off.push(o);
    a.push(0);
    b.push(0);
    next.push(-1);
    eps.push(-1);
    return kind.length - 1;
  };
  const digits = new Uint8Array(ALPHABET);
  for (let c = 48; c <= 57; c++) digits[c] = 1;
  const entries: number[] = [];
  formats.forEach((segments, formatIndex) => {
    let lastDateSeg = -1;
    segments.forEach((segment, i) => {
      if (segment[0] === S_DATE) lastDateSeg = i;
    });
    // Built back to front, so each segment knows the entry state of the one after it.
    let nextEntry = add(K_FINAL, formatIndex, segments.length, 0);
    for (let si = segments.length - 1; si >= 0; si--) {
      const segment = segments[si]!;
      switch (segment[0]) {
        case S_LIT: {
          const text = segment[1];
          let target = nextEntry;
          for (let k = text.length - 1; k >= 0; k--) {
            const s = add(K_LIT, formatIndex, si, k);
            a[s] = text.charCodeAt(k);
            next[s] = target;
            target = s;
          }
          nextEntry = target;
          break;
        }
        case S_LIST:
          nextEntry = buildTrie(lists[segment[1]] ?? [], formatIndex, si, nextEntry);
          break;
        case S_TEXT:
        case S_DIG: {
          const isText = segment[0] === S_TEXT;
          const cls = isText ? segment[1] + 1 : DIGIT_CLASS;
          const min = isText ? segment[2] : segment[1];
          const max = isText ? segment[3] : segment[2];
          let following = -1;
          for (let count = max; count >= 0; count--) {
            const s = add(isText ? K_TEXT : K_DIG, formatIndex, si, count);
            a[s] = cls;
            b[s] = max;
            next[s] = following;
            if (count >= min) eps[s] = nextEntry;
            following = s;
          }
          nextEntry = following;
          break;
        }
        case S_DATE: {
          const part = segment[1];
          const length = DATE_LENGTH[part] ?? 0;
          let target = nextEntry;
          for (let k = length - 1; k >= 0; k--) {
            const s = add(K_DATE, formatIndex, si, k);
            a[s] = part;
            b[s] = (k === length - 1 ? 1 : 0) | (si === lastDateSeg ? 2 : 0);
            next[s] = target;
            target = s;
          }
          nextEntry = target;
          break;
        }
      }
    }
    entries.push(nextEntry);
  });

  /**
   * A trie over sorted codes: a code shares the path of its common prefix with the one before it. Nodes get their
   * children as (char, state) runs in childChar/childState, laid out after the whole trie is known.
   */
  function buildTrie(codes: readonly string[], f: number, si: number, done: number): number {
    const root = add(K_TRIE, f, si, 0);
    const path = [root];
    const sorted = [...codes].sort();
    // Indexed by state - root: the trie's states are numbered consecutively.
    const firstChild: (number | undefined)[] = [];
    const lastChild: (number | undefined)[] = [];
    const sibling: (number | undefined)[] = [];
    const charOf: number[] = [];
    const nodes = [root];
    let previous = '';
    for (const code of sorted) {
      let common = 0;
      while (
        common < code.length &&
        common < previous.length &&
        code.charCodeAt(common) === previous.charCodeAt(common)
      )
        common++;
      path.length = common + 1;
      for (let k = common; k < code.length; k++) {
        const parent = path[k]!;
        const child = add(K_TRIE, f, si, k + 1);
        nodes.push(child);
        charOf[child - root] = code.charCodeAt(k);
        const last = lastChild[parent - root];
        if (last === undefined) firstChild[parent - root] = child;
        else sibling[last - root] = child;
        lastChild[parent - root] = child;
        path.push(child);
      }
      eps[path[code.length]!] = done;
      previous = code;
    }
    for (const node of nodes) {
      let child = firstChild[node - root];
      a[node] = childChar.length;
      let count = 0;
      while (child !== undefined) {
        childChar.push(charOf[child - root]!);
        childState.push(child);
        count++;
        child = sibling[child - root];
      }
      b[node] = count;
    }
    return root;
  }

  return {
    nfa: {
      kind: Uint8Array.from(kind),
      fmt: Int32Array.from(fmt),
      seg: Int32Array.from(seg),
      off: Int32Array.from(off),
      a: Int32Array.from(a),
      b: Int32Array.from(b),
      next: Int32Array.from(next),
      eps: Int32Array.from(eps),
      childChar: Int32Array.from(childChar),
      childState: Int32Array.from(childState),
      classes: [digits, ...classes],
    },
    entries,
  };
}
