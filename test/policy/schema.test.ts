import { describe, expect, it } from 'vitest';
import { parsePolicy, POLICY_CHOICES, POLICY_DEFAULTS, type PolicyProblem } from '@/lib/policy/schema';
import { SAMPLE_POLICY } from '@/lib/policy/sample-policy';
import { problemText } from '@/lib/policy-words';

const SEQ = { type: 'digits', minLength: 4, maxLength: 4 };

function problemsOf(input: unknown): PolicyProblem[] {
  const result = parsePolicy(input);
  if (result.ok) throw new Error('expected the policy to be rejected');
  return result.problems;
}

/** The problems in words, as the UIs show them (lib/policy-words.ts). */
function wordsOf(input: unknown): { path: string; message: string }[] {
  return problemsOf(input).map((problem) => ({ path: problem.path, message: problemText(problem) }));
}

describe('parsePolicy accepts', () => {
  it('the sample policy, as an object and as JSON text', () => {
    expect(parsePolicy(SAMPLE_POLICY)).toEqual({ ok: true, policy: SAMPLE_POLICY });
    expect(parsePolicy(JSON.stringify(SAMPLE_POLICY))).toEqual({ ok: true, policy: SAMPLE_POLICY });
  });

  it('a minimal policy, filling in the defaults', () => {
    expect(parsePolicy({ version: 1, formats: [{ id: 'a', template: 'ACME' }] })).toEqual({
      ok: true,
      policy: {
        version: 1,
        enforcement: 'warn',
        required: false,
        caseInsensitive: true,
        formats: [{ id: 'a', template: 'ACME' }],
        fields: {},
        reuse: 'warn',
      },
    });
  });

  it('text and digits fields with default lengths 1 to 64', () => {
    const result = parsePolicy({
      version: 1,
      formats: [{ id: 'a', template: '{t}-{n}' }],
      fields: { t: { type: 'text', charset: 'A-Z' }, n: { type: 'digits' } },
    });
    expect(result.ok && result.policy.fields).toEqual({
      t: { type: 'text', charset: 'A-Z', minLength: 1, maxLength: 64 },
      n: { type: 'digits', minLength: 1, maxLength: 64 },
    });
  });

  it('codes that differ only in case when the policy is case-sensitive', () => {
    const result = parsePolicy({
      version: 1,
      caseInsensitive: false,
      formats: [{ id: 'a', template: '{d}' }],
      fields: { d: { type: 'list', values: [{ code: 'MKT' }, { code: 'mkt' }] } },
    });
    expect(result.ok).toBe(true);
  });
});

describe("the schema's choices and defaults, for the editor", () => {
  it('offers what the schema accepts and shows the defaults parsePolicy fills in', () => {
    expect(POLICY_CHOICES).toEqual({
      enforcement: ['block', 'warn', 'off'],
      reuse: ['allow', 'warn', 'block'],
      fieldType: ['list', 'text', 'digits'],
    });
    const parsed = parsePolicy({
      version: 1,
      formats: [{ id: 'a', template: '{t}' }],
      fields: { t: { type: 'digits' } },
    });
    if (!parsed.ok) throw new Error('expected a valid policy');
    const { enforcement, required, caseInsensitive, reuse } = parsed.policy;
    const field = parsed.policy.fields.t!;
    expect(POLICY_DEFAULTS).toEqual({
      enforcement,
      required,
      caseInsensitive,
      reuse,
      fieldMinLength: field.type === 'digits' ? field.minLength : NaN,
      fieldMaxLength: field.type === 'digits' ? field.maxLength : NaN,
    });
  });
});

describe('parsePolicy rejects, naming the path and the problem', () => {
  it.each<[string, unknown, { path: string; message: unknown }[]]>([
    ['invalid JSON', '{ "version": 1, ', [{ path: '', message: expect.stringMatching(/^not valid JSON: /) }]],
    ['something other than an object', 42, [{ path: '', message: 'must be an object, not a whole number' }]],
    ['a missing formats list', { version: 1 }, [{ path: 'formats', message: 'is required' }]],
    [
      'an empty list code and an empty blanket PO, each with one problem (not also "plain ASCII")',
      {
        version: 1,
        formats: [{ id: 'a', template: '{dept}' }],
        fields: { dept: { type: 'list', values: [{ code: 'MKT' }, { code: '' }] } },
        blanketPos: [{ po: '', validFrom: '2026-01-01', validTo: '2026-12-31' }],
      },
      [
        { path: 'fields.dept.values[1].code', message: 'must not be empty' },
        { path: 'blanketPos[0].po', message: 'must not be empty' },
      ],
    ],
    [
      'an empty formats list',
      { version: 1, formats: [] },
      [{ path: 'formats', message: 'must have at least 1 entry' }],
    ],
    [
      'an unknown placeholder, with its column',
      {
        version: 1,
        formats: [
          { id: 'a', template: '{seq}' },
          { id: 'b', template: '{dpt}-{seq}' },
        ],
        fields: { seq: SEQ },
      },
      [{ path: 'formats[1].template', message: 'unknown field "dpt" at column 2' }],
    ],
    [
      'a built-in written in capitals',
      { version: 1, formats: [{ id: 'a', template: 'INV-{YYYY}' }] },
      [
        {
          path: 'formats[0].template',
          message: 'unknown field "YYYY" at column 6 (built-in placeholders are lower case: {yyyy})',
        },
      ],
    ],
    [
      'template syntax',
      { version: 1, formats: [{ id: 'a', template: 'A-{seq' }], fields: { seq: SEQ } },
      [{ path: 'formats[0].template', message: 'unclosed "{" at column 3' }],
    ],
    [
      'a duplicate code, ignoring case when the policy does',
      {
        version: 1,
        formats: [{ id: 'a', template: '{d}' }],
        fields: { d: { type: 'list', values: [{ code: 'MKT' }, { code: 'ENG' }, { code: 'mkt' }] } },
      },
      [{ path: 'fields.d.values[2].code', message: 'code "mkt" is listed twice (also code 1), ignoring case' }],
    ],
    [
      'a duplicate format id',
      {
        version: 1,
        formats: [
          { id: 'a', template: 'A{seq}' },
          { id: 'a', template: 'B{seq}' },
        ],
        fields: { seq: SEQ },
      },
      [{ path: 'formats[1].id', message: 'id "a" is already used by format 1' }],
    ],
    [
      'an example that is not valid, with the reason',
      {
        version: 1,
        formats: [{ id: 'd', label: 'Department order', template: 'D-{yyyy}{mm}-{seq}', example: 'D-202613-0042' }],
        fields: { seq: SEQ },
      },
      [
        {
          path: 'formats[0].example',
          message: '"D-202613-0042" is not a valid Department order: Date 202613: month 13 does not exist',
        },
      ],
    ],
    [
      'an example that fits another format only',
      {
        version: 1,
        formats: [
          { id: 'a', template: 'A{seq}' },
          { id: 'b', template: 'B{seq}', example: 'A0001' },
        ],
        fields: { seq: SEQ },
      },
      [
        {
          path: 'formats[1].example',
          message: '"A0001" is not valid for this format: Expected "B" at the start, found "A"',
        },
      ],
    ],
    [
      'an example longer than maxLength',
      {
        version: 1,
        maxLength: 5,
        formats: [{ id: 'a', template: 'ABC-{seq}', example: 'ABC-0001' }],
        fields: { seq: SEQ },
      },
      [
        {
          path: 'formats[0].example',
          message: '"ABC-0001" is not valid for this format: PO is 8 characters long; the limit is 5',
        },
      ],
    ],
    [
      'wrong types and values',
      { version: 2, enforcement: 'strict', required: 'yes', maxLength: 2.5, formats: {} },
      [
        { path: 'version', message: 'must be 1' },
        { path: 'enforcement', message: 'must be one of "block", "warn", "off"' },
        { path: 'required', message: 'must be true or false, not text' },
        { path: 'maxLength', message: 'must be a whole number, not a number' },
        { path: 'formats', message: 'must be a list, not an object' },
      ],
    ],
    [
      'unknown properties, each at its own path',
      { version: 1, formats: [{ id: 'a', lable: 'x', template: 'A' }], extra: true },
      [
        { path: 'formats[0].lable', message: 'unknown property "lable"' },
        { path: 'extra', message: 'unknown property "extra"' },
      ],
    ],
    [
      'an unknown field type',
      { version: 1, formats: [{ id: 'a', template: '{n}' }], fields: { n: { type: 'number' } } },
      [{ path: 'fields.n.type', message: 'must be one of "list", "text", "digits"' }],
    ],
    [
      'field names: built-in and malformed',
      { version: 1, formats: [{ id: 'a', template: 'A' }], fields: { yyyy: SEQ, '1x': SEQ } },
      [
        {
          path: 'fields["1x"]',
          message: 'field names are a letter, then letters, digits or _ (at most 32 characters)',
        },
        { path: 'fields.yyyy', message: '"yyyy" is a built-in placeholder; choose another field name' },
      ],
    ],
    [
      'field bounds',
      {
        version: 1,
        formats: [{ id: 'a', template: '{t}{n}' }],
        fields: {
          t: { type: 'text', charset: 'Z-A', minLength: 5, maxLength: 3 },
          n: { type: 'digits', maxLength: 65 },
        },
      },
      [
        { path: 'fields.n.maxLength', message: 'must be at most 64' },
        { path: 'fields.t.minLength', message: 'the shortest (5) is more than the longest (3)' },
        { path: 'fields.t.charset', message: 'range "Z-A" runs backwards' },
      ],
    ],
    [
      'list sizes and codes',
      {
        version: 1,
        formats: [{ id: 'a', template: '{l}{m}' }],
        fields: {
          l: { type: 'list', values: [{ code: 'X'.repeat(31) }, { code: 'A B' }] },
          m: { type: 'list', values: [] },
        },
      },
      [
        { path: 'fields.l.values[0].code', message: 'must be at most 30 characters long' },
        {
          path: 'fields.l.values[1].code',
          message: 'must be plain ASCII letters, digits or punctuation, without spaces',
        },
        { path: 'fields.m.values', message: 'must have at least 1 entry' },
      ],
    ],
    [
      'more than 500 codes',
      {
        version: 1,
        formats: [{ id: 'a', template: '{l}' }],
        fields: { l: { type: 'list', values: Array.from({ length: 501 }, (_, i) => ({ code: `C${i}` })) } },
      },
      [{ path: 'fields.l.values', message: 'must have at most 500 entries' }],
    ],
    [
      'more than 20 formats',
      { version: 1, formats: Array.from({ length: 21 }, (_, i) => ({ id: `f${i}`, template: 'A' })) },
      [{ path: 'formats', message: 'must have at most 20 entries' }],
    ],
    [
      'a template over 200 characters',
      { version: 1, formats: [{ id: 'a', template: 'A'.repeat(201) }] },
      [{ path: 'formats[0].template', message: 'must be at most 200 characters long' }],
    ],
    [
      'blanket PO dates',
      {
        version: 1,
        formats: [{ id: 'a', template: 'A' }],
        blanketPos: [
          { po: 'X', validFrom: '2026-12-31', validTo: '2026-01-01' },
          { po: 'Y', validFrom: '2026-02-30' },
          { po: 'Z', validTo: '2026/01/01' },
          { po: ' Q' },
        ],
      },
      [
        { path: 'blanketPos[1].validFrom', message: 'is not a real date' },
        { path: 'blanketPos[2].validTo', message: 'must be a date written YYYY-MM-DD' },
        { path: 'blanketPos[3].po', message: 'must be plain ASCII, without spaces at either end' },
        { path: 'blanketPos[0].validTo', message: '2026-01-01 is before the "valid from" date 2026-12-31' },
      ],
    ],
  ])('%s', (_, input, expected) => {
    expect(wordsOf(input)).toEqual(expected);
  });

  it('rejects formats too complex to check quickly, one by one and together', () => {
    const text = (maxLength: number) => ({ type: 'text', charset: 'A-Z0-9', minLength: 1, maxLength });
    const names = 'abcdefghij'.split('');
    const wide = Object.fromEntries(names.map((name) => [name, text(64)]));
    const tenFields = names.map((name) => `{${name}}`).join('');
    expect(problemsOf({ version: 1, formats: [{ id: 'a', template: tenFields }], fields: wide })).toEqual([
      { path: 'formats[0].template', code: 'too-complex', params: { work: 1_824_286, limit: 1_000_000 } },
    ]);
    expect(wordsOf({ version: 1, formats: [{ id: 'a', template: tenFields }], fields: wide })).toEqual([
      {
        path: 'formats[0].template',
        message:
          'too complex to check quickly: variable-length fields multiply the work (1,824,286 steps at worst, the limit is 1,000,000); give text and digits fields tighter minLength/maxLength',
      },
    ]);
    const formats = Array.from({ length: 20 }, (_, i) => ({ id: `f${i}`, template: `{a}{b}{c}${'X'.repeat(i)}` }));
    expect(wordsOf({ version: 1, formats, fields: wide })).toEqual([
      {
        path: 'formats',
        message: expect.stringMatching(/^too complex to check quickly: .* \(1,\d{3},\d{3} steps at worst/),
      },
    ]);
    const narrow = { a: text(8), b: text(8), c: text(8), d: text(8) };
    expect(parsePolicy({ version: 1, formats, fields: narrow }).ok).toBe(true);
  });

  it('gives the checks of meaning as codes with parameters, the schema path kept', () => {
    const problems = problemsOf({
      version: 1,
      formats: [
        { id: 'a', template: '{d}' },
        { id: 'a', template: '{d}' },
      ],
      fields: { d: { type: 'list', values: [{ code: 'MKT' }, { code: 'mkt' }] } },
    });
    expect(problems).toContainEqual(
      expect.objectContaining({ path: 'formats[1].id', code: 'duplicate-format-id', params: { id: 'a', first: 0 } }),
    );
    expect(problems).toContainEqual(
      expect.objectContaining({
        path: 'fields.d.values[1].code',
        code: 'duplicate-code',
        params: { value: 'mkt', first: 0, ignoringCase: true },
      }),
    );
  });

  it("gives an example's problem as a code with the validator's reason", () => {
    const [problem] = problemsOf({
      version: 1,
      formats: [{ id: 'd', label: 'Department order', template: 'D-{yyyy}{mm}', example: 'D-202613' }],
    });
    expect(problem).toMatchObject({
      path: 'formats[0].example',
      code: 'example-invalid',
      params: {
        example: 'D-202613',
        format: 'Department order',
        reason: { code: 'no-such-month', date: '202613', month: '13' },
      },
    });
  });

  it('reports every problem at once: structure, templates, codes and examples together', () => {
    const problems = wordsOf({
      version: 1,
      reuse: 'never',
      formats: [
        { id: 'a', template: '{seq' },
        { id: 'b', template: 'X{seq}', example: 'Y0001' },
        { id: 'c', template: '{dpt}' },
      ],
      fields: { seq: SEQ, d: { type: 'list', values: [{ code: 'A' }, { code: 'a' }] } },
    });
    expect(problems).toEqual([
      { path: 'reuse', message: 'must be one of "allow", "warn", "block"' },
      { path: 'fields.d.values[1].code', message: 'code "a" is listed twice (also code 1), ignoring case' },
      { path: 'formats[0].template', message: 'unclosed "{" at column 1' },
      {
        path: 'formats[1].example',
        message: '"Y0001" is not valid for this format: Expected "X" at the start, found "Y"',
      },
      { path: 'formats[2].template', message: 'unknown field "dpt" at column 2' },
    ]);
  });

  it('does not report a template as using an unknown field when the field is declared but broken', () => {
    expect(
      problemsOf({
        version: 1,
        formats: [{ id: 'a', template: '{seq}' }],
        fields: { seq: { type: 'digits', minLength: 0 } },
      }),
    ).toEqual([{ path: 'fields.seq.minLength', code: 'size', params: { of: 'number', bound: 'min', limit: 1 } }]);
  });
});
