// `npm start` (`-- --browser firefox`: scripts/start-firefox.ts): the built extension in Chromium against the local Amazon Business checkout demo, with the sample
// policy, and the local Amazon Business API simulator answering for api.amazon.com and the Reporting API hosts
// (demo credentials stored in direct mode), so the popup's order lookup works without an Amazon account.
// With a display: a real window to try it in. Without one (or with `-- --screenshots`): a headless walk through the
// states a reviewer looks at (checkout hint, popup, options sections, the locked view, Reconcile) that writes one
// screenshot per state to demo-screenshots/<state>.png.
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { SAMPLE_POLICY } from '../lib/policy/sample-policy';
import { CHECKOUT_FIXTURES } from '../test/fixtures/checkout/index';
import { SIM_DIRECT_ACCESS, startApiSession } from '../test/e2e/support/api-session';
import { ManagedPolicyFile, managedPolicyDirProblem, reloadPolicies } from '../test/e2e/support/managed-policy';
import { PopupPage } from '../test/e2e/support/popup-page';

// `npm start -- --lang=de` (or ja, fr, it, es): the browser in that UI language, screenshots in demo-screenshots/de/.
const LANG_REGIONS: Record<string, string> = { de: 'de-DE', fr: 'fr-FR', it: 'it-IT', es: 'es-ES', ja: 'ja-JP' };
const langArg = process.argv.find((arg) => arg.startsWith('--lang='))?.slice('--lang='.length);
if (langArg && !LANG_REGIONS[langArg] && langArg !== 'en') {
  throw new Error(`--lang=${langArg}: choose one of en, ${Object.keys(LANG_REGIONS).join(', ')}`);
}
const lang = langArg && langArg !== 'en' ? langArg : undefined;
const SHOTS = resolve(import.meta.dirname, '../demo-screenshots', lang ?? '');
// `--screenshots` (or `--headless`): the headless walk that writes demo-screenshots/, even with a display.
const headed =
  Boolean(process.env.DISPLAY) && !process.argv.includes('--headless') && !process.argv.includes('--screenshots');
const browserArg = process.argv.indexOf('--browser');
if (browserArg !== -1 && process.argv[browserArg + 1] === 'firefox') {
  // The same demo in Firefox ESR (scripts/start-firefox.ts); Chromium's below is the default.
  const { runFirefoxDemo } = await import('./start-firefox');
  await runFirefoxDemo(headed);
  process.exit(0);
}
const spc = CHECKOUT_FIXTURES.find((f) => f.file === 'spc-us.html')!;
const PO = spc.expectedPoField!;

/** A company token broker on a port nothing listens on: the popup's offline state. */
const OFFLINE_HOST = 'offline-broker.example.com';
const offlinePort = await new Promise<number>((done) => {
  const probe = createServer().listen(0, '127.0.0.1', () => {
    const { port } = probe.address() as { port: number };
    probe.close(() => done(port));
  });
});
const session = await startApiSession({
  headless: !headed,
  lang: lang && LANG_REGIONS[lang],
  hosts: { [OFFLINE_HOST]: offlinePort },
});
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
  /** One screenshot per state, named by it (demo-screenshots/checkout-diagnosis.png), so a reviewer can look. */
  const shot = async (page: Page, name: string, what: string) => {
    const file = `${SHOTS}/${name}.png`;
    await page.screenshot({ path: file, fullPage: false });
    console.log(`  ${file}\n      ${what}`);
  };
  const text = (page: Page, selector: string) => page.locator(selector).first().textContent();
  const inHint = (testId: string) => `po-assist-hint [data-testid="${testId}"]`;
  const openGuarded = async () => {
    const page = await session.openCheckout('spc-us.html');
    await page.waitForSelector(`${PO}[aria-describedby*="po-assist"]`);
    await page.locator(inHint('po-announcement')).waitFor({ state: 'attached' });
    await page.locator('po-assist-hint').scrollIntoViewIfNeeded();
    return page;
  };

  console.log(`PO Assist demo (headless). Checkout page: ${url}`);
  console.log(`Screenshots in ${SHOTS}:`);
  const page = await openGuarded();
  await shot(page, 'checkout-neutral', "The empty PO field: only the expected formats, with today's examples.");

  await page.fill(PO, 'MKTG-202611-0042');
  await page.press(PO, 'Tab'); // errors wait until the shopper leaves the field
  // The diagnosis (which part is wrong) comes from the background a moment after the quick verdict.
  await page.locator(inHint('po-verdict'), { hasText: 'MKTG' }).waitFor();
  await shot(page, 'checkout-diagnosis', `Typed MKTG-202611-0042: "${await text(page, inHint('po-verdict'))}"`);

  await page.fill(PO, ' mkt_202611_42');
  await page.press(PO, 'Tab');
  await page.waitForSelector(inHint('po-fix'));
  await shot(page, 'checkout-fix-offered', `Typed " mkt_202611_42": ${await text(page, inHint('po-fix'))}`);
  await page.click(inHint('po-fix'));
  await page.waitForFunction((sel) => document.querySelector(sel)?.getAttribute('aria-invalid') === 'false', PO);
  await page.waitForSelector(inHint('po-reuse'));
  await shot(
    page,
    'checkout-fix-applied',
    `After Fix the field holds ${await page.inputValue(PO)}; from the simulated Amazon Business API: "${await text(page, inHint('po-reuse'))}"`,
  );

  await page.fill(PO, 'MKT-202613-0042');
  await page.click(spc.submitControl);
  await page.waitForSelector(inHint('po-submit-message'));
  const submitted = await page.evaluate(() => document.body.getAttribute('data-submitted') ?? '0');
  await page.locator('po-assist-hint').scrollIntoViewIfNeeded();
  await shot(
    page,
    'checkout-blocked-submit',
    `Place your order with MKT-202613-0042 was stopped (the page saw ${submitted} submits): "${await text(page, inHint('po-submit-message'))}"`,
  );

  // A fresh page: the Generate panel as a shopper opens it first, not under the blocked submit's message.
  const generatePage = await openGuarded();
  await generatePage.click(inHint('po-generate-toggle'));
  await generatePage.locator(inHint('po-blankets')).waitFor();
  await generatePage.locator('po-assist-hint').scrollIntoViewIfNeeded();
  await shot(
    generatePage,
    'checkout-generate-panel',
    `Generate open: the format's parts to choose, and the blanket POs (${await generatePage.locator(inHint('po-blanket')).count()}) with owner, budget and validity.`,
  );
  await generatePage.locator('po-assist-hint select').last().selectOption('FIN');
  await generatePage.click(inHint('po-generate'));
  await generatePage.waitForFunction(
    (sel) => document.querySelector(sel)?.getAttribute('aria-invalid') === 'false',
    PO,
  );
  await shot(generatePage, 'checkout-generated', `Generate (Finance) wrote ${await generatePage.inputValue(PO)}.`);

  await generatePage.click(spc.submitControl);
  const po = await generatePage.evaluate(() => document.body.getAttribute('data-submitted-po'));
  await shot(generatePage, 'checkout-order-placed', `Place your order went through with PO ${po}.`);

  await session.setUserPolicy({ ...SAMPLE_POLICY, enforcement: 'warn' });
  const warnPage = await openGuarded();
  await warnPage.fill(PO, 'MKTG-202611-0042');
  await warnPage.click(spc.submitControl);
  await warnPage.locator(inHint('po-submit-message')).waitFor();
  await warnPage.locator('po-assist-hint').scrollIntoViewIfNeeded();
  await shot(
    warnPage,
    'checkout-warn',
    `Warn mode, Place your order with MKTG-202611-0042: "${await text(warnPage, inHint('po-submit-message'))}"`,
  );
  await session.setUserPolicy({ ...SAMPLE_POLICY, enforcement: 'block' });

  // The toolbar popup, opened as a page at a popup's size (headless Chromium has no toolbar to click).
  const popup = await PopupPage.open(session.browser);
  await popup.page.setViewportSize({ width: 420, height: 760 });
  await shot(popup.page, 'popup-form', 'The popup before a lookup: PO, region, the policy in force.');
  for (const [lookupPo, name] of [
    ['MKT-202611-0042', 'popup-results'],
    ['BPO-2026-MKT', 'popup-results-blanket'],
  ] as const) {
    await popup.search(lookupPo);
    await popup.summary.filter({ hasText: lookupPo }).waitFor({ timeout: 20_000 });
    const summary = (await popup.summary.locator('.summary-count').textContent())?.trim();
    await shot(popup.page, name, `Popup lookup of ${lookupPo} (simulated API): ${summary}.`);
  }
  // Offline: a company token broker nothing answers for (every connection refused). Said within 3 s, with Try again.
  await session.setApiAccess({
    mode: 'broker',
    brokerUrl: `https://${OFFLINE_HOST}/token`,
    region: 'US',
    sandbox: false,
  });
  await popup.search('ENG-202610-0007');
  await popup.notice.locator('button').first().waitFor({ timeout: 10_000 }); // Try again
  await shot(
    popup.page,
    'popup-error',
    `No connection to the token broker: "${await text(popup.page, '.notice-title')}"`,
  );
  await session.setApiAccess(SIM_DIRECT_ACCESS);

  // The options page, one section at a time (deep links), with the sample policy in the editor.
  const options = await session.browser.context.newPage();
  await options.setViewportSize({ width: 1280, height: 900 });
  await options.goto(`chrome-extension://${session.browser.extensionId}/options.html`);
  for (const [section, what] of [
    ['policy', 'the policy editor'],
    ['tester', 'the PO tester'],
    ['api-access', 'API access (direct mode, demo credentials)'],
    ['deployment', "Deployment: the admin's policy files"],
    ['diagnostics', 'Diagnostics'],
  ] as const) {
    await options.evaluate((id) => (location.hash = id), section);
    await options.locator(`#${section}:not([hidden])`).waitFor();
    await shot(options, `options-${section}`, `Options page, ${what} (options.html#${section}).`);
  }

  // Reconcile: last month from Amazon's order reports (the simulator's), every order by PO with verdicts.
  const today = new Date();
  const first = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - 1, 1));
  const last = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), 0));
  const [from, to] = [first, last].map((date) => date.toISOString().slice(0, 10));
  const reconcile = await session.browser.context.newPage();
  await reconcile.setViewportSize({ width: 1400, height: 900 });
  await reconcile.goto(
    `chrome-extension://${session.browser.extensionId}/reconcile.html?from=${from}&to=${to}&region=US`,
  );
  // Rows show while the job runs; the shot is of the month fetched: progress shown, and neither Cancel (running) nor
  // Resume (cancelled, failed) beside it. In any language.
  await reconcile.waitForFunction(
    () => {
      const progress = document.querySelector('.fetch-progress');
      return progress !== null && progress.querySelector('button') === null;
    },
    null,
    { timeout: 60_000 },
  );
  await reconcile.locator('tbody tr:not(.spacer)').nth(5).waitFor({ timeout: 10_000 });
  await shot(
    reconcile,
    'reconcile-month',
    `Reconcile ${from} – ${to}: ${await text(reconcile, '[data-testid="reconcile-status"]')}`,
  );

  // The locked view a shopper sees under an admin policy. Admin policy on Linux is a file in Chromium's
  // machine-wide managed folder: written only when this process may (root), under a name of its own, and removed
  // right after (also if the demo dies). On a shared machine run the demo under the e2e lock (README).
  const policyDirProblem = managedPolicyDirProblem();
  if (policyDirProblem) {
    console.log(`  (no options-locked.png: ${policyDirProblem})`);
  } else {
    const file = new ManagedPolicyFile(`po-assist-demo-${process.pid}`);
    const admin = { policy: SAMPLE_POLICY, lockUserPolicy: true };
    try {
      file.write(admin);
      await reloadPolicies(session.browser.context);
      const locked = await session.browser.context.newPage();
      await locked.goto(`chrome-extension://${session.browser.extensionId}/options.html`);
      await locked.getByTestId('organization-view').waitFor({ timeout: 20_000 });
      await shot(locked, 'options-locked', 'Options page under a locked admin policy: the rules in words, the tester.');
    } finally {
      file.remove();
    }
  }

  await session.close();
  console.log('Done. Run with a display (DISPLAY set) to try it yourself in a Chromium window, popup included.');
}
