/**
 * The options page as an admin and a shopper meet it (issue 10, points 12–14 and "never sit on Loading settings…"):
 * usable at once while the browser is slow to answer for managed storage, one section at a time with deep links,
 * and a short "Your organization manages PO Assist" view under a locked admin policy.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE_POLICY } from '@/lib/policy/sample-policy';
import { ADMIN_SETTINGS } from './journeys/admin-policy';
import { OPTIONS } from './journeys/options';
import { startChromiumSession } from './support/driver-chromium';
import type { E2eSession } from './support/driver';
import { managedPolicyDirProblem } from './support/managed-policy';

const policyDirProblem = managedPolicyDirProblem();
if (policyDirProblem) console.warn(`options-sections e2e (admin part) skipped: ${policyDirProblem}`);
const PENDING = '[data-testid="organization-pending"]';

describe.skipIf(policyDirProblem !== null)('options page on a managed machine, right after the browser starts', () => {
  let session: E2eSession;
  beforeAll(async () => {
    session = await startChromiumSession({ managed: ADMIN_SETTINGS });
    await session.setUserPolicy(SAMPLE_POLICY);
  });
  afterAll(async () => {
    await session?.close();
  });

  it("shows the user's own settings at once, says the organization's are being checked, then shows them", async () => {
    const options = await session.openExtensionPage('options.html');
    // The browser answers for managed storage seconds after its start: the page does not wait for it.
    await expect.poll(() => options.text(PENDING)).toContain("checking for your organization's settings");
    expect(await options.value(OPTIONS.format(0, 'template'))).toBe(SAMPLE_POLICY.formats[0]!.template);
    expect(await options.count(OPTIONS.saveButton)).toBe(1);

    await expect
      .poll(() => options.text(OPTIONS.lockedBanner), { timeout: 30_000 })
      .toContain('Set by your organization');
    expect(await options.text(PENDING)).toBe('');
  });
});
