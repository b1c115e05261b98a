/**
 * Writes public/managed_schema.json from the zod policy schema. Run after changing lib/policy/schema.ts:
 *   npx tsx scripts/gen-managed-schema.ts
 * test/policy/managed-schema.test.ts fails when the committed file differs from what this renders.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildManagedSchema, chromeSchemaFromZod } from '../lib/policy/managed-schema';
import { MANAGED_KEYS, managedKeySchemas } from '../lib/storage/managed';

export const MANAGED_SCHEMA_PATH = fileURLToPath(new URL('../public/managed_schema.json', import.meta.url));

/**
 * The file's exact content: 2-space JSON and a final newline. `policy` from the policy schema, and every other
 * admin key (policyUrl, region, tokenBrokerUrl, lockUserPolicy) from its own zod schema in lib/settings/managed.ts.
 */
export function renderManagedSchema(): string {
  const extra = Object.fromEntries(MANAGED_KEYS.map((key) => [key, chromeSchemaFromZod(managedKeySchemas[key])]));
  return `${JSON.stringify(buildManagedSchema(extra), null, 2)}\n`;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  writeFileSync(MANAGED_SCHEMA_PATH, renderManagedSchema());
  console.log(`wrote ${MANAGED_SCHEMA_PATH}`);
}
