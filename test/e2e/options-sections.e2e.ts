/**
 * The options page as an admin and a shopper meet it (issue 10, points 12–14 and "never sit on Loading settings…"):
 * usable at once while the browser is slow to answer for managed storage, one section at a time with deep links,
 * and a short "Your organization manages PO Assist" view under a locked admin policy.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE_POLICY } from '@/lib/policy/sample-policy';
import { ADMIN_SETTINGS } from './journeys/admin-policy';
import { OPTIONS, openOptions } from './journeys/options';
import { SIM_DIRECT_ACCESS } from './support/api-session';
import { startChromiumSession } from './support/driver-chromium';
import type { E2ePage, E2eSession } from './support/driver';
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
      .poll(() => options.text(OPTIONS.organizationView), { timeout: 30_000 })
      .toContain('Your organization manages PO Assist');
    expect(await options.text(PENDING)).toBe('');
  });
});

describe('options page sections', () => {
  let session: E2eSession;
  beforeAll(async () => {
    // The Amazon API simulator answers for Test connection.
    session = await startChromiumSession({ sim: true });
  });
  afterAll(async () => {
    await session?.close();
  });
  const shown = (page: E2ePage) =>
    page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('.section-panels > section')]
        .filter((section) => !section.hidden && section.offsetHeight > 0)
        .map((section) => section.id),
    );

  it('shows one section at a time, at its own address, and back and forward walk through them', async () => {
    await session.setUserPolicy(SAMPLE_POLICY);
    const options = await openOptions(session, 'deployment');
    await expect.poll(() => shown(options)).toEqual(['deployment']);
    expect(await options.attribute('a[href="#deployment"]', 'aria-current')).toBe('page');

    await options.click('[data-testid="settings-sections"] a[href="#diagnostics"]');
    await expect.poll(() => shown(options)).toEqual(['diagnostics']);
    expect(options.url()).toMatch(/options\.html#diagnostics$/);
    await options.evaluate(() => history.back());
    await expect.poll(() => shown(options)).toEqual(['deployment']);
    await options.evaluate(() => history.forward());
    await expect.poll(() => shown(options)).toEqual(['diagnostics']);
  });

  it('is reachable from the keyboard: Tab to a section link, Enter shows it and moves focus into it', async () => {
    const options = await openOptions(session);
    await expect.poll(() => shown(options)).toEqual(['policy']);
    await options.focus('a[href="#api-access"]');
    await options.press('a[href="#api-access"]', 'Enter');
    await expect.poll(() => shown(options)).toEqual(['api-access']);
    await expect.poll(() => options.evaluate(() => document.activeElement?.id)).toBe('api-access');
  });

  it('saves a blanket PO restricted to a buyer group and an email domain', async () => {
    await session.setUserPolicy(SAMPLE_POLICY);
    const options = await openOptions(session, 'policy');
    await options.fill('#pol-blanket-0-groups', 'Marketing');
    await options.fill('#pol-blanket-0-domains', 'marketing.example.com');
    await options.click(OPTIONS.saveButton);
    await expect.poll(() => options.text(OPTIONS.saveOutcome)).toContain('Saved.');
    const { userPolicy } = (await session.storage.get('local', ['userPolicy'])) as {
      userPolicy: typeof SAMPLE_POLICY;
    };
    expect(userPolicy.blanketPos).toEqual([
      { ...SAMPLE_POLICY.blanketPos![0], for: { groups: ['Marketing'], emailDomains: ['marketing.example.com'] } },
    ]);
  });

  it('Test connection tests the values in the form before Save, and saves nothing', async () => {
    await session.storage.set('local', { apiAccess: SIM_DIRECT_ACCESS });
    const options = await openOptions(session, 'api-access');
    const outcome = '[data-testid="api-outcome"]';
    await options.waitFor('#api-region');
    await options.select('#api-region', 'UK');
    await options.click(options.button('Test connection'));
    await expect
      .poll(() => options.text(outcome), { timeout: 15_000 })
      .toBe(
        'Connected: the Reporting API answered for region UK. Tested with the values in the form, which are not saved yet.',
      );

    // A wrong secret typed into the form is what gets tested, not the saved one.
    await options.click('button[aria-label="Replace client secret"]');
    await options.fill('#api-client-secret', 'not-the-sim-secret');
    await options.click(options.button('Test connection'));
    await expect.poll(() => options.attribute(outcome, 'class'), { timeout: 15_000 }).toBe('error');
    expect(await options.text(outcome)).toContain('not saved yet');
    expect((await session.storage.get('local', ['apiAccess'])).apiAccess).toEqual(SIM_DIRECT_ACCESS);
  });
});
