/**
 * axe-core on the built extension's options page (issue 10, point 15): every section, with a policy in the
 * editor, 0 violations, including the experimental label-content-name-mismatch the issue reported.
 * The popup, the checkout hint and the locked view are not covered here yet (see the branch's report).
 */
import AxeBuilder from '@axe-core/playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE_POLICY } from '@/lib/policy/sample-policy';
import { launchExtensionBrowser, type ExtensionBrowser } from './support/chromium';

const SECTIONS = ['policy', 'tester', 'api-access', 'deployment', 'diagnostics'];

describe('options page accessibility (axe-core)', () => {
  let browser: ExtensionBrowser;
  beforeAll(async () => {
    browser = await launchExtensionBrowser({ hosts: {} });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it.each(SECTIONS)('#%s has no axe violations', async (section) => {
    const worker = browser.worker;
    await worker.evaluate(
      (policy) =>
        (
          globalThis as unknown as { chrome: { storage: { local: { set(items: object): Promise<void> } } } }
        ).chrome.storage.local.set({ userPolicy: policy }),
      SAMPLE_POLICY,
    );
    const page = await browser.context.newPage();
    await page.goto(`chrome-extension://${browser.extensionId}/options.html#${section}`);
    await page.locator(`#${section}:not([hidden])`).waitFor();
    const results = await new AxeBuilder({ page })
      .options({ rules: { 'label-content-name-mismatch': { enabled: true } } })
      .analyze();
    const found = results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    expect(found).toEqual([]);
    await page.close();
  });
});
