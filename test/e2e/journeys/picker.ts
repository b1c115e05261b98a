/**
 * The element picker and the page report opened from the checkout hint, in either browser: the background injects
 * the on-demand scripts (scripting.executeScript in Chromium, tabs.executeScript in Firefox's MV2 build).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SAMPLE_POLICY } from '@/lib/policy/sample-policy';
import type { E2eSession, StartSession } from '../support/driver';
import { inHint } from './checkout-guard';

export function pickerFromHintJourney(start: StartSession): void {
  describe('element picker and page report from the hint', () => {
    let session: E2eSession;
    beforeAll(async () => {
      session = await start();
    });
    afterAll(async () => {
      await session?.close();
    });
    beforeEach(async () => {
      await session.resetTabs();
      await session.clearStorage();
      await session.setUserPolicy({ ...SAMPLE_POLICY, enforcement: 'block' });
    });

    it('"Copy a page report" makes the report of this page and says it is copied', async () => {
      const page = await session.openCheckout('spc-us.html');
      await page.waitFor(inHint('po-copy-report'));
      await page.click(inHint('po-copy-report'));
      await expect.poll(() => page.text(inHint('po-report-note')), { timeout: 10_000 }).toContain('Page report copied');
    });

    it('"Not the PO field?" opens the picker on the page; Esc closes it', async () => {
      const page = await session.openCheckout('spc-us.html');
      await page.waitFor(inHint('po-pick-field'));
      await page.click(inHint('po-pick-field'));
      await expect.poll(() => page.count('po-assist-picker'), { timeout: 10_000 }).toBe(1);
      await page.press('body', 'Escape');
      await expect.poll(() => page.count('po-assist-picker')).toBe(0);
    });
  });
}
