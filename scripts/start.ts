// `npm start`: the built extension in Chromium against the local Amazon Business checkout demo, with the sample
// policy. With a display: a real window to try it in. Without one: a headless walk through the main flows that
// writes screenshots to demo-screenshots/.
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { SAMPLE_POLICY } from '../lib/policy/sample-policy';
import { CHECKOUT_FIXTURES } from '../test/fixtures/checkout/index';
import { startCheckoutSession } from '../test/e2e/support/session';

const SHOTS = resolve(import.meta.dirname, '../demo-screenshots');
const headed = Boolean(process.env.DISPLAY) && !process.argv.includes('--headless');
const spc = CHECKOUT_FIXTURES.find((f) => f.file === 'spc-us.html')!;
const PO = spc.expectedPoField!;

const session = await startCheckoutSession({}, { headless: !headed });
await session.setUserPolicy({ ...SAMPLE_POLICY, enforcement: 'block' });
const url = session.server.urlOf('spc-us.html');

if (headed) {
  const page = await session.openCheckout('spc-us.html');
  await page.bringToFront();
  console.log(`PO Assist demo: Chromium shows ${url} (served locally) with the sample policy.`);
  console.log('Type a PO such as "mktg-202611-42" into the PO number box, try Fix, Generate and Place your order.');
  console.log('Other pages:');
  for (const f of CHECKOUT_FIXTURES) console.log(`  ${session.server.urlOf(f.file)}  ${f.description}`);
  console.log('Close the browser window or press Ctrl-C to end.');
  const stop = async () => {
    await session.close().catch(() => undefined);
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  session.browser.context.on('close', () => void stop());
} else {
  mkdirSync(SHOTS, { recursive: true });
  let step = 0;
  const shot = async (page: Page, name: string, what: string) => {
    const file = `${SHOTS}/${String(++step).padStart(2, '0')}-${name}.png`;
    await page.screenshot({ path: file, fullPage: false });
    console.log(`  ${file}\n      ${what}`);
  };
  const text = (page: Page, selector: string) => page.locator(selector).first().textContent();

  console.log(`PO Assist demo (headless: no display). Checkout page: ${url}`);
  console.log(`Screenshots in ${SHOTS}:`);
  const page = await session.openCheckout('spc-us.html');
  await page.waitForSelector(`${PO}[aria-describedby*="po-assist"]`);
  await page.locator(PO).scrollIntoViewIfNeeded();
  await shot(page, 'guarded-field', 'The PO field with the expected formats, on the US single-page checkout.');

  await page.fill(PO, 'MKTG-202611-0042');
  await page.waitForFunction((sel) => document.querySelector(sel)?.getAttribute('aria-invalid') === 'true', PO);
  await shot(page, 'invalid-po', `Typed MKTG-202611-0042: "${await text(page, 'po-assist-hint [data-testid="po-verdict"]')}"`);

  await page.fill(PO, ' mkt_202611_42');
  await page.waitForSelector('po-assist-hint [data-testid="po-fix"]');
  await shot(page, 'fix-offered', `Typed " mkt_202611_42": ${await text(page, 'po-assist-hint [data-testid="po-fix"]')}`);
  await page.click('po-assist-hint [data-testid="po-fix"]');
  await page.waitForFunction((sel) => document.querySelector(sel)?.getAttribute('aria-invalid') === 'false', PO);
  await shot(page, 'fixed', `After Fix the field holds ${await page.inputValue(PO)}.`);

  await page.fill(PO, 'MKT-202613-0042');
  await page.click(spc.submitControl);
  await page.waitForSelector('po-assist-hint [data-testid="po-submit-message"]');
  const submitted = await page.evaluate(() => document.body.getAttribute('data-submitted') ?? '0');
  await shot(
    page,
    'blocked-submit',
    `Place your order with MKT-202613-0042 was stopped (the page saw ${submitted} submits): "${await text(page, 'po-assist-hint [data-testid="po-submit-message"]')}"`,
  );

  await page.fill(PO, '');
  await page.click('po-assist-hint [data-testid="po-generate-toggle"]');
  await page.locator('po-assist-hint select').last().selectOption('FIN');
  await page.click('po-assist-hint [data-testid="po-generate"]');
  await page.waitForFunction((sel) => document.querySelector(sel)?.getAttribute('aria-invalid') === 'false', PO);
  await shot(page, 'generated', `Generate (Finance) wrote ${await page.inputValue(PO)}.`);

  await page.click(spc.submitControl);
  const po = await page.evaluate(() => document.body.getAttribute('data-submitted-po'));
  await shot(page, 'order-placed', `Place your order went through with PO ${po}.`);

  await session.close();
  console.log('Done. Run with a display (DISPLAY set) to try it yourself in a Chromium window.');
}
