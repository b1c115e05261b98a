import { readFileSync } from 'node:fs';
import type { Locator, Page } from 'playwright-core';
import type { ExtensionBrowser } from './chromium';

/** The options page (policy editor, tester, import and export), by the names a screen reader reads. */
export class OptionsPage {
  readonly saveButton: Locator;
  /** "Saved. …" or why it was not: the result line under the save bar. */
  readonly saveOutcome: Locator;
  readonly importOutcome: Locator;
  readonly testerInput: Locator;
  readonly testerVerdict: Locator;

  constructor(readonly page: Page) {
    this.saveButton = page.getByRole('button', { name: 'Save policy' });
    this.saveOutcome = page.getByTestId('policy-outcome');
    this.importOutcome = page.getByTestId('import-outcome');
    this.testerInput = page.getByRole('textbox', { name: 'PO number to test' });
    this.testerVerdict = page.getByTestId('tester-verdict');
  }

  static async open(browser: ExtensionBrowser): Promise<OptionsPage> {
    const page = await browser.context.newPage();
    await page.goto(`chrome-extension://${browser.extensionId}/options.html`);
    const options = new OptionsPage(page);
    // The policy editor's heading (a locked policy shows the organization view instead).
    await page.getByRole('heading', { name: /^PO policy/, level: 2 }).waitFor();
    return options;
  }

  /** A text box of the policy form by its full accessible name, e.g. `Format 1, Template` or `Field "seq", Shortest`. */
  textbox(name: string): Locator {
    return this.page.getByRole('textbox', { name, exact: true });
  }

  /** A choice in one of the form's radio groups, e.g. ('What an invalid PO does', 'Block'). */
  radio(groupStartsWith: string, choice: string): Locator {
    return this.page
      .getByRole('group', { name: new RegExp(`^${groupStartsWith.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`) })
      .getByRole('radio', { name: choice, exact: true });
  }

  button(name: string): Locator {
    return this.page.getByRole('button', { name, exact: true });
  }

  async test(po: string): Promise<void> {
    await this.testerInput.fill(po);
  }

  /** Clicks the export button and returns the file's name and parsed JSON. */
  async exportPolicy(): Promise<{ fileName: string; path: string; json: unknown }> {
    const [download] = await Promise.all([
      this.page.waitForEvent('download'),
      this.page.getByRole('button', { name: /^Export the editor's policy/ }).click(),
    ]);
    const path = await download.path();
    return { fileName: download.suggestedFilename(), path, json: JSON.parse(readFileSync(path, 'utf8')) as unknown };
  }

  /** Chooses a file through the import button, as a user picks one in the file dialog. */
  async importFile(file: { name: string; mimeType: string; buffer: Buffer }): Promise<void> {
    const [chooser] = await Promise.all([
      this.page.waitForEvent('filechooser'),
      this.button('Import a policy file (.json)').click(),
    ]);
    await chooser.setFiles(file);
  }
}
