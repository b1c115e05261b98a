/**
 * The options page in the built extension: a user builds a PO policy from scratch in the form, tests POs against
 * it, saves it, exports it and imports it back, and an open checkout tab follows each saved change without a
 * reload.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CHECKOUT_FIXTURES } from '../fixtures/checkout/index';
import { startApiSession, type ApiSession } from './support/api-session';
import { OptionsPage } from './support/options-page';

const SPC = CHECKOUT_FIXTURES.find((fixture) => fixture.file === 'spc-us.html')!;
const PO = SPC.expectedPoField!;
const YEAR = String(new Date().getFullYear());

/** What the form below builds, as the JSON it saves and exports. */
const BUILT_POLICY = {
  version: 1,
  enforcement: 'block',
  formats: [{ id: 'qa', label: 'QA order', template: 'QA-{yyyy}-{seq}' }],
  fields: { seq: { type: 'digits', minLength: 3, maxLength: 3 } },
};

let session: ApiSession;

beforeAll(async () => {
  session = await startApiSession();
});
afterAll(async () => {
  await session?.close();
});
beforeEach(async () => {
  await session.resetTabs();
  await session.clearStorage();
});

/** A checkout tab opened before the policy exists, marked so a reload would show. */
async function openCheckout(): Promise<Page> {
  const page = await session.openCheckout('spc-us.html');
  await page.waitForSelector(`${PO}[aria-describedby*="po-assist"]`);
  await page.evaluate(() => document.documentElement.setAttribute('data-e2e-same-page', 'yes'));
  return page;
}
const hintText = (page: Page) => page.locator('po-assist-hint .po-hint').textContent();
const samePage = (page: Page) => page.evaluate(() => document.documentElement.getAttribute('data-e2e-same-page'));

/** Types the policy of BUILT_POLICY into an empty form, as a user would. */
async function buildQaPolicy(options: OptionsPage): Promise<void> {
  await options.textbox('Format 1, Id').fill('qa');
  await options.textbox('Format 1, Name').fill('QA order');
  await options.textbox('Format 1, Template').fill('QA-{yyyy}-{seq}');
  // Checked as typed: the field does not exist yet, and the page says so next to the template.
  await expect
    .poll(() => options.page.locator('#pol-format-0-template-problems').textContent())
    .toContain('Unknown field "seq"');
  expect(await options.saveButton.isDisabled()).toBe(true);

  await options.button('Add a field').click();
  await options.textbox('Field 1, Name in templates').fill('seq');
  await options.page.getByRole('combobox', { name: 'Field "seq", Type', exact: true }).selectOption('digits');
  await options.textbox('Field "seq", Shortest').fill('3');
  await options.textbox('Field "seq", Longest').fill('3');
  await options.radio('What an invalid PO does', 'Block').check();

  await expect.poll(() => options.page.locator('#pol-format-0-template-problems').count()).toBe(0);
  await expect.poll(() => options.page.getByTestId('format-0-live-example').textContent()).toBe(`QA-${YEAR}-001`);
}

describe('options page: build, test, save, export and import a policy', () => {
  it('builds a policy from scratch, tests POs, saves it, and an open checkout tab follows at once', async () => {
    const checkout = await openCheckout();
    await expect.poll(() => hintText(checkout)).toContain('Set up a policy');
    await checkout.fill(PO, `QA-${YEAR}-042`);

    const options = await OptionsPage.open(session.browser);
    await buildQaPolicy(options);

    await options.test(`qa-${YEAR}-042`);
    await expect.poll(() => options.testerVerdict.innerText()).toContain(`Valid: QA order (QA-${YEAR}-042).`);
    await options.test(`QA-${YEAR}-42`);
    await expect.poll(() => options.testerVerdict.innerText()).toContain('Not valid: Expected 3 digits after the second dash, found 42');
    expect(await options.testerVerdict.innerText()).toContain(`Suggested fix: QA-${YEAR}-042`);

    await options.saveButton.click();
    await expect.poll(() => options.saveOutcome.textContent()).toContain('Saved.');
    expect((await session.storage.get('local', ['userPolicy'])).userPolicy).toEqual(BUILT_POLICY);

    // The checkout tab, open all along, now checks against the new policy.
    await expect.poll(() => checkout.getAttribute(PO, 'aria-invalid'), { timeout: 10_000 }).toBe('false');
    await expect.poll(() => hintText(checkout)).toContain('QA order');
    await checkout.fill(PO, `QA-${YEAR}-42`);
    await checkout.press(PO, 'Tab'); // errors show once the shopper leaves the field
    await expect.poll(() => checkout.getAttribute(PO, 'aria-invalid')).toBe('true');
    await checkout.click(SPC.submitControl);
    expect(await checkout.evaluate(() => Number(document.body.getAttribute('data-submitted') ?? 0))).toBe(0);
    expect(await samePage(checkout)).toBe('yes');
  });

  it('exports the policy to a file, imports it back changed, and the checkout tab follows the saved change', async () => {
    await session.setUserPolicy(BUILT_POLICY);
    const checkout = await openCheckout();
    await checkout.fill(PO, `QB-${YEAR}-042`);
    await checkout.press(PO, 'Tab'); // errors show once the shopper leaves the field
    await expect.poll(() => checkout.getAttribute(PO, 'aria-invalid')).toBe('true');

    const options = await OptionsPage.open(session.browser);
    await expect.poll(() => options.textbox('Format 1, Template').inputValue()).toBe('QA-{yyyy}-{seq}');
    const exported = await options.exportPolicy();
    expect(exported.fileName).toBe('po-policy.json');
    expect(exported.json).toEqual(BUILT_POLICY);

    // An admin edits the exported file (a second format) and the user imports it.
    const edited = {
      ...BUILT_POLICY,
      formats: [...BUILT_POLICY.formats, { id: 'qb', label: 'QB order', template: 'QB-{yyyy}-{seq}' }],
    };
    await options.importFile({ name: 'po-policy.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(edited, null, 2)) });
    await expect.poll(() => options.importOutcome.textContent()).toContain('Loaded po-policy.json into the editor');
    expect(await options.textbox('Format 2, Template').inputValue()).toBe('QB-{yyyy}-{seq}');
    // Nothing is saved until Save: the checkout tab still refuses QB.
    expect(await checkout.getAttribute(PO, 'aria-invalid')).toBe('true');

    await options.test(`QB-${YEAR}-042`);
    await expect.poll(() => options.testerVerdict.innerText()).toContain(`Valid: QB order (QB-${YEAR}-042).`);

    await options.saveButton.click();
    await expect.poll(() => options.saveOutcome.textContent()).toContain('Saved.');
    expect((await session.storage.get('local', ['userPolicy'])).userPolicy).toEqual(edited);
    await expect.poll(() => checkout.getAttribute(PO, 'aria-invalid'), { timeout: 10_000 }).toBe('false');
    await expect.poll(() => hintText(checkout)).toContain('QB order');
    expect(await samePage(checkout)).toBe('yes');

    // Exported again, the file is what was saved: the round trip loses nothing.
    expect((await options.exportPolicy()).json).toEqual(edited);
  });
});
