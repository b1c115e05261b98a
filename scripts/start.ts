// `npm start` (`-- --browser firefox`: scripts/start-firefox.ts): the built extension in Chromium against the local Amazon Business checkout demo, with the sample
// policy, and the local Amazon Business API simulator answering for api.amazon.com and the Reporting API hosts
// (demo credentials stored in direct mode), so the popup's order lookup works without an Amazon account.
// With a display: a real window to try it in. Without one: a headless walk through the main flows that writes
// screenshots to demo-screenshots/.
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { SAMPLE_POLICY } from '../lib/policy/sample-policy';
import { CHECKOUT_FIXTURES } from '../test/fixtures/checkout/index';
import { SIM_DIRECT_ACCESS, startApiSession } from '../test/e2e/support/api-session';
import { PopupPage } from '../test/e2e/support/popup-page';

// `npm start -- --lang=de` (or ja, fr, it, es): the browser in that UI language, screenshots in demo-screenshots/de/.
const LANG_REGIONS: Record<string, string> = { de: 'de-DE', fr: 'fr-FR', it: 'it-IT', es: 'es-ES', ja: 'ja-JP' };
const langArg = process.argv.find((arg) => arg.startsWith('--lang='))?.slice('--lang='.length);
if (langArg && !LANG_REGIONS[langArg] && langArg !== 'en') {
  throw new Error(`--lang=${langArg}: choose one of en, ${Object.keys(LANG_REGIONS).join(', ')}`);
}
const lang = langArg && langArg !== 'en' ? langArg : undefined;
const SHOTS = resolve(import.meta.dirname, '../demo-screenshots', lang ?? '');
const headed = Boolean(process.env.DISPLAY) && !process.argv.includes('--headless');
const browserArg = process.argv.indexOf('--browser');
if (browserArg !== -1 && process.argv[browserArg + 1] === 'firefox') {
  // The same demo in Firefox ESR (scripts/start-firefox.ts); Chromium's below is the default.
  const { runFirefoxDemo } = await import('./start-firefox');
  await runFirefoxDemo(headed);
  process.exit(0);
}
const spc = CHECKOUT_FIXTURES.find((f) => f.file === 'spc-us.html')!;
const PO = spc.expectedPoField!;

const session = await startApiSession({ headless: !headed, lang: lang && LANG_REGIONS[lang] });
await session.setUserPolicy({ ...SAMPLE_POLICY, enforcement: 'block' });
await session.setApiAccess(SIM_DIRECT_ACCESS);
const url = session.server.urlOf('spc-us.html');
const popupUrl = `chrome-extension://${session.browser.extensionId}/popup.html`;

if (headed) {
  const page = await session.openCheckout('spc-us.html');
  await page.bringToFront();
  console.log(`PO Assist demo: Chromium shows ${url} (served locally) with the sample policy.`);
  console.log('Type a PO such as "mktg-202611-42" into the PO number box, try Fix, Generate and Place your order.');
  console.log('Other pages:');
  for (const f of CHECKOUT_FIXTURES) console.log(`  ${session.server.urlOf(f.file)}  ${f.description}`);
  console.log('');
  console.log('Order lookup: the Amazon Business API simulator answers for Amazon, with demo credentials stored.');
  console.log('  Open the popup: the puzzle-piece icon in the toolbar → PO Assist (pin it to keep it there),');
  console.log(`  or open ${popupUrl} in a tab.`);
  console.log('  POs to try (orders per region; choose the region in the popup):');
  for (const info of session.sim.pos) {
    const regions = Object.entries(info.byRegion)
      .map(([region, expected]) => `${region} ${expected.count}`)
      .join(', ');
    console.log(`    ${info.po.padEnd(18)} ${regions.padEnd(36)} ${info.description}`);
  }
  console.log(
    "  Amazon's real rate limit applies (0.5 requests/s, burst 10): PO-BIG-0001 (30 pages) takes about 40 s.",
  );
  console.log(
    '  In the checkout page, MKT-202611-0042 gets a notice that Amazon Business already has orders under it.',
  );
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
  // The diagnosis (which part is wrong) comes from the background a moment after the quick verdict.
  await page.locator('po-assist-hint [data-testid="po-verdict"]', { hasText: 'MKTG' }).waitFor();
  await shot(
    page,
    'invalid-po',
    `Typed MKTG-202611-0042: "${await text(page, 'po-assist-hint [data-testid="po-verdict"]')}"`,
  );

  await page.fill(PO, ' mkt_202611_42');
  await page.waitForSelector('po-assist-hint [data-testid="po-fix"]');
  await shot(
    page,
    'fix-offered',
    `Typed " mkt_202611_42": ${await text(page, 'po-assist-hint [data-testid="po-fix"]')}`,
  );
  await page.click('po-assist-hint [data-testid="po-fix"]');
  await page.waitForFunction((sel) => document.querySelector(sel)?.getAttribute('aria-invalid') === 'false', PO);
  await page.waitForSelector('po-assist-hint [data-testid="po-reuse"]');
  await shot(
    page,
    'fixed-and-reuse-notice',
    `After Fix the field holds ${await page.inputValue(PO)}; from the simulated Amazon Business API: "${await text(page, 'po-assist-hint [data-testid="po-reuse"]')}"`,
  );

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

  // The toolbar popup, opened as a page at a popup's size (headless Chromium has no toolbar to click).
  const popup = await PopupPage.open(session.browser);
  await popup.page.setViewportSize({ width: 420, height: 760 });
  for (const lookupPo of ['MKT-202611-0042', 'BPO-2026-MKT']) {
    await popup.search(lookupPo);
    await popup.summary.filter({ hasText: lookupPo }).waitFor({ timeout: 20_000 });
    const summary = (await popup.summary.locator('.summary-count').textContent())?.trim();
    await shot(popup.page, `popup-${lookupPo}`, `Popup lookup of ${lookupPo} (simulated API): ${summary}.`);
  }

  await session.close();
  console.log('Done. Run with a display (DISPLAY set) to try it yourself in a Chromium window, popup included.');
}
