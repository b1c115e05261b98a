/**
 * The checkout guard on the pages rebuilt from Amazon's real markup (issue 9), in Chromium with the built extension:
 * the right field in every marketplace language, decoys and search boxes untouched, the duplicated-id Continue held,
 * a weak-signal field hinted but never blocked on, a PO select left alone. One browser for the whole file.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SAMPLE_POLICY } from '@/lib/policy/sample-policy';
import { CHECKOUT_FIXTURES } from '../fixtures/checkout/index';
import type { E2ePage, E2eSession } from './support/driver';
import { startChromiumSession } from './support/driver-chromium';
import { HINT, inHint, submitCount } from './journeys/checkout-guard';

const BLOCK = { ...SAMPLE_POLICY, enforcement: 'block' };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** Ids of the inputs the guard marked (aria-describedby pointing at its hint text). */
const guardedInputs = (page: E2ePage) =>
  page.evaluate(() =>
    Array.from(document.querySelectorAll('input[aria-describedby*="po-assist"]')).map(
      (input) => input.id || input.getAttribute('name') || '?',
    ),
  );

const FOUND = CHECKOUT_FIXTURES.filter((entry) => entry.expectedPoField && !entry.needsClickSelector);
const NOTHING = CHECKOUT_FIXTURES.filter((entry) => entry.expectedPoField === null);

describe('checkout guard on the rebuilt marketplace pages (Chromium)', () => {
  let session: E2eSession;
  beforeAll(async () => {
    session = await startChromiumSession();
  });
  afterAll(async () => {
    await session?.close();
  });
  beforeEach(async () => {
    await session.clearStorage();
    await session.resetTabs();
    await session.setUserPolicy(BLOCK);
  });

  it.each(FOUND.map((entry) => [entry.file, entry] as const))(
    '%s: the hint is on the right field, and only there',
    async (_file, entry) => {
      const page = await session.openCheckout(entry.file);
      await page.waitFor(`${entry.expectedPoField}[aria-describedby*="po-assist"]`);
      const expected = await page.evaluate((sel) => {
        const input = document.querySelector(sel);
        return input ? input.id || input.getAttribute('name') : null;
      }, entry.expectedPoField!);
      // Polled: spc-rerender.html replaces its field 300 ms after load, and the guard moves to the new one a frame later.
      await expect.poll(() => guardedInputs(page)).toEqual([expected]);
      // The hint sits right after the field it belongs to.
      await expect
        .poll(() =>
          page.evaluate(
            (sel) => document.querySelector(sel)?.nextElementSibling?.localName ?? null,
            entry.expectedPoField!,
          ),
        )
        .not.toBeNull();
      await expect.poll(() => page.count(HINT)).toBe(1);
    },
  );

  it.each(NOTHING.map((entry) => [entry.file, entry] as const))(
    '%s: no field is guarded and submits go through',
    async (_file, entry) => {
      const page = await session.openCheckout(entry.file);
      // Give the watcher time for late rendering (it checks on every frame and a 250 ms backstop).
      await sleep(1200);
      expect(await guardedInputs(page)).toEqual([]);
      expect(await page.count(HINT)).toBe(0);
      await page.click(entry.submitControl);
      await expect.poll(() => submitCount(page)).toBe(1);
    },
  );

  it('spc-dup-continue.html: the real-style Continue with a duplicated id is held under block', async () => {
    const entry = CHECKOUT_FIXTURES.find((f) => f.file === 'spc-dup-continue.html')!;
    const page = await session.openCheckout(entry.file);
    await page.waitFor(`${entry.expectedPoField}[aria-describedby*="po-assist"]`);
    await page.fill(entry.expectedPoField!, 'MKT-202613-0042');
    // The shopper leaves the field and sees the diagnosis, then tries Continue anyway.
    await page.press(entry.expectedPoField!, 'Tab');
    await expect.poll(() => page.text(inHint('po-verdict'))).toContain('month 13 does not exist');
    await page.click(entry.submitControl);
    expect(await submitCount(page)).toBe(0);
    await expect.poll(() => page.text(inHint('po-submit-message'))).toContain('month 13 does not exist');
    await page.fill(entry.expectedPoField!, 'MKT-202611-0042');
    await expect.poll(() => page.attribute(entry.expectedPoField!, 'aria-invalid')).toBe('false');
    await page.click(entry.submitControl);
    await expect.poll(() => submitCount(page)).toBe(1);
  });

  it('spc-weak.html: a field found on its placeholder only is hinted, never blocked on', async () => {
    const entry = CHECKOUT_FIXTURES.find((f) => f.file === 'spc-weak.html')!;
    const page = await session.openCheckout(entry.file);
    await page.waitFor(`${entry.expectedPoField}[aria-describedby*="po-assist"]`);
    await page.fill(entry.expectedPoField!, 'MKT-202613-0042');
    // The verdict shows once the shopper leaves the field.
    await page.press(entry.expectedPoField!, 'Tab');
    await expect.poll(() => page.attribute(entry.expectedPoField!, 'aria-invalid')).toBe('true');
    expect(await page.text(inHint('po-field-note'))).toContain('Not sure this is the PO field');
    await page.click(entry.submitControl);
    await expect.poll(() => submitCount(page)).toBe(1);
    expect(await page.count(inHint('po-submit-message'))).toBe(0);
  });

  it('spc-po-select.html: the PO select is left alone and Diagnostics says there is nothing to check', async () => {
    const page = await session.openCheckout('spc-po-select.html');
    await expect
      .poll(async () => (await session.storage.get('session', ['lastFieldStatus'])).lastFieldStatus)
      .toMatchObject({ found: false, standAside: 'po-is-select' });
    expect(await guardedInputs(page)).toEqual([]);
    expect(await page.count(HINT)).toBe(0);
    const options = await session.openExtensionPage('options.html');
    await expect
      .poll(() => options.text('[data-testid="diagnostics-last-field"]'), { timeout: 10_000 })
      .toContain('the PO is a list of defined options: nothing to check');
  });
});
