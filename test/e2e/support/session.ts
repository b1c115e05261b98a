import type { Page } from 'playwright-core';
import { startCheckoutServer, type CheckoutServer } from '../../support/checkout-server';
import { launchExtensionBrowser, type ExtensionBrowser } from './chromium';

/** The Amazon storefront hosts the fixtures are served as. */
export const STOREFRONT_HOSTS = [
  'www.amazon.com',
  'www.amazon.ca',
  'www.amazon.com.mx',
  'www.amazon.co.uk',
  'www.amazon.de',
  'www.amazon.fr',
  'www.amazon.it',
  'www.amazon.es',
  'www.amazon.in',
  'www.amazon.co.jp',
  'www.amazon.com.au',
];

/** The bit of the extension's service worker global the tests touch (it runs there, not in Node). */
interface WorkerGlobal {
  chrome: {
    storage: {
      local: { set(items: Record<string, unknown>): Promise<void>; clear(): Promise<void> };
    };
  };
}

export interface CheckoutSession {
  browser: ExtensionBrowser;
  server: CheckoutServer;
  setUserPolicy(policy: unknown): Promise<void>;
  clearStorage(): Promise<void>;
  openCheckout(file: string): Promise<Page>;
  close(): Promise<void>;
}

/** The built extension in Chromium with every storefront host mapped to the local checkout fixture server. */
export async function startCheckoutSession(
  extra: Record<string, number> = {},
  options: { headless?: boolean; lang?: string } = {},
): Promise<CheckoutSession> {
  const server = await startCheckoutServer();
  const hosts = Object.fromEntries(STOREFRONT_HOSTS.map((host) => [host, server.port]));
  const browser = await launchExtensionBrowser({
    hosts: { ...hosts, ...extra },
    headless: options.headless,
    lang: options.lang,
  });
  return {
    browser,
    server,
    async setUserPolicy(policy) {
      await browser.worker.evaluate(
        (value) => (globalThis as unknown as WorkerGlobal).chrome.storage.local.set({ userPolicy: value }),
        policy,
      );
    },
    async clearStorage() {
      await browser.worker.evaluate(() => (globalThis as unknown as WorkerGlobal).chrome.storage.local.clear());
    },
    async openCheckout(file) {
      const page = await browser.context.newPage();
      await page.goto(server.urlOf(file));
      return page;
    },
    async close() {
      await browser.close();
      await server.close();
    },
  };
}

/** The text that assistive technology reads for an input: its aria-describedby targets. */
export async function describedText(page: Page, selector: string): Promise<string> {
  return page.$eval(selector, (input) => {
    const ids = (input.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean);
    return ids
      .map((id) => document.getElementById(id)?.textContent ?? '')
      .join(' ')
      .trim();
  });
}
