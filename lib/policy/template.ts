/**
 * The template grammar: literal text and `{name}` placeholders; `{{` and `}}` are literal braces.
 * Templates are plain printable ASCII (policy text is matched against what shoppers type into Amazon's field).
 */

export type BuiltinPart = 'yyyy' | 'yy' | 'mm' | 'dd' | 'q';

export const BUILTIN_PARTS: readonly BuiltinPart[] = ['yyyy', 'yy', 'mm', 'dd', 'q'];

export function isBuiltinPart(name: string): name is BuiltinPart {
  return (BUILTIN_PARTS as readonly string[]).includes(name);
}

/** A piece of a template. `column` is 1-based: the first literal character, or the first letter of a name. */
export type TemplateSegment =
  | { kind: 'literal'; text: string; column: number }
  | { kind: 'date'; part: BuiltinPart; column: number }
  | { kind: 'field'; name: string; column: number };

/** Why a template cannot be read, as a code with parameters (lib/policy-words.ts puts it in words). */
export type TemplateProblem =
  | { code: 'brace-in-name' }
  | { code: 'bad-name-char'; char: string }
  | { code: 'unclosed' }
  | { code: 'empty-placeholder' }
  | { code: 'repeated'; name: string }
  | { code: 'year-twice' }
  | { code: 'unmatched-close' }
  /** `char` as typed, or `U+0009` for a control character. */
  | { code: 'not-ascii'; char: string }
  | { code: 'empty' }
  | { code: 'leading-space' }
  | { code: 'trailing-space' };

export type TemplateParseResult =
  { ok: true; segments: TemplateSegment[] } | { ok: false; column: number; problem: TemplateProblem };

const NAME_START = /^[A-Za-z]$/;
const NAME_CHAR = /^[A-Za-z0-9_]$/;

function printableAscii(code: number): boolean {
  return code >= 0x20 && code <= 0x7e;
}

function fail(column: number, problem: TemplateProblem): TemplateParseResult {
  return { ok: false, column, problem };
}

/**
 * Parse a template into segments (adjacent literal text merged). Besides syntax, rejects what would make a
 * template ambiguous to read back: the same placeholder twice, and {yyyy} together with {yy}.
 */
export function parseTemplate(template: string): TemplateParseResult {
  const segments: TemplateSegment[] = [];
  const seen = new Set<string>();
  let literal = '';
  let literalColumn = 0;
  const flushLiteral = () => {
    if (literal) segments.push({ kind: 'literal', text: literal, column: literalColumn });
    literal = '';
  };
  const addLiteral = (text: string, column: number) => {
    if (!literal) literalColumn = column;
    literal += text;
  };

  let i = 0;
  while (i < template.length) {
    const ch = template[i]!;
    const column = i + 1;
    if (ch === '{') {
      if (template[i + 1] === '{') {
        addLiteral('{', column);
        i += 2;
        continue;
      }
      let j = i + 1;
      while (j < template.length && template[j] !== '}') {
        const c = template[j]!;
        const ok = j === i + 1 ? NAME_START.test(c) : NAME_CHAR.test(c);
        if (!ok) {
          if (c === '{') return fail(j + 1, { code: 'brace-in-name' });
          return fail(j + 1, { code: 'bad-name-char', char: c });
        }
        j++;
      }
      if (j >= template.length) return fail(column, { code: 'unclosed' });
      const name = template.slice(i + 1, j);
      if (!name) return fail(column, { code: 'empty-placeholder' });
      const nameColumn = column + 1;
      if (seen.has(name)) return fail(nameColumn, { code: 'repeated', name });
      if ((name === 'yy' && seen.has('yyyy')) || (name === 'yyyy' && seen.has('yy'))) {
        return fail(nameColumn, { code: 'year-twice' });
      }
      seen.add(name);
      flushLiteral();
      segments.push(
        isBuiltinPart(name)
          ? { kind: 'date', part: name, column: nameColumn }
          : { kind: 'field', name, column: nameColumn },
      );
      i = j + 1;
      continue;
    }
    if (ch === '}') {
      if (template[i + 1] === '}') {
        addLiteral('}', column);
        i += 2;
        continue;
      }
      return fail(column, { code: 'unmatched-close' });
    }
    if (!printableAscii(ch.charCodeAt(0))) {
      const shown = ch.charCodeAt(0) < 0x20 ? `U+${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}` : ch;
      return fail(column, { code: 'not-ascii', char: shown });
    }
    addLiteral(ch, column);
    i++;
  }
  flushLiteral();
  if (segments.length === 0) return fail(1, { code: 'empty' });
  // POs are trimmed before they are checked, so a space at either end could never match.
  if (/^\s/.test(template)) return fail(1, { code: 'leading-space' });
  if (/\s$/.test(template)) return fail(template.length, { code: 'trailing-space' });
  return { ok: true, segments };
}
