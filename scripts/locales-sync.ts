/**
 * Keeps the translations in public/_locales in step with the English file.
 *
 *   npx tsx scripts/locales-sync.ts                 per language: keys missing, extra, and stale (English changed
 *                                                   since the translation was made); exits 1 if any
 *   npx tsx scripts/locales-sync.ts --todo de       the keys de needs, as `key<TAB>English` lines to translate
 *   npx tsx scripts/locales-sync.ts --apply de f.tsv  merges `key<TAB>translation` lines into de's messages.json
 *
 * --apply copies each key's description and placeholders from English (descriptions stay English, for
 * translators), writes the keys in English order, drops keys English no longer has, and gives each plural family
 * exactly the categories Intl.PluralRules needs for the language (`_other` only for ja; fr/it/es `_many`, taken
 * from `_other` unless the file gives one). It records which English text each translation was made from in
 * scripts/locales-baseline.json, so a later change to an English message shows up as stale.
 * A TSV line is the key, a tab (or spaces), then the message, as is (messages have no line breaks).
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

interface CatalogMessage {
  message: string;
  description?: string;
  placeholders?: Record<string, { content: string; example?: string }>;
}
type Catalog = Record<string, CatalogMessage>;

const ROOT = resolve(import.meta.dirname, '..');
const LOCALES = join(ROOT, 'public/_locales');
const BASELINE = join(ROOT, 'scripts/locales-baseline.json');
const PLURAL = /^(.+)_(zero|one|two|few|many|other)$/;
const CATEGORY_ORDER = ['zero', 'one', 'two', 'few', 'many', 'other'];

const readCatalog = (locale: string): Catalog =>
  JSON.parse(readFileSync(join(LOCALES, locale, 'messages.json'), 'utf8')) as Catalog;
const english = readCatalog('en');
const baseline: Record<string, Record<string, string>> = existsSync(BASELINE)
  ? (JSON.parse(readFileSync(BASELINE, 'utf8')) as Record<string, Record<string, string>>)
  : {};
const hash = (text: string) => createHash('sha1').update(text).digest('hex').slice(0, 10);

/** The keys a language needs, each with the English message it translates (plural forms follow `<base>_other`). */
export function expectedKeys(locale: string): Map<string, string> {
  const categories = new Intl.PluralRules(locale).resolvedOptions().pluralCategories as string[];
  const keys = new Map<string, string>();
  for (const key of Object.keys(english)) {
    const plural = PLURAL.exec(key);
    if (!plural || !english[`${plural[1]}_other`]) {
      keys.set(key, key);
      continue;
    }
    if (plural[2] !== 'other') continue;
    for (const category of CATEGORY_ORDER.filter((c) => categories.includes(c))) {
      const source = english[`${plural[1]}_${category}`] ? `${plural[1]}_${category}` : key;
      keys.set(`${plural[1]}_${category}`, source);
    }
  }
  return keys;
}

function report(locale: string) {
  const catalog = readCatalog(locale);
  const expected = expectedKeys(locale);
  const missing = [...expected.keys()].filter((key) => !catalog[key]);
  const extra = Object.keys(catalog).filter((key) => !expected.has(key));
  const stale = [...expected].filter(
    ([key, source]) => catalog[key] && baseline[locale]?.[key] !== hash(english[source]!.message),
  );
  return { missing, extra, stale: stale.map(([key]) => key) };
}

function apply(locale: string, tsvPath: string) {
  const dir = join(LOCALES, locale);
  const current: Catalog = existsSync(join(dir, 'messages.json')) ? readCatalog(locale) : {};
  const given = new Map<string, string>();
  for (const line of readFileSync(tsvPath, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const parts = /^(\S+)[\t ]+(.*)$/.exec(line);
    if (!parts) throw new Error(`${tsvPath}: no message in "${line}"`);
    given.set(parts[1]!, parts[2]!);
  }
  const expected = expectedKeys(locale);
  for (const key of given.keys()) {
    const plural = PLURAL.exec(key);
    if (!expected.has(key) && !(plural && english[key])) throw new Error(`${key}: not a key ${locale} needs`);
  }
  const out: Catalog = {};
  const record = (baseline[locale] ??= {});
  for (const [key, source] of expected) {
    const plural = PLURAL.exec(key);
    const translated =
      given.get(key) ?? (plural?.[2] === 'many' && !current[key] ? given.get(`${plural[1]}_other`) : undefined);
    const message = translated ?? current[key]?.message;
    if (message === undefined) continue;
    const { description, placeholders } = english[source]!;
    out[key] = { message, ...(description ? { description } : {}), ...(placeholders ? { placeholders } : {}) };
    if (translated !== undefined) record[key] = hash(english[source]!.message);
  }
  for (const key of Object.keys(record)) if (!expected.has(key)) delete record[key];
  writeFileSync(join(dir, 'messages.json'), `${JSON.stringify(out, null, 2)}\n`);
  writeFileSync(BASELINE, `${JSON.stringify(baseline, null, 2)}\n`);
}

const args = process.argv.slice(2);
if (args[0] === '--apply' && args[1] && args[2]) {
  apply(args[1], args[2]);
} else if (args[0] === '--todo' && args[1]) {
  const { missing, stale } = report(args[1]);
  for (const key of [...missing, ...stale]) {
    const source = expectedKeys(args[1]).get(key)!;
    process.stdout.write(`${key}\t${english[source]!.message}\n`);
  }
} else {
  let bad = false;
  for (const locale of readdirSync(LOCALES, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && entry.name !== 'en')
    .map((entry) => entry.name)) {
    const { missing, extra, stale } = report(locale);
    bad ||= missing.length + extra.length + stale.length > 0;
    console.log(
      `${locale}: ${Object.keys(readCatalog(locale)).length} messages; ${missing.length} missing, ${extra.length} extra, ${stale.length} stale`,
    );
    for (const [what, keys] of Object.entries({ missing, extra, stale }))
      if (keys.length) console.log(`  ${what}: ${keys.slice(0, 30).join(' ')}${keys.length > 30 ? ' …' : ''}`);
  }
  process.exitCode = bad ? 1 : 0;
}
