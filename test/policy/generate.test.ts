import { describe, expect, it } from 'vitest';
import { describeFormats } from '@/lib/policy/describe';
import { fieldsNeedingChoice, generatePo, type GenerateResult } from '@/lib/policy/generate';
import { generateText } from '@/lib/policy-words';
import { SAMPLE_POLICY } from '@/lib/policy/sample-policy';
import { validatePo } from '@/lib/policy/validate';
import { NOW, SEQ4, policyOf } from './helpers';

const sample = policyOf(SAMPLE_POLICY);

/** A result as the checkout hint shows it: a refusal in words (lib/policy-words.ts). */
const inWords = (result: GenerateResult) =>
  result.ok ? result : { ok: false, missing: result.missing, message: generateText(result.problems) };

describe('generatePo', () => {
  it.each<[string, string, Record<string, string>, string[], string]>([
    ['dates from now, first number', 'dept', { dept: 'MKT' }, [], 'MKT-202611-0001'],
    ['list codes in any case', 'dept', { dept: ' eng ' }, [], 'ENG-202611-0001'],
    [
      'one past the highest for the same prefix',
      'dept',
      { dept: 'MKT' },
      ['MKT-202611-0041', 'mkt-202611-0099 ', 'MKT-202611-0007'],
      'MKT-202611-0100',
    ],
    [
      'other prefixes do not count',
      'dept',
      { dept: 'MKT' },
      ['ENG-202611-0500', 'MKT-202610-0300', 'BPO-2026-MKT'],
      'MKT-202611-0001',
    ],
    [
      'history entries with the wrong number of digits do not count',
      'dept',
      { dept: 'MKT' },
      ['MKT-202611-12345', 'MKT-202611-99'],
      'MKT-202611-0001',
    ],
    ['text values', 'project', { proj: 'atlas' }, ['PRJ-ATLAS-0009', 'PRJ-ORION-0500'], 'PRJ-ATLAS-0010'],
    [
      'a digits value given by the user, padded',
      'dept',
      { dept: 'FIN', seq: '7' },
      ['FIN-202611-0100'],
      'FIN-202611-0007',
    ],
  ])('%s', (_, formatId, values, history, po) => {
    expect(inWords(generatePo(sample, formatId, { now: NOW, values, history }))).toEqual({ ok: true, po });
    expect(validatePo(sample, po, { now: NOW })).toMatchObject({ valid: true, formatId });
  });

  it('takes every built-in date part from the local calendar date of now', () => {
    const dates = policyOf({
      formats: [
        { id: 'd', template: '{yyyy}.{mm}.{dd}.Q{q}' },
        { id: 'y', template: '{yy}{mm}' },
      ],
    });
    expect(inWords(generatePo(dates, 'd', { now: new Date(2027, 0, 5, 23, 59) }))).toEqual({
      ok: true,
      po: '2027.01.05.Q1',
    });
    expect(inWords(generatePo(dates, 'd', { now: new Date(2026, 8, 30, 0, 1) }))).toEqual({
      ok: true,
      po: '2026.09.30.Q3',
    });
    expect(inWords(generatePo(dates, 'd', { now: new Date(2026, 9, 1) }))).toEqual({ ok: true, po: '2026.10.01.Q4' });
    expect(inWords(generatePo(dates, 'y', { now: new Date(2030, 11, 31, 23, 59) }))).toEqual({ ok: true, po: '3012' });
  });

  it('pads to minLength and grows up to maxLength', () => {
    const policy = policyOf({
      formats: [{ id: 'n', template: 'N{n}' }],
      fields: { n: { type: 'digits', minLength: 3, maxLength: 5 } },
    });
    expect(inWords(generatePo(policy, 'n', { now: NOW, history: [] }))).toEqual({ ok: true, po: 'N001' });
    expect(inWords(generatePo(policy, 'n', { now: NOW, history: ['N999'] }))).toEqual({ ok: true, po: 'N1000' });
    expect(inWords(generatePo(policy, 'n', { now: NOW, history: ['N99999'] }))).toEqual({
      ok: false,
      missing: [],
      message: 'Every 5-digit number after N has been used.',
    });
  });

  it('counts long sequences exactly', () => {
    const policy = policyOf({
      formats: [{ id: 'n', template: '{n}' }],
      fields: { n: { type: 'digits', minLength: 20, maxLength: 20 } },
    });
    expect(inWords(generatePo(policy, 'n', { now: NOW, history: ['12345678901234567890'] }))).toEqual({
      ok: true,
      po: '12345678901234567891',
    });
  });

  it('lists the choices still missing', () => {
    const policy = policyOf({
      formats: [{ id: 'a', template: '{dept}-{proj}-{seq}' }],
      fields: { dept: SAMPLE_POLICY.fields.dept, proj: SAMPLE_POLICY.fields.proj, seq: SEQ4 },
    });
    expect(inWords(generatePo(policy, 'a', { now: NOW, values: {} }))).toEqual({
      ok: false,
      missing: ['dept', 'proj'],
      message: 'Choose Department and Project code first.',
    });
    expect(inWords(generatePo(policy, 'a', { now: NOW, values: { dept: 'MKT', proj: '  ' } }))).toEqual({
      ok: false,
      missing: ['proj'],
      message: 'Choose Project code first.',
    });
  });

  it.each([
    [{ dept: 'XYZ' }, 'dept', '"XYZ" is not a Department code.'],
    [{ dept: 'MKT', seq: '12a' }, 'seq', 'Sequence number must be 4 digits.'],
  ])('refuses a value that does not fit: %j', (values, missing, message) => {
    expect(inWords(generatePo(sample, 'dept', { now: NOW, values }))).toEqual({
      ok: false,
      missing: [missing],
      message,
    });
  });

  it('refuses a text value that breaks the field rules', () => {
    expect(inWords(generatePo(sample, 'project', { now: NOW, values: { proj: 'AB' } }))).toEqual({
      ok: false,
      missing: ['proj'],
      message: 'Project code must be 3 to 8 characters from A-Z0-9.',
    });
  });

  it('refuses a PO longer than maxLength', () => {
    const policy = policyOf({ maxLength: 6, formats: [{ id: 'a', template: 'PO-{seq}' }], fields: { seq: SEQ4 } });
    expect(inWords(generatePo(policy, 'a', { now: NOW }))).toEqual({
      ok: false,
      missing: [],
      message: 'The PO would be 7 characters long; the limit is 6.',
    });
  });

  it('says when the format does not exist', () => {
    expect(inWords(generatePo(sample, 'nope', { now: NOW }))).toEqual({
      ok: false,
      missing: [],
      message: 'The policy has no PO format "nope".',
    });
  });
});

describe('fieldsNeedingChoice', () => {
  it('lists list and text fields in template order, with labels', () => {
    expect(fieldsNeedingChoice(sample, 'dept')).toEqual([
      {
        name: 'dept',
        label: 'Department',
        type: 'list',
        values: [
          { code: 'MKT', label: 'Marketing' },
          { code: 'ENG', label: 'Engineering' },
          { code: 'FIN', label: 'Finance' },
        ],
      },
    ]);
    expect(fieldsNeedingChoice(sample, 'project')).toEqual([
      { name: 'proj', label: 'Project code', type: 'text', charset: 'A-Z0-9', minLength: 3, maxLength: 8 },
    ]);
  });

  it('falls back to the name, capitalised, and to the code', () => {
    const policy = policyOf({
      formats: [{ id: 'a', template: '{site}' }],
      fields: { site: { type: 'list', values: [{ code: 'ber' }] } },
    });
    expect(fieldsNeedingChoice(policy, 'a')).toEqual([
      { name: 'site', label: 'Site', type: 'list', values: [{ code: 'BER', label: 'BER' }] },
    ]);
  });

  it('is empty for an unknown format', () => {
    expect(fieldsNeedingChoice(sample, 'nope')).toEqual([]);
  });
});

describe('describeFormats', () => {
  it('gives each format with its own example, or one generated for today', () => {
    const policy = policyOf({
      ...SAMPLE_POLICY,
      formats: [
        SAMPLE_POLICY.formats[0],
        { id: 'project', template: 'PRJ-{proj}-{seq}' },
        { id: 'q', label: 'Quarterly', template: 'Q{q}-{yy}' },
      ],
    });
    expect(describeFormats(policy, { now: NOW })).toEqual([
      { id: 'dept', label: 'Department order', template: '{dept}-{yyyy}{mm}-{seq}', example: 'MKT-202611-0042' },
      { id: 'project', label: 'project', template: 'PRJ-{proj}-{seq}', example: 'PRJ-ABC-0001' },
      { id: 'q', label: 'Quarterly', template: 'Q{q}-{yy}', example: 'Q4-26' },
    ]);
    for (const { example } of describeFormats(policy, { now: NOW }))
      expect(validatePo(policy, example, { now: NOW }).valid).toBe(true);
  });

  it("with `today`, gives today's example for a dated format and keeps the admin's example for an undated one", () => {
    const policy = policyOf({
      ...SAMPLE_POLICY,
      formats: [SAMPLE_POLICY.formats[0], { id: 'project', template: 'PRJ-{proj}-{seq}', example: 'PRJ-ATLAS-0007' }],
    });
    const december = new Date(2026, 11, 2, 9);
    expect(describeFormats(policy, { now: december, today: true }).map((format) => format.example)).toEqual([
      'MKT-202612-0001',
      'PRJ-ATLAS-0007',
    ]);
  });
});
