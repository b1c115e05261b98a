import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Worker } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** The default build (`npx wxt build`); PO_ASSIST_EXTENSION_DIR points at another build of the same extension. */
export const BUILT_EXTENSION =
  process.env.PO_ASSIST_EXTENSION_DIR ?? resolve(import.meta.dirname, '../../../.output/chrome-mv3');
/** Fixed by the manifest `key` of the unpacked build (see wxt.config.ts). */
export const EXTENSION_ID = 'dclbnbbfkialpdndoahpkankgliacokd';

export interface ExtensionBrowser {
  context: BrowserContext;
  worker: Worker;
  extensionId: string;
  close(): Promise<void>;
}

/** Flags this machine needs (see DESIGN.md), plus the extension and the host mapping to local servers. */
export function chromiumArgs(extensionPath: string, hostRules: string): string[] {
  return [
    `--disable-extensions-except=${extensionPath}`,
    `--load-extension=${extensionPath}`,
    `--host-resolver-rules=${hostRules}`,
    '--ignore-certificate-errors',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ];
}

/** `MAP host 127.0.0.1:port` for each host; everything else stays unresolvable, so nothing leaves the machine. */
export function hostRules(map: Record<string, number>): string {
  const rules = Object.entries(map).map(([host, port]) => `MAP ${host} 127.0.0.1:${port}`);
  return [...rules, 'EXCLUDE localhost', 'MAP * ~NOTFOUND'].join(', ');
}

/** The built extension in Debian's Chromium, in a fresh profile that is deleted on close. */
export async function launchExtensionBrowser(options: {
  hosts: Record<string, number>;
  extensionPath?: string;
  headless?: boolean;
  /** The browser's UI language, e.g. `de-DE`: what browser.i18n.getUILanguage() returns and messages follow. */
  lang?: string;
}): Promise<ExtensionBrowser> {
  const extensionPath = snapshotExtension(options.extensionPath ?? BUILT_EXTENSION);
  const profile = mkdtempSync(join(tmpdir(), 'po-assist-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: options.headless ?? true,
    args: [
      ...chromiumArgs(extensionPath, hostRules(options.hosts)),
      ...(options.lang ? [`--lang=${options.lang}`] : []),
    ],
    // Chromium on Linux takes its UI language from --lang and LANGUAGE/LANG; `locale` sets navigator.language.
    ...(options.lang
      ? {
          locale: options.lang,
          env: {
            ...process.env,
            LANGUAGE: options.lang.replace('-', '_'),
            LANG: `${options.lang.replace('-', '_')}.UTF-8`,
          },
        }
      : {}),
    viewport: { width: 1280, height: 900 },
  });
  const worker =
    context.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://')) ??
    (await context.waitForEvent('serviceworker', { timeout: 20_000 }).catch(async (error: unknown) => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
      rmSync(dirname(extensionPath), { recursive: true, force: true });
      throw new Error(
        "The extension's service worker did not start: Chromium refused to load the extension (an invalid " +
          `managed_schema.json does that silently) or the build is broken. ${String(error)}`,
      );
    }));
  const extensionId = new URL(worker.url()).host;
  return {
    context,
    worker,
    extensionId,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
      rmSync(dirname(extensionPath), { recursive: true, force: true });
    },
  };
}

/**
 * A private copy of the built extension, which the browser loads: Chromium reads extension files lazily, and a
 * `wxt build` elsewhere (which empties .output first) must not pull them from under a running test. The
 * manifest `key` keeps the id the same wherever the copy lives.
 */
function snapshotExtension(source: string): string {
  if (!existsSync(join(source, 'manifest.json'))) {
    throw new Error(`No built extension at ${source} (manifest.json missing): run \`npx wxt build\` first.`);
  }
  const copy = join(mkdtempSync(join(tmpdir(), 'po-assist-extension-')), 'chrome-mv3');
  cpSync(source, copy, { recursive: true });
  return copy;
}
