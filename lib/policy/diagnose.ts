/**
 * Explains why a normalised PO matches no format, as a code with parameters (lib/policy-words.ts has the words).
 * Runs only for invalid input.
 *
 * The NFA is simulated again, this time keeping every state reached at every position (also states that cannot
 * read further, such as a complete code in the trie), until all threads die; that is at most the longest match
 * of any format, so the cost stays linear. The format whose threads got furthest is explained (ties: the first
 * format), from the segment its furthest thread was in.
 */
import {
  K_FINAL,
  ThreadSet,
  PART_LENGTH,
  advance,
  daysInMonth,
  isLeapYear,
  isConsuming,
  stepOut,
  type CompiledFormat,
  type CompiledPolicy,
  type CompiledSegment,
  type DateFailure,
} from './compile';
import { exampleFor } from './describe';
import type { DatePartName, PoExpectation, PoPosition, PoReason } from './types';

export interface Diagnosis {
  formatId: string | null;
  reason: PoReason;
  position: number;
  expected: PoExpectation;
  found: string;
}

interface DateFailRecord {
  pos: number;
  state: number;
  cap: number;
  failure: DateFailure;
}

type VariableSegment = Extract<CompiledSegment, { kind: 'list' | 'text' | 'digits' }>;

/** Longest run of characters read as one segment's value: beyond any field's maximum, so too long shows. */
const MAX_RUN = 80;
const SEPARATORS = new Set(['-', '/', '_', '.', ' ']);

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

function isAlnum(c: number): boolean {
  return isDigit(c) || isLetter(c);
}

function clip(text: string, length = 12): string {
  const chars = [...text.slice(0, 2 * length + 2)];
  return chars.length > length ? `${chars.slice(0, length).join('')}…` : text;
}

const scratch = new WeakMap<CompiledPolicy, ThreadSet>();

function scratchFor(compiled: CompiledPolicy): ThreadSet {
  let set = scratch.get(compiled);
  if (!set) {
    set = new ThreadSet(compiled.nfa.kind.length);
    scratch.set(compiled, set);
  }
  return set;
}

class Diagnoser {
  private readonly snapshots: number[][] = [];
  private readonly dateFails: (DateFailRecord | undefined)[];

  constructor(
    private readonly compiled: CompiledPolicy,
    private readonly value: string,
    private readonly now: Date,
  ) {
    this.dateFails = compiled.formats.map(() => undefined);
    this.simulate();
  }

  private closeAll(s: number, cap: number, out: ThreadSet): void {
    const { nfa } = this.compiled;
    let state = s;
    while (state >= 0) {
      out.add(state, cap);
      if (nfa.kind[state] === K_FINAL) return;
      state = nfa.eps[state]!;
    }
  }

  private simulate(): void {
    const { nfa, formats } = this.compiled;
    const set = scratchFor(this.compiled);
    set.reset();
    for (const format of formats) this.closeAll(format.entry, 0, set);
    let current = set.pairs;
    this.snapshots.push(current);
    for (let p = 0; p < this.value.length; p++) {
      const c = this.value.charCodeAt(p);
      if (c >= 128) break;
      set.reset();
      for (let i = 0; i < current.length; i += 2) {
        const s = current[i]!;
        const cap = current[i + 1]!;
        if (!isConsuming(nfa, s)) continue;
        const target = advance(nfa, s, cap, c);
        if (target === -2) {
          const f = nfa.fmt[s]!;
          const known = this.dateFails[f];
          if (!known || known.pos < p + 1) this.dateFails[f] = { pos: p + 1, state: s, cap, failure: stepOut.failure! };
        } else if (target >= 0) {
          this.closeAll(target, stepOut.cap, set);
        }
      }
      const next = set.pairs;
      if (next.length === 0) break;
      this.snapshots.push(next);
      current = next;
    }
  }

  /** States of format `f` alive after `p` characters, as (state, capture) pairs. */
  private threadsAt(f: number, p: number): number[] {
    const pairs = this.snapshots[p] ?? [];
    const out: number[] = [];
    for (let i = 0; i < pairs.length; i += 2)
      if (this.compiled.nfa.fmt[pairs[i]!] === f) out.push(pairs[i]!, pairs[i + 1]!);
    return out;
  }

  /** Where segment `seg` of format `f` started, seen from a thread inside it after `p` characters; -1 if none. */
  private segmentStart(f: number, seg: number, p: number): number {
    const { nfa } = this.compiled;
    const pairs = this.threadsAt(f, p);
    let best = -1;
    for (let i = 0; i < pairs.length; i += 2) {
      const s = pairs[i]!;
      if (nfa.seg[s] === seg && nfa.kind[s] !== K_FINAL) best = Math.max(best, nfa.off[s]!);
    }
    return best < 0 ? -1 : p - best;
  }

  diagnose(): Diagnosis {
    const { formats } = this.compiled;
    let bestFormat = 0;
    let bestProgress = -1;
    const lastPos = formats.map(() => -1);
    for (let p = 0; p < this.snapshots.length; p++) {
      const pairs = this.snapshots[p]!;
      for (let i = 0; i < pairs.length; i += 2) lastPos[this.compiled.nfa.fmt[pairs[i]!]!] = p;
    }
    formats.forEach((_, f) => {
      const progress = Math.max(lastPos[f]!, this.dateFails[f]?.pos ?? -1);
      if (progress > bestProgress) {
        bestProgress = progress;
        bestFormat = f;
      }
    });
    const format = formats[bestFormat]!;
    const failure = this.dateFails[bestFormat];
    const diagnosis =
      failure && failure.pos > lastPos[bestFormat]!
        ? this.explainDateFailure(format, failure)
        : this.explainAt(format, lastPos[bestFormat]!);
    return { formatId: format.id, ...diagnosis };
  }

  private explainAt(format: CompiledFormat, p: number): Omit<Diagnosis, 'formatId'> {
    const { nfa } = this.compiled;
    const pairs = this.threadsAt(format.index, p);
    let best = pairs[0]!;
    for (let i = 2; i < pairs.length; i += 2) {
      const s = pairs[i]!;
      if (nfa.seg[s]! > nfa.seg[best]! || (nfa.seg[s] === nfa.seg[best] && nfa.off[s]! > nfa.off[best]!)) best = s;
    }
    const seg = nfa.seg[best]!;
    const off = nfa.off[best]!;
    const segments = format.segments;
    if (seg === segments.length) return this.explainComplete(format, p);
    const group = format.groupOf[seg]!;
    if (group >= 0) return this.explainDateGroup(format, group, p - (format.groupOffset[seg]! + off));
    const segment = segments[seg]!;
    // Nothing of this segment read yet: the trouble may be that the one before it runs on ("MKTG-", "00042").
    if (off === 0 && seg > 0 && p < this.value.length) {
      const c = this.value.charCodeAt(p);
      const previous = segments[seg - 1]!;
      const stop = segment.kind === 'literal' ? segment.text.charCodeAt(0) : -1;
      if (previous.kind === 'list' || previous.kind === 'text' || previous.kind === 'digits') {
        const start = this.segmentStart(format.index, seg - 1, p);
        if (
          start >= 0 &&
          inRunClass(previous, c) &&
          c !== stop &&
          !isValidValue(previous, this.run(previous, start, stop))
        ) {
          return this.explainVariable(format, seg - 1, start);
        }
      } else if (previous.kind === 'date' && isDigit(c) && !couldStart(segment, c)) {
        // A digit too many for the date ("2026111-").
        const group = format.groupOf[seg - 1]!;
        return this.explainDateGroup(format, group, p - format.groups[group]!.length);
      }
    }
    if (segment.kind !== 'literal') return this.explainVariable(format, seg, p - off);
    return this.explainLiteral(format, seg, p - off);
  }

  /** The characters from `start` that could belong to a variable segment, up to the next literal's first char. */
  private run(segment: VariableSegment, start: number, stop: number): string {
    let end = start;
    while (end < this.value.length && end - start < MAX_RUN) {
      const c = this.value.charCodeAt(end);
      if (c >= 128 || c === stop || !inRunClass(segment, c)) break;
      end++;
    }
    return this.value.slice(start, end);
  }

  /** What is at `start` when nothing there fits: a run of letters and digits, or one character. */
  private foundAt(start: number): string {
    if (start >= this.value.length) return '';
    let end = start;
    while (end < this.value.length && end - start < MAX_RUN && isAlnum(this.value.charCodeAt(end))) end++;
    if (end > start) return this.value.slice(start, end);
    return String.fromCodePoint(this.value.codePointAt(start)!);
  }

  private nextLiteralChar(format: CompiledFormat, seg: number): number {
    const next = format.segments[seg + 1];
    return next?.kind === 'literal' ? next.text.charCodeAt(0) : -1;
  }

  private explainVariable(format: CompiledFormat, seg: number, start: number): Omit<Diagnosis, 'formatId'> {
    const segment = format.segments[seg] as VariableSegment;
    const run = this.run(segment, start, this.nextLiteralChar(format, seg));
    let found = run || this.foundAt(start);
    const after = start + run.length;
    // A character from outside ASCII stopped the run: show it, it is the likely culprit ("12é").
    if (run && after < this.value.length && this.value.charCodeAt(after) >= 128) {
      found += String.fromCodePoint(this.value.codePointAt(after)!);
    }
    const where = this.positionPhrase(format, seg, start);
    const expected = expectation(segment);
    if (found === '') return { reason: { code: 'ends-early', expected, where }, position: start, expected, found };
    let reason: PoReason;
    if (segment.kind === 'list') {
      reason = { code: 'list-mismatch', field: segment.label, expected: [...segment.codes], found };
    } else if (segment.kind === 'text') {
      const { label: field, min, max, charset } = segment;
      reason = { code: 'text-mismatch', field, min, max, charset, found };
    } else {
      reason = { code: 'unexpected', expected, where, found };
    }
    return { reason, position: start, expected, found };
  }

  private explainLiteral(format: CompiledFormat, seg: number, start: number): Omit<Diagnosis, 'formatId'> {
    const text = (format.segments[seg] as { text: string }).text;
    const where = this.literalPosition(format, seg, start);
    const rest = this.value.slice(start);
    const expected: PoExpectation = { kind: 'literal', text };
    if (rest.length < text.length && text.startsWith(rest)) {
      return { reason: { code: 'ends-early', expected, where }, position: start, expected, found: rest };
    }
    const cut = [...this.value.slice(start, start + text.length + 1)].slice(0, text.length).join('');
    return { reason: { code: 'unexpected', expected, where, found: cut }, position: start, expected, found: cut };
  }

  private explainComplete(format: CompiledFormat, p: number): Omit<Diagnosis, 'formatId'> {
    const segments = format.segments;
    const lastSeg = segments.length - 1;
    const last = segments[lastSeg]!;
    const c = this.value.charCodeAt(p);
    if (last.kind === 'list' || last.kind === 'text' || last.kind === 'digits') {
      const start = this.segmentStart(format.index, lastSeg, p);
      if (start >= 0 && inRunClass(last, c) && !isValidValue(last, this.run(last, start, -1))) {
        return this.explainVariable(format, lastSeg, start);
      }
    } else if (last.kind === 'date' && isDigit(c)) {
      const group = format.groupOf[lastSeg]!;
      return this.explainDateGroup(format, group, p - format.groups[group]!.length);
    }
    const rest = this.value.slice(p);
    const example = exampleFor(this.compiled.policy, format, this.now);
    return {
      reason: { code: 'trailing', found: clip(rest), format: format.label, example },
      position: p,
      expected: { kind: 'end' },
      found: rest,
    };
  }

  private explainDateGroup(format: CompiledFormat, groupIndex: number, start: number): Omit<Diagnosis, 'formatId'> {
    const group = format.groups[groupIndex]!;
    const where = this.positionPhrase(format, group.first, start);
    const expected = groupExpectation(format, groupIndex);
    // The date as typed: digits and separators over the group's length, plus any further digits.
    const expectedChars: string[] = [];
    for (let k = group.first; k <= group.last; k++) {
      const segment = format.segments[k]!;
      if (segment.kind === 'literal') expectedChars.push(...segment.text);
      else if (segment.kind === 'date') for (let d = 0; d < PART_LENGTH[segment.part]; d++) expectedChars.push('');
    }
    const stop = this.nextLiteralChar(format, group.last);
    let end = start;
    while (end < this.value.length && end - start < MAX_RUN) {
      const c = this.value.charCodeAt(end);
      const offset = end - start;
      if (isDigit(c)) {
        end++;
        continue;
      }
      if (offset >= group.length || c >= 128) break;
      const wanted = expectedChars[offset];
      if (wanted && c === wanted.charCodeAt(0)) {
        end++;
        continue;
      }
      if (c === 32 || isLetter(c) || c === stop) break;
      end++;
    }
    let found = this.value.slice(start, end) || this.foundAt(start);
    if (end > start && end < this.value.length && this.value.charCodeAt(end) >= 128) {
      found += String.fromCodePoint(this.value.codePointAt(end)!);
    }
    if (found === '') return { reason: { code: 'ends-early', expected, where }, position: start, expected, found };
    return { reason: { code: 'unexpected', expected, where, found }, position: start, expected, found };
  }

  private explainDateFailure(format: CompiledFormat, failure: DateFailRecord): Omit<Diagnosis, 'formatId'> {
    const { nfa } = this.compiled;
    const seg = nfa.seg[failure.state]!;
    const part = (format.segments[seg] as { part: keyof typeof PART_LENGTH }).part;
    const groupIndex = format.groupOf[seg]!;
    const group = format.groups[groupIndex]!;
    const start = failure.pos - (format.groupOffset[seg]! + PART_LENGTH[part]);
    const text = this.value.slice(start, start + group.length);
    const typed = this.value.slice(failure.pos - PART_LENGTH[part], failure.pos);
    const expected: PoExpectation = { kind: 'date', part: null, pattern: group.pattern };
    let reason: PoReason;
    switch (failure.failure) {
      case 'month':
        reason = { code: 'no-such-month', date: text, month: typed };
        break;
      case 'day':
        reason = { code: 'no-such-day', date: text, day: typed };
        break;
      case 'quarter':
        return {
          reason: { code: 'no-such-quarter', found: typed },
          position: failure.pos - 1,
          expected: { kind: 'quarter' },
          found: typed,
        };
      case 'day-of-month': {
        const rest = Math.floor(failure.cap / 400);
        let month = rest % 13;
        let leap = Math.floor(rest / 13 / 32) as 0 | 1 | 2;
        if (part === 'mm') month = Number(typed);
        const yearPart = part === 'yyyy' || part === 'yy';
        const year = this.yearText(format, groupIndex, start, yearPart ? typed : null);
        if (yearPart) leap = isLeapYear(Number(year)) ? 1 : 2;
        const days = daysInMonth(month, leap);
        reason = { code: 'month-too-short', date: text, month, year, days, anyYear: month === 2 && leap === 0 };
        break;
      }
    }
    return { reason, position: start, expected, found: text };
  }

  /** The year as typed, when the failing date's group holds it (`2026`, or `2026` from a typed `26`). */
  private yearText(format: CompiledFormat, groupIndex: number, start: number, typed: string | null): string | null {
    const raw =
      typed ??
      (() => {
        for (let k = format.groups[groupIndex]!.first; k <= format.groups[groupIndex]!.last; k++) {
          const segment = format.segments[k]!;
          if (segment.kind === 'date' && (segment.part === 'yyyy' || segment.part === 'yy')) {
            const at = start + format.groupOffset[k]!;
            return this.value.slice(at, at + PART_LENGTH[segment.part]);
          }
        }
        return null;
      })();
    if (raw === null) return null;
    return raw.length === 2 ? `20${raw}` : raw;
  }

  /** Where a segment sits: at the start, after the second dash, after "PRJ-", after the date. */
  private positionPhrase(format: CompiledFormat, seg: number, start: number): PoPosition {
    if (seg === 0) return { at: 'start' };
    const previous = format.segments[seg - 1]!;
    if (previous.kind === 'literal') {
      if (previous.text.length === 1 && SEPARATORS.has(previous.text)) {
        let count = 0;
        for (let k = 0; k < seg; k++) {
          const segment = format.segments[k]!;
          if (segment.kind === 'literal') for (const ch of segment.text) if (ch === previous.text) count++;
        }
        return { at: 'separator', separator: previous.text, count };
      }
      return { at: 'literal', text: previous.text };
    }
    if (previous.kind === 'date') {
      const group = format.groups[format.groupOf[seg - 1]!]!;
      return group.first === group.last ? { at: 'date-part', part: previous.part } : { at: 'date' };
    }
    const text = this.previousText(format, seg, start);
    return text ? { at: 'typed', text } : { at: 'field', field: previous.label };
  }

  /** For a literal: what was typed just before it ("after MKT"), else the same words as for other segments. */
  private literalPosition(format: CompiledFormat, seg: number, start: number): PoPosition {
    if (seg === 0) return { at: 'start' };
    const previous = format.segments[seg - 1]!;
    if (previous.kind === 'date') {
      const group = format.groups[format.groupOf[seg - 1]!]!;
      const text = this.value.slice(Math.max(0, start - group.length), start);
      if (text) return { at: 'typed', text };
    }
    return this.positionPhrase(format, seg, start);
  }

  /** The text of the variable segment before `seg`, which ended at `start`; '' if unknown or too long to quote. */
  private previousText(format: CompiledFormat, seg: number, start: number): string {
    const from = this.segmentStart(format.index, seg - 1, start);
    if (from < 0 || start - from > 20) return '';
    const text = this.value.slice(from, start);
    return /^[A-Za-z0-9]+$/.test(text) ? text : '';
  }
}

/** Characters that read as part of a variable segment: its own characters, and letters or digits of its kind. */
function inRunClass(segment: VariableSegment, c: number): boolean {
  if (c >= 128) return false;
  if (segment.kind === 'digits') return isDigit(c);
  const own = segment.kind === 'list' ? segment.alphabet : segment.table;
  if (own[c]) return true;
  if (isLetter(c)) return hasAny(own, isLetter);
  if (isDigit(c)) return hasAny(own, isDigit);
  return false;
}

/** Whether character `c` could be the first of `segment` (roughly: for explanations only). */
function couldStart(segment: CompiledSegment, c: number): boolean {
  switch (segment.kind) {
    case 'literal':
      return segment.text.charCodeAt(0) === c;
    case 'date':
      return isDigit(c);
    default:
      return inRunClass(segment, c);
  }
}

function hasAny(table: Uint8Array, test: (c: number) => boolean): boolean {
  for (let c = 0; c < 128; c++) if (table[c] && test(c)) return true;
  return false;
}

function isValidValue(segment: VariableSegment, text: string): boolean {
  if (segment.kind === 'list') return segment.codes.includes(text);
  if (text.length < segment.min || text.length > segment.max) return false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (segment.kind === 'digits' ? !isDigit(c) : c >= 128 || !segment.table[c]) return false;
  }
  return true;
}

function expectation(segment: VariableSegment): PoExpectation {
  if (segment.kind === 'digits') return { kind: 'digits', min: segment.min, max: segment.max };
  if (segment.kind === 'text') {
    return { kind: 'text', field: segment.label, min: segment.min, max: segment.max, charset: segment.charset };
  }
  return { kind: 'list', field: segment.label, codes: [...segment.codes] };
}

function groupExpectation(format: CompiledFormat, groupIndex: number): PoExpectation {
  const group = format.groups[groupIndex]!;
  const first = format.segments[group.first]!;
  const part: DatePartName | null = group.first === group.last && first.kind === 'date' ? first.part : null;
  return { kind: 'date', part, pattern: group.pattern };
}

export function diagnose(compiled: CompiledPolicy, value: string, now: Date): Diagnosis {
  return new Diagnoser(compiled, value, now).diagnose();
}
