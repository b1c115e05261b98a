import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { formatMessage, type CatalogMessage } from '@/lib/i18n';

/**
 * The translations, checked against the English file: the same keys (each plural family with exactly the
 * categories Intl.PluralRules has for the language), the same placeholders, descriptions left in English, and no
 * message left in English. messages.test.ts checks that the code uses every English key, so with the same key set
 * every translated key is used too. To bring a language up to date: `npx tsx scripts/locales-sync.ts`.
 */

const LOCALES = resolve(import.meta.dirname, '../../public/_locales');
const LANGUAGES = ['de', 'es', 'fr', 'it', 'ja'];
const PLURAL = /^(.+)_(zero|one|two|few|many|other)$/;
const readCatalog = (locale: string) =>
  JSON.parse(readFileSync(join(LOCALES, locale, 'messages.json'), 'utf8')) as Record<string, CatalogMessage>;
const english = readCatalog('en');

/** Product names and the like, the same in every language. */
const SAME_EVERYWHERE = [
  'popup_title',
  'hint_label',
  'policy_tab_json',
  'deploy_platform_firefox',
  'deploy_platform_windowsOther',
  'deploy_platform_macosOther',
];
/** Words each language writes as English does (checked: each must still be identical to English). */
const SAME_AS_ENGLISH: Record<string, readonly string[]> = {
  de: [
    'form_region',
    'region_JP',
    'hint_format',
    'name_format',
    'name_formatTitled',
    'name_formatLabelled',
    'policyForm_name',
    'policyForm_type_text',
    'policyForm_code',
    'policyForm_budget',
    'place_codes',
    'place_codeNumber',
    'tester_format',
    'diag_name',
    'diag_version',
    'reconcile_region',
    'reconcile_seconds',
  ],
  fr: [
    'count_pages_one',
    'count_pages_other',
    'region_CA',
    'region_FR',
    'charge_PROMOTION',
    'order_date',
    'hint_format',
    'policyForm_formats',
    'policyForm_fieldType',
    'policyForm_code',
    'policyForm_budget',
    'place_codes',
    'tester_format',
    'count_formats_one',
    'count_formats_other',
    'diag_version',
    'name_format',
    'name_formatLabelled',
    'name_code',
    'name_codeLabelled',
    'place_codeNumber',
    'reconcile_colTotal',
    'reconcile_colVerdict',
    'reconcile_minutesSeconds',
    'reconcile_seconds',
  ],
  it: [
    'region_CA',
    'region_IN',
    'region_AU',
    'policyForm_budget',
    'diag_setting_tokenBroker',
    'apiAccess_clientSecret',
    'apiAccess_missing_clientSecret',
    'reconcile_minutesSeconds',
    'reconcile_seconds',
  ],
  es: [
    'region_IN',
    'region_AU',
    'charge_SUBTOTAL',
    'reconcile_colTotal',
    'reconcile_minutesSeconds',
    'reconcile_seconds',
  ],
  ja: [],
};

/** The key → English source key a language needs: plural forms English lacks (`_many`) follow `<base>_other`. */
function expectedKeys(locale: string): Map<string, string> {
  const categories = new Intl.PluralRules(locale).resolvedOptions().pluralCategories as string[];
  const keys = new Map<string, string>();
  for (const key of Object.keys(english)) {
    const plural = PLURAL.exec(key);
    if (!plural || !english[`${plural[1]}_other`]) keys.set(key, key);
    else if (plural[2] === 'other') {
      for (const category of categories) {
        keys.set(`${plural[1]}_${category}`, english[`${plural[1]}_${category}`] ? `${plural[1]}_${category}` : key);
      }
    }
  }
  return keys;
}

const placeholdersUsed = (message: string) =>
  [...message.matchAll(/\$([A-Za-z0-9_@]+)\$/g)].map((match) => match[1]!.toLowerCase()).sort();
/** A message with no letters besides its placeholders (`$LABEL$ ($PO$)`) is the same in every language. */
const hasWords = (message: string) => /\p{L}/u.test(message.replace(/\$[A-Za-z0-9_@]+\$/g, ''));

describe('translations', () => {
  it('has exactly English and the five marketplace languages', () => {
    const directories = readdirSync(LOCALES, { withFileTypes: true }).filter((entry) => entry.isDirectory());
    expect(directories.map((entry) => entry.name).sort()).toEqual(['en', ...LANGUAGES].sort());
  });

  it('the key check is not vacuous: plural families exist and ja, fr need other categories than English', () => {
    expect([...expectedKeys('en').keys()].sort()).toEqual(Object.keys(english).sort());
    expect(expectedKeys('ja').has('count_orders_one')).toBe(false);
    expect(expectedKeys('fr').get('count_orders_many')).toBe('count_orders_other');
  });

  describe.each(LANGUAGES)('%s', (locale) => {
    const catalog = readCatalog(locale);
    const expected = expectedKeys(locale);

    it('names its language', () => {
      expect(catalog.locale?.message).toBe(locale);
    });

    it('has every key it needs, the plural forms of its language, and no other', () => {
      expect(
        [...expected.keys()].filter((key) => !catalog[key]),
        'missing',
      ).toEqual([]);
      expect(
        Object.keys(catalog).filter((key) => !expected.has(key)),
        'extra',
      ).toEqual([]);
    });

    it('has the placeholders of the English message, with the same contents, and uses each', () => {
      const problems: string[] = [];
      for (const [key, source] of expected) {
        const entry = catalog[key];
        if (!entry) continue;
        if (JSON.stringify(entry.placeholders ?? {}) !== JSON.stringify(english[source]!.placeholders ?? {})) {
          problems.push(`${key}: placeholders ${JSON.stringify(entry.placeholders)}`);
        }
        const used = placeholdersUsed(entry.message);
        const usedInEnglish = placeholdersUsed(english[source]!.message);
        if (JSON.stringify([...new Set(used)]) !== JSON.stringify([...new Set(usedInEnglish)])) {
          problems.push(`${key}: uses ${used.join(',')}, English ${usedInEnglish.join(',')}`);
        }
        if (
          /\$[1-9]/.test(entry.message.replace(/\$\$/g, '')) !==
          /\$[1-9]/.test(english[source]!.message.replace(/\$\$/g, ''))
        ) {
          problems.push(`${key}: $1…$9 used differently from English`);
        }
      }
      expect(problems).toEqual([]);
    });

    it('keeps the English description, for translators', () => {
      const changed = [...expected].filter(
        ([key, source]) => catalog[key] && catalog[key].description !== english[source]!.description,
      );
      expect(changed.map(([key]) => key)).toEqual([]);
    });

    it('translates every message (the allow-list names the few that are rightly the same as English)', () => {
      const allowed = new Set([...SAME_EVERYWHERE, ...(SAME_AS_ENGLISH[locale] ?? [])]);
      const untranslated = [...expected]
        .filter(
          ([key, source]) => catalog[key]?.message === english[source]!.message && hasWords(english[source]!.message),
        )
        .map(([key]) => key)
        .filter((key) => !allowed.has(key));
      expect(untranslated).toEqual([]);
      // An allow-list entry that is translated by now has no business staying in the list.
      const stale = (SAME_AS_ENGLISH[locale] ?? []).filter(
        (key) => catalog[key]?.message !== english[expected.get(key) ?? key]?.message,
      );
      expect(stale).toEqual([]);
    });
  });
});

describe('t() and tPlural() in each language, as the browser answers', () => {
  afterEach(() => {
    vi.restoreAllMocks();
    vi.resetModules();
  });

  /** Makes browser.i18n answer from one catalogue, with Chrome's substitution rules, and reloads lib/i18n. */
  async function inLanguage(locale: string) {
    const catalog = readCatalog(locale);
    vi.spyOn(browser.i18n, 'getMessage').mockImplementation(((name: string, substitutions?: string[]) => {
      const entry = catalog[name];
      return entry ? formatMessage(entry, substitutions ?? []) : '';
    }) as typeof browser.i18n.getMessage);
    return import('@/lib/i18n');
  }

  it.each([
    ['de', 1, '1 Bestellung'],
    ['de', 1500, '1.500 Bestellungen'],
    ['fr', 0, '0 commande'],
    ['fr', 1, '1 commande'],
    ['fr', 2, '2 commandes'],
    ['it', 1, '1 ordine'],
    ['it', 3, '3 ordini'],
    ['es', 1, '1 pedido'],
    ['es', 2, '2 pedidos'],
    ['ja', 1, '1 件の注文'],
    ['ja', 2, '2 件の注文'],
  ])('%s: %i → %s', async (locale, count, words) => {
    const { tPlural } = await inLanguage(locale);
    expect(tPlural('count_orders', count).replace(/\u00a0|\u202f/g, ' ')).toBe(words);
  });

  it.each(LANGUAGES)(
    '%s: a message with substitutions comes out in the language, with the values inside',
    async (locale) => {
      const { t } = await inLanguage(locale);
      const text = t('notice_nothingFound_text', ['MKT-1', 'X-REGION']);
      expect(text).toContain('MKT-1');
      expect(text).toContain('X-REGION');
      expect(text).not.toBe(formatMessage(english.notice_nothingFound_text!, ['MKT-1', 'X-REGION']));
    },
  );
});
