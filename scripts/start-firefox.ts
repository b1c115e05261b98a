// `npm start -- --browser firefox`: the demo of scripts/start.ts in Firefox ESR, through the same launcher as the
// Firefox e2e suite (test/e2e/support/driver-firefox.ts: the MV2 build as a temporary add-on, the Amazon hosts
// mapped through a loopback CONNECT proxy, the API simulator answering). Headless: screenshots to demo-screenshots/.
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { SAMPLE_POLICY } from '../lib/policy/sample-policy';
import { CHECKOUT_FIXTURES } from '../test/fixtures/checkout/index';
import { SIM_DIRECT_ACCESS } from '../test/e2e/support/api-session';
import type { E2ePage } from '../test/e2e/support/driver';
import { startFirefoxSession } from '../test/e2e/support/driver-firefox';
import { PopupView } from '../test/e2e/journeys/order-lookup';

const SHOTS = resolve(import.meta.dirname, '../demo-screenshots');
const spc = CHECKOUT_FIXTURES.find((f) => f.file === 'spc-us.html')!;
const PO = spc.expectedPoField!;
const HINT = (testId: string) => `po-assist-hint >>> [data-testid="${testId}"]`;

async function until<T>(read: () => Promise<T>, ok: (value: T) => boolean, what: string): Promise<T> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const value = await read();
    if (ok(value)) return value;
    if (Date.now() > deadline) throw new Error(`demo: ${what} did not happen within 20 s`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function runFirefoxDemo(headed: boolean): Promise<void> {
  // `npm start` builds Chromium's extension only; the add-on is the Firefox build.
  const build = spawnSync('npx', ['wxt', 'build', '-b', 'firefox'], { stdio: 'inherit' });
  if (build.status !== 0) throw new Error('npx wxt build -b firefox failed');

  const session = await startFirefoxSession({ sim: true, headless: !headed });
  await session.setUserPolicy({ ...SAMPLE_POLICY, enforcement: 'block' });
  await session.storage.set('local', { apiAccess: SIM_DIRECT_ACCESS });
  const url = session.server.urlOf('spc-us.html');

  if (headed) {
    await session.openCheckout('spc-us.html');
    console.log(`PO Assist demo in Firefox: ${url} (served locally) with the sample policy.`);
    console.log('Type a PO such as "mktg-202611-42" into the PO number box, try Fix, Generate and Place your order.');
    for (const f of CHECKOUT_FIXTURES) console.log(`  ${session.server.urlOf(f.file)}  ${f.description}`);
    console.log(
      `Order lookup (simulated API, demo credentials stored): the toolbar button, or ${session.extensionOrigin}/popup.html`,
    );
    for (const info of session.sim.pos) console.log(`    ${info.po.padEnd(18)} ${info.description}`);
    console.log('Press Ctrl-C to end.');
    await new Promise<void>((done) => process.once('SIGINT', () => done()));
    await session.close().catch(() => undefined);
    return;
  }

  mkdirSync(SHOTS, { recursive: true });
  let step = 0;
  const shot = async (page: E2ePage, name: string, what: string) => {
    const file = `${SHOTS}/firefox-${String(++step).padStart(2, '0')}-${name}.png`;
    await page.screenshot(file);
    console.log(`  ${file}\n      ${what}`);
  };
  const invalid = (page: E2ePage, expected: string) =>
    until(
      () => page.attribute(PO, 'aria-invalid'),
      (v) => v === expected,
      `aria-invalid=${expected}`,
    );

  console.log(`PO Assist demo in Firefox (headless). Checkout page: ${url}`);
  console.log(`Screenshots in ${SHOTS}:`);
  try {
    const page = await session.openCheckout('spc-us.html');
    await page.waitFor(`${PO}[aria-describedby*="po-assist"]`);
    await page.evaluate((sel) => document.querySelector(sel)?.scrollIntoView({ block: 'center' }), PO);
    await shot(page, 'guarded-field', 'The PO field with the expected formats, on the US single-page checkout.');

    await page.fill(PO, 'MKTG-202611-0042');
    await invalid(page, 'true');
    const diagnosis = await until(
      () => page.text(HINT('po-verdict')),
      (v) => Boolean(v?.includes('MKTG')),
      'the diagnosis',
    );
    await shot(page, 'invalid-po', `Typed MKTG-202611-0042: "${diagnosis}"`);

    await page.fill(PO, ' mkt_202611_42');
    const fix = await until(
      () => page.text(HINT('po-fix')),
      (v) => v !== null,
      'the Fix button',
    );
    await shot(page, 'fix-offered', `Typed " mkt_202611_42": ${fix}`);
    await page.click(HINT('po-fix'));
    await invalid(page, 'false');
    const reuse = await until(
      () => page.text(HINT('po-reuse')),
      (v) => v !== null,
      'the reuse notice',
    );
    await shot(
      page,
      'fixed-and-reuse-notice',
      `After Fix the field holds ${await page.value(PO)}; from the simulated API: "${reuse}"`,
    );

    await page.fill(PO, 'MKT-202613-0042');
    await page.click(spc.submitControl);
    const stopped = await until(
      () => page.text(HINT('po-submit-message')),
      (v) => v !== null,
      'the blocked-submit message',
    );
    await shot(page, 'blocked-submit', `Place your order with MKT-202613-0042 was stopped: "${stopped}"`);

    await page.fill(PO, '');
    await page.click(HINT('po-generate-toggle'));
    await page.click(HINT('po-generate'));
    await invalid(page, 'false');
    await shot(page, 'generated', `Generate wrote ${await page.value(PO)}.`);

    await page.click(spc.submitControl);
    const po = await until(
      () => page.evaluate(() => document.body.getAttribute('data-submitted-po')),
      (v) => v !== null,
      'the order',
    );
    await shot(page, 'order-placed', `Place your order went through with PO ${po}.`);

    // The toolbar popup, opened as a page at a popup's size (headless Firefox has no toolbar to click).
    const popup = await PopupView.open(session);
    await popup.page.setViewport({ width: 420, height: 760 });
    for (const lookupPo of ['MKT-202611-0042', 'BPO-2026-MKT']) {
      await popup.search(lookupPo);
      await until(
        () => popup.summary(),
        (v) => Boolean(v?.includes(lookupPo)),
        `the lookup of ${lookupPo}`,
      );
      const count = (await popup.page.text('[data-testid="lookup-summary"] .summary-count'))?.trim();
      await shot(popup.page, `popup-${lookupPo}`, `Popup lookup of ${lookupPo} (simulated API): ${count}.`);
    }
    console.log('Done. Run with a display (DISPLAY set) to try it yourself in a Firefox window.');
  } finally {
    await session.close();
  }
}
