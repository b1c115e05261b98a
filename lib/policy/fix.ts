/**
 * Safe fixes only: a corrected PO that differs from what was typed in case, spaces, separators and zero
 * padding, never in its letters and digits, and only when exactly one such PO is valid.
 *
 * The input is read as its letters and digits, with the gaps between them: a gap of spaces is soft (it may be
 * dropped, or become the template's separator), a gap holding punctuation is hard (it must become one of the
 * template's separators). The letters and digits are then laid over each format in order: literal letters
 * and list codes must be typed exactly, digits fields may be zero-padded up to their minimum, the template's
 * separators are written where the template has them. Every way of doing so is a candidate; candidates that
 * validate are counted, and a fix is offered only when there is exactly one. The search is memoised and has a
 * work budget, so a hostile policy or input costs bounded time.
 */
import type { Policy } from './schema';
import { acceptsValue } from './accept';
import { isBlanketActiveOn, localIsoDate } from './blanket';
import { compilePolicy, normaliseWith, PART_LENGTH, type CompiledFormat, type CompiledPolicy } from './compile';

type FixPart =
  | { t: 'sep'; text: string }
  | { t: 'char'; c: number }
  | { t: 'list'; codes: FixPart[][] }
  | { t: 'text'; table: Uint8Array; min: number; max: number }
  | { t: 'digits'; min: number; max: number }
  | { t: 'date'; length: number };

const MAX_CANDIDATES = 8;
const WORK_BUDGET = 20_000;

function isAsciiAlnum(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** Literal text as separators (runs of anything but letters and digits) and characters that must be typed. */
function literalParts(text: string): FixPart[] {
  const parts: FixPart[] = [];
  let sep = '';
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (isAsciiAlnum(c)) {
      if (sep) parts.push({ t: 'sep', text: sep });
      sep = '';
      parts.push({ t: 'char', c });
    } else {
      sep += text[i];
    }
  }
  if (sep) parts.push({ t: 'sep', text: sep });
  return parts;
}

interface Plan {
  parts: FixPart[];
  minAlnum: number;
  maxAlnum: number;
}

const planCache = new WeakMap<CompiledFormat, Plan>();

function makePlan(parts: FixPart[]): Plan {
  const [minAlnum, maxAlnum] = alnumBounds(parts);
  return { parts, minAlnum, maxAlnum };
}

function planFor(format: CompiledFormat): Plan {
  const cached = planCache.get(format);
  if (cached) return cached;
  const parts: FixPart[] = [];
  for (const segment of format.segments) {
    switch (segment.kind) {
      case 'literal':
        parts.push(...literalParts(segment.text));
        break;
      case 'list':
        parts.push({ t: 'list', codes: segment.codes.map(literalParts) });
        break;
      case 'text':
        parts.push({ t: 'text', table: segment.table, min: segment.min, max: segment.max });
        break;
      case 'digits':
        parts.push({ t: 'digits', min: segment.min, max: segment.max });
        break;
      case 'date':
        parts.push({ t: 'date', length: PART_LENGTH[segment.part] });
        break;
    }
  }
  const plan = makePlan(parts);
  planCache.set(format, plan);
  return plan;
}

interface Tokens {
  /** Letters and digits of the input, upper-cased when the policy is case-insensitive. */
  chars: number[];
  /** hard[i]: punctuation between chars[i-1] and chars[i] (hard[0] before the first, hard[n] after the last). */
  hard: boolean[];
}

function tokenize(input: string, caseInsensitive: boolean): Tokens | null {
  const chars: number[] = [];
  const hard: boolean[] = [];
  let pendingHard = false;
  for (let i = 0; i < input.length; i++) {
    let c = input.charCodeAt(i);
    if (isAsciiAlnum(c)) {
      if (caseInsensitive && c >= 97) c -= 32;
      hard.push(pendingHard);
      pendingHard = false;
      chars.push(c);
    } else if (c === 32 || c === 9) {
      // Spaces are stray: they may go, or stand where the template has a separator.
    } else if (c < 128) {
      pendingHard = true;
    } else {
      const ch = String.fromCodePoint(input.codePointAt(i)!);
      if (ch.length === 2) i++;
      if (/[\p{L}\p{N}]/u.test(ch)) return null; // a letter or digit we could only "fix" by changing it
      if (!/\s/u.test(ch)) pendingHard = true;
    }
  }
  hard.push(pendingHard);
  return { chars, hard };
}

/** How many input letters and digits a plan can take: [fewest, most]. */
function alnumBounds(plan: FixPart[]): [number, number] {
  let min = 0;
  let max = 0;
  for (const part of plan) {
    switch (part.t) {
      case 'char':
        min++;
        max++;
        break;
      case 'list': {
        const counts = part.codes.map((code) => code.filter((piece) => piece.t === 'char').length);
        min += Math.min(...counts);
        max += Math.max(...counts);
        break;
      }
      case 'text':
        min += part.min;
        max += part.max;
        break;
      case 'digits':
        min += 1;
        max += part.max;
        break;
      case 'date':
        min += part.length;
        max += part.length;
        break;
    }
  }
  return [min, max];
}

/** The search over one plan: which input letters and digits each part takes. */
interface Search {
  plan: FixPart[];
  chars: number[];
  hard: boolean[];
  found: Set<string>;
  /** (part, position, separator written since the last character) states known to lead nowhere. */
  dead: Uint8Array;
  out: string[];
  budget: { left: number };
  overflow: boolean;
}

function canTake(search: Search, pos: number, sepSince: boolean): boolean {
  return pos < search.chars.length && (!search.hard[pos] || sepSince);
}

/** Whether chars[from..to) can sit inside one field: no punctuation between them. */
function noHardInside(search: Search, from: number, to: number): boolean {
  for (let i = from + 1; i < to; i++) if (search.hard[i]) return false;
  return true;
}

/** Whether some way to finish exists from here; every finished way is added to `found`. */
function visit(search: Search, pi: number, pos: number, sepSince: boolean): boolean {
  if (search.overflow) return true;
  if (--search.budget.left < 0) {
    search.overflow = true;
    return true;
  }
  const n = search.chars.length;
  const key = (pi * (n + 1) + pos) * 2 + (sepSince ? 1 : 0);
  if (search.dead[key]) return false;
  const { chars, out } = search;
  let any = false;
  const part = search.plan[pi];
  if (!part) {
    if (pos === n && (!search.hard[n] || sepSince)) {
      search.found.add(out.join(''));
      if (search.found.size > MAX_CANDIDATES) search.overflow = true;
      any = true;
    }
  } else {
    switch (part.t) {
      case 'sep':
        out.push(part.text);
        any = visit(search, pi + 1, pos, true);
        out.pop();
        break;
      case 'char':
        if (canTake(search, pos, sepSince) && chars[pos] === part.c) {
          out.push(String.fromCharCode(part.c));
          any = visit(search, pi + 1, pos + 1, false);
          out.pop();
        }
        break;
      case 'list':
        for (const code of part.codes) {
          let p = pos;
          let since = sepSince;
          let text = '';
          let ok = true;
          for (const piece of code) {
            if (piece.t === 'sep') {
              text += piece.text;
              since = true;
            } else if (piece.t === 'char' && canTake(search, p, since) && chars[p] === piece.c) {
              text += String.fromCharCode(piece.c);
              p++;
              since = false;
            } else {
              ok = false;
              break;
            }
          }
          if (!ok) continue;
          out.push(text);
          if (visit(search, pi + 1, p, since)) any = true;
          out.pop();
        }
        break;
      default: {
        if (!canTake(search, pos, sepSince)) break;
        const min = part.t === 'date' ? part.length : part.t === 'digits' ? 1 : part.min;
        const max = part.t === 'date' ? part.length : part.max;
        let text = '';
        for (let k = 1; k <= max && pos + k <= n; k++) {
          const c = chars[pos + k - 1]!;
          const fits = part.t === 'text' ? part.table[c] === 1 : c >= 48 && c <= 57;
          if (!fits || !noHardInside(search, pos, pos + k)) break;
          text += String.fromCharCode(c);
          if (k < min) continue;
          out.push(part.t === 'digits' ? text.padStart(part.min, '0') : text);
          if (visit(search, pi + 1, pos + k, false)) any = true;
          out.pop();
        }
      }
    }
  }
  if (!any) search.dead[key] = 1;
  return any;
}

/** Structural candidates for one plan, or null when there are too many to call the fix unambiguous. */
let deadBuffer = new Uint8Array(1024);

function candidatesFor(plan: FixPart[], tokens: Tokens, budget: { left: number }): Set<string> | null {
  // One buffer, reused: the search is synchronous and never nested.
  const size = (plan.length + 1) * (tokens.chars.length + 1) * 2;
  if (size > deadBuffer.length) deadBuffer = new Uint8Array(size);
  else deadBuffer.fill(0, 0, size);
  const search: Search = {
    plan,
    chars: tokens.chars,
    hard: tokens.hard,
    found: new Set(),
    dead: deadBuffer,
    out: [],
    budget,
    overflow: false,
  };
  visit(search, 0, 0, false);
  return search.overflow ? null : search.found;
}

export function fixCompiled(compiled: CompiledPolicy, input: string, now: Date): string | null {
  const value = normaliseWith(compiled.caseInsensitive, input);
  if (value === '') return null;
  if (acceptsValue(compiled, value, now)) return value;
  const plans = compiled.formats.map(planFor);
  let longest = compiled.maxMatch;
  const blanketPos = compiled.policy.blanketPos ?? [];
  const today = blanketPos.length > 0 ? localIsoDate(now) : '';
  for (const entry of blanketPos) {
    if (!isBlanketActiveOn(entry, today)) continue;
    plans.push(makePlan(literalParts(normaliseWith(compiled.caseInsensitive, entry.po))));
    longest = Math.max(longest, entry.po.length);
  }
  // Nothing much longer than every format (allowing for stray spacing) can be a fix of one.
  if (input.length > 4 * longest + 64) return null;
  const tokens = tokenize(input, compiled.caseInsensitive);
  if (!tokens || tokens.chars.length === 0 || tokens.chars.length > longest) return null;
  const budget = { left: WORK_BUDGET };
  const valid = new Set<string>();
  for (const plan of plans) {
    const count = tokens.chars.length;
    if (count < plan.minAlnum || count > plan.maxAlnum) continue;
    const candidates = candidatesFor(plan.parts, tokens, budget);
    if (!candidates) return null;
    for (const candidate of candidates) if (acceptsValue(compiled, candidate, now)) valid.add(candidate);
    if (valid.size > 1) return null;
  }
  const [only] = valid;
  return valid.size === 1 && only !== undefined ? only : null;
}

/**
 * A corrected PO that validatePo accepts, or null when there is none or more than one (a guess). For a valid PO,
 * its normalised form. The local calendar date of `now` decides which blanket POs count.
 */
export function fixPo(policy: Policy, input: string, options: { now: Date }): string | null {
  return fixCompiled(compilePolicy(policy), input, options.now);
}
