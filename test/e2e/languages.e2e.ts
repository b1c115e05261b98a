/**
 * The extension in the browser's UI language: Chromium started with `--lang=de-DE` (and `ja`) on the German and
 * Japanese checkout fixtures shows the hint's own words in that language and the admin's texts given for it;
 * the popup and the options page follow (the options page at once, not after the browser's slow managed read).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHECKOUT_FIXTURES } from '../fixtures/checkout/index';
import { SAMPLE_POLICY } from '@/lib/policy/sample-policy';
import { startChromiumSession } from './support/driver-chromium';
import type { E2eSession } from './support/driver';
import de from '@/public/_locales/de/messages.json';
import ja from '@/public/_locales/ja/messages.json';

const HINT = 'po-assist-hint';
const inHint = (testId: string) => `${HINT} >>> [data-testid="${testId}"]`;

/** The sample policy with its admin texts also given in German and Japanese. */
const POLICY = {
  ...SAMPLE_POLICY,
  help: {
    en: SAMPLE_POLICY.help,
    de: 'Format ABT-JJJJMM-NNNN. Ihr Abteilungskürzel erfahren Sie in der Buchhaltung.',
    ja: '形式 部署-YYYYMM-NNNN。部署コードは経理部に確認してください。',
  },
  formats: SAMPLE_POLICY.formats.map((format) =>
    format.id === 'dept'
      ? { ...format, label: { en: format.label, de: 'Abteilungsbestellung', ja: '部署別発注' } }
      : format,
  ),
  fields: {
    ...SAMPLE_POLICY.fields,
    dept: { ...SAMPLE_POLICY.fields.dept, label: { en: 'Department', de: 'Abteilung', ja: '部署' } },
  },
};

const cases = [
  {
    lang: 'de-DE',
    file: 'spc-de.html',
    messages: de,
    help: POLICY.help.de,
    format: 'Abteilungsbestellung',
    field: 'Abteilung',
  },
  { lang: 'ja', file: 'spc-jp.html', messages: ja, help: POLICY.help.ja, format: '部署別発注', field: '部署' },
] as const;

for (const language of cases) {
  const fixture = CHECKOUT_FIXTURES.find((entry) => entry.file === language.file)!;
  const PO = fixture.expectedPoField!;

  describe(`Chromium with --lang=${language.lang}`, () => {
    let session: E2eSession;
    beforeAll(async () => {
      session = await startChromiumSession({ lang: language.lang });
      await session.setUserPolicy(POLICY);
    }, 60_000);
    afterAll(async () => {
      await session?.close();
    });

    it(`shows the hint on ${language.file} in that language, with the admin's texts for it`, async () => {
      const page = await session.openCheckout(language.file);
      await page.waitFor(`${PO}[aria-describedby*="po-assist"]`);
      const hint = () => page.innerText(`${HINT} >>> .po-hint`);
      await expect.poll(hint).toContain(language.messages.hint_expected.message);
      expect(await hint()).toContain(language.format);
      expect(await hint()).toContain(language.help);

      await page.fill(PO, 'MKTG-202611-0042');
      // The verdict shows once the shopper leaves the field.
      await page.press(PO, 'Tab');
      await expect.poll(() => page.attribute(PO, 'aria-invalid')).toBe('true');
      // The diagnosis names the field by the admin's label in this language.
      await expect.poll(() => page.text(inHint('po-verdict'))).toContain(language.field);
      console.log(`[${language.lang}] ${await page.text(inHint('po-verdict'))}`);
      await page.fill(PO, 'ENG-202611');
      // The verdict shows once the shopper leaves the field.
      await page.press(PO, 'Tab');
      await expect.poll(() => page.attribute(PO, 'aria-invalid')).toBe('true');
      await expect.poll(() => page.text(inHint('po-verdict'))).not.toBe('');
      console.log(`[${language.lang}] ${await page.text(inHint('po-verdict'))}`);

      await page.fill(PO, 'MKT-202611-0042');
      await expect.poll(() => page.attribute(PO, 'aria-invalid')).toBe('false');
      const valid = language.messages.hint_validLabel.message.split('(')[0]!.split('（')[0]!.trim();
      await expect.poll(() => page.text(inHint('po-verdict'))).toContain(valid);
    });

    it('shows the popup in that language', async () => {
      const popup = await session.openExtensionPage('popup.html');
      await expect.poll(() => popup.innerText('body')).toContain(language.messages.form_search.message);
      expect(await popup.innerText('body')).toContain(language.messages.form_po.message);
    });

    it('shows the options page in that language at once, without waiting for managed storage', async () => {
      const options = await session.openExtensionPage('options.html');
      await expect.poll(() => options.innerText('h1')).toBe(language.messages.settings_title.message);
      // The default 5 s poll: the page no longer waits the seconds a fresh browser takes to answer for managed storage.
      await expect.poll(() => options.innerText('#policy-heading')).toContain(language.messages.policy_heading.message);
      expect(await options.innerText('[data-testid="settings-sections"]')).toContain(
        language.messages.settings_nav_deployment.message,
      );
    });
  });
}
