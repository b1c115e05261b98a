import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import puppeteer, { type Browser } from 'puppeteer-core';
import { startConnectProxy, type ConnectProxy } from './connect-proxy';

export const FIREFOX_PATH = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
/** `npx wxt build -b firefox`; PO_ASSIST_FIREFOX_EXTENSION_DIR points at another build of the same add-on. */
export const BUILT_FIREFOX_EXTENSION =
  process.env.PO_ASSIST_FIREFOX_EXTENSION_DIR ?? resolve(import.meta.dirname, '../../../.output/firefox-mv2');
/** `browser_specific_settings.gecko.id` in wxt.config.ts. */
export const GECKO_ID = 'po-assist@po-assist.dev';
/** Fixed through `extensions.webextensions.uuids`, so moz-extension:// page URLs are known before launch. */
export const FIREFOX_EXTENSION_UUID = '6f3d2a4e-8b1c-4d5e-9a7f-0c2b4e6d8f10';
export const FIREFOX_EXTENSION_ORIGIN = `moz-extension://${FIREFOX_EXTENSION_UUID}`;

export interface FirefoxExtensionBrowser {
  browser: Browser;
  proxy: ConnectProxy;
  extensionOrigin: string;
  close(): Promise<void>;
}

/**
 * Prefs that keep Firefox on loopback and quiet (DESIGN.md, "Firefox, measured here"): every request goes through
 * the CONNECT proxy, no DNS over HTTPS, no HTTP/3 (the proxy tunnels TCP only).
 */
function firefoxPrefs(proxyPort: number): Record<string, unknown> {
  return {
    'network.proxy.type': 1,
    'network.proxy.ssl': '127.0.0.1',
    'network.proxy.ssl_port': proxyPort,
    'network.proxy.http': '127.0.0.1',
    'network.proxy.http_port': proxyPort,
    'network.proxy.no_proxies_on': '',
    'network.proxy.allow_hijacking_localhost': true,
    'network.trr.mode': 5,
    'network.http.http3.enable': false,
    'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: FIREFOX_EXTENSION_UUID }),
    'browser.shell.checkDefaultBrowser': false,
    'datareporting.policy.dataSubmissionEnabled': false,
    'toolkit.telemetry.enabled': false,
    'app.update.enabled': false,
    'extensions.update.enabled': false,
    'browser.safebrowsing.malware.enabled': false,
    'browser.safebrowsing.phishing.enabled': false,
    'captivedetect.canonicalURL': '',
    'network.captive-portal-service.enabled': false,
    'network.connectivity-service.enabled': false,
    'browser.download.dir': '',
  };
}

/**
 * The built Firefox add-on (MV2) in Debian's firefox-esr over WebDriver BiDi, in a fresh profile and a fresh HOME
 * (both deleted on close). `managed` is the admin's managed storage, written where Firefox looks for it per user
 * ($HOME/.mozilla/managed-storage/<gecko id>.json): no machine-wide change, and Firefox reads it once per start.
 */
export async function launchFirefoxExtension(options: {
  hosts: Record<string, number>;
  managed?: Record<string, unknown>;
  headless?: boolean;
  extensionPath?: string;
}): Promise<FirefoxExtensionBrowser> {
  const extensionPath = options.extensionPath ?? BUILT_FIREFOX_EXTENSION;
  if (!existsSync(join(extensionPath, 'manifest.json'))) {
    throw new Error(
      `No Firefox build at ${extensionPath} (manifest.json missing): run \`npx wxt build -b firefox\` first.`,
    );
  }
  const root = mkdtempSync(join(tmpdir(), 'po-assist-firefox-'));
  const home = join(root, 'home');
  const profile = join(root, 'profile');
  mkdirSync(profile, { recursive: true });
  if (options.managed) {
    const dir = join(home, '.mozilla', 'managed-storage');
    mkdirSync(dir, { recursive: true });
    const manifest = {
      name: GECKO_ID,
      description: 'PO Assist admin policy (e2e)',
      type: 'storage',
      data: options.managed,
    };
    writeFileSync(join(dir, `${GECKO_ID}.json`), JSON.stringify(manifest));
  }
  mkdirSync(home, { recursive: true });
  const proxy = await startConnectProxy(options.hosts);
  let browser: Browser | undefined;
  try {
    browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath: FIREFOX_PATH,
      headless: options.headless ?? true,
      acceptInsecureCerts: true,
      userDataDir: profile,
      // Without it BiDi refuses to navigate to moz-extension:// pages.
      args: ['--remote-allow-system-access'],
      extraPrefsFirefox: firefoxPrefs(proxy.port),
      env: { ...process.env, HOME: home, MOZ_REMOTE_SETTINGS_DEVTOOLS: '1' } as Record<string, string>,
      defaultViewport: { width: 1280, height: 900 },
    });
    await browser.installExtension(extensionPath);
  } catch (error) {
    await browser?.close().catch(() => undefined);
    await proxy.close();
    rmSync(root, { recursive: true, force: true });
    throw error;
  }
  const launched = browser;
  return {
    browser: launched,
    proxy,
    extensionOrigin: FIREFOX_EXTENSION_ORIGIN,
    async close() {
      await launched.close().catch(() => undefined);
      await proxy.close();
      rmSync(root, { recursive: true, force: true });
    },
  };
}
