import { describe, expect, it } from 'vitest';
import { fixPo } from '@/lib/policy/fix';
import { SAMPLE_POLICY } from '@/lib/policy/sample-policy';
import { validatePo } from '@/lib/policy/validate';
import { NOW, policyOf } from './helpers';

const sample = policyOf(SAMPLE_POLICY);
const adjacent = policyOf({
  formats: [{ id: 'a', template: 'PRJ-{proj}{seq}' }],
  fields: {
    proj: { type: 'text', charset: 'A-Z', minLength: 2, maxLength: 5 },
    seq: { type: 'digits', minLength: 3, maxLength: 4 },
  },
});
const twoNumbers = policyOf({
  formats: [{ id: 'a', template: '{a}-{b}' }],
  fields: { a: { type: 'digits', minLength: 1, maxLength: 4 }, b: { type: 'digits', minLength: 1, maxLength: 4 } },
});
const caseSensitive = policyOf({
  caseInsensitive: false,
  formats: [{ id: 'a', template: 'Po-{c}' }],
  fields: { c: { type: 'list', values: [{ code: 'ab' }] } },
});
const twoFormats = policyOf({
  formats: [
    { id: 'dash', template: 'A-{n}' },
    { id: 'plain', template: 'A{n}' },
  ],
  fields: { n: { type: 'digits', minLength: 4, maxLength: 4 } },
});

describe('fixPo offers safe fixes', () => {
  it.each<[string, ReturnType<typeof policyOf>, string, string]>([
    ['case and surrounding spaces', sample, '  mkt-202611-0042 ', 'MKT-202611-0042'],
    ['wrong separators and zero padding', sample, 'MKT_202611_42', 'MKT-202611-0042'],
    ['spaces used as separators', sample, 'mkt 202611 0042', 'MKT-202611-0042'],
    ['spaces inside the date', sample, 'MKT 2026 11 0042', 'MKT-202611-0042'],
    ['a stray space inside a code', sample, 'M KT-202611-0042', 'MKT-202611-0042'],
    ['missing separators where the split is forced', sample, 'MKT2026110042', 'MKT-202611-0042'],
    ['typographic dashes', sample, 'MKT–202611—0042', 'MKT-202611-0042'],
    ['doubled separators', sample, 'MKT--202611--0042', 'MKT-202611-0042'],
    ['padding a short sequence', sample, 'MKT-202611-4', 'MKT-202611-0004'],
    ['the project format', sample, 'prj atlas 1', 'PRJ-ATLAS-0001'],
    ['a blanket PO written with spaces', sample, 'bpo 2026 mkt', 'BPO-2026-MKT'],
    ['text then digits, padded', adjacent, 'PRJ-AB12', 'PRJ-AB012'],
    ['text then digits, separator restored', adjacent, 'prj ab 123', 'PRJ-AB123'],
    ['punctuation marks the split', twoNumbers, '12_34', '12-34'],
    ['case-sensitive: separator only', caseSensitive, 'Po ab', 'Po-ab'],
    ['one format fits once the separator is read', twoFormats, 'A-42', 'A-0042'],
  ])('%s: %j → %j', (_, policy, input, fixed) => {
    expect(fixPo(policy, input, { now: NOW })).toBe(fixed);
    expect(validatePo(policy, fixed, { now: NOW }).valid).toBe(true);
  });

  it('returns a valid PO as it would be stored', () => {
    expect(fixPo(sample, ' prj-atlas-0001 ', { now: NOW })).toBe('PRJ-ATLAS-0001');
  });

  it('is what validatePo offers as the fix', () => {
    expect(validatePo(sample, 'MKT_202611_42', { now: NOW })).toMatchObject({ valid: false, fix: 'MKT-202611-0042' });
  });
});

describe('fixPo refuses to guess', () => {
  it.each<[string, ReturnType<typeof policyOf>, string]>([
    ['a code that is not in the list', sample, 'MKTG-202611-0042'],
    ['a month that does not exist', sample, 'MKT-202613-0042'],
    ['too many digits', sample, 'MKT-202611-00042'],
    ['a separator the template does not have', sample, 'MKT-2026-11-0042'],
    ['letters where digits belong (O for 0)', sample, 'MKT-2O2611-0042'],
    ['extra text', sample, 'MKT-202611-0042X'],
    ['leading punctuation', sample, '-MKT-202611-0042'],
    ['trailing punctuation', sample, 'MKT-202611-0042.'],
    ['a project code too short', sample, 'PRJ-AB-0001'],
    ['a letter outside ASCII', sample, 'mkt-202611-é042'],
    ['full-width digits', sample, 'MKT-202611-００４２'],
    ['an expired blanket PO', sample, 'BPO 2026 MKT'],
    ['nothing at all', sample, '   '],
    ['several splits of the same digits', twoNumbers, '1234'],
    ['spaces are stray, so they do not decide a split', twoNumbers, '12 34'],
    [
      'a split between text and digits that is not forced',
      policyOf({
        formats: [{ id: 'a', template: '{proj}{seq}' }],
        fields: {
          proj: { type: 'text', charset: 'A-Z0-9', minLength: 2, maxLength: 6 },
          seq: { type: 'digits', minLength: 4, maxLength: 4 },
        },
      }),
      'AB12 3',
    ],
    ['case in a case-sensitive policy', caseSensitive, 'po-ab'],
    ['a code typed in the wrong case when case matters', caseSensitive, 'Po-AB'],
    ['two formats both fit', twoFormats, 'A42'],
    ['two formats both fit, with a space', twoFormats, 'A 0042'],
  ])('%s: %j', (_, policy, input) => {
    const now = input.startsWith('BPO') ? new Date(2027, 1, 1) : NOW;
    expect(fixPo(policy, input, { now })).toBeNull();
  });

  it('gives up on long input (its speed is in npm run bench)', () => {
    expect(fixPo(sample, `${'MKT 2026 11 '.repeat(1_000)}`, { now: NOW })).toBeNull();
    expect(fixPo(sample, `MKT-${'1 '.repeat(5_000)}`, { now: NOW })).toBeNull();
  });
});
