import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { formatMessage, type CatalogMessage } from '@/lib/i18n';
import { generatePo } from '@/lib/policy/generate';
import { parsePolicy, type PolicyProblem } from '@/lib/policy/schema';
import { parseTemplate } from '@/lib/policy/template';
import { policyOf, NOW } from '../policy/helpers';

/**
 * The policy engine's codes in German and Japanese, as the options page and the checkout hint show them: the
 * sentence in the language, the policy's own names (field names and labels, codes, format ids) unchanged.
 */

const LOCALES = resolve(import.meta.dirname, '../../public/_locales');

/** Makes browser.i18n answer from one catalogue, with Chrome's substitution rules, and reloads the words. */
async function wordsIn(locale: string) {
  const catalog = JSON.parse(readFileSync(join(LOCALES, locale, 'messages.json'), 'utf8')) as Record<
    string,
    CatalogMessage
  >;
  vi.spyOn(browser.i18n, 'getMessage').mockImplementation(((name: string, substitutions?: string[]) => {
    const entry = catalog[name];
    return entry ? formatMessage(entry, substitutions ?? []) : '';
  }) as typeof browser.i18n.getMessage);
  vi.resetModules();
  return import('@/lib/policy-words');
}

function problemsOf(input: unknown): PolicyProblem[] {
  const result = parsePolicy(input);
  if (result.ok) throw new Error('expected the policy to be rejected');
  return result.problems;
}

const SEQ = { type: 'digits', minLength: 4, maxLength: 4 };
const BROKEN_TEMPLATES = problemsOf({
  version: 1,
  formats: [
    { id: 'kst', template: 'KST-{seq' },
    { id: 'abt', template: '{abteilung}-{seq}' },
  ],
  fields: { seq: SEQ },
});
const BROKEN_SCHEMA = problemsOf({
  version: 1,
  enforcement: 'never',
  formats: [{ id: 'a', template: '{kst}' }],
  fields: { kst: { type: 'list', values: [{ code: 'K100' }, { code: 'k100' }] } },
  blanketPos: [{ po: 'RAHMEN-1', validFrom: '2026-02-30' }],
});
const GENERATE_POLICY = policyOf({
  version: 1,
  formats: [{ id: 'kst', label: 'Kostenstellen-Bestellung', template: '{kst}-{proj}-{seq}' }],
  fields: {
    kst: { type: 'list', label: 'Kostenstelle', values: [{ code: 'K100' }] },
    proj: { type: 'text', label: 'Projekt', charset: 'A-Z', minLength: 3, maxLength: 8 },
    seq: SEQ,
  },
});

afterEach(() => {
  vi.restoreAllMocks();
  vi.resetModules();
});

describe.each([
  {
    locale: 'de',
    templates: ['„{“ wird nicht geschlossen (Spalte 5)', 'unbekanntes Feld „abteilung“ in Spalte 2'],
    schema: [
      'muss einer dieser Werte sein: "block", "warn", "off"',
      'ist kein gültiges Datum',
      'Code „k100“ ist doppelt aufgeführt (auch Code 1, ohne Groß-/Kleinschreibung)',
    ],
    sentence: 'Gültig ab ist kein gültiges Datum.',
    templateSentence: '„{“ wird nicht geschlossen (Spalte 5).',
    missing: 'Wählen Sie zuerst Kostenstelle und Projekt.',
    wrong: '„K999“ ist kein Code für Kostenstelle. Projekt muss 3 bis 8 Zeichen aus A-Z haben.',
  },
  {
    locale: 'ja',
    templates: ['5 列目：「{」が閉じられていません', '2 列目の項目「abteilung」は不明です'],
    schema: [
      '"block", "warn", "off" のいずれかにしてください',
      '存在しない日付です',
      'コード「k100」が重複しています（大文字・小文字を区別せずコード1と同じ）',
    ],
    sentence: '有効期間の開始：存在しない日付です。',
    templateSentence: '5 列目：「{」が閉じられていません。',
    missing: '先にKostenstelle、Projektを選んでください。',
    wrong: '「K999」はKostenstelleのコードではありません。ProjektはA-Zの3～8文字にしてください。',
  },
])('$locale', ({ locale, templates, schema, sentence, templateSentence, missing, wrong }) => {
  it('a broken template: what is wrong and where, the placeholder as written', async () => {
    const { problemText, templateProblemSentence } = await wordsIn(locale);
    expect(BROKEN_TEMPLATES.map(problemText)).toEqual(templates);
    const parsed = parseTemplate('KST-{seq');
    expect(!parsed.ok && templateProblemSentence(parsed)).toBe(templateSentence);
  });

  it("schema problems, the policy's codes and dates unchanged", async () => {
    const { problemSentence, problemText } = await wordsIn(locale);
    expect(BROKEN_SCHEMA.map(problemText)).toEqual(schema);
    const date = BROKEN_SCHEMA.find((problem) => problem.path === 'blanketPos[0].validFrom')!;
    const control = locale === 'de' ? 'Gültig ab' : '有効期間の開始';
    expect(problemSentence(control, date)).toBe(sentence);
  });

  it("a PO that cannot be generated, with the policy's labels unchanged", async () => {
    const { generateText } = await wordsIn(locale);
    const none = generatePo(GENERATE_POLICY, 'kst', { now: NOW, values: {} });
    expect(!none.ok && generateText(none.problems)).toBe(missing);
    const bad = generatePo(GENERATE_POLICY, 'kst', { now: NOW, values: { kst: 'K999', proj: 'AB' } });
    expect(!bad.ok && generateText(bad.problems)).toBe(wrong);
  });
});
