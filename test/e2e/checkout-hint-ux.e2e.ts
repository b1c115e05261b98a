/**
 * The checkout hint as a shopper and a screen reader meet it (issue 10, "Shopper at checkout" 1, 2, 3, 5, 6), in
 * the built extension in Chromium, with trusted keys and clicks.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SAMPLE_POLICY } from '@/lib/policy/sample-policy';
import { CHECKOUT_FIXTURES } from '../fixtures/checkout/index';
import { describedText, type E2ePage, type E2eSession } from './support/driver';
import { startChromiumSession } from './support/driver-chromium';
import { SIM_DIRECT_ACCESS } from './support/api-session';
import { describeDataset } from '../sim/data';
import { HINT, hintText, inHint, submitCount } from './journeys/checkout-guard';

const SPC = CHECKOUT_FIXTURES.find((entry) => entry.file === 'spc-us.html')!;
const PO = SPC.expectedPoField!;
const GENERIC = "This PO does not match your company's PO format.";
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const yyyymm = () => {
  const now = new Date();
  return `${now.getFullYear()}${String(now.getMonth() + 1).padStart(2, '0')}`;
};

/** Records every text the live region and the visible verdict line take, in order (from the page's main world). */
function recordHint(page: E2ePage): Promise<void> {
  return page.evaluate(() => {
    const root = document.querySelector('po-assist-hint')!.shadowRoot!;
    const log = { said: [] as string[], shown: [] as string[] };
    (window as unknown as { hintLog: typeof log }).hintLog = log;
    const take = (list: string[], selector: string) => {
      const text = root.querySelector(selector)?.textContent?.trim() ?? '';
      if (text && list[list.length - 1] !== text) list.push(text);
    };
    new MutationObserver(() => {
      take(log.said, '[data-testid="po-announcement"]');
      take(log.shown, '[data-testid="po-verdict"]');
    }).observe(root, { subtree: true, childList: true, characterData: true });
  });
}
const hintLog = (page: E2ePage) =>
  page.evaluate(() => (window as unknown as { hintLog: { said: string[]; shown: string[] } }).hintLog);

describe('checkout hint, as a shopper and a screen reader meet it', () => {
  let session: E2eSession;

  async function openGuarded(policy: unknown = SAMPLE_POLICY): Promise<E2ePage> {
    await session.setUserPolicy(policy);
    const page = await session.openCheckout(SPC.file);
    await page.waitFor(`${PO}[aria-describedby*="po-assist"]`);
    await page.waitFor(inHint('po-announcement'));
    return page;
  }

  beforeAll(async () => {
    // The simulator answers the Generate panel's blanket PO spend (point 7); the other tests never ask it.
    session = await startChromiumSession({ sim: true });
  });
  afterAll(async () => {
    await session?.close();
  });
  beforeEach(async () => {
    await session.clearStorage();
    await session.resetTabs();
  });

  it("on load the empty required field shows only the expected format, with today's example; errors wait for blur", async () => {
    const page = await openGuarded();
    await expect.poll(() => hintText(page)).toContain('Expected:');
    expect(await hintText(page)).toContain(`MKT-${yyyymm()}-0001`);
    expect(await hintText(page)).not.toContain('MKT-202611-0042');
    expect(await page.attribute(PO, 'aria-invalid')).toBeNull();
    expect(await hintText(page)).not.toContain('required');
    expect(await page.count(`${HINT} >>> .error`)).toBe(0);

    await page.fill(PO, 'MKTG-202611-0042');
    await sleep(700);
    expect(await page.attribute(PO, 'aria-invalid')).toBeNull();
    expect(await page.text(inHint('po-verdict'))).toBe('');

    await page.press(PO, 'Tab');
    await expect.poll(() => page.text(inHint('po-verdict'))).toContain('found MKTG');
    expect(await page.attribute(PO, 'aria-invalid')).toBe('true');
    await expect.poll(() => page.text(inHint('po-announcement'))).toContain('found MKTG');
  });

  it('typing 14 characters: the live region speaks after the pause, never twice the same, with no generic flicker', async () => {
    const page = await openGuarded();
    // Touched once (left with content), so errors are live from now on.
    await page.fill(PO, 'x');
    await page.press(PO, 'Tab');
    await expect.poll(() => page.attribute(PO, 'aria-invalid')).toBe('true');
    await page.fill(PO, '');
    await sleep(700);
    await recordHint(page);
    for (const key of 'MKTG-202611-00') {
      await page.press(PO, key);
      await sleep(60);
    }
    await sleep(1200);
    expect(await page.value(PO)).toBe('MKTG-202611-00');
    const { said, shown } = await hintLog(page);
    expect(said.length).toBeLessThanOrEqual(2);
    expect(new Set(said).size).toBe(said.length);
    expect(said[said.length - 1]).toContain('found MKTG');
    // Once a specific diagnosis is on screen, the generic line never comes back while the next one is on its way.
    const firstSpecific = shown.findIndex((text) => text !== GENERIC && !text.includes('required'));
    expect(firstSpecific).toBeGreaterThanOrEqual(0);
    expect(shown.slice(firstSpecific)).not.toContain(GENERIC);
    // The field's description (read on focus) and the visible hint carry the verdict, but only one live region.
    expect(await page.count(`${HINT} >>> [aria-live]`)).toBe(1);
    expect(await page.count(`${HINT} >>> [role="status"]`)).toBe(0);
    expect(await describedText(page, PO)).toContain('found MKTG');
  });

  it('Fix returns focus to the field and says "PO changed to …"', async () => {
    const page = await openGuarded();
    await page.fill(PO, ' mkt_202611_42 ');
    await page.press(PO, 'Tab');
    await expect.poll(() => page.text(inHint('po-fix'))).toContain('MKT-202611-0042');
    await page.click(inHint('po-fix'));
    await expect.poll(() => page.value(PO)).toBe('MKT-202611-0042');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('spc-po-number');
    expect(await page.text(inHint('po-announcement'))).toBe('PO changed to MKT-202611-0042.');
    await sleep(800);
    expect(await page.text(inHint('po-announcement'))).toBe('PO changed to MKT-202611-0042.');
  });

  it('Generate and blanket POs return focus to the field and say what was inserted', async () => {
    const page = await openGuarded();
    await page.click(inHint('po-generate-toggle'));
    await page.select(`${HINT} >>> select:has(option[value="ENG"])`, 'ENG');
    await page.click(inHint('po-generate'));
    const po = `ENG-${yyyymm()}-0001`;
    await expect.poll(() => page.value(PO)).toBe(po);
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('spc-po-number');
    expect(await page.text(inHint('po-announcement'))).toBe(`PO changed to ${po}.`);

    await page.click(page.button('Use blanket PO Marketing 2026'));
    await expect.poll(() => page.value(PO)).toBe('BPO-2026-MKT');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('spc-po-number');
    expect(await page.text(inHint('po-announcement'))).toBe('PO changed to BPO-2026-MKT.');
  });

  it("the Generate panel shows what the blanket PO has left, from Amazon's orders under it (point 7)", async () => {
    // Without API access: the budget, and that its spend is not known; Amazon is asked nothing.
    let page = await openGuarded();
    const before = session.sim.stats.requests;
    await page.click(inHint('po-generate-toggle'));
    await expect.poll(() => page.text(inHint('po-blanket-budget'))).toBe('Budget: $5,000.00 (spend not known)');
    expect(session.sim.stats.requests).toBe(before);
    await page.close();

    await session.storage.set('local', { apiAccess: SIM_DIRECT_ACCESS });
    page = await openGuarded();
    const spent = describeDataset(session.sim.dataset).find((info) => info.po === 'BPO-2026-MKT')!.byRegion.US!
      .netTotal;
    // Formatted as the shopper's browser formats money (its locale).
    const money = (amount: number) =>
      page.evaluate(
        (value) => new Intl.NumberFormat(undefined, { style: 'currency', currency: 'USD' }).format(value),
        amount,
      );
    await page.click(inHint('po-generate-toggle'));
    await expect
      .poll(() => page.text(inHint('po-blanket-budget')), { timeout: 10_000 })
      .toBe(`${await money(Math.round((5000 - spent) * 100) / 100)} of ${await money(5000)} left`);
  });

  it('a blocked submit says the problem once, as a sentence with its consequence', async () => {
    const page = await openGuarded({ ...SAMPLE_POLICY, enforcement: 'block' });
    await page.fill(PO, 'MKTG-202611-0042');
    await page.click(SPC.submitControl);
    expect(await submitCount(page)).toBe(0);
    await expect.poll(() => page.text(inHint('po-submit-message'))).toContain('Order not submitted:');
    await expect.poll(() => page.text(inHint('po-submit-message'))).toMatch(/found MKTG\.$/);
    expect((await hintText(page))!.split('found MKTG')).toHaveLength(2);
    expect((await describedText(page, PO)).split('found MKTG')).toHaveLength(2);
    expect(await page.attribute(PO, 'aria-invalid')).toBe('true');
  });

  it('warn mode: two whole sentences', async () => {
    const page = await openGuarded({ ...SAMPLE_POLICY, enforcement: 'warn' });
    await page.fill(PO, 'MKTG-202611-0042');
    await page.press(PO, 'Tab');
    await expect.poll(() => page.text(inHint('po-verdict'))).toContain('found MKTG');
    await page.click(SPC.submitControl);
    await expect
      .poll(() => page.text(inHint('po-submit-message')))
      .toMatch(/^Check the PO: .*found MKTG\. Submit again to continue anyway\.$/);
  });
});
