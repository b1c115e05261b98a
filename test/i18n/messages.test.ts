import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REGIONS } from '@/lib/api/regions';
import { CHARGE_TYPES, ORDER_STATUSES } from '@/lib/api/schemas';
import type { CatalogMessage } from '@/lib/i18n';

/**
 * The messages as Chrome and Firefox read them: a file the browser rejects stops the extension from loading, so
 * every rule it enforces is checked here; and the code and the English file agree, key for key.
 */

const ROOT = resolve(import.meta.dirname, '../..');
const LOCALES = join(ROOT, 'public/_locales');
const readCatalog = (locale: string) =>
  JSON.parse(readFileSync(join(LOCALES, locale, 'messages.json'), 'utf8')) as Record<string, CatalogMessage>;
const english = readCatalog('en');
// Directories only: _locales also holds SOURCES.md (where the translations take Amazon's terms from).
const locales = readdirSync(LOCALES, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

const PLURAL_CATEGORIES = ['zero', 'one', 'two', 'few', 'many', 'other'];
/** Keys built from a code at run time (`t(\`region_${region}\`)`), and the codes each must cover exactly. */
const FAMILIES: Record<string, readonly string[]> = {
  region_: REGIONS,
  status_: ORDER_STATUSES,
  charge_: CHARGE_TYPES,
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx)$/.test(entry.name) ? [path] : [];
  });
}

const sources = [
  ...['entrypoints', 'components', 'lib'].flatMap((dir) => sourceFiles(join(ROOT, dir))),
  join(ROOT, 'wxt.config.ts'),
].map((path) => ({ path: relative(ROOT, path), text: readFileSync(path, 'utf8') }));
const code = sources.map((source) => source.text).join('\n');

/** Every quoted literal in the code that could be a message key. */
const literals = new Set([...code.matchAll(/(['"`])([A-Za-z0-9_]+)\1/g)].map((match) => match[2]!));
/** Keys the code asks for directly: t('key'), and the _other form of tPlural('base'). */
const asked = [
  ...[...code.matchAll(/\bt\(\s*(['"`])([^'"`$]+)\1/g)].map((match) => match[2]!),
  ...[...code.matchAll(/\btPlural\(\s*(['"`])([^'"`$]+)\1/g)].map((match) => `${match[2]!}_other`),
];
/** Both branches of t(cond ? 'a' : 'b'), tPlural(cond ? 'a' : 'b'). */
const branches = [...code.matchAll(/\b(t|tPlural)\([^()'"`]*\?\s*'([A-Za-z0-9_]+)'\s*:\s*'([A-Za-z0-9_]+)'/g)].flatMap(
  (match) => (match[1] === 'tPlural' ? [`${match[2]}_other`, `${match[3]}_other`] : [match[2]!, match[3]!]),
);

function isUsed(key: string): boolean {
  if (literals.has(key) || code.includes(`__MSG_${key}__`)) return true;
  for (const [prefix, codes] of Object.entries(FAMILIES)) {
    if (key.startsWith(prefix) && code.includes(`\`${prefix}\${`)) return codes.includes(key.slice(prefix.length));
  }
  const plural = /^(.+)_(zero|one|two|few|many|other)$/.exec(key);
  return Boolean(plural && literals.has(plural[1]!) && new RegExp(`tPlural\\([^)]*'${plural[1]}'`).test(code));
}

function placeholdersIn(message: string): string[] {
  return [...message.matchAll(/\$([A-Za-z0-9_@]+)\$/g)].map((match) => match[1]!.toLowerCase());
}

describe('messages.json files', () => {
  it('has an English catalogue with the manifest name and description', () => {
    expect(locales).toContain('en');
    expect(english.extensionName?.message).toBe('PO Assist for Amazon Business');
    expect(english.extensionDescription?.message.length).toBeLessThanOrEqual(132);
    expect(english.locale?.message).toBe('en');
  });

  describe.each(locales)('%s', (locale) => {
    const catalog = readCatalog(locale);

    it('is valid for Chrome: key names, a message in each, placeholders defined and used', () => {
      const problems: string[] = [];
      const lowerKeys = new Map<string, string>();
      for (const [key, entry] of Object.entries(catalog)) {
        if (!/^[A-Za-z0-9_]+$/.test(key)) problems.push(`${key}: a name uses letters, digits and _ only`);
        // Chrome matches names ignoring case, so two names that differ only in case collide.
        const clash = lowerKeys.get(key.toLowerCase());
        if (clash) problems.push(`${key}: same name as ${clash}, ignoring case`);
        lowerKeys.set(key.toLowerCase(), key);
        if (typeof entry !== 'object' || entry === null || typeof entry.message !== 'string') {
          problems.push(`${key}: no "message" string`);
          continue;
        }
        const extra = Object.keys(entry).filter((field) => !['message', 'description', 'placeholders'].includes(field));
        if (extra.length) problems.push(`${key}: unknown fields ${extra.join(', ')}`);
        const defined = Object.keys(entry.placeholders ?? {});
        for (const name of defined) {
          if (!/^[A-Za-z0-9_]+$/.test(name)) problems.push(`${key}: placeholder name ${name}`);
          const content = entry.placeholders![name]!.content;
          if (typeof content !== 'string') problems.push(`${key}: placeholder ${name} has no content`);
          else if (!/^\$[1-9]$/.test(content))
            problems.push(`${key}: placeholder ${name} should be $1…$9, is ${content}`);
        }
        const used = placeholdersIn(entry.message);
        // Chrome refuses to load an extension whose message names a placeholder it does not define.
        for (const name of used) {
          if (!defined.some((d) => d.toLowerCase() === name))
            problems.push(`${key}: $${name.toUpperCase()}$ is not defined`);
        }
        for (const name of defined) {
          if (!used.includes(name.toLowerCase())) problems.push(`${key}: placeholder ${name} is never used`);
        }
        // A lone `$` that is neither a placeholder, $1…$9 nor $$ is a typo.
        const leftover = entry.message.replace(/\$[A-Za-z0-9_@]+\$/g, '').replace(/\$(\$|[1-9])/g, '');
        if (leftover.includes('$')) problems.push(`${key}: stray $ in "${entry.message}"`);
      }
      expect(problems).toEqual([]);
    });

    // Declared only for translations (locales.test.ts checks them in full), so nothing is reported as skipped for en.
    if (locale !== 'en')
      it('translates English keys only, with the same placeholders', () => {
        const problems: string[] = [];
        for (const [key, entry] of Object.entries(catalog)) {
          const plural = /^(.+)_(zero|one|two|few|many|other)$/.exec(key);
          // A language may need plural forms English does not (`_few`); they follow `<base>_other`.
          const source = english[key] ?? (plural ? english[`${plural[1]}_other`] : undefined);
          if (!source) {
            problems.push(`${key}: not in the English messages`);
            continue;
          }
          const contents = (message: CatalogMessage) =>
            Object.values(message.placeholders ?? {})
              .map((p) => p.content)
              .sort();
          if (JSON.stringify(contents(entry)) !== JSON.stringify(contents(source)))
            problems.push(`${key}: placeholders differ from English`);
        }
        expect(problems).toEqual([]);
      });
  });
});

describe('messages and code agree', () => {
  it('finds the code that uses messages (the scan below is not vacuous)', () => {
    expect(sources.some((source) => source.path === 'lib/i18n.ts')).toBe(true);
    expect(asked.length).toBeGreaterThan(100);
    expect(asked).toContain('hint_noPolicy');
    expect(asked).toContain('blanket_spent');
  });

  it('every key the code asks for is in the English messages', () => {
    expect([...asked, ...branches].filter((key) => !(key in english))).toEqual([]);
  });

  it('every English message is used by the code', () => {
    expect(Object.keys(english).filter((key) => !isUsed(key))).toEqual([]);
  });

  it.each(Object.entries(FAMILIES))('keys %s… cover exactly the known codes', (prefix, codes) => {
    const keys = Object.keys(english).filter((key) => key.startsWith(prefix));
    expect(keys.map((key) => key.slice(prefix.length)).sort()).toEqual([...codes].sort());
  });

  it('plural families have the forms English needs', () => {
    const bases = new Set(
      Object.keys(english)
        .map((key) => /^(.+)_(zero|one|two|few|many|other)$/.exec(key)?.[1])
        .filter(
          (base): base is string =>
            Boolean(base) && !Object.keys(FAMILIES).some((prefix) => `${base}_`.startsWith(prefix)),
        ),
    );
    expect(bases.size).toBeGreaterThan(10);
    for (const base of bases) {
      expect(english[`${base}_one`], `${base}_one`).toBeDefined();
      expect(english[`${base}_other`], `${base}_other`).toBeDefined();
      for (const category of PLURAL_CATEGORIES) {
        const entry = english[`${base}_${category}`];
        if (entry) expect(entry.placeholders?.count?.content, `${base}_${category}: $1 is the count`).toBe('$1');
      }
    }
  });
});
