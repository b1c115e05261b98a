import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Browser } from 'happy-dom';
import { CHECKOUT_FIXTURES, type CheckoutFixture } from '../fixtures/checkout/index';

export function fixtureByFile(file: string): CheckoutFixture {
  const fixture = CHECKOUT_FIXTURES.find((entry) => entry.file === file);
  if (!fixture) throw new Error(`No checkout fixture named ${file}`);
  return fixture;
}

export function fixtureHtml(file: string): string {
  // Not `new URL(…, import.meta.url)`: Vite rewrites that pattern as an asset URL.
  return readFileSync(join(import.meta.dirname, '../fixtures/checkout', file), 'utf8');
}

/**
 * Loads a fixture into the test environment's own document, as parsed markup: happy-dom does not run inline
 * scripts here (JavaScript evaluation is off by default), so this is the page before its scripts ran.
 */
export function loadStatic(file: string): Document {
  const html = fixtureHtml(file);
  const parsed = new DOMParser().parseFromString(html, 'text/html');
  document.documentElement.lang = parsed.documentElement.lang;
  document.head.innerHTML = parsed.head.innerHTML;
  document.body.innerHTML = parsed.body.innerHTML;
  for (const script of Array.from(document.querySelectorAll('script'))) script.remove();
  return document;
}

export interface LivePage {
  window: Window;
  document: Document;
  close(): Promise<void>;
}

/**
 * Opens a fixture in a separate happy-dom browser page with JavaScript on, at its Amazon URL, so its own inline
 * scripts run (clicks, timers, re-renders) as they do in Chromium for the e2e tests. Close it when done.
 */
export function openLive(file: string): LivePage {
  const fixture = fixtureByFile(file);
  const browser = new Browser({
    settings: {
      enableJavaScriptEvaluation: true,
      suppressInsecureJavaScriptEnvironmentWarning: true,
      navigation: { disableMainFrameNavigation: true },
    },
  });
  const page = browser.newPage();
  page.url = `https://www.amazon.${fixture.tld}${fixture.urlPath}`;
  // Inline scripts run while the content is set; their timers (spc-rerender's 300 ms re-render) are left pending.
  page.content = fixtureHtml(file);
  const window = page.mainFrame.window as unknown as Window;
  return { window, document: window.document, close: () => browser.close() };
}
