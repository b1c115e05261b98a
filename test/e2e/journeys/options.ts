/**
 * The options page: a user builds a PO policy from scratch in the form, tests POs against it, saves it, exports it
 * and imports it back, and an open checkout tab follows each saved change without a reload. In whichever browser
 * `start` launches.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CHECKOUT_FIXTURES } from '../../fixtures/checkout/index';
import type { E2ePage, E2eSession, StartSession } from '../support/driver';

const SPC = CHECKOUT_FIXTURES.find((fixture) => fixture.file === 'spc-us.html')!;
const PO = SPC.expectedPoField!;
const YEAR = String(new Date().getFullYear());

/** What the form below builds, as the JSON it saves and exports. */
export const BUILT_POLICY = {
  version: 1,
  enforcement: 'block',
  formats: [{ id: 'qa', label: 'QA order', template: 'QA-{yyyy}-{seq}' }],
  fields: { seq: { type: 'digits', minLength: 3, maxLength: 3 } },
};

/** The options page by its controls' ids (components/options, entrypoints/options). */
export const OPTIONS = {
  heading: '#policy-heading',
  sections: '[data-testid="settings-sections"]',
  organizationView: '[data-testid="organization-view"]',
  saveButton: '[data-testid="policy-save"]',
  saveOutcome: '[data-testid="policy-outcome"]',
  testerInput: '#tester-input',
  testerVerdict: '#tester-verdict',
  exportButton: '[data-testid="policy-export"]',
  importFile: '#pol-import-file',
  importOutcome: '[data-testid="import-outcome"]',
  format: (index: number, part: 'id' | 'label' | 'template') => `#pol-format-${index}-${part}`,
  field: (index: number, part: 'name' | 'type' | 'min' | 'max') => `#pol-field-${index}-${part}`,
};

/** Opens the options page at `section` (its address, `options.html#tester`), or at the first section. */
export async function openOptions(session: E2eSession, section?: string): Promise<E2ePage> {
  const page = await session.openExtensionPage(`options.html${section ? `#${section}` : ''}`);
  await page.waitFor(OPTIONS.sections);
  return page;
}

/** Shows one section of the options page, as a user clicks its link in the sidebar. */
export async function showSection(page: E2ePage, section: string): Promise<void> {
  await page.click(`${OPTIONS.sections} a[href="#${section}"]`);
  await expect.poll(() => page.property(`#${section}`, 'hidden')).toBe(false);
}

/** A checkout tab opened before the policy exists, marked so a reload would show. */
export async function openMarkedCheckout(session: E2eSession): Promise<E2ePage> {
  const page = await session.openCheckout('spc-us.html');
  await page.waitFor(`${PO}[aria-describedby*="po-assist"]`);
  await page.evaluate(() => document.documentElement.setAttribute('data-e2e-same-page', 'yes'));
  return page;
}
export const hintText = (page: E2ePage) => page.text('po-assist-hint >>> .po-hint');
export const samePage = (page: E2ePage) =>
  page.evaluate(() => document.documentElement.getAttribute('data-e2e-same-page'));

/** Types the policy of BUILT_POLICY into an empty form, as a user would. */
export async function buildQaPolicy(options: E2ePage): Promise<void> {
  await options.fill(OPTIONS.format(0, 'id'), 'qa');
  await options.fill(OPTIONS.format(0, 'label'), 'QA order');
  await options.fill(OPTIONS.format(0, 'template'), 'QA-{yyyy}-{seq}');
  // Checked as typed: the field does not exist yet, and the page says so next to the template.
  await expect.poll(() => options.text('#pol-format-0-template-problems')).toContain('Unknown field "seq"');
  expect(await options.property(OPTIONS.saveButton, 'disabled')).toBe(true);

  await options.click(options.button('Add a field'));
  await options.fill(OPTIONS.field(0, 'name'), 'seq');
  await options.select(OPTIONS.field(0, 'type'), 'digits');
  await options.fill(OPTIONS.field(0, 'min'), '3');
  await options.fill(OPTIONS.field(0, 'max'), '3');
  await options.click('#pol-enforcement-block');

  await expect.poll(() => options.count('#pol-format-0-template-problems')).toBe(0);
  await expect.poll(() => options.text('[data-testid="format-0-live-example"]')).toBe(`QA-${YEAR}-001`);
}

export function optionsJourney(start: StartSession): void {
  let session: E2eSession;

  const exportPolicy = async (options: E2ePage) => {
    const saved = await options.download(OPTIONS.exportButton);
    return { fileName: saved.fileName, json: JSON.parse(saved.bytes.toString('utf8')) as unknown };
  };

  describe('options page: build, test, save, export and import a policy', () => {
    beforeAll(async () => {
      session = await start();
    });
    afterAll(async () => {
      await session?.close();
    });
    beforeEach(async () => {
      await session.resetTabs();
      await session.clearStorage();
    });

    it('builds a policy from scratch, tests POs, saves it, and an open checkout tab follows at once', async () => {
      const checkout = await openMarkedCheckout(session);
      await expect.poll(() => hintText(checkout)).toContain('Set up a policy');
      await checkout.fill(PO, `QA-${YEAR}-042`);

      const options = await openOptions(session);
      await buildQaPolicy(options);

      await showSection(options, 'tester');
      await options.fill(OPTIONS.testerInput, `qa-${YEAR}-042`);
      await expect.poll(() => options.innerText(OPTIONS.testerVerdict)).toContain(`Valid: QA order (QA-${YEAR}-042).`);
      await options.fill(OPTIONS.testerInput, `QA-${YEAR}-42`);
      await expect
        .poll(() => options.innerText(OPTIONS.testerVerdict))
        .toContain('Not valid: Expected 3 digits after the second dash, found 42');
      expect(await options.innerText(OPTIONS.testerVerdict)).toContain(`Suggested fix: QA-${YEAR}-042`);

      await showSection(options, 'policy');
      await options.click(OPTIONS.saveButton);
      await expect.poll(() => options.text(OPTIONS.saveOutcome)).toContain('Saved.');
      expect((await session.storage.get('local', ['userPolicy'])).userPolicy).toEqual(BUILT_POLICY);

      // The checkout tab, open all along, now checks against the new policy.
      await expect.poll(() => checkout.attribute(PO, 'aria-invalid'), { timeout: 10_000 }).toBe('false');
      await expect.poll(() => hintText(checkout)).toContain('QA order');
      await checkout.fill(PO, `QA-${YEAR}-42`);
      // The verdict shows once the shopper leaves the field.
      await checkout.press(PO, 'Tab');
      await expect.poll(() => checkout.attribute(PO, 'aria-invalid')).toBe('true');
      await checkout.click(SPC.submitControl);
      expect(await checkout.evaluate(() => Number(document.body.getAttribute('data-submitted') ?? 0))).toBe(0);
      expect(await samePage(checkout)).toBe('yes');
    });
    it('exports the policy to a file, imports it back changed, and the checkout tab follows the saved change', async () => {
      await session.setUserPolicy(BUILT_POLICY);
      const checkout = await openMarkedCheckout(session);
      await checkout.fill(PO, `QB-${YEAR}-042`);
      // The verdict shows once the shopper leaves the field.
      await checkout.press(PO, 'Tab');
      await expect.poll(() => checkout.attribute(PO, 'aria-invalid')).toBe('true');

      const options = await openOptions(session);
      await expect.poll(() => options.value(OPTIONS.format(0, 'template'))).toBe('QA-{yyyy}-{seq}');
      const exported = await exportPolicy(options);
      expect(exported.fileName).toBe('po-policy.json');
      expect(exported.json).toEqual(BUILT_POLICY);

      // An admin edits the exported file (a second format) and the user imports it.
      const edited = {
        ...BUILT_POLICY,
        formats: [...BUILT_POLICY.formats, { id: 'qb', label: 'QB order', template: 'QB-{yyyy}-{seq}' }],
      };
      await options.chooseFile(OPTIONS.importFile, {
        name: 'po-policy.json',
        bytes: Buffer.from(JSON.stringify(edited, null, 2)),
      });
      await expect.poll(() => options.text(OPTIONS.importOutcome)).toContain('Loaded po-policy.json into the editor');
      expect(await options.value(OPTIONS.format(1, 'template'))).toBe('QB-{yyyy}-{seq}');
      // Nothing is saved until Save: the checkout tab still refuses QB.
      expect(await checkout.attribute(PO, 'aria-invalid')).toBe('true');

      await showSection(options, 'tester');
      await options.fill(OPTIONS.testerInput, `QB-${YEAR}-042`);
      await expect.poll(() => options.innerText(OPTIONS.testerVerdict)).toContain(`Valid: QB order (QB-${YEAR}-042).`);

      await showSection(options, 'policy');
      await options.click(OPTIONS.saveButton);
      await expect.poll(() => options.text(OPTIONS.saveOutcome)).toContain('Saved.');
      expect((await session.storage.get('local', ['userPolicy'])).userPolicy).toEqual(edited);
      await expect.poll(() => checkout.attribute(PO, 'aria-invalid'), { timeout: 10_000 }).toBe('false');
      await expect.poll(() => hintText(checkout)).toContain('QB order');
      expect(await samePage(checkout)).toBe('yes');

      // Exported again, the file is what was saved: the round trip loses nothing.
      expect((await exportPolicy(options)).json).toEqual(edited);
    });
  });
}
