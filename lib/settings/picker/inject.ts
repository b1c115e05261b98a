import { browser } from 'wxt/browser';
import { CHECKOUT_MATCHES } from '@/lib/amazon/marketplaces';
import type { PickerScript } from './background';

/**
 * Runs one of the extension's unlisted scripts in a tab and returns its result: `scripting.executeScript` (MV3,
 * the `scripting` permission), else `tabs.executeScript` (Firefox MV2). The checkout host permissions come from
 * the content script's match patterns.
 */
export async function runScriptInTab(tabId: number, file: PickerScript): Promise<unknown> {
  if (browser.scripting?.executeScript) {
    const [first] = await browser.scripting.executeScript({ target: { tabId }, files: [file] });
    return first?.result;
  }
  const [result] = (await browser.tabs.executeScript(tabId, { file })) as unknown[];
  return result;
}

/** The checkout tab used last, for a page report asked from the options page. */
export async function lastCheckoutTab(): Promise<number | null> {
  const tabs = await browser.tabs.query({ url: CHECKOUT_MATCHES });
  const last = tabs
    .filter((tab) => tab.id !== undefined)
    .sort((a, b) => (b.lastAccessed ?? 0) - (a.lastAccessed ?? 0))[0];
  return last?.id ?? null;
}
