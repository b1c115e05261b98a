/**
 * Admin policy as admins deliver it: a file in Chromium's managed policy folder (/etc/chromium/policies/managed),
 * read by the real browser and handed to the built extension through `storage.managed`, and a remote policy at
 * the admin's `policyUrl`. The checkout guard, the popup and the options page must all follow it.
 *
 * What every browser does with an admin policy present from its start (checkout guard, popup, options page, read-only)
 * is the shared journey in test/e2e/journeys/admin-policy.ts (admin-journey.e2e.ts here, firefox/admin-policy.e2e.ts).
 * This file keeps what only Chromium does: the shipped managed schema, a policy file changed while the browser runs
 * (chrome://policy reload, `storage.managed.onChanged`), and the remote policyUrl.
 *
 * The folder is machine-wide: this file writes one policy file of its own and removes it afterwards. Without
 * write access (not root) the tests are skipped with the reason printed; CI runs as root, so they run there.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SAMPLE_POLICY } from '@/lib/policy/sample-policy';
import { CHECKOUT_FIXTURES } from '../fixtures/checkout/index';
import { startHttpsServer, type LocalHttpsServer } from '../support/https-server';
import { startApiSession, type ApiSession } from './support/api-session';
import { ADMIN_SETTINGS } from './journeys/admin-policy';
import { BUILT_EXTENSION, EXTENSION_ID } from './support/chromium';
import { ManagedPolicyFile, managedPolicyDirProblem, type AdminSettings } from './support/managed-policy';

const policyDirProblem = managedPolicyDirProblem();
if (policyDirProblem) console.warn(`admin-policy e2e skipped: ${policyDirProblem}`);

const SPC = CHECKOUT_FIXTURES.find((fixture) => fixture.file === 'spc-us.html')!;
const PO = SPC.expectedPoField!;

/** The admin's next version: a different format, pushed while the browser runs. */
const ADMIN_POLICY_V2 = {
  version: 1,
  enforcement: 'block',
  formats: [{ id: 'dep', label: 'Department purchase', template: 'DEP-{seq}', example: 'DEP-0001' }],
  fields: { seq: { type: 'digits', minLength: 4, maxLength: 4 } },
};

/** What the company publishes at its policyUrl. */
const REMOTE_HOST = 'policy.example.com';
const REMOTE_URL = `https://${REMOTE_HOST}/po-assist/policy.json`;
const REMOTE_POLICY = {
  version: 1,
  enforcement: 'block',
  formats: [{ id: 'remote', label: 'Remote policy order', template: 'RMT-{seq}', example: 'RMT-0001' }],
  fields: { seq: { type: 'digits', minLength: 4, maxLength: 4 } },
};
const REMOTE_ETAG = '"policy-v1"';

const file = new ManagedPolicyFile('po-assist-e2e-admin-policy');
let session: ApiSession;
let policyServer: LocalHttpsServer;
const policyRequests: { origin: string | undefined; ifNoneMatch: string | undefined }[] = [];

function servePolicy(req: IncomingMessage, res: ServerResponse): void {
  if (req.url !== '/po-assist/policy.json') {
    res.writeHead(404).end();
    return;
  }
  policyRequests.push({ origin: req.headers.origin, ifNoneMatch: req.headers['if-none-match'] });
  const headers = {
    'access-control-allow-origin': '*',
    'access-control-expose-headers': 'ETag',
    etag: REMOTE_ETAG,
    'cache-control': 'no-cache',
  };
  if (req.headers['if-none-match'] === REMOTE_ETAG) {
    res.writeHead(304, headers).end();
    return;
  }
  res.writeHead(200, { ...headers, 'content-type': 'application/json' }).end(JSON.stringify(REMOTE_POLICY));
}

/** Writes the admin file, makes Chromium read it, and waits until the extension's managed storage has it. */
async function deliver(settings: AdminSettings): Promise<void> {
  await file.deliver(settings, session.browser.context, () => session.storage.get('managed'));
}

async function openCheckout(): Promise<Page> {
  const page = await session.openCheckout('spc-us.html');
  await page.waitForSelector(`${PO}[aria-describedby*="po-assist"]`);
  return page;
}
/** How the background's last fetch of the policyUrl went (kept in local storage for the diagnostics). */
const remoteFetchResult = async () => {
  const { remotePolicy } = await session.storage.get('local', ['remotePolicy']);
  return (remotePolicy as { lastResult?: { status?: string } } | undefined)?.lastResult?.status;
};
const hintText = (page: Page) => page.locator('po-assist-hint .po-hint').textContent();

describe.skipIf(policyDirProblem !== null)('admin policy from the managed policy folder', () => {
  beforeAll(async () => {
    // The file is there before the browser starts, as on a managed machine.
    file.write(ADMIN_SETTINGS);
    policyServer = await startHttpsServer(servePolicy);
    session = await startApiSession({ hosts: { [REMOTE_HOST]: policyServer.port } });
  });
  afterAll(async () => {
    file.remove();
    await session?.close();
    await policyServer?.close();
  });
  beforeEach(async () => {
    await session.resetTabs();
    // No remote policy fetched before; the user's own policy would accept MKT-…, and the admin's must win over it.
    await session.clearStorage();
    await session.setUserPolicy(SAMPLE_POLICY);
  });

  it('the service worker starts with the shipped managed schema', async () => {
    const manifest = JSON.parse(readFileSync(join(BUILT_EXTENSION, 'manifest.json'), 'utf8')) as {
      storage?: { managed_schema?: string };
    };
    expect(manifest.storage?.managed_schema).toBe('managed_schema.json');
    expect(session.browser.worker.url()).toBe(`chrome-extension://${EXTENSION_ID}/background.js`);
    // That every key arrives intact (Chromium drops what the schema does not declare) is the shared journey's first test.
  });

  it('a changed policy file reaches an open checkout tab without a reload', async () => {
    await deliver(ADMIN_SETTINGS);
    const page = await openCheckout();
    await page.evaluate(() => document.documentElement.setAttribute('data-e2e-same-page', 'yes'));
    await page.fill(PO, 'CC4711-0001');
    await page.press(PO, 'Tab'); // the verdict shows once the shopper leaves the field
    await expect.poll(() => page.getAttribute(PO, 'aria-invalid')).toBe('false');

    await deliver({ policy: ADMIN_POLICY_V2, region: 'DE', lockUserPolicy: true });
    await expect.poll(() => page.getAttribute(PO, 'aria-invalid'), { timeout: 10_000 }).toBe('true');
    await expect.poll(() => hintText(page)).toContain('Department purchase');
    await page.fill(PO, 'DEP-0042');
    await expect.poll(() => page.getAttribute(PO, 'aria-invalid')).toBe('false');
    expect(await page.evaluate(() => document.documentElement.getAttribute('data-e2e-same-page'))).toBe('yes');
  });

  it("follows the remote policy at the admin's policyUrl in a new checkout tab", async () => {
    await deliver(ADMIN_SETTINGS);
    policyRequests.length = 0;
    await deliver({ policyUrl: REMOTE_URL, lockUserPolicy: true });
    // Fetched by the extension's background (its own origin), without cookies.
    await expect.poll(() => policyRequests[0]?.origin, { timeout: 10_000 }).toBe(`chrome-extension://${EXTENSION_ID}`);
    await expect.poll(() => remoteFetchResult(), { timeout: 10_000 }).toBe('updated');

    const page = await openCheckout();
    await expect.poll(() => hintText(page), { timeout: 10_000 }).toContain('Remote policy order');
    await page.fill(PO, 'rmt-0001');
    await expect.poll(() => page.getAttribute(PO, 'aria-invalid')).toBe('false');
    // The user's own policy stays locked out: its format is not accepted.
    await page.fill(PO, 'MKT-202611-0042');
    await page.press(PO, 'Tab'); // the verdict shows once the shopper leaves the field
    await expect.poll(() => page.getAttribute(PO, 'aria-invalid')).toBe('true');
  });

  it('a remote policy that arrives while a checkout tab is open reaches it without a reload', async () => {
    await deliver(ADMIN_SETTINGS);
    const page = await openCheckout();
    await page.fill(PO, 'RMT-0001');
    await page.press(PO, 'Tab'); // the verdict shows once the shopper leaves the field
    await expect.poll(() => page.getAttribute(PO, 'aria-invalid')).toBe('true');

    await deliver({ policyUrl: REMOTE_URL, lockUserPolicy: true });
    await expect.poll(() => hintText(page), { timeout: 15_000 }).toContain('Remote policy order');
    await expect.poll(() => page.getAttribute(PO, 'aria-invalid')).toBe('false');
  });
});
