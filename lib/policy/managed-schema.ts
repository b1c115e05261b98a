/**
 * Chromium's `storage.managed_schema`, generated from the zod policy schema (one source of truth).
 *
 * Chromium delivers only what the schema declares (an undeclared nested property is dropped silently), drops a
 * whole top-level key whose value breaks the schema, and refuses to load the extension when the schema itself is
 * invalid. So the schema declares the full shape (every object's properties, arrays with `items`, maps with
 * `additionalProperties`) and stays permissive on values: types only, no enums, patterns, bounds or `required`.
 * zod, on the options page, gives the plain-words verdict on values.
 */
import { z } from 'zod';
import { policySchema } from './schema';

export type ChromeSchema = {
  type: 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean';
  description?: string;
  title?: string;
  properties?: Record<string, ChromeSchema>;
  additionalProperties?: ChromeSchema;
  items?: ChromeSchema;
};

type JsonNode = Record<string, unknown>;

const CHROME_TYPES = new Set(['object', 'array', 'string', 'integer', 'number', 'boolean']);

function isNode(value: unknown): value is JsonNode {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function typeOfConst(value: unknown): ChromeSchema['type'] {
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  if (typeof value === 'string') return 'string';
  if (typeof value === 'boolean') return 'boolean';
  if (Array.isArray(value)) return 'array';
  return 'object';
}

/** Merges the options of a union into one permissive node; unions of unrelated types are refused. */
function mergeNodes(nodes: ChromeSchema[], where: string): ChromeSchema {
  const [first, ...rest] = nodes;
  if (!first) throw new Error(`${where}: empty union`);
  let merged: ChromeSchema = { ...first };
  for (const node of rest) {
    if (node.type !== merged.type) {
      const numeric = new Set([node.type, merged.type]);
      if (numeric.size === 2 && numeric.has('integer') && numeric.has('number')) {
        merged = { ...merged, type: 'number' };
        continue;
      }
      throw new Error(`${where}: a union of ${merged.type} and ${node.type} cannot be expressed in a Chrome schema`);
    }
    if (node.type === 'object') {
      const properties: Record<string, ChromeSchema> = { ...merged.properties };
      for (const [key, value] of Object.entries(node.properties ?? {})) {
        properties[key] = properties[key] ? mergeNodes([properties[key]!, value], `${where}.${key}`) : value;
      }
      merged = { ...merged, properties };
      if (node.additionalProperties) {
        merged.additionalProperties = merged.additionalProperties
          ? mergeNodes([merged.additionalProperties, node.additionalProperties], `${where}.*`)
          : node.additionalProperties;
      }
    } else if (node.type === 'array' && node.items && merged.items) {
      merged.items = mergeNodes([merged.items, node.items], `${where}[]`);
    }
  }
  return merged;
}

/** One JSON Schema node (as z.toJSONSchema writes it) in Chrome's dialect. */
function toChrome(node: unknown, where: string): ChromeSchema {
  if (!isNode(node)) throw new Error(`${where}: not a schema node`);
  if (node.chromeManagedAs === 'string') {
    // A text or texts per language (localizedText in schema.ts). Chromium's schema knows one type per value and
    // drops the whole `policy` key when a value breaks it, so through managed storage these are single strings;
    // texts per language arrive by policyUrl (or an imported policy), which zod alone checks.
    const description = [node.description, 'Chrome managed storage: a single string.'].filter(Boolean).join(' ');
    return { type: 'string', description };
  }
  const union = (node.anyOf ?? node.oneOf) as unknown[] | undefined;
  if (Array.isArray(union))
    return mergeNodes(
      union.map((option, i) => toChrome(option, `${where}|${i}`)),
      where,
    );
  if ('$ref' in node || 'allOf' in node)
    throw new Error(`${where}: $ref and allOf are not generated; inline the schema`);
  if (Array.isArray(node.type)) {
    // Chromium has no null: a nullable value is declared by its other type.
    const types = node.type.filter((type) => type !== 'null');
    return mergeNodes(
      types.map((type) => toChrome({ ...node, type }, where)),
      where,
    );
  }
  let type = node.type as string | undefined;
  if (type === undefined && 'const' in node) type = typeOfConst(node.const);
  if (type === undefined && Array.isArray(node.enum) && node.enum.length > 0) type = typeOfConst(node.enum[0]);
  if (type === 'number' && 'const' in node && Number.isInteger(node.const)) type = 'integer';
  if (typeof type !== 'string' || !CHROME_TYPES.has(type)) {
    throw new Error(`${where}: type ${JSON.stringify(type)} has no Chrome schema equivalent`);
  }
  const out: ChromeSchema = { type: type as ChromeSchema['type'] };
  if (typeof node.title === 'string') out.title = node.title;
  if (typeof node.description === 'string') out.description = node.description;
  if (type === 'object') {
    if (isNode(node.properties)) {
      out.properties = Object.fromEntries(
        Object.entries(node.properties).map(([key, value]) => [key, toChrome(value, `${where}.${key}`)]),
      );
    }
    if (isNode(node.additionalProperties)) out.additionalProperties = toChrome(node.additionalProperties, `${where}.*`);
    if (!out.properties && !out.additionalProperties) {
      throw new Error(`${where}: an object must declare its properties (Chromium delivers an undeclared one as {})`);
    }
  }
  if (type === 'array') {
    if (!isNode(node.items)) throw new Error(`${where}: an array needs items`);
    out.items = toChrome(node.items, `${where}[]`);
  }
  return out;
}

/** A zod schema as a Chrome managed-storage schema node (what the input may look like, defaults optional). */
export function chromeSchemaFromZod(schema: z.ZodType): ChromeSchema {
  return toChrome(z.toJSONSchema(schema, { io: 'input', unrepresentable: 'throw' }), '(root)');
}

const FORBIDDEN_KEYWORDS = [
  'enum',
  'pattern',
  'format',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'minLength',
  'maxLength',
  'minItems',
  'maxItems',
  'required',
  'default',
  'const',
  'anyOf',
  'oneOf',
  'allOf',
  '$schema',
  'propertyNames',
];

/** Attributes Chromium's schema parser knows that we use (it refuses unknown ones when parsing strictly). */
const ALLOWED_KEYWORDS = new Set([
  'type',
  '$ref',
  'id',
  'title',
  'description',
  'properties',
  'additionalProperties',
  'items',
]);

/**
 * Chrome's rules (and ours: permissive on values), checked on a whole managed schema. Empty when it is fine.
 * Chromium refuses to load an extension whose schema breaks the structural ones, silently.
 */
export function chromeSchemaProblems(schema: unknown): string[] {
  const problems: string[] = [];
  const walk = (node: unknown, where: string) => {
    if (!isNode(node)) {
      problems.push(`${where}: not an object`);
      return;
    }
    const hasRef = '$ref' in node;
    if (hasRef === 'type' in node) problems.push(`${where}: needs exactly one of "type" or "$ref"`);
    if ('type' in node && (typeof node.type !== 'string' || !CHROME_TYPES.has(node.type))) {
      problems.push(`${where}: type ${JSON.stringify(node.type)} is not one Chrome type`);
    }
    for (const keyword of FORBIDDEN_KEYWORDS)
      if (keyword in node) problems.push(`${where}: "${keyword}" is not allowed`);
    for (const key of Object.keys(node)) {
      if (!ALLOWED_KEYWORDS.has(key) && !FORBIDDEN_KEYWORDS.includes(key))
        problems.push(`${where}: unknown attribute "${key}"`);
    }
    if ('additionalProperties' in node && !isNode(node.additionalProperties)) {
      problems.push(`${where}: additionalProperties must be a schema`);
    }
    if (node.type === 'array') {
      if (!isNode(node.items)) problems.push(`${where}: an array needs items`);
      else walk(node.items, `${where}[]`);
    }
    if (node.type === 'object') {
      if (!isNode(node.properties) && !isNode(node.additionalProperties)) {
        problems.push(`${where}: an object needs properties or additionalProperties`);
      }
      if (isNode(node.properties))
        for (const [key, value] of Object.entries(node.properties)) walk(value, `${where}.${key}`);
      if (isNode(node.additionalProperties)) walk(node.additionalProperties, `${where}.*`);
    }
  };
  walk(schema, '(root)');
  if (isNode(schema)) {
    if (schema.type !== 'object') problems.push('(root): the top level must be an object');
    if ('additionalProperties' in schema) problems.push('(root): no additionalProperties at the top level');
  }
  return problems;
}

/**
 * The managed schema: `{ type: "object", properties: { policy: … } }`. Other top-level keys (policyUrl, region,
 * tokenBrokerUrl, locks…) are passed in by their owners, as Chrome schema nodes (see chromeSchemaFromZod).
 */
export function buildManagedSchema(extraProperties: Record<string, object> = {}): ChromeSchema {
  const schema: ChromeSchema = {
    type: 'object',
    properties: {
      policy: chromeSchemaFromZod(policySchema),
      ...(extraProperties as Record<string, ChromeSchema>),
    },
  };
  const problems = chromeSchemaProblems(schema);
  if (problems.length > 0) throw new Error(`The managed schema breaks Chrome's rules:\n${problems.join('\n')}`);
  return schema;
}
