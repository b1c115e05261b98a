/**
 * axe-core on the built extension in Chromium (issue 10, point 15): 0 violations on the options page (every section,
 * with a policy in the editor, and the locked view under an admin policy), the popup in every state a finance user
 * meets (empty form, loading held up by the rate limit, results, saved answer, nothing found, offline with Try
 * again) and the checkout hint on a simulator checkout page (neutral guidance, a diagnosis, Fix, Generate with
 * blanket POs, a blocked, a warned and a held submit ("Checking your PO…"), a broken policy). The experimental
 * label-content-name-mismatch the issue reported is switched on. One browser for all of it; the admin policy is
 * delivered last, while it runs.
 *
 * The hint lives in an open shadow root (lib/checkout-guard/content/po-guard.tsx), which axe walks by itself; on the
 * checkout page only what PO Assist adds is checked (the hint, the PO field it describes and marks, the field's
 * description), not the fixture's imitation of Amazon's markup.
 */
import AxeBuilder from '@axe-core/playwright';
import axe from 'axe-core';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SAMPLE_POLICY } from '@/lib/policy/sample-policy';
import { CHECKOUT_FIXTURES } from '../fixtures/checkout/index';
import { ADMIN_SETTINGS } from './journeys/admin-policy';
import { startApiSession, type ApiSession, OFFLINE_BROKER_URL, offlineBrokerHosts } from './support/api-session';
import { ManagedPolicyFile, managedPolicyDirProblem } from './support/managed-policy';
import { PopupPage } from './support/popup-page';

const SECTIONS = ['policy', 'tester', 'api-access', 'deployment', 'diagnostics'];
const LOCKED_SECTIONS = ['organization', 'api-access', 'diagnostics'];
const SPC = CHECKOUT_FIXTURES.find((fixture) => fixture.file === 'spc-us.html')!;
const PO = SPC.expectedPoField!;
const HINT = 'po-assist-hint';
const inHint = (testId: string) => `${HINT} [data-testid="${testId}"]`;
/** What PO Assist adds to a checkout page: the hint, the field it marks, and the field's hidden description. */
const CHECKOUT_PARTS = [HINT, PO, '[id^="po-assist-description-"]'];

const policyDirProblem = managedPolicyDirProblem();
if (policyDirProblem) console.warn(`accessibility e2e (locked view) skipped: ${policyDirProblem}`);

/** axe's violations on the page (or only inside `include`), one line each: rule and where, for a readable diff. */
async function violations(page: Page, include?: string[]): Promise<string[]> {
  // Legacy mode: axe.run in the page itself, instead of runPartial per frame and finishRun in a new blank tab (2-5 s
  // a check on this machine). What it gives up, cross-origin frames, none of these pages has. resultTypes: node
  // details for violations only.
  // AxeBuilder sends axe-core's 650 kB source into the page twice a check; a page gets it once here instead, and the
  // builder a no-op source (a page navigated since has lost it and gets it again). None of these pages has frames.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axe.source);
  let builder = new AxeBuilder({ page, axeSource: ';' })
    .setLegacyMode()
    .options({ rules: { 'label-content-name-mismatch': { enabled: true } }, resultTypes: ['violations'] });
  for (const selector of include ?? []) builder = builder.include(selector);
  const results = await builder.analyze();
  return results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** Checks one state: its name comes first in the failure, so a diff says which state broke which rule. */
async function expectNoViolations(state: string, page: Page, include?: string[]): Promise<void> {
  expect({ state, violations: await violations(page, include) }).toEqual({ state, violations: [] });
}

describe('accessibility (axe-core) of the options page, the popup and the checkout hint', () => {
  let session: ApiSession;
  beforeAll(async () => {
    session = await startApiSession({ hosts: await offlineBrokerHosts() });
  });
  afterAll(async () => {
    await session?.close();
  });
  beforeEach(async () => {
    await session.resetTabs();
    session.sim.reset();
    await session.storage.clear('local');
    await session.storage.clear('session');
    await session.setUserPolicy(SAMPLE_POLICY);
  });

  it('options page: every section, with a policy in the editor', async () => {
    const page = await session.browser.context.newPage();
    await page.goto(`chrome-extension://${session.browser.extensionId}/options.html`);
    for (const section of SECTIONS) {
      await page.evaluate((id) => (location.hash = id), section); // as the section links do, without a reload
      await page.locator(`#${section}:not([hidden])`).waitFor();
      await expectNoViolations(`#${section}`, page);
    }
  });

  it('popup: empty form, loading (rate-limit wait), results, saved answer, nothing found, offline', async () => {
    await session.setApiAccess();
    let popup = await session.openPopup();
    await popup.page.setViewportSize({ width: 420, height: 760 });
    await expectNoViolations('empty form', popup.page);

    // Loading, held up by Amazon's rate limit (a 429 with Retry-After): the progress line, its spinner and the wait.
    session.sim.setFaults({ throttle: { count: 1, retryAfterSeconds: 4 } });
    await popup.search('MKT-202611-0042');
    await popup.progress.getByText("Waiting for Amazon's rate limit").waitFor({ timeout: 10_000 });
    await expectNoViolations('loading, waiting for the rate limit', popup.page);
    expect(await popup.progress.textContent()).toContain("Waiting for Amazon's rate limit"); // the state checked
    await expect.poll(() => popup.orders.count(), { timeout: 20_000 }).toBe(4);
    await expectNoViolations('results', popup.page);

    await popup.page.close();
    popup = await PopupPage.open(session.browser);
    await popup.page.getByTestId('cache-age').waitFor();
    await expectNoViolations('saved answer', popup.page);

    await popup.search('NONE-0000-0000');
    await popup.notice.waitFor({ timeout: 20_000 });
    await expectNoViolations('nothing found', popup.page);

    await session.setApiAccess({
      mode: 'broker',
      brokerUrl: OFFLINE_BROKER_URL,
      region: 'US',
      sandbox: false,
    });
    await session.clearLookupCache();
    popup = await session.openPopup();
    await popup.search('MKT-202611-0042');
    await popup.page.getByRole('button', { name: 'Try again' }).waitFor({ timeout: 5_000 });
    await expectNoViolations('offline', popup.page);
  });

  it('checkout hint: neutral, diagnosis, Fix, reuse notice, Generate with blanket POs, blocked, warned, held, broken', async () => {
    await session.setApiAccess();
    await session.setUserPolicy({ ...SAMPLE_POLICY, enforcement: 'block' });
    let page = await session.openCheckout(SPC.file);
    await page.waitForSelector(`${PO}[aria-describedby*="po-assist"]`);
    await page.locator(inHint('po-announcement')).waitFor({ state: 'attached' });
    await expectNoViolations('neutral guidance', page, CHECKOUT_PARTS);

    await page.fill(PO, 'MKTG-202611-0042');
    await page.press(PO, 'Tab');
    await page.locator(inHint('po-verdict'), { hasText: 'found MKTG' }).waitFor();
    await expectNoViolations('diagnosis', page, CHECKOUT_PARTS);

    await page.fill(PO, ' mkt_202611_42');
    await page.press(PO, 'Tab');
    await page.locator(inHint('po-fix')).waitFor();
    await expectNoViolations('Fix offered', page, CHECKOUT_PARTS);
    await page.click(inHint('po-fix'));
    await page.locator(inHint('po-reuse')).waitFor({ timeout: 15_000 });
    await expectNoViolations('fixed, with the reuse notice', page, CHECKOUT_PARTS);

    await page.fill(PO, '');
    await page.click(inHint('po-generate-toggle'));
    await page.locator(inHint('po-blankets')).waitFor();
    await expectNoViolations('Generate panel with blanket POs', page, CHECKOUT_PARTS);

    await page.fill(PO, 'MKT-202613-0042');
    await page.click(SPC.submitControl);
    await page.locator(inHint('po-submit-message'), { hasText: 'Order not submitted' }).waitFor();
    await expectNoViolations('blocked submit', page, CHECKOUT_PARTS);

    await session.setUserPolicy({ ...SAMPLE_POLICY, enforcement: 'warn' });
    page = await session.openCheckout(SPC.file);
    await page.waitForSelector(`${PO}[aria-describedby*="po-assist"]`);
    await page.fill(PO, 'MKTG-202611-0042');
    await page.click(SPC.submitControl);
    await page.locator(inHint('po-submit-message'), { hasText: 'Submit again' }).waitFor();
    await expectNoViolations('warned submit', page, CHECKOUT_PARTS);

    // Held: under reuse "block" the order waits for Amazon's order history, which the simulator sends 5 s late (a PO
    // not looked up before in this browser: a cached answer would come at once).
    await session.setUserPolicy({ ...SAMPLE_POLICY, reuse: 'block' });
    session.sim.setFaults({ delayMs: 5_000 });
    page = await session.openCheckout(SPC.file);
    await page.waitForSelector(`${PO}[aria-describedby*="po-assist"]`);
    await page.fill(PO, 'FIN-202611-0007');
    await page.click(SPC.submitControl);
    const held = page.locator(inHint('po-submit-message'), { hasText: 'Checking your PO' });
    await held.waitFor();
    await expectNoViolations('held submit, checking your PO', page, CHECKOUT_PARTS);
    expect(await held.count()).toBe(1); // still the state checked
    session.sim.setFaults({ delayMs: null });

    await session.setUserPolicy({ ...SAMPLE_POLICY, formats: [{ id: 'x', label: 'Broken', template: '{dpt}' }] });
    page = await session.openCheckout(SPC.file);
    await page.locator(`${HINT} .po-hint .warning`).waitFor({ timeout: 10_000 });
    await expectNoViolations('broken policy', page, CHECKOUT_PARTS);
  });

  describe.skipIf(policyDirProblem !== null)('under a locked admin policy', () => {
    const file = new ManagedPolicyFile(`po-assist-e2e-a11y-${process.pid}`);
    afterAll(() => file.withdraw(session?.browser.context));

    it('options page (every section of the locked view), popup and checkout hint', async () => {
      await file.deliver(ADMIN_SETTINGS, session.browser.context, () => session.storage.get('managed'));

      const page = await session.browser.context.newPage();
      await page.goto(`chrome-extension://${session.browser.extensionId}/options.html`);
      await page.locator('[data-testid="organization-view"]').waitFor({ state: 'attached', timeout: 15_000 });
      for (const section of LOCKED_SECTIONS) {
        await page.evaluate((id) => (location.hash = id), section);
        await page.locator(`#${section}:not([hidden])`).waitFor();
        await expectNoViolations(`locked #${section}`, page);
      }

      const popup = await session.openPopup();
      await expectNoViolations('popup under the admin policy', popup.page);

      const checkout = await session.openCheckout(SPC.file);
      await checkout.waitForSelector(`${PO}[aria-describedby*="po-assist"]`);
      await checkout.locator(`${HINT} .po-hint`, { hasText: 'Cost centre order' }).waitFor({ timeout: 10_000 });
      await checkout.click(inHint('po-generate-toggle'));
      await expectNoViolations('checkout hint under the admin policy', checkout, CHECKOUT_PARTS);
    });
  });
});
