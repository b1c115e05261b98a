import type { Policy } from './schema';
import type { ChoiceField, GenerateOptions, GenerateProblem, GenerateResult } from './types';
import { compilePolicy, matchFormat, normaliseWith, type CompiledFormat, type CompiledSegment } from './compile';
import type { BuiltinPart } from './template';

export type { ChoiceField, GenerateOptions, GenerateProblem, GenerateResult } from './types';

/** A date part for the local calendar date of `now`. */
export function datePartValue(part: BuiltinPart, now: Date): string {
  const year = String(now.getFullYear()).padStart(4, '0');
  switch (part) {
    case 'yyyy':
      return year;
    case 'yy':
      return year.slice(-2);
    case 'mm':
      return String(now.getMonth() + 1).padStart(2, '0');
    case 'dd':
      return String(now.getDate()).padStart(2, '0');
    case 'q':
      return String(Math.floor(now.getMonth() / 3) + 1);
  }
}

function findFormat(policy: Policy, formatId: string): CompiledFormat | undefined {
  return compilePolicy(policy).formats.find((format) => format.id === formatId);
}

/** The list and text fields of a format the user has to choose, in template order. Empty for an unknown format. */
export function fieldsNeedingChoice(policy: Policy, formatId: string): ChoiceField[] {
  const format = findFormat(policy, formatId);
  if (!format) return [];
  const fields: ChoiceField[] = [];
  for (const segment of format.segments) {
    if (segment.kind === 'list') {
      fields.push({
        name: segment.name,
        label: segment.label,
        type: 'list',
        values: segment.codes.map((code, i) => ({ code, label: segment.codeLabels[i]! })),
      });
    } else if (segment.kind === 'text') {
      fields.push({
        name: segment.name,
        label: segment.label,
        type: 'text',
        charset: segment.charset,
        minLength: segment.min,
        maxLength: segment.max,
      });
    }
  }
  return fields;
}

function isValidText(segment: Extract<CompiledSegment, { kind: 'text' }>, value: string): boolean {
  if (value.length < segment.min || value.length > segment.max) return false;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c >= 128 || !segment.table[c]) return false;
  }
  return true;
}

const DIGITS = /^[0-9]+$/;

/** A value the user gave, by field name: own properties only (a field may be called `constructor`). */
function ownText(values: Readonly<Record<string, string>>, name: string): string {
  const value: unknown = Object.hasOwn(values, name) ? values[name] : undefined;
  return typeof value === 'string' ? value : '';
}

/**
 * One past the highest number that follows `prefix` in `history`, zero-padded to `min`; "1" padded when none.
 * A history entry counts when it starts with the prefix and then has a run of `min` to `max` digits.
 */
function nextInSequence(prefix: string, min: number, max: number, history: readonly string[]): string | null {
  let highest = -1n;
  for (const entry of history) {
    if (!entry.startsWith(prefix)) continue;
    let end = prefix.length;
    while (
      end < entry.length &&
      end - prefix.length <= max &&
      entry.charCodeAt(end) >= 48 &&
      entry.charCodeAt(end) <= 57
    )
      end++;
    const length = end - prefix.length;
    if (length < min || length > max) continue;
    const number = BigInt(entry.slice(prefix.length, end));
    if (number > highest) highest = number;
  }
  const next = (highest < 0n ? 1n : highest + 1n).toString().padStart(min, '0');
  return next.length > max ? null : next;
}

/**
 * The text in front of the number Generate would pick for a format (`PRJ-ATLAS-` for `PRJ-{proj}-{seq}` with
 * proj ATLAS), normalised like the PO; null when the format numbers nothing automatically or a choice is missing
 * or wrong. The background asks Amazon for the POs with this prefix before it generates.
 */
export function sequencePrefix(
  policy: Policy,
  formatId: string,
  options: Omit<GenerateOptions, 'history'>,
): string | null {
  const format = findFormat(policy, formatId);
  if (!format) return null;
  const values = options.values ?? {};
  let po = '';
  for (const segment of format.segments) {
    if (segment.kind === 'literal') po += segment.text;
    else if (segment.kind === 'date') po += datePartValue(segment.part, options.now);
    else if (segment.kind === 'digits') {
      const given = ownText(values, segment.name).trim();
      if (!given) return po;
      po += given.padStart(segment.min, '0');
    } else {
      const value = normaliseWith(policy.caseInsensitive, ownText(values, segment.name).trim());
      if (!value) return null;
      po += value;
    }
  }
  return null;
}

/**
 * Builds a compliant PO for a format: dates from the local calendar date of `now`, list and text fields from
 * `values`, digits fields one past the highest number used before with the same text in front of them. When it
 * cannot, the problems as codes (lib/policy-words.ts generateText puts them in words).
 */
export function generatePo(policy: Policy, formatId: string, options: GenerateOptions): GenerateResult {
  const format = findFormat(policy, formatId);
  if (!format) return { ok: false, missing: [], problems: [{ code: 'no-format', formatId }] };
  const ci = policy.caseInsensitive;
  const values = options.values ?? {};
  const history = (options.history ?? []).map((entry) => normaliseWith(ci, entry));
  const missing: string[] = [];
  const missingLabels: string[] = [];
  const problems: GenerateProblem[] = [];
  let po = '';
  for (const segment of format.segments) {
    switch (segment.kind) {
      case 'literal':
        po += segment.text;
        break;
      case 'date':
        po += datePartValue(segment.part, options.now);
        break;
      case 'list':
      case 'text': {
        const raw = ownText(values, segment.name).trim();
        const value = normaliseWith(ci, raw);
        const ok = segment.kind === 'list' ? segment.codes.includes(value) : isValidText(segment, value);
        if (!raw) {
          missing.push(segment.name);
          missingLabels.push(segment.label);
        } else if (!ok) {
          missing.push(segment.name);
          problems.push(
            segment.kind === 'list'
              ? { code: 'not-a-code', value: raw, field: segment.label }
              : {
                  code: 'text-rule',
                  field: segment.label,
                  min: segment.min,
                  max: segment.max,
                  charset: segment.charset,
                },
          );
        }
        po += value;
        break;
      }
      case 'digits': {
        const given = ownText(values, segment.name).trim();
        if (given) {
          if (!DIGITS.test(given) || given.length > segment.max) {
            missing.push(segment.name);
            problems.push({ code: 'digits-rule', field: segment.label, min: segment.min, max: segment.max });
          }
          po += given.padStart(segment.min, '0');
          break;
        }
        // Numbering needs the text in front of it, which is incomplete until every choice is made.
        if (missing.length > 0 || problems.length > 0) break;
        const next = nextInSequence(po, segment.min, segment.max, history);
        if (next === null) {
          return { ok: false, missing: [], problems: [{ code: 'sequence-used', digits: segment.max, prefix: po }] };
        }
        po += next;
        break;
      }
    }
  }
  if (problems.length > 0) return { ok: false, missing, problems };
  if (missing.length > 0) return { ok: false, missing, problems: [{ code: 'choose-first', fields: missingLabels }] };
  const compiled = compilePolicy(policy);
  const maxLength = policy.maxLength;
  if (maxLength !== undefined && po.length > maxLength) {
    return { ok: false, missing: [], problems: [{ code: 'too-long', length: po.length, max: maxLength }] };
  }
  if (matchFormat(compiled, po) < 0) {
    return { ok: false, missing: [], problems: [{ code: 'no-valid-po', format: format.label }] };
  }
  return { ok: true, po };
}
