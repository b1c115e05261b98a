/**
 * Issue 9 §3: fixing a miss in a minute, in Chromium with the built extension. On a checkout page where the guard
 * misses the PO field (spc-miss.html), the shopper opens the element picker from the popup, clicks the field and
 * saves; after a reload the guard holds that field. Esc cancels without a trace; under an admin policy the picker
 * offers the JSON snippet for the admin instead of saving.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SAMPLE_POLICY } from '@/lib/policy/sample-policy';
import { ManagedPolicyFile, managedPolicyDirProblem } from './support/managed-policy';
import { startCheckoutSession, type CheckoutSession } from './support/session';

const BLOCK = { ...SAMPLE_POLICY, enforcement: 'block' };
const FIELD = '#a-autoid-81';
const PICKED = 'input[name="boiField[0]"]';
const PLACE_ORDER = '#submitOrderButtonId input';

interface DomNode {
  nodeType: number;
  nodeValue?: string;
  attributes?: string[];
  children?: DomNode[];
  shadowRoots?: DomNode[];
}

/**
 * The text of the picker's element with `data-testid=testid`: the picker lives in a closed shadow root, out of
 * reach of page scripts and Playwright's selectors, so it is read the way DevTools does (CDP, piercing shadow roots).
 */
async function pickerText(page: Page, testid: string): Promise<string | null> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: DomNode };
    const textOf = (node: DomNode): string =>
      node.nodeType === 3 ? (node.nodeValue ?? '') : (node.children ?? []).map(textOf).join('');
    const find = (node: DomNode): DomNode | null => {
      const attrs = node.attributes ?? [];
      for (let i = 0; i < attrs.length; i += 2) if (attrs[i] === 'data-testid' && attrs[i + 1] === testid) return node;
      for (const child of [...(node.shadowRoots ?? []), ...(node.children ?? [])]) {
        const found = find(child);
        if (found) return found;
      }
      return null;
    };
    const found = find(root);
    return found ? textOf(found) : null;
  } finally {
    await cdp.detach();
  }
}

const submitCount = (page: Page) => page.evaluate(() => Number(document.body.getAttribute('data-submitted') ?? 0));
const pickerShown = (page: Page) => page.locator('po-assist-picker').count();

async function userPolicy(session: CheckoutSession): Promise<Record<string, unknown> | undefined> {
  return session.browser.worker.evaluate(async () => {
    const chrome = (globalThis as unknown as { chrome: { storage: { local: { get(k: string): Promise<never> } } } })
      .chrome;
    return ((await chrome.storage.local.get('userPolicy')) as { userPolicy?: Record<string, unknown> }).userPolicy;
  });
}

/** As a shopper does it: the toolbar popup over the checkout tab, then "Pick the PO field on this page". */
async function openPickerFromPopup(session: CheckoutSession, page: Page): Promise<void> {
  const popup = await session.browser.context.newPage();
  await page.bringToFront();
  await popup.goto(`chrome-extension://${session.browser.extensionId}/popup.html`);
  await popup.getByRole('button', { name: 'Pick the PO field on this page' }).click();
  await page.locator('po-assist-picker').waitFor({ state: 'attached' });
}

/** A real pointer move and click on the page element, through the picker's overlay. */
async function clickThroughOverlay(page: Page, selector: string): Promise<void> {
  const box = (await page.locator(selector).boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
}

const policyDirProblem = managedPolicyDirProblem();

describe('element picker (Chromium, built extension)', () => {
  let session: CheckoutSession;
  beforeAll(async () => {
    session = await startCheckoutSession();
  });
  afterAll(async () => {
    await session?.close();
  });
  beforeEach(async () => {
    const keep = await session.browser.context.newPage();
    for (const page of session.browser.context.pages()) if (page !== keep) await page.close();
    await session.clearStorage();
    await session.setUserPolicy(BLOCK);
  });

  it('spc-miss.html: the picked field is saved, and after a reload the guard holds it', async () => {
    const page = await session.openCheckout('spc-miss.html');
    // The miss: nothing is guarded on this page.
    await page.waitForTimeout(1000);
    expect(await page.locator('input[aria-describedby*="po-assist"]').count()).toBe(0);

    await openPickerFromPopup(session, page);
    await clickThroughOverlay(page, FIELD);
    await expect.poll(() => pickerText(page, 'picker-po-selector')).toBe(PICKED);
    expect(await pickerText(page, 'picker-po-count')).toBe('It matches 1 element on this page (highlighted).');
    expect(await pickerText(page, 'picker-po-verdict')).toBe('The checkout guard will check this field.');
    // The page saw no click: the overlay took it.
    expect(await page.evaluate((sel) => document.activeElement === document.querySelector(sel), FIELD)).toBe(false);
    // Save has the focus: Enter saves.
    await page.keyboard.press('Enter');
    await expect.poll(() => pickerText(page, 'picker-status')).toContain('Saved');
    // In front of the overrides the policy had; the rest of the policy as it was.
    const saved = await userPolicy(session);
    expect(saved?.selectors).toEqual({ ...BLOCK.selectors, poField: [PICKED, ...BLOCK.selectors!.poField!] });
    expect({ ...saved, selectors: BLOCK.selectors }).toEqual(BLOCK);
    await page.keyboard.press('Enter');
    await expect.poll(() => pickerShown(page)).toBe(0);

    await page.reload();
    await page.waitForSelector(`${FIELD}[aria-describedby*="po-assist"]`);
    await page.fill(FIELD, 'MKT-202613-0042');
    await page.press(FIELD, 'Tab');
    await expect.poll(() => page.getAttribute(FIELD, 'aria-invalid')).toBe('true');
    await page.click(PLACE_ORDER);
    await expect.poll(() => page.locator('po-assist-hint [data-testid="po-submit-message"]').count()).toBe(1);
    expect(await submitCount(page)).toBe(0);
    await page.fill(FIELD, 'MKT-202611-0042');
    await expect.poll(() => page.getAttribute(FIELD, 'aria-invalid')).toBe('false');
    await page.click(PLACE_ORDER);
    await expect.poll(() => submitCount(page)).toBe(1);
  });

  it('Esc cancels: the overlay is gone, nothing is saved, the page takes clicks again', async () => {
    const page = await session.openCheckout('spc-miss.html');
    await openPickerFromPopup(session, page);
    await page.mouse.move(10, 10);
    await page.keyboard.press('Escape');
    await expect.poll(() => pickerShown(page)).toBe(0);
    expect(await userPolicy(session)).toEqual(BLOCK);
    await page.click(FIELD);
    expect(await page.evaluate((sel) => document.activeElement === document.querySelector(sel), FIELD)).toBe(true);
  });

  it('"Not the PO field?" on the hint opens the picker on that page', async () => {
    const page = await session.openCheckout('spc-us.html');
    await page.locator('po-assist-hint [data-testid="po-pick-field"]').click();
    await page.locator('po-assist-picker').waitFor({ state: 'attached' });
    await page.keyboard.press('Escape');
    await expect.poll(() => pickerShown(page)).toBe(0);
  });

  it('"Copy a page report" on the hint copies this page\'s report and says so', async () => {
    await session.browser.context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const page = await session.openCheckout('spc-us.html');
    await page.locator('po-assist-hint [data-testid="po-copy-report"]').click();
    await expect
      .poll(() => page.locator('po-assist-hint [data-testid="po-report-note"]').textContent())
      .toContain('Page report copied');
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toContain('finder: chosen="#spc-po-number"');
    expect(copied).toContain('[chosen: label-for] <input> type="text" id="spc-po-number"');
    expect(copied).not.toContain('Sam Example');
  });

  it('"Copy a page report" in Diagnostics copies the open checkout page\'s structure, without its values', async () => {
    await session.browser.context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const page = await session.openCheckout('spc-miss.html');
    await page.waitForTimeout(500);
    const options = await session.browser.context.newPage();
    await options.goto(`chrome-extension://${session.browser.extensionId}/options.html#diagnostics`);
    await options.getByRole('button', { name: 'Copy a page report' }).click();
    const report = options.getByRole('textbox', { name: 'Page report' });
    await expect.poll(() => report.inputValue(), { timeout: 10_000 }).toContain('PO Assist page report');
    const text = await report.inputValue();
    expect(text).toContain('label="requisition reference"');
    expect(text).toContain('[refused: no-po-signal] <input>');
    expect(text).not.toContain('Sam Example');
    expect(text).not.toContain('CC-SECRET-77');
    expect(await options.evaluate(() => navigator.clipboard.readText())).toBe(text);
  });

  // Last, in the same browser: the admin policy is delivered while it runs (chrome://policy → Reload policies), not
  // by a second browser start.
  describe.skipIf(policyDirProblem !== null)('under an admin policy', () => {
    const file = new ManagedPolicyFile(`po-assist-e2e-picker-${process.pid}`);
    afterAll(() => file.withdraw(session?.browser.context));

    it('the policy is locked: Save is not offered, "Copy JSON snippet" copies the selectors for the admin', async () => {
      await session.browser.context.grantPermissions(['clipboard-read', 'clipboard-write']);
      await session.clearStorage(); // no policy of the user's own: the picker must not make one either
      await file.deliver(
        { policy: BLOCK },
        session.browser.context,
        () =>
          session.browser.worker.evaluate(async () => {
            const chrome = (globalThis as unknown as { chrome: { storage: { managed: { get(): Promise<object> } } } })
              .chrome;
            return chrome.storage.managed.get();
          }),
        30_000,
      );
      const page = await session.openCheckout('spc-miss.html');
      await openPickerFromPopup(session, page);
      await clickThroughOverlay(page, FIELD);
      await expect.poll(() => pickerText(page, 'picker-po-selector')).toBe(PICKED);
      expect(await pickerText(page, 'picker-save')).toBeNull();
      expect(await pickerText(page, 'picker-panel')).toContain('Your organization sets the PO policy');
      // "Copy JSON snippet" has the focus.
      await page.keyboard.press('Enter');
      await expect.poll(() => pickerText(page, 'picker-status')).toContain('Copied');
      const copied = await page.evaluate(() => navigator.clipboard.readText());
      expect(JSON.parse(copied)).toEqual({ selectors: { poField: [PICKED] } });
      expect(await userPolicy(session)).toBeUndefined();
    });
  });
});
