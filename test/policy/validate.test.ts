import { describe, expect, it } from 'vitest';
import { activeBlanketPos } from '@/lib/policy/blanket';
import { compilePolicy } from '@/lib/policy/compile';
import { SAMPLE_POLICY } from '@/lib/policy/sample-policy';
import { validatePo, type PoVerdict } from '@/lib/policy/validate';
import { expectedText, verdictMessage } from '@/lib/policy-words';
import { NOW, SEQ4, policyOf } from './helpers';

const sample = policyOf(SAMPLE_POLICY);
type Rendered =
  | Extract<PoVerdict, { valid: true }>
  | (Omit<Extract<PoVerdict, { valid: false }>, 'expected'> & { message: string; expected?: string });
/** The verdict with its words, as lib/policy-words.ts renders them in English. */
const check = (input: string, policy = sample, now = NOW): Rendered => {
  const verdict = validatePo(policy, input, { now });
  if (verdict.valid) return verdict;
  return { ...verdict, message: verdictMessage(verdict), expected: verdict.expected && expectedText(verdict.expected) };
};

describe('validatePo: valid POs', () => {
  it.each([
    ['MKT-202611-0042', 'MKT-202611-0042', 'dept'],
    ['  mkt-202611-0042\t', 'MKT-202611-0042', 'dept'],
    ['FIN-209912-9999', 'FIN-209912-9999', 'dept'],
    ['prj-atlas-0001', 'PRJ-ATLAS-0001', 'project'],
    ['PRJ-X1Y2Z3W4-0100', 'PRJ-X1Y2Z3W4-0100', 'project'],
  ])('%j is %s (%s)', (input, value, formatId) => {
    expect(check(input)).toEqual({ valid: true, value, formatId });
  });
});

describe('validatePo: empty input', () => {
  const optional = policyOf({ ...SAMPLE_POLICY, required: false });
  it.each(['', '   ', '\t\n'])('%j is invalid when a PO is required', (input) => {
    expect(check(input)).toEqual({
      valid: false,
      code: 'empty',
      reason: { code: 'empty-required' },
      message: 'Enter a PO number — it is required.',
      formatId: null,
      fix: null,
    });
  });
  it.each(['', '   '])('%j is fine when a PO is optional', (input) => {
    expect(check(input, optional)).toEqual({ valid: true, value: '', formatId: null, empty: true });
  });
});

describe('validatePo: maxLength', () => {
  it('rejects a PO over the limit, counting the trimmed input', () => {
    expect(check('MKT-202611-0042-ABCDEFGHIJKLMNOPQ')).toMatchObject({
      valid: false,
      code: 'too-long',
      message: 'PO is 33 characters long; the limit is 30',
      position: 30,
    });
    const tight = policyOf({ ...SAMPLE_POLICY, maxLength: 15 });
    expect(check('   MKT-202611-0042   ', tight)).toMatchObject({ valid: true });
    expect(check('PRJ-ATLAS-0001X', tight)).toMatchObject({ code: 'mismatch' });
    expect(check('PRJ-ATLASES-0001', tight)).toMatchObject({
      code: 'too-long',
      message: 'PO is 16 characters long; the limit is 15',
    });
  });
});

describe('validatePo: codes with parameters, never sentences', () => {
  it('gives the list field, its codes and what was found', () => {
    expect(validatePo(sample, 'MKTG-202611-0042', { now: NOW })).toMatchObject({
      reason: { code: 'list-mismatch', field: 'Department', expected: ['MKT', 'ENG', 'FIN'], found: 'MKTG' },
      expected: { kind: 'list', field: 'Department', codes: ['MKT', 'ENG', 'FIN'] },
    });
  });
  it('says where by position, not in words', () => {
    expect(validatePo(sample, 'MKT-202611-42', { now: NOW })).toMatchObject({
      reason: {
        code: 'unexpected',
        expected: { kind: 'digits', min: 4, max: 4 },
        where: { at: 'separator', separator: '-', count: 2 },
        found: '42',
      },
    });
    expect(validatePo(sample, 'MKT-202613-0042', { now: NOW })).toMatchObject({
      reason: { code: 'no-such-month', date: '202613', month: '13' },
    });
    expect(validatePo(sample, 'MKT-202611-0042-ABCDEFGHIJKLMNOPQ', { now: NOW })).toMatchObject({
      reason: { code: 'too-long', length: 33, max: 30 },
    });
  });
});

describe('validatePo: diagnosis in words for a shopper', () => {
  it.each<[string, Partial<Rendered> & { message: string }]>([
    [
      'MKTG-202611-0042',
      {
        message: 'Department must be one of MKT, ENG, FIN — found MKTG',
        formatId: 'dept',
        position: 0,
        expected: 'one of MKT, ENG, FIN',
        found: 'MKTG',
      },
    ],
    ['MK', { message: 'Department must be one of MKT, ENG, FIN — found MK', position: 0, found: 'MK' }],
    ['-202611-0042', { message: 'Department must be one of MKT, ENG, FIN — found "-"', position: 0 }],
    [
      'MKT-202613-0042',
      { message: 'Date 202613: month 13 does not exist', formatId: 'dept', position: 4, found: '202613' },
    ],
    ['MKT-202600-0042', { message: 'Date 202600: month 00 does not exist', position: 4 }],
    [
      'MKT_202611_0042',
      { message: 'Expected "-" after MKT, found "_"', formatId: 'dept', position: 3, expected: '-', found: '_' },
    ],
    ['MKT2026110042', { message: 'Expected "-" after MKT, found "2"', position: 3 }],
    ['MKT-202611/0042', { message: 'Expected "-" after 202611, found "/"', position: 10 }],
    [
      'PJR-ATLAS-0001',
      {
        message: 'Expected "PRJ-" at the start, found "PJR-"',
        formatId: 'project',
        position: 0,
        expected: 'PRJ-',
        found: 'PJR-',
      },
    ],
    ['PRJ-ABC_0001', { message: 'Expected "-" after ABC, found "_"', formatId: 'project', position: 7 }],
    [
      'MKT-202611-42',
      { message: 'Expected 4 digits after the second dash, found 42', position: 11, expected: '4 digits', found: '42' },
    ],
    ['MKT-202611-42X', { message: 'Expected 4 digits after the second dash, found 42', position: 11 }],
    ['MKT-202611-00042', { message: 'Expected 4 digits after the second dash, found 00042', position: 11 }],
    ['MKT-202611-ABCD', { message: 'Expected 4 digits after the second dash, found ABCD', position: 11 }],
    ['PRJ-ATLAS-12', { message: 'Expected 4 digits after the second dash, found 12', formatId: 'project' }],
    ['MKT-202611-', { message: 'PO ends too early: expected 4 digits after the second dash', position: 11, found: '' }],
    ['ENG-', { message: 'PO ends too early: expected a date as YYYYMM after the first dash', position: 4 }],
    ['PRJ', { message: 'PO ends too early: expected "PRJ-" at the start', position: 0 }],
    ['PRJ-', { message: 'PO ends too early: expected Project code (3 to 8 characters from A-Z0-9) after "PRJ-"' }],
    [
      'MKT-2026-0042',
      { message: 'Expected a date as YYYYMM after the first dash, found 2026', position: 4, expected: 'YYYYMM' },
    ],
    ['MKT-2026111-0042', { message: 'Expected a date as YYYYMM after the first dash, found 2026111', position: 4 }],
    [
      'PRJ-AB-0001',
      { message: 'Project code must be 3 to 8 characters from A-Z0-9 — found AB', formatId: 'project', position: 4 },
    ],
    [
      'PRJ-ABCDEFGHI-0001',
      { message: 'Project code must be 3 to 8 characters from A-Z0-9 — found ABCDEFGHI', position: 4 },
    ],
    [
      'MKT-202611-0042X',
      {
        message: 'Unexpected "X" after the end of a Department order (MKT-202611-0042)',
        formatId: 'dept',
        position: 15,
        found: 'X',
      },
    ],
    [
      'PRJ-ATLAS-0001 EXTRA',
      { message: 'Unexpected " EXTRA" after the end of a Project order (PRJ-ATLAS-0001)', position: 14 },
    ],
    ['hello', { message: 'Department must be one of MKT, ENG, FIN — found HELLO', formatId: 'dept' }],
  ])('%j: %s', (input, expected) => {
    expect(check(input)).toMatchObject({ valid: false, code: 'mismatch', ...expected });
  });

  const dates = policyOf({
    formats: [
      { id: 'iso', label: 'Invoice order', template: 'INV-{yyyy}{mm}{dd}' },
      { id: 'uk', template: 'UK{dd}/{mm}/{yy}' },
      { id: 'md', template: 'MD{mm}{dd}' },
      { id: 'q', template: 'Q{q}-{yyyy}' },
    ],
  });
  it.each([
    ['INV-20260230', 'Date 20260230: February 2026 has 28 days'],
    ['INV-20250229', 'Date 20250229: February 2025 has 28 days'],
    ['INV-20261301', 'Date 20261301: month 13 does not exist'],
    ['INV-20260431', 'Date 20260431: April 2026 has 30 days'],
    ['INV-20260132', 'Date 20260132: day 32 does not exist'],
    ['INV-20260100', 'Date 20260100: day 00 does not exist'],
    ['UK29/02/25', 'Date 29/02/25: February 2025 has 28 days'],
    ['UK31/04/26', 'Date 31/04/26: April 2026 has 30 days'],
    ['MD0230', 'Date 0230: February has at most 29 days'],
    ['Q5-2026', 'Quarter 5 does not exist: use 1 to 4'],
    ['INV-2026023', 'Expected a date as YYYYMMDD after "INV-", found 2026023'],
  ])('%j: %s', (input, message) => {
    expect(check(input, dates)).toMatchObject({ valid: false, code: 'mismatch', message });
  });

  it('names a long list by its label instead of listing every code', () => {
    const many = policyOf({
      formats: [{ id: 'd', template: '{dept}-{seq}' }],
      fields: {
        dept: {
          type: 'list',
          label: 'Department',
          values: Array.from({ length: 12 }, (_, i) => ({ code: `D${i + 10}` })),
        },
        seq: SEQ4,
      },
    });
    expect(check('X10-0001', many)).toMatchObject({
      message: 'Department must be a department code (e.g. D10, D11, D12, …) — found X10',
    });
  });

  it('uses the field name, capitalised, when a field has no label', () => {
    const bare = policyOf({
      formats: [{ id: 'd', template: '{dept}-{seq}' }],
      fields: { dept: { type: 'list', values: [{ code: 'A' }] }, seq: SEQ4 },
    });
    expect(check('B-0001', bare)).toMatchObject({ message: 'Dept must be one of A — found B' });
  });

  it.each([
    ['MKT–202611–0042', 'Expected "-" after MKT, found "–"'],
    ['MKT-2026é1-0042', 'Expected a date as YYYYMM after the first dash, found "2026é"'],
    ['MKT-202611-00４2', 'Expected 4 digits after the second dash, found "00４"'],
    ['ＭＫＴ-202611-0042', 'Department must be one of MKT, ENG, FIN — found "Ｍ"'],
    ['😀', 'Department must be one of MKT, ENG, FIN — found "😀"'],
  ])('non-ASCII input %j fails cleanly: %s', (input, message) => {
    expect(check(input)).toMatchObject({ valid: false, code: 'mismatch', message });
  });
});

describe('validatePo: matching', () => {
  const prefixCodes = policyOf({
    formats: [{ id: 'a', template: '{lang}{n}' }],
    fields: {
      lang: { type: 'list', values: [{ code: 'EN' }, { code: 'ENG' }, { code: 'E' }] },
      n: { type: 'digits', minLength: 1, maxLength: 3 },
    },
  });
  const adjacent = policyOf({
    formats: [{ id: 'a', template: 'PRJ-{proj}{seq}' }],
    fields: {
      proj: { type: 'text', charset: 'A-Z', minLength: 2, maxLength: 5 },
      seq: { type: 'digits', minLength: 3, maxLength: 4 },
    },
  });
  const greedyText = policyOf({
    formats: [{ id: 'a', template: '{code}{n}' }],
    fields: {
      code: { type: 'text', charset: 'A-Z0-9', minLength: 1, maxLength: 10 },
      n: { type: 'digits', minLength: 4, maxLength: 4 },
    },
  });
  const sharedPrefix = policyOf({
    formats: [
      { id: 'short', template: 'AB-{n}' },
      { id: 'x', template: 'AB-X{n}' },
      { id: 'xy', template: 'AB-XY-{n}' },
    ],
    fields: { n: { type: 'digits', minLength: 2, maxLength: 2 } },
  });
  const dates = policyOf({
    formats: [
      { id: 'ymd', template: '{yyyy}{mm}{dd}' },
      { id: 'dmy', template: 'D{dd}.{mm}.{yy}' },
      { id: 'md', template: 'M{mm}{dd}' },
      { id: 'dm', template: 'R{dd}{mm}' },
      { id: 'q', template: 'Q{q}' },
    ],
  });
  const caseSensitive = policyOf({
    caseInsensitive: false,
    formats: [{ id: 'a', template: 'Po-{c}-{t}' }],
    fields: {
      c: { type: 'list', values: [{ code: 'ab' }, { code: 'AB' }] },
      t: { type: 'text', charset: 'a-z', minLength: 1, maxLength: 3 },
    },
  });
  const braces = policyOf({
    formats: [{ id: 'a', template: '{{{n}}}' }],
    fields: { n: { type: 'digits', minLength: 2, maxLength: 2 } },
  });

  it.each<[string, ReturnType<typeof policyOf>, string, string | null]>([
    ['codes that are prefixes of each other: EN', prefixCodes, 'EN1', 'a'],
    ['codes that are prefixes of each other: ENG', prefixCodes, 'ENG12', 'a'],
    ['codes that are prefixes of each other: E', prefixCodes, 'E123', 'a'],
    ['codes that are prefixes of each other: ENGL', prefixCodes, 'ENGL1', null],
    ['adjacent text and digits, shortest split', adjacent, 'PRJ-AB123', 'a'],
    ['adjacent text and digits, longest split', adjacent, 'PRJ-ABCDE1234', 'a'],
    ['adjacent text and digits, text too short', adjacent, 'PRJ-A123', null],
    ['adjacent text and digits, text too long', adjacent, 'PRJ-ABCDEF123', null],
    ['a text field that could swallow the digits', greedyText, 'A1B20042', 'a'],
    ['a text field that could swallow the digits, too few left', greedyText, 'A1B2004', 'a'],
    ['a text field that could swallow the digits, none left', greedyText, '004', null],
    ['shared prefix: first format', sharedPrefix, 'AB-12', 'short'],
    ['shared prefix: second format', sharedPrefix, 'AB-X12', 'x'],
    ['shared prefix: third format', sharedPrefix, 'AB-XY-12', 'xy'],
    ['shared prefix: none', sharedPrefix, 'AB-XY12', null],
    ['Feb 29 in a leap year', dates, '20240229', 'ymd'],
    ['Feb 29 in 2000', dates, '20000229', 'ymd'],
    ['Feb 29 in 2100', dates, '21000229', null],
    ['Feb 29 in a common year', dates, '20260229', null],
    ['Feb 28 in a common year', dates, '20260228', 'ymd'],
    ['Dec 31', dates, '20261231', 'ymd'],
    ['Apr 31', dates, '20260431', null],
    ['month 00', dates, '20260001', null],
    ['day 00', dates, '20260100', null],
    ['day first, leap year known last', dates, 'D29.02.24', 'dmy'],
    ['day first, common year known last', dates, 'D29.02.26', null],
    ['no year in the template: Feb 29 allowed', dates, 'M0229', 'md'],
    ['no year in the template: Feb 30 never', dates, 'M0230', null],
    ['day before month, no year', dates, 'R2902', 'dm'],
    ['day before month, Apr 31', dates, 'R3104', null],
    ['quarter 4', dates, 'Q4', 'q'],
    ['quarter 0', dates, 'Q0', null],
    ['case-sensitive: exact code and text', caseSensitive, 'Po-ab-xyz', 'a'],
    ['case-sensitive: the other code', caseSensitive, 'Po-AB-x', 'a'],
    ['case-sensitive: literal case differs', caseSensitive, 'PO-ab-x', null],
    ['case-sensitive: code case differs', caseSensitive, 'Po-Ab-x', null],
    ['case-sensitive: text case differs', caseSensitive, 'Po-ab-X', null],
    ['escaped braces', braces, '{12}', 'a'],
    ['escaped braces missing', braces, '12', null],
  ])('%s: %j', (_, policy, input, formatId) => {
    const verdict = check(input, policy);
    if (formatId === null) expect(verdict.valid).toBe(false);
    else expect(verdict).toMatchObject({ valid: true, formatId });
  });

  it('keeps the input as typed (only trimmed) when case-sensitive', () => {
    expect(check(' Po-ab-xyz ', caseSensitive)).toEqual({ valid: true, value: 'Po-ab-xyz', formatId: 'a' });
  });

  it('refuses to compile a policy that parsePolicy would reject, saying why', () => {
    const broken = { ...sample, formats: [{ id: 'a', template: '{nope}' }] };
    expect(() => validatePo(broken, 'X', { now: NOW })).toThrow(
      'formats[0].template: unknown field "nope" at column 2',
    );
  });

  it('compiles a policy once and reuses it', () => {
    expect(compilePolicy(sample)).toBe(compilePolicy(sample));
    expect(compilePolicy(policyOf(SAMPLE_POLICY))).not.toBe(compilePolicy(sample));
  });

  // Speed is measured by `npm run bench` (timed assertions flake on a loaded machine); these check the answers.
  it('answers a 10,000-character input, with or without maxLength', () => {
    const { maxLength: _unused, ...unbounded } = sample;
    const inputs = ['PRJ-' + 'A'.repeat(9_990) + '-0001', 'M'.repeat(10_000), '1'.repeat(10_000)];
    for (const input of inputs) {
      expect(check(input)).toMatchObject({ valid: false, code: 'too-long' });
      expect(check(input, unbounded)).toMatchObject({ valid: false, code: 'mismatch' });
    }
  });

  it('answers under the most expensive policy the limits allow', () => {
    const text = { type: 'text', charset: 'A-Z0-9', minLength: 1, maxLength: 40 };
    const hostile = policyOf({
      formats: Array.from({ length: 20 }, (_, i) => ({ id: `f${i}`, template: `{a}{b}{c}${'X'.repeat(i)}` })),
      fields: { a: text, b: text, c: { type: 'digits', minLength: 1, maxLength: 40 } },
    });
    const inputs = ['A'.repeat(120), '1'.repeat(121), 'A1'.repeat(60), `${'A'.repeat(119)}XX`, 'A'.repeat(10_000)];
    inputs.forEach((input, i) => {
      expect(check(`${input}${i}`, hostile).valid).toBe(false);
    });
  });
});

describe('blanket POs', () => {
  it('are valid on their dates, in any case, whether or not they fit a format', () => {
    expect(check('BPO-2026-MKT')).toEqual({ valid: true, value: 'BPO-2026-MKT', formatId: null, blanket: true });
    expect(check(' bpo-2026-mkt ')).toEqual({ valid: true, value: 'BPO-2026-MKT', formatId: null, blanket: true });
  });

  it.each([
    ['before it starts', new Date(2025, 11, 31, 23, 59)],
    ['after it ends', new Date(2027, 0, 1, 0, 0)],
  ])('are invalid %s, saying when they are valid', (_, now) => {
    expect(check('BPO-2026-MKT', sample, now)).toMatchObject({
      valid: false,
      code: 'blanket-expired',
      message: 'Blanket PO BPO-2026-MKT is valid from 2026-01-01 to 2026-12-31',
      formatId: null,
      fix: null,
    });
  });

  it('are decided by their dates even when they also fit a format', () => {
    const policy = policyOf({ ...SAMPLE_POLICY, blanketPos: [{ po: 'MKT-202601-0001', validTo: '2026-06-30' }] });
    expect(check('MKT-202601-0001', policy)).toMatchObject({
      code: 'blanket-expired',
      message: 'Blanket PO MKT-202601-0001 was valid until 2026-06-30',
    });
    expect(check('MKT-202601-0001', policy, new Date(2026, 5, 30, 23, 0))).toMatchObject({
      valid: true,
      blanket: true,
    });
  });

  it('activeBlanketPos lists those valid on the local date of now, ends included', () => {
    const policy = policyOf({
      ...SAMPLE_POLICY,
      blanketPos: [
        { po: 'OPEN' },
        { po: 'Y2026', validFrom: '2026-01-01', validTo: '2026-12-31' },
        { po: 'LATER', validFrom: '2026-11-25' },
      ],
    });
    const names = (now: Date) => activeBlanketPos(policy, now).map((entry) => entry.po);
    expect(names(NOW)).toEqual(['OPEN', 'Y2026']);
    expect(names(new Date(2026, 10, 25, 0, 0))).toEqual(['OPEN', 'Y2026', 'LATER']);
    expect(names(new Date(2026, 11, 31, 23, 59))).toEqual(['OPEN', 'Y2026', 'LATER']);
    expect(names(new Date(2027, 0, 1))).toEqual(['OPEN', 'LATER']);
  });
});
