/**
 * Order lookup in the popup (opened as a tab) against the Amazon Business API simulator, in whichever browser
 * `start` launches. The client's rate limiter is Amazon's own (0.5 requests/s, burst 10), shared by every test
 * here, so each test makes few requests.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SAMPLE_POLICY } from '@/lib/policy/sample-policy';
import { LOOKUP_CSV_COLUMNS } from '@/lib/order-lookup/lookup-csv';
import { CHECKOUT_FIXTURES } from '../../fixtures/checkout/index';
import { simPo } from '../../sim/data';
import { startHttpsServer, type LocalHttpsServer } from '../../support/https-server';
import { SIM_DIRECT_ACCESS, type ApiAccessValue } from '../support/api-session';
import type { E2ePage, E2eSession, StartSession } from '../support/driver';

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

/** The popup by what a user sees (ids and test ids of components/lookup). */
export class PopupView {
  static readonly poInput = '#lookup-po';
  static readonly region = '#lookup-region';
  static readonly progress = '[data-testid="lookup-progress"]';
  static readonly summary = '[data-testid="lookup-summary"]';
  static readonly orders = '[data-testid="order"]';
  static readonly notice = '[data-testid="lookup-notice"]';
  static readonly actionStatus = '[data-testid="action-status"]';
  static readonly incompleteBanner = '[data-testid="incomplete-banner"]';

  constructor(readonly page: E2ePage) {}

  static async open(session: E2eSession): Promise<PopupView> {
    const page = await session.openExtensionPage('popup.html');
    await page.waitFor(PopupView.poInput);
    return new PopupView(page);
  }

  /** Types a PO (and picks a region) and presses Enter, as a user would. */
  async search(po: string, region?: string): Promise<void> {
    if (region) await this.page.select(PopupView.region, region);
    await this.page.fill(PopupView.poInput, po);
    await this.page.press(PopupView.poInput, 'Enter');
  }

  summary = () => this.page.text(PopupView.summary);
  orderCount = () => this.page.count(PopupView.orders);
  noticeCount = () => this.page.count(PopupView.notice);

  /** Records every text the progress area shows from now on (a lookup can page faster than a poll would see). */
  async recordProgress(): Promise<void> {
    await this.page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { progressSeen: string[] }).progressSeen = seen;
      new MutationObserver(() => {
        const text = document.querySelector('[data-testid="lookup-progress"]')?.textContent?.trim();
        if (text && seen.at(-1) !== text) seen.push(text);
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
  }

  progressSeen(): Promise<string[]> {
    return this.page.evaluate(() => [...((window as unknown as { progressSeen?: string[] }).progressSeen ?? [])]);
  }

  /** The buttons a user can see, by their text. */
  visibleButtons(): Promise<string[]> {
    return this.page.evaluate(() =>
      [...document.querySelectorAll('button')]
        .filter((b) => b.checkVisibility())
        .map((b) => b.textContent?.trim() ?? ''),
    );
  }

  exportCsv(): Promise<{ fileName: string; bytes: Buffer }> {
    return this.page.download(this.page.button('Export CSV'));
  }
}

export function orderLookupJourney(start: StartSession): void {
  let session: E2eSession;
  let companyServer: LocalHttpsServer;
  const companyRequests: string[] = [];
  const setApiAccess = (access: ApiAccessValue = SIM_DIRECT_ACCESS) =>
    session.storage.set('local', { apiAccess: access });

  /** The stand-in servers on the company side of the test (a broker) and one hostile Amazon page. */
  function companyHandler(req: IncomingMessage, res: ServerResponse): void {
    const host = (req.headers.host ?? '').replace(/:\d+$/, '');
    companyRequests.push(`${req.method} ${host}${req.url}`);
    const cors = {
      'access-control-allow-origin': req.headers.origin ?? '*',
      'access-control-allow-credentials': 'true',
    };
    if (host === NO_ROLE_BROKER_HOST) {
      res.writeHead(200, { 'content-type': 'application/json', ...cors });
      res.end(JSON.stringify({ access_token: 'Atza|no-reporting-api-role', token_type: 'bearer', expires_in: 3600 }));
      return;
    }
    const orders = session.sim.dataset.byPo
      .get(HOSTILE.po)!
      .filter((order) => order.region === 'JP')
      .map((order) => structuredClone(order.wire));
    orders[0]!.buyingCustomer = { name: HOSTILE.buyer, email: 'mallory@example.com' };
    orders[0]!.buyerGroup = { name: HOSTILE.group };
    orders[0]!.businessOrderInfo = { costCenter: HOSTILE.costCenter, department: HOSTILE.department };
    res.writeHead(200, { 'content-type': 'application/json', 'x-amzn-RequestId': 'hostile-1' });
    res.end(JSON.stringify({ ordersReport: orders, size: orders.length, nextPageToken: null }));
  }

  describe('order lookup in the popup, against the Amazon Business simulator', () => {
    beforeAll(async () => {
      companyServer = await startHttpsServer(companyHandler);
      session = await start({
        sim: true,
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
      // The lookup cache and the last answer shown (which the popup reopens on, region and all): every test starts
      // on the empty popup.
      await session.storage.clear('session');
      await setApiAccess();
    });
    it('pages through a multi-page PO with visible progress, then shows the summary and every order', async () => {
      const expected = simPo('BPO-2026-MKT').byRegion.US!;
      session.sim.setFaults({ delayMs: 250 }); // slow enough to see each page arrive
      const popup = await PopupView.open(session);
      await popup.recordProgress();
      await popup.search('BPO-2026-MKT');

      await expect
        .poll(() => popup.summary(), { timeout: 20_000 })
        .toContain(`${expected.count} orders under PO BPO-2026-MKT in United States`);
      const seen = await popup.progressSeen();
      expect(seen).toContain('Page 1 · 10 orders so far');
      expect(seen).toContain('Page 3 · 30 orders so far');
      expect(await popup.page.count(PopupView.progress)).toBe(0);

      const summary = await popup.summary();
      expect(summary).toContain(`Net total: ${usd(expected.netTotal)}`);
      expect(summary).toContain(`${expected.cancelled} cancelled orders not counted`);
      expect(await popup.orderCount()).toBe(expected.count);
      expect(await popup.noticeCount()).toBe(0);
      // Four pages, each asked once: no 429 provoked.
      expect(session.sim.stats.byStatus).toEqual({ 200: 5 }); // 4 report pages + 1 LWA token
    });

    it('exports the orders as CSV: BOM, header, one row per order with what Amazon sent', async () => {
      const popup = await PopupView.open(session);
      await popup.search('MKT-202611-0042');
      await expect.poll(() => popup.orderCount(), { timeout: 20_000 }).toBe(4);

      const { fileName, bytes } = await popup.exportCsv();
      expect(fileName).toBe('orders-MKT-202611-0042-US.csv');
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const lines = bytes.toString('utf8').slice(1).split('\r\n');
      expect(lines.at(-1)).toBe('');
      // The local date (browser time zone) and the ISO time, status words and code, the formatted net total.
      const zone = await popup.page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone);
      const header = [...LOOKUP_CSV_COLUMNS, 'Net total (formatted)'];
      header[1] = `Order date (${zone})`;
      expect(lines[0]).toBe(header.join(','));
      // 4 orders, a blank row and the USD total.
      expect(lines).toHaveLength(1 + 4 + 1 + 1 + 1);

      const first = session.sim.dataset.byPo.get('MKT-202611-0042')!.find((order) => order.region === 'US')!;
      const row = lines.find((line) => line.startsWith(`${first.orderId},`))!;
      expect(row).toBeDefined();
      const cells = row.split(',');
      const at = (name: (typeof LOOKUP_CSV_COLUMNS)[number]) => cells[LOOKUP_CSV_COLUMNS.indexOf(name)];
      expect(at('Order date')).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
      expect(at('Region')).toBe('US');
      expect(at('Status code')).toBe(first.status);
      expect(at('Status')).not.toBe(first.status);
      expect(at('PO number')).toBe('MKT-202611-0042');
      expect(Number(at('Net total'))).toBe(first.netTotalMinor / 100);
      expect(at('Currency')).toBe('USD');
      expect(lines.at(-2)).toMatch(/^Total USD \(cancelled orders not counted\),/);
      await expect
        .poll(() => popup.page.text(PopupView.actionStatus))
        .toContain('Saved orders-MKT-202611-0042-US.csv (4 orders)');
    });

    it('refreshes an expired access token once and completes the lookup', async () => {
      await setApiAccess({
        mode: 'broker',
        brokerUrl: `https://${BROKER_HOST}/broker/token?case=expired`,
        region: 'US',
        sandbox: false,
      });
      session.sim.setFaults({ expireNextToken: true });
      const popup = await PopupView.open(session);
      await popup.search('ENG-202610-0007');

      await expect.poll(() => popup.summary(), { timeout: 20_000 }).toContain('1 order under PO ENG-202610-0007');
      expect(await popup.orderCount()).toBe(1);
      expect(await popup.noticeCount()).toBe(0);
      const { byStatus, tokensIssued } = session.sim.stats;
      expect(tokensIssued).toBe(2); // the expired one, and exactly one refresh
      expect(byStatus['403']).toBe(1);
    });

    it('gets a new token when Amazon revoked the cached one (direct mode), without bothering the user', async () => {
      const popup = await PopupView.open(session);
      await popup.search('ENG-202610-0007');
      await expect.poll(() => popup.summary(), { timeout: 20_000 }).toContain('1 order under PO ENG-202610-0007');
      session.sim.revokeTokens();
      const before = session.sim.stats.tokensIssued;

      await popup.search('MKT-202611-0042');
      await expect.poll(() => popup.summary(), { timeout: 20_000 }).toContain('4 orders under PO MKT-202611-0042');
      expect(session.sim.stats.tokensIssued - before).toBe(1);
      expect(session.sim.stats.byStatus['403']).toBe(1);
      expect(await popup.noticeCount()).toBe(0);
    });

    it('shows a 403 from the Reporting API as an access problem with the way out', async () => {
      await setApiAccess({
        mode: 'broker',
        brokerUrl: `https://${NO_ROLE_BROKER_HOST}/token`,
        region: 'US',
        sandbox: false,
      });
      const popup = await PopupView.open(session);
      await popup.search('MKT-202611-0042');

      await expect
        .poll(() => popup.page.text(PopupView.notice), { timeout: 20_000 })
        .toContain('Amazon Business refused access');
      expect(await popup.page.text(PopupView.notice)).toContain('Reporting API role');
      const buttons = await popup.visibleButtons();
      expect(buttons).toContain('Open API access settings');
      expect(buttons).toContain('Try again');
      expect(await popup.orderCount()).toBe(0);
      // Refused, the token was fetched again once and refused again: then the user is told.
      expect(session.sim.stats.byStatus['403']).toBe(2);
      expect(companyRequests.filter((line) => line.startsWith(`POST ${NO_ROLE_BROKER_HOST}`))).toHaveLength(2);
    });

    it('shows a malformed page as an error and keeps the orders of the pages before it', async () => {
      session.sim.setFaults({ truncateJsonOnPage: 2 });
      const popup = await PopupView.open(session);
      await popup.search('PO-BIG-0001');

      await expect
        .poll(() => popup.page.text(PopupView.notice), { timeout: 20_000 })
        .toContain('Unreadable answer from Amazon');
      expect(await popup.page.text(PopupView.notice)).toContain('The orders below are the ones read before it.');
      expect(await popup.page.text(PopupView.incompleteBanner)).toContain(
        'Showing 10 orders from 1 page; there may be more.',
      );
      expect(await popup.orderCount()).toBe(10);
      expect(await popup.summary()).toContain('10 orders under PO PO-BIG-0001');
    });

    it('keeps text from Amazon that looks like a formula as text in the CSV', async () => {
      const popup = await PopupView.open(session);
      await popup.search(HOSTILE.po, 'JP');
      await expect.poll(() => popup.orderCount(), { timeout: 20_000 }).toBe(3);
      // The popup shows the hostile name as plain text, not as a link or markup.
      expect(await popup.page.text(PopupView.orders)).toContain(HOSTILE.buyer);

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
      await page.waitFor(`${PO_FIELD}[aria-describedby*="po-assist"]`);
      await page.fill(PO_FIELD, 'MKT-202611-0042');

      const reuse = 'po-assist-hint >>> [data-testid="po-reuse"]';
      await expect
        .poll(() => page.text(reuse), { timeout: 20_000 })
        .toContain('Amazon Business has 4 orders under PO MKT-202611-0042');
      expect(await page.text(reuse)).toMatch(/the last on \w+ \d{1,2}, \d{4}/);

      // A PO Amazon has never seen gets no notice, once Amazon has answered (and the check does not outlive the test).
      await page.fill(PO_FIELD, 'FIN-202611-0999');
      const finPath = '/reports/2025-06-09/purchaseOrders/FIN-202611-0999/orderReports';
      await expect.poll(() => session.sim.stats.byPath[finPath] ?? 0, { timeout: 10_000 }).toBe(1);
      await expect.poll(() => page.count(reuse), { timeout: 10_000 }).toBe(0);
    });

    // Last: the 429s empty the client's rate-limit bucket (as they must), and every later request in this browser
    // would wait its 2 s for a token.
    it('meets 429s, says it is waiting for the rate limit, and still completes', async () => {
      const expected = simPo('MKT-202611-0042').byRegion.US!;
      session.sim.setFaults({ throttle: { count: 2, retryAfterSeconds: 1 } });
      const popup = await PopupView.open(session);
      await popup.recordProgress();
      await popup.search('MKT-202611-0042');

      await expect
        .poll(() => popup.summary(), { timeout: 30_000 })
        .toContain(`${expected.count} orders under PO MKT-202611-0042`);
      expect((await popup.progressSeen()).some((text) => text.includes("Waiting for Amazon's rate limit"))).toBe(true);
      expect(await popup.orderCount()).toBe(expected.count);
      expect(await popup.noticeCount()).toBe(0);
      expect(session.sim.stats.byStatus['429']).toBe(2);
    });
  });
}
