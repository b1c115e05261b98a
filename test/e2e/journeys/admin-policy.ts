/**
 * The admin policy as each browser delivers it (`managed`: Chromium's managed policy folder, Firefox's
 * managed-storage manifest in the Firefox process's HOME), present from the browser's start: the checkout guard
 * follows it over the user's own policy, and the popup and the options page show it read-only, set by the
 * organization. Chromium-only behaviour (a policy file changed while the browser runs, the shipped schema) stays in
 * test/e2e/admin-policy.e2e.ts: Firefox reads managed storage once per start and never fires `onChanged`.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SAMPLE_POLICY } from '@/lib/policy/sample-policy';
import { CHECKOUT_FIXTURES } from '../../fixtures/checkout/index';
import type { E2ePage, E2eSession, StartSession } from '../support/driver';
import type { AdminSettings } from '../support/managed-policy';
import { OPTIONS, openOptions, showSection } from './options';

const SPC = CHECKOUT_FIXTURES.find((fixture) => fixture.file === 'spc-us.html')!;
const PO = SPC.expectedPoField!;

/** A format only the admin's policy has, so "valid" proves the admin policy is the one in force. */
export const ADMIN_POLICY = {
  version: 1,
  enforcement: 'block',
  required: true,
  caseInsensitive: true,
  formats: [{ id: 'cc', label: 'Cost centre order', template: 'CC{cc}-{seq}', example: 'CC4711-0001' }],
  fields: {
    cc: {
      type: 'list',
      label: 'Cost centre',
      values: [
        { code: '4711', label: 'Head office' },
        { code: '4712', label: 'Plant' },
      ],
    },
    seq: { type: 'digits', label: 'Sequence number', minLength: 4, maxLength: 4 },
  },
  reuse: 'allow',
  help: 'Cost centre orders only: CC, the cost centre, a dash and four digits.',
  blanketPos: [
    {
      po: 'BPO-2026-OPS',
      label: 'Operations 2026',
      budget: { amount: 12000, currencyCode: 'USD' },
      validFrom: '2026-01-01',
      validTo: '2026-12-31',
    },
  ],
};
export const ADMIN_SETTINGS: AdminSettings = { policy: ADMIN_POLICY, region: 'UK', lockUserPolicy: true };

const hintText = (page: E2ePage) => page.text('po-assist-hint >>> .po-hint');
const verdict = (page: E2ePage) => page.text('po-assist-hint >>> [data-testid="po-verdict"]');
const submitCount = (page: E2ePage) => page.evaluate(() => Number(document.body.getAttribute('data-submitted') ?? 0));

/** `skip`: why this machine cannot deliver a managed policy (then the journey is skipped, the reason printed). */
export function adminPolicyJourney(start: StartSession, skip: string | null = null): void {
  let session: E2eSession;
  if (skip) console.warn(`admin-policy journey skipped: ${skip}`);

  describe.skipIf(skip !== null)('admin policy delivered through managed storage', () => {
    beforeAll(async () => {
      session = await start({ managed: ADMIN_SETTINGS });
    });
    afterAll(async () => {
      await session?.close();
    });
    beforeEach(async () => {
      await session.resetTabs();
      // The user's own policy would accept MKT-…; the admin's must win over it.
      await session.clearStorage();
      await session.setUserPolicy(SAMPLE_POLICY);
    });

    it('every admin key arrives in managed storage intact', async () => {
      // Chromium reads its policy folder a few seconds after start, and drops what its managed schema does not declare
      // (so equality proves the schema covers the whole policy shape); Firefox has it from the add-on's start.
      await expect.poll(() => session.storage.get('managed'), { timeout: 15_000 }).toEqual(ADMIN_SETTINGS);
    });

    it('the checkout guard follows the admin policy over the user policy', async () => {
      const page = await session.openCheckout('spc-us.html');
      await page.waitFor(`${PO}[aria-describedby*="po-assist"]`);
      await expect.poll(() => hintText(page), { timeout: 15_000 }).toContain('Cost centre order');

      await page.fill(PO, 'MKT-202611-0042'); // valid under the user's own policy only
      // The verdict shows once the shopper leaves the field.
      await page.press(PO, 'Tab');
      await expect.poll(() => page.attribute(PO, 'aria-invalid')).toBe('true');
      await page.click(SPC.submitControl);
      expect(await submitCount(page)).toBe(0);

      await page.fill(PO, 'cc4711-0001');
      await expect.poll(() => page.attribute(PO, 'aria-invalid')).toBe('false');
      await expect.poll(() => verdict(page)).toContain('Cost centre order');
    });

    it('the popup searches the admin region by default and checks POs against the admin policy', async () => {
      const popup = await session.openExtensionPage('popup.html');
      await popup.waitFor('#lookup-po');
      await expect.poll(() => popup.value('#lookup-region'), { timeout: 15_000 }).toBe('UK');

      await popup.click('.policy-check summary');
      await expect
        .poll(() => popup.text('.policy-check'))
        .toContain('Policy set by your organization: Cost centre order');
    });

    it('the options page shows the short organization view: the rules in words, the tester, no editor or Deployment', async () => {
      const options = await openOptions(session);

      await expect
        .poll(() => options.text(OPTIONS.organizationView), { timeout: 15_000 })
        .toContain('Your organization manages PO Assist');
      expect(await options.text(OPTIONS.organizationView)).toContain('Cost centre order, for example CC4711-0001');
      for (const absent of [OPTIONS.saveButton, OPTIONS.format(0, 'template'), '#deployment', OPTIONS.importFile]) {
        expect(await options.count(absent), absent).toBe(0);
      }
      // Even an old address of the editor or of Deployment lands on the organization view.
      const deployment = await openOptions(session, 'deployment');
      await expect.poll(() => deployment.property(OPTIONS.organizationView, 'hidden')).toBe(false);
      await deployment.close();

      await options.fill(OPTIONS.testerInput, 'cc4712-0007');
      await expect
        .poll(() => options.innerText(OPTIONS.testerVerdict))
        .toContain('Valid: Cost centre order (CC4712-0007).');

      await showSection(options, 'api-access');
      expect(await options.value('#api-region')).toBe('UK');
      expect(await options.property('#api-region', 'disabled')).toBe(true);
      expect(await options.text('#api-region-locked')).toContain('Set by your organization');
    });
  });
}
