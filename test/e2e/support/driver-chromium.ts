import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { startCheckoutServer } from '../../support/checkout-server';
import { startSimulator, type Simulator } from '../../sim/server';
import { API_HOSTS } from './api-session';
import { launchExtensionBrowser } from './chromium';
import { readInPage, type E2ePage, type E2eSession, type ReadRequest, type SessionOptions } from './driver';
import { extensionStorage } from './extension-storage';
import { ManagedPolicyFile } from './managed-policy';
import { STOREFRONT_HOSTS } from './session';

/** Playwright's CSS pierces open shadow roots by itself: ` >>> ` is just a descendant step there. */
const css = (selector: string) => selector.replaceAll(' >>> ', ' ');

/**
 * `lastTab`: what closing the last tab opens first (Chromium needs one open tab, see resetTabs); without it the page
 * just closes.
 */
export function chromiumPage(page: Page, lastTab?: () => Promise<unknown>): E2ePage {
  const read = (request: ReadRequest) => page.evaluate(readInPage, request);
  return {
    url: () => page.url(),
    button: (name) => `button:text-is(${JSON.stringify(name)})`,
    // The driver's contract says `arg` is plain JSON, which is what Playwright's own types spell out at length.
    evaluate: <R, A>(fn: (arg: A) => R | Promise<R>, arg?: A) =>
      page.evaluate(fn as unknown as (arg: unknown) => R, arg as unknown) as Promise<R>,
    fill: (selector, value) => page.fill(css(selector), value),
    click: (selector) => page.click(css(selector)),
    focus: (selector) => page.focus(css(selector)),
    press: (selector, key) => page.press(css(selector), key),
    select: async (selector, value) => {
      await page.locator(css(selector)).selectOption(value);
    },
    text: (selector) => read({ selector, what: 'text' }) as Promise<string | null>,
    innerText: (selector) => read({ selector, what: 'innerText' }) as Promise<string | null>,
    attribute: (selector, name) => read({ selector, what: 'attribute', name }) as Promise<string | null>,
    value: (selector) => read({ selector, what: 'value' }) as Promise<string | null>,
    property: (selector, name) => read({ selector, what: 'property', name }),
    count: (selector) => read({ selector, what: 'count' }) as Promise<number>,
    waitFor: async (selector, options) => {
      await page.locator(css(selector)).first().waitFor({ state: 'attached', timeout: options?.timeout });
    },
    chooseFile: (selector, file) =>
      page.setInputFiles(css(selector), { name: file.name, mimeType: 'application/json', buffer: file.bytes }),
    async download(selector) {
      const [download] = await Promise.all([page.waitForEvent('download'), page.click(css(selector))]);
      return { fileName: download.suggestedFilename(), bytes: readFileSync(await download.path()) };
    },
    setViewport: (size) => page.setViewportSize(size),
    screenshot: async (path) => {
      await page.screenshot({ path });
    },
    close: async () => {
      if (lastTab && page.context().pages().length === 1) await lastTab();
      await page.close();
    },
  };
}

/** The built extension (.output/chrome-mv3) in Debian's Chromium under Playwright, as an E2eSession. */
export async function startChromiumSession(options: SessionOptions = {}): Promise<E2eSession> {
  const server = await startCheckoutServer();
  let sim: Simulator | undefined;
  const policyFile = options.managed ? new ManagedPolicyFile(`po-assist-e2e-${process.pid}-${Date.now()}`) : undefined;
  try {
    if (options.sim) sim = await startSimulator(options.sim === true ? undefined : options.sim);
    const hosts: Record<string, number> = Object.fromEntries(STOREFRONT_HOSTS.map((host) => [host, server.port]));
    if (sim) for (const host of [...API_HOSTS, ...(options.simHosts ?? [])]) hosts[host] = sim.port;
    // Written before the browser starts, as on a managed machine (machine-wide folder: removed on close).
    if (options.managed) policyFile!.write(options.managed);
    const browser = await launchExtensionBrowser({
      hosts: { ...hosts, ...options.hosts },
      headless: options.headless,
      lang: options.lang,
    });
    const storage = extensionStorage(browser);
    const { context } = browser;
    // The blank tab resetTabs leaves is where the next page opens: a new tab costs 0.3-0.5 s on a loaded machine, and
    // every test opens one right after resetTabs. It is still a tab of its own per test.
    let blankTab: Page | null = null;
    const newBlankTab = async () => (blankTab = await context.newPage());
    const openPage = async (url: string) => {
      const reuse = blankTab && !blankTab.isClosed() && blankTab.url() === 'about:blank' ? blankTab : null;
      blankTab = null;
      const page = reuse ?? (await context.newPage());
      await page.goto(url);
      return chromiumPage(page, newBlankTab);
    };
    return {
      browserName: 'chromium',
      extensionOrigin: `chrome-extension://${browser.extensionId}`,
      server,
      get sim(): Simulator {
        if (!sim) throw new Error('this session was started without the simulator (sim: true)');
        return sim;
      },
      storage,
      openPage,
      openCheckout: (file) => openPage(server.urlOf(file)),
      openExtensionPage: (path) => openPage(`chrome-extension://${browser.extensionId}/${path}`),
      setUserPolicy: (policy) => storage.set('local', { userPolicy: policy }),
      clearStorage: () => storage.clear('local'),
      async resetTabs() {
        // Never no tab: with none, Chromium (156, headless) leaves storage.managed.get() unresolved.
        const keep = await newBlankTab();
        for (const page of context.pages()) if (page !== keep) await page.close();
      },
      async close() {
        await browser.close();
        policyFile?.remove();
        await server.close();
        await sim?.close();
      },
    };
  } catch (error) {
    policyFile?.remove();
    await server.close();
    await sim?.close();
    throw error;
  }
}
