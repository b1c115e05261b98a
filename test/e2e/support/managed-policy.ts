import { accessSync, constants, existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';
import { EXTENSION_ID } from './chromium';

/**
 * Admin policy the way admins deliver it on Linux: a JSON file in Chromium's managed policy folder. The folder is
 * machine-wide (every Chromium on the machine reads it), so tests write their own uniquely named file and remove
 * it when done, even when the test run dies half way.
 */
export const MANAGED_POLICY_DIR = '/etc/chromium/policies/managed';

/** Why this process cannot write admin policy files, or null when it can (root can; CI runs as root). */
export function managedPolicyDirProblem(dir = MANAGED_POLICY_DIR): string | null {
  try {
    mkdirSync(dir, { recursive: true });
    accessSync(dir, constants.W_OK);
    accessSync(dirname(dir), constants.W_OK);
    return null;
  } catch (error) {
    return `cannot write Chromium's managed policy folder ${dir} (${error instanceof Error ? error.message : String(error)}); run as root to test admin policy`;
  }
}

/** The settings an admin gives PO Assist: the keys of public/managed_schema.json. */
export interface AdminSettings {
  policy?: unknown;
  policyUrl?: string;
  region?: string;
  tokenBrokerUrl?: string;
  lockUserPolicy?: boolean;
}

const written = new Set<string>();
process.once('exit', () => {
  for (const file of written) rmSync(file, { force: true });
});

/** One policy file of our own in the managed folder. */
export class ManagedPolicyFile {
  readonly path: string;
  constructor(
    name: string,
    private readonly extensionId = EXTENSION_ID,
    dir = MANAGED_POLICY_DIR,
  ) {
    this.path = join(dir, `${name}.json`);
  }

  /**
   * Writes the file beside the folder and renames it in, so Chromium never reads half a file (and never reads the
   * temporary file as a policy of its own).
   */
  write(settings: AdminSettings): void {
    const document = { '3rdparty': { extensions: { [this.extensionId]: settings } } };
    const temporary = join(dirname(dirname(this.path)), `.${process.pid}-${Date.now()}.json.tmp`);
    writeFileSync(temporary, JSON.stringify(document, null, 2));
    written.add(this.path);
    renameSync(temporary, this.path);
  }

  /**
   * Writes the file, makes the running Chromium read it, and waits until the extension's managed storage has it
   * (`readManaged`: however the test reads storage.managed).
   */
  async deliver(
    settings: AdminSettings,
    context: BrowserContext,
    readManaged: () => Promise<unknown>,
    timeout = 15_000,
  ): Promise<void> {
    this.write(settings);
    await reloadPolicies(context);
    await expect.poll(readManaged, { timeout }).toEqual(settings);
  }

  remove(): void {
    if (existsSync(this.path)) rmSync(this.path);
    written.delete(this.path);
  }

  /** Removes the file and makes the running Chromium (if any is left) read the policies again: the admin policy is gone. */
  async withdraw(context: BrowserContext | undefined): Promise<void> {
    this.remove();
    if (context) await reloadPolicies(context).catch(() => undefined);
  }
}

/**
 * Makes a running Chromium read the policy files now (chrome://policy → Reload policies) instead of within about
 * 5 s. The chrome://policy tab is opened once and kept in the background.
 */
export async function reloadPolicies(context: BrowserContext): Promise<void> {
  let page: Page | undefined = context.pages().find((candidate) => candidate.url().startsWith('chrome://policy'));
  if (!page) {
    page = await context.newPage();
    await page.goto('chrome://policy');
  }
  await page.click('#reload-policies');
}
