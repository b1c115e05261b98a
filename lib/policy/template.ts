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

export type TemplateParseResult =
  { ok: true; segments: TemplateSegment[] } | { ok: false; column: number; message: string };

const NAME_START = /^[A-Za-z]$/;
const NAME_CHAR = /^[A-Za-z0-9_]$/;

function printableAscii(code: number): boolean {
  return code >= 0x20 && code <= 0x7e;
}

function fail(column: number, message: string): TemplateParseResult {
  return { ok: false, column, message: `${message} at column ${column}` };
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
          if (c === '{') return fail(j + 1, `unexpected "{" inside a placeholder`);
          return fail(j + 1, `character "${c}" cannot be part of a placeholder name`);
        }
        j++;
      }
      if (j >= template.length) return fail(column, 'unclosed "{"');
      const name = template.slice(i + 1, j);
      if (!name) return fail(column, 'empty placeholder "{}"');
      const nameColumn = column + 1;
      if (seen.has(name)) return fail(nameColumn, `placeholder {${name}} appears twice`);
      if ((name === 'yy' && seen.has('yyyy')) || (name === 'yyyy' && seen.has('yy'))) {
        return fail(nameColumn, 'use either {yyyy} or {yy}, not both');
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
      return fail(column, '"}" has no matching "{" (write "}}" for a literal brace)');
    }
    if (!printableAscii(ch.charCodeAt(0))) {
      const shown = ch.charCodeAt(0) < 0x20 ? `U+${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}` : ch;
      return fail(column, `character "${shown}" is not allowed (use plain ASCII letters, digits and punctuation)`);
    }
    addLiteral(ch, column);
    i++;
  }
  flushLiteral();
  if (segments.length === 0) return { ok: false, column: 1, message: 'the template is empty' };
  // POs are trimmed before they are checked, so a space at either end could never match.
  if (/^\s/.test(template)) return fail(1, 'a template cannot start with a space');
  if (/\s$/.test(template)) return fail(template.length, 'a template cannot end with a space');
  return { ok: true, segments };
}
