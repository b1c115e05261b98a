import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ElementHandle, Page } from 'puppeteer-core';
import { startCheckoutServer } from '../../support/checkout-server';
import { startSimulator, type Simulator } from '../../sim/server';
import { API_HOSTS } from './api-session';
import {
  readInPage,
  type E2ePage,
  type E2eSession,
  type ExtensionStorage,
  type ReadRequest,
  type SessionOptions,
} from './driver';
import { launchFirefoxExtension } from './firefox';
import { STOREFRONT_HOSTS } from './session';

/** What the download hook below keeps in the page. */
interface DownloadHookGlobal {
  poE2eDownloads?: Promise<{ fileName: string; bytes: number[] }>[];
}

/** Files chosen in pages still open (see chooseFile), removed when their page or the session closes. */
const uploadDirs = new Set<string>();

export function firefoxPage(page: Page): E2ePage {
  const read = (request: ReadRequest) => page.evaluate(readInPage, request);
  return {
    url: () => page.url(),
    button: (name) => `button::-p-text(${JSON.stringify(name)})`,
    evaluate: <R, A>(fn: (arg: A) => R | Promise<R>, arg?: A) =>
      page.evaluate(fn as unknown as (arg: unknown) => R, arg as unknown) as Promise<R>,
    fill: (selector, value) => page.locator(selector).fill(value),
    click: (selector) => page.click(selector),
    focus: (selector) => page.focus(selector),
    async press(selector, key) {
      await page.focus(selector);
      await page.keyboard.press(key as Parameters<typeof page.keyboard.press>[0]);
    },
    async select(selector, value) {
      await page.select(selector, value);
    },
    text: (selector) => read({ selector, what: 'text' }) as Promise<string | null>,
    innerText: (selector) => read({ selector, what: 'innerText' }) as Promise<string | null>,
    attribute: (selector, name) => read({ selector, what: 'attribute', name }) as Promise<string | null>,
    value: (selector) => read({ selector, what: 'value' }) as Promise<string | null>,
    property: (selector, name) => read({ selector, what: 'property', name }),
    count: (selector) => read({ selector, what: 'count' }) as Promise<number>,
    async waitFor(selector, options) {
      await page.waitForSelector(selector, { timeout: options?.timeout ?? 30_000 });
    },
    /**
     * BiDi sets files by path: the file is written to a temporary folder first. Firefox reads a chosen file lazily
     * (when the page calls `file.text()`), and a file removed before that read fails it with an AbortError, so the
     * folder stays until the page is closed.
     */
    async chooseFile(selector, file) {
      const dir = mkdtempSync(join(tmpdir(), 'po-assist-upload-'));
      const remove = () => rmSync(dir, { recursive: true, force: true });
      try {
        const path = join(dir, file.name);
        writeFileSync(path, file.bytes);
        const input = await page.$(selector);
        if (!input) throw new Error(`no ${selector}`);
        await (input as ElementHandle<HTMLInputElement>).uploadFile(path);
      } catch (error) {
        remove();
        throw error;
      }
      uploadDirs.add(dir);
      page.once('close', () => {
        uploadDirs.delete(dir);
        remove();
      });
    },
    /**
     * BiDi gives no download event in Firefox 153, so the page's own Blob-URL download (components/options/download.ts)
     * is observed in the page: the link's `download` name and the Blob's bytes, as the saved file would hold them.
     */
    async download(selector) {
      await page.evaluate(() => {
        const hook = window as unknown as DownloadHookGlobal;
        if (hook.poE2eDownloads) return;
        hook.poE2eDownloads = [];
        const click = HTMLAnchorElement.prototype.click;
        HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
          if (this.download && this.href.startsWith('blob:')) {
            hook.poE2eDownloads!.push(
              fetch(this.href)
                .then((response) => response.arrayBuffer())
                .then((buffer) => ({ fileName: this.download, bytes: [...new Uint8Array(buffer)] })),
            );
            return;
          }
          click.call(this);
        };
      });
      const before = await page.evaluate(() => (window as unknown as DownloadHookGlobal).poE2eDownloads!.length);
      await page.click(selector);
      await page.waitForFunction(
        (n) => (window as unknown as DownloadHookGlobal).poE2eDownloads!.length > n,
        {},
        before,
      );
      const saved = await page.evaluate((n) => (window as unknown as DownloadHookGlobal).poE2eDownloads![n]!, before);
      return { fileName: saved.fileName, bytes: Buffer.from(saved.bytes) };
    },
    setViewport: (size) => page.setViewport(size),
    screenshot: async (path) => {
      await page.screenshot({ path: path as `${string}.png` });
    },
    close: () => page.close(),
  };
}

/**
 * Opens an extension page: BiDi never reports such a navigation finished (DESIGN.md), so start it and poll the
 * page itself until it has loaded.
 */
async function gotoExtensionPage(page: Page, url: string): Promise<void> {
  page.goto(url).catch(() => undefined);
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    const state = await page.evaluate(() => `${location.href} ${document.readyState}`).catch(() => '');
    if (state === `${url} complete`) return;
  }
  throw new Error(`${url} did not load within 20 s`);
}

/** The built add-on (.output/firefox-mv2) in Debian's firefox-esr through puppeteer-core, as an E2eSession. */
export async function startFirefoxSession(options: SessionOptions = {}): Promise<E2eSession> {
  const server = await startCheckoutServer();
  let sim: Simulator | undefined;
  try {
    if (options.sim) sim = await startSimulator(options.sim === true ? undefined : options.sim);
    const hosts: Record<string, number> = Object.fromEntries(STOREFRONT_HOSTS.map((host) => [host, server.port]));
    if (sim) for (const host of [...API_HOSTS, ...(options.simHosts ?? [])]) hosts[host] = sim.port;
    const firefox = await launchFirefoxExtension({
      hosts: { ...hosts, ...options.hosts },
      managed: options.managed as Record<string, unknown> | undefined,
      headless: options.headless,
    });
    const { browser, extensionOrigin } = firefox;
    // Storage is read and written where the extension's own code does it: in one of its pages, kept open.
    const storagePage = (await browser.pages())[0] ?? (await browser.newPage());
    await gotoExtensionPage(storagePage, `${extensionOrigin}/popup.html`);
    const inStoragePage = <R, A>(fn: (arg: A) => Promise<R>, arg: A) =>
      storagePage.evaluate(fn as unknown as (arg: unknown) => Promise<R>, arg as unknown) as Promise<R>;
    type BrowserGlobal = {
      browser: {
        storage: Record<
          string,
          {
            get(k: unknown): Promise<Record<string, unknown>>;
            set(i: unknown): Promise<void>;
            remove(k: unknown): Promise<void>;
            clear(): Promise<void>;
          }
        >;
      };
    };
    const storage: ExtensionStorage = {
      get: (area, keys = null) =>
        inStoragePage((a) => (globalThis as unknown as BrowserGlobal).browser.storage[a.area]!.get(a.keys), {
          area,
          keys,
        }),
      set: (area, items) =>
        inStoragePage((a) => (globalThis as unknown as BrowserGlobal).browser.storage[a.area]!.set(a.items), {
          area,
          items,
        }),
      remove: (area, keys) =>
        inStoragePage((a) => (globalThis as unknown as BrowserGlobal).browser.storage[a.area]!.remove(a.keys), {
          area,
          keys,
        }),
      clear: (area) => inStoragePage((a) => (globalThis as unknown as BrowserGlobal).browser.storage[a]!.clear(), area),
    };
    const openPage = async (url: string) => {
      const page = await browser.newPage();
      await page.goto(url);
      return firefoxPage(page);
    };
    return {
      browserName: 'firefox',
      extensionOrigin,
      server,
      get sim(): Simulator {
        if (!sim) throw new Error('this session was started without the simulator (sim: true)');
        return sim;
      },
      storage,
      openPage,
      openCheckout: (file) => openPage(server.urlOf(file)),
      async openExtensionPage(path) {
        const page = await browser.newPage();
        await gotoExtensionPage(page, `${extensionOrigin}/${path}`);
        return firefoxPage(page);
      },
      setUserPolicy: (policy) => storage.set('local', { userPolicy: policy }),
      clearStorage: () => storage.clear('local'),
      async resetTabs() {
        for (const page of await browser.pages()) if (page !== storagePage) await page.close();
      },
      async close() {
        await firefox.close();
        for (const dir of uploadDirs) rmSync(dir, { recursive: true, force: true });
        uploadDirs.clear();
        await server.close();
        await sim?.close();
      },
    };
  } catch (error) {
    await server.close();
    await sim?.close();
    throw error;
  }
}
