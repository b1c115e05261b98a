/**
 * The Reconcile page of the built extension in Chromium, against the simulator's getOrderReports (Amazon's own
 * rate limit, 0.5 requests/s, burst 10): a month by deep link, a fetch that goes on after the page is closed, an
 * uploaded invoice list, and the CSV export.
 */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SAMPLE_POLICY } from '@/lib/policy/sample-policy';
import { ordersInRange } from '../sim/order-report-data';
import type { SimRegion } from '../sim/data';
import { SIM_DIRECT_ACCESS } from './support/api-session';
import type { E2ePage, E2eSession } from './support/driver';
import { startChromiumSession } from './support/driver-chromium';

const STATUS = '[data-testid="reconcile-status"]';
const ROWS = 'tbody tr:not(.spacer)';

const expectedOrders = (session: E2eSession, from: string, to: string, regions: SimRegion[] = ['US']) =>
  ordersInRange(session.sim.bulk, regions, Date.parse(`${from}T00:00:00Z`), Date.parse(`${to}T23:59:59Z`)).length;

async function fetched(page: E2ePage, timeout = 30_000): Promise<string> {
  await expect.poll(() => page.text(STATUS), { timeout }).toMatch(/^Fetched /);
  return (await page.text(STATUS))!;
}

describe('Reconcile page against the simulator', () => {
  let session: E2eSession;
  beforeAll(async () => {
    session = await startChromiumSession({ sim: true });
  });
  afterAll(async () => {
    await session?.close();
  });
  beforeEach(async () => {
    await session.resetTabs();
    session.sim.reset();
    await session.storage.set('local', { apiAccess: SIM_DIRECT_ACCESS });
    await session.setUserPolicy(SAMPLE_POLICY);
  });

  // First, while the extension's own rate limiter still has its burst (0.5 requests/s after it, as Amazon's plan, and
  // the tests below spend it): 8 pages 400 ms apart, not 2 s apart. Its page is closed after the first one.
  it('goes on fetching after the page is closed, and the reopened page shows the finished job', async () => {
    session.sim.setFaults({ delayMs: 400 });
    const total = expectedOrders(session, '2026-09-01', '2026-10-31');
    let page = await session.openExtensionPage('reconcile.html?from=2026-09-01&to=2026-10-31&region=US');
    await expect.poll(() => page.text(STATUS), { timeout: 15_000 }).toMatch(/^Fetching: [1-9]/);
    await page.close();
    const requestsAtClose = session.sim.stats.byStatus[200] ?? 0;
    await expect
      .poll(() => session.sim.stats.byStatus[200] ?? 0, { timeout: 20_000 })
      .toBeGreaterThan(requestsAtClose + 1);

    page = await session.openExtensionPage('reconcile.html');
    const status = await fetched(page, 45_000);
    expect(status).toContain(`${total} orders`);
    expect(await page.value('input[type="date"]')).toBe('2026-09-01');
  });

  it('reconciles November from a deep link: every order, by PO with verdicts, and exports the table', async () => {
    const page = await session.openExtensionPage('reconcile.html?from=2026-11-01&to=2026-11-30&region=US');
    const total = expectedOrders(session, '2026-11-01', '2026-11-30');
    expect(total).toBeGreaterThan(100);
    const status = await fetched(page);
    expect(status).toContain(`${Math.ceil(total / 100)} pages, ${total} orders`);
    // The table is read from IndexedDB once the job reports done, a moment after the status line.
    await expect.poll(() => page.count(ROWS)).toBeGreaterThan(5);
    const filters = (await page.text('.verdict-filters')) ?? '';
    for (const verdict of ['No PO', 'Non-compliant', 'Reused', 'Compliant']) expect(filters).toContain(verdict);

    const file = await page.download(page.button('Export orders (CSV)'));
    expect(file.fileName).toBe('reconcile-orders-2026-11-01_2026-11-30.csv');
    const lines = file.bytes
      .toString('utf8')
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines).toHaveLength(total + 1);
    const table = await page.download(page.button('Export table (CSV)'));
    expect(table.bytes.toString('utf8')).toContain('BPO-2026-OPS');

    // The demo's picture of the page with data (demo-screenshots/ is git-ignored output).
    const shots = fileURLToPath(new URL('../../demo-screenshots/', import.meta.url));
    mkdirSync(shots, { recursive: true });
    await page.setViewport({ width: 1400, height: 900 });
    await page.screenshot(`${shots}reconcile.png`);
  });

  it('fetches every region of the API access for “All my regions”, and shows each order’s region', async () => {
    // The options page's "other regions": the lookup region (US) and two more.
    await session.storage.set('local', { apiAccess: { ...SIM_DIRECT_ACCESS, otherRegions: ['UK', 'DE'] } });
    const page = await session.openExtensionPage('reconcile.html?from=2026-11-01&to=2026-11-30&region=US');
    await fetched(page);
    const usRows = Number(await page.attribute('table.reconcile-table', 'aria-rowcount'));
    // "All my regions" and the three of the API access.
    await expect.poll(() => page.count('.region option')).toBe(4);
    await page.select('.region select', 'all');
    await page.click(page.button('Fetch and reconcile'));
    await expect
      .poll(async () => Number(await page.attribute('table.reconcile-table', 'aria-rowcount')), { timeout: 30_000 })
      .toBeGreaterThan(usRows);
    await fetched(page);

    const total = expectedOrders(session, '2026-11-01', '2026-11-30', ['US', 'UK', 'DE']);
    expect(total).toBeGreaterThan(expectedOrders(session, '2026-11-01', '2026-11-30'));
    await expect
      .poll(async () => {
        const file = await page.download(page.button('Export orders (CSV)'));
        return file.bytes.toString('utf8').trim().split('\r\n').length;
      })
      .toBe(total + 1);
    // Sorted by region both ways, the rows in view come from more than one region, each named in its row.
    const regionsInView = async () => {
      const cells = await page.evaluate(() =>
        [...document.querySelectorAll('tbody tr:not(.spacer) td:last-child')].map((cell) => cell.textContent),
      );
      return new Set(cells.flatMap((cell) => (cell ?? '').split(' ').filter(Boolean)));
    };
    await page.click('th.col-regions button');
    await expect.poll(async () => [...(await regionsInView())][0]).toBe('DE');
    await page.click('th.col-regions button');
    await expect.poll(async () => (await regionsInView()).has('US')).toBe(true);
  });

  it('reconciles against an uploaded invoice CSV', async () => {
    const page = await session.openExtensionPage('reconcile.html?from=2026-11-01&to=2026-11-30&region=US');
    await fetched(page);
    await page.evaluate(() => {
      const input = document.querySelector<HTMLInputElement>('input[type="file"]')!;
      const transfer = new DataTransfer();
      const csv = 'Invoice,PO Number,Amount\r\nINV-1,MKT-202611-9998,10\r\nINV-2,ENG-202611-9999,20\r\n';
      transfer.items.add(new File([csv], 'invoices.csv', { type: 'text/csv' }));
      input.files = transfer.files;
      input.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await expect.poll(() => page.text('.po-list [role="status"]')).toContain('2 POs read from the column “PO Number”');
    await page.click('.verdict-filters button.verdict-listed-no-order');
    await expect.poll(() => page.count(ROWS)).toBe(2);
    expect(await page.text('tbody')).toContain('MKT-202611-9998');
  });
});
