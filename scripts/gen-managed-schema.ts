/**
 * Writes public/managed_schema.json from the zod policy schema. Run after changing lib/policy/schema.ts:
 *   npx tsx scripts/gen-managed-schema.ts
 * test/policy/managed-schema.test.ts fails when the committed file differs from what this renders.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildManagedSchema } from '../lib/policy/managed-schema';

export const MANAGED_SCHEMA_PATH = fileURLToPath(new URL('../public/managed_schema.json', import.meta.url));

/** The file's exact content: 2-space JSON and a final newline. Top-level keys other than `policy` go here. */
export function renderManagedSchema(): string {
  return `${JSON.stringify(buildManagedSchema(), null, 2)}\n`;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  writeFileSync(MANAGED_SCHEMA_PATH, renderManagedSchema());
  console.log(`wrote ${MANAGED_SCHEMA_PATH}`);
}
