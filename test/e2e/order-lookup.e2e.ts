/**
 * Order lookup end to end: the built extension in Chromium, the popup in a tab, and the Amazon Business API
 * simulator answering as api.amazon.com and the *.business-api.amazon.com hosts. The client's rate limiter is
 * Amazon's own (0.5 requests/s, burst 10), shared by every test in this file, so each test makes few requests.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SAMPLE_POLICY } from '@/lib/policy/sample-policy';
import { CSV_COLUMNS } from '@/lib/api/summary';
import { CHECKOUT_FIXTURES } from '../fixtures/checkout/index';
import { simPo } from '../sim/data';
import { startHttpsServer, type LocalHttpsServer } from '../support/https-server';
import { startApiSession, type ApiSession } from './support/api-session';

/** A company token broker (served by the simulator's reference broker): its URL decides the token cache. */
const BROKER_HOST = 'broker.example.com';
/** A broker that hands out tokens Amazon refuses, as for an account without the Reporting API role. */
const NO_ROLE_BROKER_HOST = 'sso.example.com';
/** The JP Reporting API endpoint, here served by a stand-in whose one page carries text meant as formulas. */
const HOSTILE_API_HOST = 'jp.business-api.amazon.com';
const HOSTILE = {
  po: 'OPS-202608-0003',
  buyer: '=HYPERLINK("https://evil.example/","Click me")',
  group: '@SUM(A1:A9)',
  costCenter: '+44 20 7946 0000',
  department: '-Ops',
};

const PO_FIELD = CHECKOUT_FIXTURES.find((fixture) => fixture.file === 'spc-us.html')!.expectedPoField!;
const usd = (amount: number) => new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(amount);

let session: ApiSession;
let companyServer: LocalHttpsServer;
const companyRequests: string[] = [];

beforeAll(async () => {
  companyServer = await startHttpsServer(companyHandler);
  session = await startApiSession({
    simHosts: [BROKER_HOST],
    hosts: { [NO_ROLE_BROKER_HOST]: companyServer.port, [HOSTILE_API_HOST]: companyServer.port },
  });
});
afterAll(async () => {
  await session?.close();
  await companyServer?.close();
});
beforeEach(async () => {
  await session.resetTabs();
  session.sim.reset();
  companyRequests.length = 0;
  await session.clearStorage();
  await session.clearLookupCache();
  await session.setApiAccess();
});

/** The stand-in servers on the company side of the test (a broker) and one hostile Amazon page. */
function companyHandler(req: IncomingMessage, res: ServerResponse): void {
  const host = (req.headers.host ?? '').replace(/:\d+$/, '');
  companyRequests.push(`${req.method} ${host}${req.url}`);
  const cors = { 'access-control-allow-origin': req.headers.origin ?? '*', 'access-control-allow-credentials': 'true' };
  if (host === NO_ROLE_BROKER_HOST) {
    res.writeHead(200, { 'content-type': 'application/json', ...cors });
    res.end(JSON.stringify({ access_token: 'Atza|no-reporting-api-role', token_type: 'bearer', expires_in: 3600 }));
    return;
  }
  const orders = session.sim.dataset.byPo.get(HOSTILE.po)!.filter((order) => order.region === 'JP').map((order) => structuredClone(order.wire));
  orders[0]!.buyingCustomer = { name: HOSTILE.buyer, email: 'mallory@example.com' };
  orders[0]!.buyerGroup = { name: HOSTILE.group };
  orders[0]!.businessOrderInfo = { costCenter: HOSTILE.costCenter, department: HOSTILE.department };
  res.writeHead(200, { 'content-type': 'application/json', 'x-amzn-RequestId': 'hostile-1' });
  res.end(JSON.stringify({ ordersReport: orders, size: orders.length, nextPageToken: null }));
}

describe('order lookup in the popup, against the Amazon Business simulator', () => {
  it('pages through a multi-page PO with visible progress, then shows the summary and every order', async () => {
    const expected = simPo('BPO-2026-MKT').byRegion.US!;
    session.sim.setFaults({ delayMs: 250 }); // slow enough to see each page arrive
    const popup = await session.openPopup();
    await popup.recordProgress();
    await popup.search('BPO-2026-MKT');

    await expect.poll(() => popup.summary.textContent(), { timeout: 20_000 }).toContain(`${expected.count} orders under PO BPO-2026-MKT in United States`);
    const seen = await popup.progressSeen();
    expect(seen).toContain('Page 1 · 10 orders so far');
    expect(seen).toContain('Page 3 · 30 orders so far');
    expect(await popup.progress.count()).toBe(0);

    const summary = await popup.summary.textContent();
    expect(summary).toContain(`Net total: ${usd(expected.netTotal)}`);
    expect(summary).toContain(`${expected.cancelled} cancelled orders not counted`);
    expect(await popup.orders.count()).toBe(expected.count);
    expect(await popup.notice.count()).toBe(0);
    // Four pages, each asked once: no 429 provoked.
    expect(session.sim.stats.byStatus).toEqual({ 200: 5 }); // 4 report pages + 1 LWA token
  });

  it('meets 429s, says it is waiting for the rate limit, and still completes', async () => {
    const expected = simPo('MKT-202611-0042').byRegion.US!;
    session.sim.setFaults({ throttle: { count: 2, retryAfterSeconds: 1 } });
    const popup = await session.openPopup();
    await popup.recordProgress();
    await popup.search('MKT-202611-0042');

    await expect.poll(() => popup.summary.textContent(), { timeout: 30_000 }).toContain(`${expected.count} orders under PO MKT-202611-0042`);
    expect((await popup.progressSeen()).some((text) => text.includes("Waiting for Amazon's rate limit"))).toBe(true);
    expect(await popup.orders.count()).toBe(expected.count);
    expect(await popup.notice.count()).toBe(0);
    expect(session.sim.stats.byStatus['429']).toBe(2);
  });

  it('refreshes an expired access token once and completes the lookup', async () => {
    await session.setApiAccess({ mode: 'broker', brokerUrl: `https://${BROKER_HOST}/broker/token?case=expired`, region: 'US', sandbox: false });
    session.sim.setFaults({ expireNextToken: true });
    const popup = await session.openPopup();
    await popup.search('ENG-202610-0007');

    await expect.poll(() => popup.summary.textContent(), { timeout: 20_000 }).toContain('1 order under PO ENG-202610-0007');
    expect(await popup.orders.count()).toBe(1);
    expect(await popup.notice.count()).toBe(0);
    const { byStatus, tokensIssued } = session.sim.stats;
    expect(tokensIssued).toBe(2); // the expired one, and exactly one refresh
    expect(byStatus['403']).toBe(1);
  });

  it('gets a new token when Amazon revoked the cached one (direct mode), without bothering the user', async () => {
    const popup = await session.openPopup();
    await popup.search('ENG-202610-0007');
    await expect.poll(() => popup.summary.textContent(), { timeout: 20_000 }).toContain('1 order under PO ENG-202610-0007');
    session.sim.revokeTokens();
    const before = session.sim.stats.tokensIssued;

    await popup.search('MKT-202611-0042');
    await expect.poll(() => popup.summary.textContent(), { timeout: 20_000 }).toContain('4 orders under PO MKT-202611-0042');
    expect(session.sim.stats.tokensIssued - before).toBe(1);
    expect(session.sim.stats.byStatus['403']).toBe(1);
    expect(await popup.notice.count()).toBe(0);
  });

  it('shows a 403 from the Reporting API as an access problem with the way out', async () => {
    await session.setApiAccess({ mode: 'broker', brokerUrl: `https://${NO_ROLE_BROKER_HOST}/token`, region: 'US', sandbox: false });
    const popup = await session.openPopup();
    await popup.search('MKT-202611-0042');

    await expect.poll(() => popup.notice.textContent(), { timeout: 20_000 }).toContain('Amazon Business refused access');
    const notice = await popup.notice.textContent();
    expect(notice).toContain('Reporting API role');
    expect(await popup.page.getByRole('button', { name: 'Open API access settings' }).isVisible()).toBe(true);
    expect(await popup.page.getByRole('button', { name: 'Try again' }).isVisible()).toBe(true);
    expect(await popup.orders.count()).toBe(0);
    // Refused, the token was fetched again once and refused again: then the user is told.
    expect(session.sim.stats.byStatus['403']).toBe(2);
    expect(companyRequests.filter((line) => line.startsWith(`POST ${NO_ROLE_BROKER_HOST}`))).toHaveLength(2);
  });

  it('shows a malformed page as an error and keeps the orders of the pages before it', async () => {
    session.sim.setFaults({ truncateJsonOnPage: 2 });
    const popup = await session.openPopup();
    await popup.search('PO-BIG-0001');

    await expect.poll(() => popup.notice.textContent(), { timeout: 20_000 }).toContain('Unreadable answer from Amazon');
    expect(await popup.notice.textContent()).toContain('The orders below are the ones read before it.');
    expect(await popup.incompleteBanner.textContent()).toContain('Showing 10 orders from 1 page; there may be more.');
    expect(await popup.orders.count()).toBe(10);
    expect(await popup.summary.textContent()).toContain('10 orders under PO PO-BIG-0001');
  });

  it('exports the orders as CSV: BOM, header, one row per order with what Amazon sent', async () => {
    const popup = await session.openPopup();
    await popup.search('MKT-202611-0042');
    await expect.poll(() => popup.orders.count(), { timeout: 20_000 }).toBe(4);

    const { fileName, bytes } = await popup.exportCsv();
    expect(fileName).toBe('orders-MKT-202611-0042-US.csv');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').slice(1).split('\r\n');
    expect(lines.at(-1)).toBe('');
    expect(lines[0]).toBe(CSV_COLUMNS.join(','));
    expect(lines).toHaveLength(1 + 4 + 1);

    const first = session.sim.dataset.byPo.get('MKT-202611-0042')!.find((order) => order.region === 'US')!;
    const row = lines.find((line) => line.startsWith(`${first.orderId},`))!;
    expect(row).toBeDefined();
    const cells = row.split(',');
    expect(cells[CSV_COLUMNS.indexOf('Region')]).toBe('US');
    expect(cells[CSV_COLUMNS.indexOf('Status')]).toBe(first.status);
    expect(cells[CSV_COLUMNS.indexOf('PO number')]).toBe('MKT-202611-0042');
    expect(Number(cells[CSV_COLUMNS.indexOf('Net total')])).toBe(first.netTotalMinor / 100);
    expect(cells[CSV_COLUMNS.indexOf('Currency')]).toBe('USD');
    expect(await popup.actionStatus.textContent()).toContain('Saved orders-MKT-202611-0042-US.csv (4 orders)');
  });

  it('keeps text from Amazon that looks like a formula as text in the CSV', async () => {
    const popup = await session.openPopup();
    await popup.search(HOSTILE.po, 'JP');
    await expect.poll(() => popup.orders.count(), { timeout: 20_000 }).toBe(3);
    // The popup shows the hostile name as plain text, not as a link or markup.
    expect(await popup.orders.first().textContent()).toContain(HOSTILE.buyer);

    const { bytes } = await popup.exportCsv();
    const text = bytes.toString('utf8');
    expect(text).toContain(`"'=HYPERLINK(""https://evil.example/"",""Click me"")"`);
    expect(text).toContain(`'${HOSTILE.group}`);
    expect(text).toContain(`'${HOSTILE.costCenter}`);
    expect(text).toContain(`'${HOSTILE.department}`);
    expect(text).not.toMatch(/(^|,)[=+@]/m);
  });

  it("the checkout guard's reuse notice says how many orders Amazon has under the PO", async () => {
    await session.setUserPolicy({ ...SAMPLE_POLICY, reuse: 'warn', enforcement: 'warn' });
    const page = await session.openCheckout('spc-us.html');
    await page.waitForSelector(`${PO_FIELD}[aria-describedby*="po-assist"]`);
    await page.fill(PO_FIELD, 'MKT-202611-0042');

    const reuse = page.locator('po-assist-hint [data-testid="po-reuse"]');
    await expect.poll(() => reuse.textContent(), { timeout: 20_000 }).toContain('Amazon Business has 4 orders under PO MKT-202611-0042');
    expect(await reuse.textContent()).toMatch(/the last on \w+ \d{1,2}, \d{4}/);

    // A PO Amazon has never seen gets no notice.
    await page.fill(PO_FIELD, 'FIN-202611-0999');
    await expect.poll(() => reuse.count(), { timeout: 10_000 }).toBe(0);
  });
});
