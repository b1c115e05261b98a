import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const POLICY_DIR = resolve(ROOT, 'lib/policy');

/** Modules a file loads at run time: `import type` and `export type` lines are erased by the compiler. */
function runtimeImports(file: string): string[] {
  const source = readFileSync(file, 'utf8');
  const specifiers: string[] = [];
  const statement = /^(import|export)\s+(type\s+)?[^;]*?from\s+'([^']+)'/gms;
  for (const match of source.matchAll(statement)) if (!match[2]) specifiers.push(match[3]!);
  for (const match of source.matchAll(/^import\s+'([^']+)'/gm)) specifiers.push(match[1]!);
  return specifiers;
}

function closure(entry: string): Set<string> {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const specifier of runtimeImports(file)) {
      if (specifier.startsWith('.')) visit(resolve(dirname(file), `${specifier.replace(/\.ts$/, '')}.ts`));
      else if (specifier.startsWith('@/')) visit(resolve(ROOT, `${specifier.slice(2).replace(/\.ts$/, '')}.ts`));
      else seen.add(specifier);
    }
  };
  visit(entry);
  return seen;
}

describe('what the content script imports from lib/policy stays free of zod', () => {
  it.each(['validate', 'fix', 'generate', 'describe', 'template', 'blanket', 'sample-policy', 'compile', 'matcher'])(
    '%s.ts',
    (name) => {
      const loaded = [...closure(resolve(POLICY_DIR, `${name}.ts`))].map((file) => file.replace(`${POLICY_DIR}/`, ''));
      expect(loaded).not.toContain('zod');
      expect(loaded).not.toContain('schema.ts');
      expect(loaded).not.toContain('managed-schema.ts');
      expect(loaded.filter((file) => !file.endsWith('.ts'))).toEqual([]);
    },
  );

  it('matcher.ts (what the checkout content script matches with) loads nothing', () => {
    expect([...closure(resolve(POLICY_DIR, 'matcher.ts'))]).toEqual([resolve(POLICY_DIR, 'matcher.ts')]);
  });

  it("the content script's quick verdict loads only the matcher and the blanket rules, not the compiler", () => {
    const loaded = [...closure(resolve(ROOT, 'lib/checkout-guard/quick-verdict.ts'))].map((file) =>
      file.replace(`${ROOT}/`, ''),
    );
    expect(loaded.sort()).toEqual([
      'lib/checkout-guard/quick-verdict.ts',
      'lib/policy/blanket.ts',
      'lib/policy/matcher.ts',
    ]);
  });

  it('notices a runtime import (the check itself works)', () => {
    const loaded = [...closure(resolve(POLICY_DIR, 'schema.ts'))];
    expect(loaded).toContain('zod');
  });
});
