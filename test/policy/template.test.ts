import { describe, expect, it } from 'vitest';
import { parseTemplate } from '@/lib/policy/template';
import { parseCharset } from '@/lib/policy/charset';
import { problemText, templateProblemText } from '@/lib/policy-words';

describe('parseTemplate', () => {
  it.each([
    [
      '{dept}-{yyyy}{mm}-{seq}',
      [
        { kind: 'field', name: 'dept', column: 2 },
        { kind: 'literal', text: '-', column: 7 },
        { kind: 'date', part: 'yyyy', column: 9 },
        { kind: 'date', part: 'mm', column: 15 },
        { kind: 'literal', text: '-', column: 18 },
        { kind: 'field', name: 'seq', column: 20 },
      ],
    ],
    [
      'PRJ-{proj}',
      [
        { kind: 'literal', text: 'PRJ-', column: 1 },
        { kind: 'field', name: 'proj', column: 6 },
      ],
    ],
    [
      '{{{n}}}',
      [
        { kind: 'literal', text: '{', column: 1 },
        { kind: 'field', name: 'n', column: 4 },
        { kind: 'literal', text: '}', column: 6 },
      ],
    ],
    ['A{{B}}C', [{ kind: 'literal', text: 'A{B}C', column: 1 }]],
    [
      'Q{q}/{yy}{dd}',
      [
        { kind: 'literal', text: 'Q', column: 1 },
        { kind: 'date', part: 'q', column: 3 },
        { kind: 'literal', text: '/', column: 5 },
        { kind: 'date', part: 'yy', column: 7 },
        { kind: 'date', part: 'dd', column: 11 },
      ],
    ],
  ])('parses %s', (template, segments) => {
    expect(parseTemplate(template)).toEqual({ ok: true, segments });
  });

  it.each([
    ['{dept', 1, 'unclosed "{" at column 1'],
    ['AB-{seq', 4, 'unclosed "{" at column 4'],
    ['AB}', 3, '"}" has no matching "{" (write "}}" for a literal brace) at column 3'],
    ['A-{}', 3, 'empty placeholder "{}" at column 3'],
    ['{a b}', 3, 'character " " cannot be part of a placeholder name at column 3'],
    ['{1x}', 2, 'character "1" cannot be part of a placeholder name at column 2'],
    ['{a{b}}', 3, 'unexpected "{" inside a placeholder at column 3'],
    ['{seq}-{seq}', 8, 'placeholder {seq} appears twice at column 8'],
    ['{yyyy}{yy}', 8, 'use either {yyyy} or {yy}, not both at column 8'],
    ['MKT–{seq}', 4, 'character "–" is not allowed (use plain ASCII letters, digits and punctuation) at column 4'],
    ['', 1, 'the template is empty'],
    [' PO-{seq}', 1, 'a template cannot start with a space at column 1'],
    ['PO-{seq} ', 9, 'a template cannot end with a space at column 9'],
  ])('rejects %j at column %i', (template, column, message) => {
    const result = parseTemplate(template);
    expect(result).toMatchObject({ ok: false, column });
    expect(!result.ok && templateProblemText(result)).toBe(message);
  });
});

describe('parseCharset', () => {
  const chars = (spec: string, upper = false) => {
    const result = parseCharset(spec, upper);
    return result.ok ? result.chars : problemText({ path: '', code: 'charset', params: result.problem });
  };

  it.each([
    ['A-Z0-9', false, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'],
    ['A-C_', false, 'ABC_'],
    ['-A-C', false, '-ABC'],
    ['A-C-', false, 'ABC-'],
    ['a-c', true, 'ABC'],
    ['a-cA', true, 'ABC'],
    ['a-c', false, 'abc'],
  ])('%s (upper-cased: %s) allows %s', (spec, upper, expected) => {
    expect(chars(spec, upper)).toBe(expected);
  });

  it.each([
    ['Z-A', 'range "Z-A" runs backwards'],
    ['A-É', 'character "É" at position 3 is not plain ASCII'],
    ['', 'the character set is empty'],
    ['A-Z ', 'a space cannot be part of the character set'],
    [' -Z', 'a space cannot be part of the character set'],
  ])('rejects %j', (spec, message) => {
    expect(chars(spec)).toBe(message);
  });
});
