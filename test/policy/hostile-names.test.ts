import { describe, expect, it } from 'vitest';
import { parsePolicy, LIMITS, type Policy } from '@/lib/policy/schema';
import { compilePolicy, toMatcherSpec } from '@/lib/policy/compile';
import { describeFormats } from '@/lib/policy/describe';
import { generatePo } from '@/lib/policy/generate';
import { validatePo } from '@/lib/policy/validate';
import { fixPo } from '@/lib/policy/fix';
import { problemText } from '@/lib/policy-words';
import { NOW } from './helpers';

const PROTOTYPE_NAMES = [
  'constructor',
  'valueOf',
  'toString',
  'hasOwnProperty',
  'isPrototypeOf',
  'toLocaleString',
  '__proto__',
];
const LIST = { type: 'list', values: [{ code: 'MKT' }, { code: 'ENG' }] };

/** A policy built without parsePolicy, as a stored or hand-made one may be: the engine must not trust names. */
function rawPolicy(name: string): Policy {
  const fields: Record<string, unknown> = {};
  Object.defineProperty(fields, name, { value: LIST, enumerable: true, configurable: true, writable: true });
  return {
    version: 1,
    enforcement: 'block',
    required: false,
    caseInsensitive: true,
    formats: [
      { id: 'a', template: `{${name}}-{seq}` },
      { id: 'b', template: 'PRJ-{seq}' },
    ],
    fields: { ...fields, seq: { type: 'digits', minLength: 4, maxLength: 4 } } as Policy['fields'],
    reuse: 'warn',
  };
}

describe('field names that are Object.prototype names', () => {
  for (const name of PROTOTYPE_NAMES) {
    it(`"${name}" is refused by parsePolicy with a plain problem at the field`, () => {
      const text = `{"version":1,"formats":[{"id":"a","template":"{${name}}-1"}],"fields":{"${name}":${JSON.stringify(LIST)}}}`;
      const result = parsePolicy(text);
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.problems).toContainEqual({ path: `fields.${name}`, code: 'reserved-name', params: { name } });
      expect(result.problems.map(problemText)).toContain(`"${name}" is a reserved name; choose another field name`);
    });
  }

  for (const name of ['constructor', 'valueOf', 'toString', 'hasOwnProperty']) {
    it(`"${name}" as a template placeholder without such a field is an unknown field, not an inherited one`, () => {
      const result = parsePolicy({ version: 1, formats: [{ id: 'a', template: `{${name}}` }] });
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.problems.map(problemText).join(' ')).toContain(`unknown field "${name}"`);
    });

    it(`a policy using "${name}" never calls an inherited function in generate, describe, validate or fix`, () => {
      const policy = rawPolicy(name);
      expect(generatePo(policy, 'a', { now: NOW })).toMatchObject({ ok: false, missing: [name] });
      expect(generatePo(policy, 'a', { now: NOW, values: { [name]: 'mkt' } })).toEqual({ ok: true, po: 'MKT-0001' });
      expect(describeFormats(policy, { now: NOW }).map((f) => f.example)).toEqual(['MKT-0001', 'PRJ-0001']);
      expect(validatePo(policy, 'ENG-0042', { now: NOW })).toMatchObject({ valid: true, formatId: 'a' });
      expect(fixPo(policy, 'eng 0042', { now: NOW })).toBe('ENG-0042');
      expect(() => toMatcherSpec(policy)).not.toThrow();
    });

    it(`a template naming "${name}" with no such field fails to compile plainly, not with an inherited value`, () => {
      const policy = { ...rawPolicy(name), fields: { seq: { type: 'digits', minLength: 4, maxLength: 4 } } } as Policy;
      expect(() => compilePolicy(policy)).toThrow(`unknown field "${name}"`);
    });
  }
});

describe('size and selectors', () => {
  it('a policy over 256 KB serialized is refused with one plain problem', () => {
    const values = Array.from({ length: LIMITS.listValues }, (_, i) => ({
      code: `C${i}`,
      label: 'x'.repeat(LIMITS.label),
    }));
    const fields: Record<string, unknown> = {};
    for (let i = 0; i < 10; i++) fields[`f${i}`] = { type: 'list', values };
    const input = { version: 1, formats: [{ id: 'a', template: '{f0}' }], fields };
    expect(JSON.stringify(input).length).toBeGreaterThan(LIMITS.bytes);
    const result = parsePolicy(input);
    expect(result).toEqual({
      ok: false,
      problems: [{ path: '', code: 'too-large', params: { bytes: JSON.stringify(input).length, limit: LIMITS.bytes } }],
    });
    expect(!result.ok && result.problems.map(problemText)).toEqual([
      `is too large: ${JSON.stringify(input).length.toLocaleString('en-US')} bytes, the limit is 262,144 bytes (256 KB)`,
    ]);
    expect(parsePolicy(JSON.stringify(input)).ok).toBe(false);
  });

  it('selectors only has the roles poField and submit', () => {
    const base = { version: 1, formats: [{ id: 'a', template: 'A' }] };
    expect(parsePolicy({ ...base, selectors: { poField: ['#po'], submit: ['#go'] } }).ok).toBe(true);
    expect(parsePolicy({ ...base, selectors: { poFeild: ['#po'] } })).toEqual({
      ok: false,
      problems: [{ path: 'selectors.poFeild', code: 'unknown-property', params: { key: 'poFeild' } }],
    });
  });
});
