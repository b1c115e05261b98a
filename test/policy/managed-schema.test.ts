import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { MANAGED_SCHEMA_PATH, renderManagedSchema } from '../../scripts/gen-managed-schema';
import { buildManagedSchema, chromeSchemaFromZod, chromeSchemaProblems } from '@/lib/policy/managed-schema';
import { SAMPLE_POLICY } from '@/lib/policy/sample-policy';

type Node = Record<string, unknown>;
const committed = JSON.parse(readFileSync(MANAGED_SCHEMA_PATH, 'utf8')) as Node;

const isNode = (value: unknown): value is Node => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Chrome's rules for storage.managed_schema, walked independently of the generator's own check. */
function chromeViolations(node: unknown, where: string, out: string[] = []): string[] {
  if (!isNode(node)) {
    out.push(`${where}: not a schema object`);
    return out;
  }
  const types = ['type', '$ref'].filter((key) => key in node);
  if (types.length !== 1) out.push(`${where}: has ${types.length} of type/$ref`);
  if ('type' in node && !['object', 'array', 'string', 'integer', 'number', 'boolean'].includes(node.type as string)) {
    out.push(`${where}: type ${JSON.stringify(node.type)}`);
  }
  for (const banned of [
    'enum',
    'pattern',
    'minimum',
    'maximum',
    'minLength',
    'maxLength',
    'required',
    'anyOf',
    'oneOf',
    'const',
    'default',
    '$schema',
  ]) {
    if (banned in node) out.push(`${where}: has ${banned}`);
  }
  if (node.additionalProperties === false) out.push(`${where}: additionalProperties false`);
  if (node.type === 'array') {
    if (!isNode(node.items)) out.push(`${where}: array without items`);
    else chromeViolations(node.items, `${where}[]`, out);
  }
  if (node.type === 'object') {
    if (!isNode(node.properties) && !isNode(node.additionalProperties)) out.push(`${where}: object declares nothing`);
    for (const [key, value] of Object.entries(isNode(node.properties) ? node.properties : {}))
      chromeViolations(value, `${where}.${key}`, out);
    if (isNode(node.additionalProperties)) chromeViolations(node.additionalProperties, `${where}.*`, out);
  }
  return out;
}

/** Every key path of a value that Chromium would drop (undeclared) or reject (wrong type) under the schema. */
function uncovered(value: unknown, schema: Node | undefined, where: string, out: string[] = []): string[] {
  if (!schema) {
    out.push(`${where}: not declared`);
    return out;
  }
  const type = schema.type;
  const actual = Array.isArray(value)
    ? 'array'
    : value === null
      ? 'null'
      : typeof value === 'number'
        ? Number.isInteger(value)
          ? 'integer'
          : 'number'
        : typeof value;
  const fits = type === actual || (type === 'number' && actual === 'integer');
  if (!fits) {
    out.push(`${where}: ${actual} where the schema says ${String(type)}`);
    return out;
  }
  if (Array.isArray(value)) value.forEach((item, i) => uncovered(item, schema.items as Node, `${where}[${i}]`, out));
  else if (isNode(value)) {
    const properties = (schema.properties ?? {}) as Record<string, Node>;
    for (const [key, item] of Object.entries(value)) {
      uncovered(item, properties[key] ?? (schema.additionalProperties as Node | undefined), `${where}.${key}`, out);
    }
  }
  return out;
}

describe('public/managed_schema.json', () => {
  it('is up to date with the zod schema', () => {
    const fresh = renderManagedSchema();
    expect(
      readFileSync(MANAGED_SCHEMA_PATH, 'utf8') === fresh,
      'public/managed_schema.json is out of date: run `npx tsx scripts/gen-managed-schema.ts` and commit the result',
    ).toBe(true);
    expect(fresh.endsWith('}\n')).toBe(true);
  });

  it("follows Chrome's rules: one type per node, arrays with items, no enums or patterns, no top-level additionalProperties", () => {
    expect(committed.type).toBe('object');
    expect(committed).not.toHaveProperty('additionalProperties');
    expect(chromeViolations(committed, 'schema')).toEqual([]);
    expect(chromeSchemaProblems(committed)).toEqual([]);
  });

  it('declares every key path of the sample policy, with types Chromium accepts', () => {
    const policySchema = (committed.properties as Record<string, Node>).policy;
    expect(uncovered(SAMPLE_POLICY, policySchema, 'policy')).toEqual([]);
  });

  it('declares the shape of every field type and blanket PO', () => {
    const policySchema = (committed.properties as Record<string, Node>).policy;
    const variety = {
      fields: {
        list: { type: 'list', label: 'L', values: [{ code: 'A', label: 'a' }] },
        text: { type: 'text', label: 'T', charset: 'A-Z', minLength: 1, maxLength: 3 },
        digits: { type: 'digits', minLength: 1, maxLength: 2 },
      },
      blanketPos: [
        {
          po: 'B',
          label: 'b',
          budget: { amount: 12.5, currencyCode: 'EUR' },
          validFrom: '2026-01-01',
          validTo: '2026-02-01',
        },
      ],
      selectors: { poField: ['#x'], submit: ['#y'] },
    };
    expect(uncovered(variety, policySchema, 'policy')).toEqual([]);
    expect(uncovered({ unknownKey: 1 }, policySchema, 'policy')).toEqual(['policy.unknownKey: not declared']);
  });
});

describe('buildManagedSchema', () => {
  it('takes further top-level keys from their owners', () => {
    const schema = buildManagedSchema({
      policyUrl: { type: 'string' },
      locks: chromeSchemaFromZod(z.array(z.string())),
    });
    expect(Object.keys(schema.properties ?? {})).toEqual(['policy', 'policyUrl', 'locks']);
    expect(schema.properties?.locks).toEqual({ type: 'array', items: { type: 'string' } });
  });

  it('refuses a key that would make Chromium reject the extension', () => {
    expect(() => buildManagedSchema({ bad: { type: 'array' } })).toThrow(/an array needs items/);
  });

  it('refuses a union it cannot express', () => {
    expect(() => chromeSchemaFromZod(z.union([z.string(), z.number()]))).toThrow(/cannot be expressed/);
  });

  it('merges a union of objects into one permissive object', () => {
    const union = z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('a'), x: z.int().min(1) }),
      z.object({ kind: z.literal('b'), y: z.enum(['p', 'q']) }),
    ]);
    expect(chromeSchemaFromZod(union)).toEqual({
      type: 'object',
      properties: { kind: { type: 'string' }, x: { type: 'integer' }, y: { type: 'string' } },
    });
  });
});

describe('chromeSchemaProblems', () => {
  it.each<[string, unknown, string]>([
    [
      'an array without items',
      { type: 'object', properties: { a: { type: 'array' } } },
      '(root).a: an array needs items',
    ],
    [
      'an enum',
      { type: 'object', properties: { a: { type: 'string', enum: ['x'] } } },
      '(root).a: "enum" is not allowed',
    ],
    [
      'a pattern',
      { type: 'object', properties: { a: { type: 'string', pattern: 'x' } } },
      '(root).a: "pattern" is not allowed',
    ],
    [
      'two types',
      { type: 'object', properties: { a: { type: ['string', 'number'] } } },
      '(root).a: type ["string","number"] is not one Chrome type',
    ],
    ['no type', { type: 'object', properties: { a: {} } }, '(root).a: needs exactly one of "type" or "$ref"'],
    [
      'an empty object',
      { type: 'object', properties: { a: { type: 'object' } } },
      '(root).a: an object needs properties or additionalProperties',
    ],
    [
      'top-level additionalProperties',
      { type: 'object', additionalProperties: { type: 'string' } },
      '(root): no additionalProperties at the top level',
    ],
    [
      'a top level that is not an object',
      { type: 'array', items: { type: 'string' } },
      '(root): the top level must be an object',
    ],
    [
      'an unknown attribute',
      { type: 'object', properties: { a: { type: 'string', format: 'uri' } } },
      '(root).a: "format" is not allowed',
    ],
  ])('catches %s', (_, schema, problem) => {
    expect(chromeSchemaProblems(schema)).toContain(problem);
  });
});
