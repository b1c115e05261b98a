import { readFileSync } from 'node:fs';
import type { Locator, Page } from 'playwright-core';
import type { ExtensionBrowser } from './chromium';

/** The toolbar popup (popup.html opened in a tab), by what a user sees and the names assistive technology reads. */
export class PopupPage {
  readonly poInput: Locator;
  readonly region: Locator;
  readonly searchButton: Locator;
  /** "Page 2 · 20 orders so far", the rate-limit wait: the live status while a lookup runs. */
  readonly progress: Locator;
  readonly summary: Locator;
  readonly orders: Locator;
  /** An outcome that needs words: an error, nothing found, incomplete results. */
  readonly notice: Locator;
  readonly incompleteBanner: Locator;
  readonly actionStatus: Locator;

  constructor(readonly page: Page) {
    this.poInput = page.getByRole('textbox', { name: 'PO number', exact: true });
    this.region = page.getByRole('combobox', { name: 'Region' });
    this.searchButton = page.getByRole('button', { name: 'Search', exact: true });
    this.progress = page.getByTestId('lookup-progress');
    this.summary = page.getByTestId('lookup-summary');
    this.orders = page.getByTestId('order');
    this.notice = page.getByTestId('lookup-notice');
    this.incompleteBanner = page.getByTestId('incomplete-banner');
    this.actionStatus = page.getByTestId('action-status');
  }

  static async open(browser: ExtensionBrowser): Promise<PopupPage> {
    const page = await browser.context.newPage();
    await page.goto(`chrome-extension://${browser.extensionId}/popup.html`);
    const popup = new PopupPage(page);
    await popup.poInput.waitFor();
    return popup;
  }

  /** Types a PO (and picks a region) and presses Enter, as a user would. */
  async search(po: string, region?: string): Promise<void> {
    if (region) await this.region.selectOption(region);
    await this.poInput.fill(po);
    await this.poInput.press('Enter');
  }

  /**
   * Records every text the progress area shows from now on (a lookup can page faster than a poll would see),
   * read back with `progressSeen()`.
   */
  async recordProgress(): Promise<void> {
    await this.page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { progressSeen: string[] }).progressSeen = seen;
      const note = () => {
        const text = document.querySelector('[data-testid="lookup-progress"]')?.textContent?.trim();
        if (text && seen.at(-1) !== text) seen.push(text);
      };
      new MutationObserver(note).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
  }

  progressSeen(): Promise<string[]> {
    return this.page.evaluate(() => [...((window as unknown as { progressSeen?: string[] }).progressSeen ?? [])]);
  }

  /** Clicks Export CSV and returns the saved file's bytes and suggested name. */
  async exportCsv(): Promise<{ fileName: string; bytes: Buffer }> {
    const [download] = await Promise.all([
      this.page.waitForEvent('download'),
      this.page.getByRole('button', { name: 'Export CSV' }).click(),
    ]);
    const path = await download.path();
    return { fileName: download.suggestedFilename(), bytes: readFileSync(path) };
  }
}
