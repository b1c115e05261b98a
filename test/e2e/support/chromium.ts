import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Worker } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const BUILT_EXTENSION = resolve(import.meta.dirname, '../../../.output/chrome-mv3');
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
}): Promise<ExtensionBrowser> {
  const extensionPath = options.extensionPath ?? BUILT_EXTENSION;
  const profile = mkdtempSync(join(tmpdir(), 'po-assist-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: options.headless ?? true,
    args: chromiumArgs(extensionPath, hostRules(options.hosts)),
    viewport: { width: 1280, height: 900 },
  });
  const worker =
    context.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://')) ??
    (await context.waitForEvent('serviceworker', { timeout: 20_000 }));
  const extensionId = new URL(worker.url()).host;
  return {
    context,
    worker,
    extensionId,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
