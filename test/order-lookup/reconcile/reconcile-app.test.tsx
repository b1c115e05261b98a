/** @vitest-environment happy-dom */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { DayRange } from '@/lib/api/order-reports';
import type { OrderReport } from '@/lib/api/schemas';
import type { JobProgress } from '@/lib/order-lookup/reconcile/fetch-job';
import type { OrderStore } from '@/lib/order-lookup/reconcile/order-store';
import { ReconcileApp } from '@/lib/order-lookup/reconcile/ReconcileApp';
import {
  background,
  broadcast,
  button,
  callsOf,
  CONFIGURED,
  click,
  choose,
  mount,
  settle,
  text,
  type,
  unmount,
} from '../popup/support';
import { NOW, order, RECONCILE_POLICY } from './support';

vi.mock('@/lib/messaging/client', async (importOriginal) => {
  const actual = await importOriginal<typeof import('@/lib/messaging/client')>();
  return { ...actual, sendMessage: vi.fn() };
});

const NOVEMBER: DayRange = { from: '2026-11-01', to: '2026-11-30' };
const ORDERS: OrderReport[] = [
  order('ENG-202611-0001', { id: '114-1', amount: 120 }),
  order('MKT-2026-11-42', { id: '114-2' }),
  order(undefined, { id: '114-3' }),
  order('FIN-202611-0002', { id: '114-4' }),
  order('FIN-202611-0002', { id: '114-5' }),
];

function progress(status: JobProgress['status'], overrides: Partial<JobProgress> = {}): JobProgress {
  return {
    id: 'job-1',
    range: NOVEMBER,
    regions: ['US'],
    status,
    pages: 1,
    orders: ORDERS.length,
    windows: 1,
    windowsDone: status === 'running' ? 0 : 1,
    secondsLeft: 0,
    ...overrides,
  };
}

/** A store holding `orders`, recording what the page asked for. */
function storeWith(orders: OrderReport[]) {
  const asked: { range: DayRange; regions: readonly string[] }[] = [];
  const store = {
    async orders(range: DayRange, regions: readonly string[]) {
      asked.push({ range, regions });
      return orders;
    },
    close() {},
  } as unknown as OrderStore;
  return { store, asked };
}

const rect = { width: 1200, height: 800 };
const rowPos = (root: HTMLElement) =>
  [...root.querySelectorAll('tbody th.col-po')].map((cell) => cell.textContent?.split(' — ')[0]?.trim());

beforeEach(async () => {
  fakeBrowser.reset();
  vi.useFakeTimers({ toFake: ['Date'], now: NOW });
  await fakeBrowser.storage.local.set({ userPolicy: RECONCILE_POLICY });
});
afterEach(async () => {
  await unmount();
  vi.useRealTimers();
  vi.mocked((await import('@/lib/messaging/client')).sendMessage).mockReset();
});

describe('Reconcile page', () => {
  it('starts the deep-linked period and shows the table by PO with verdicts once the fetch is done', async () => {
    background({
      getApiAccess: () => CONFIGURED,
      getReconcileStatus: () => null,
      startReconcileFetch: () => progress('running', { orders: 0, pages: 0, secondsLeft: 4 }),
    });
    const { store, asked } = storeWith(ORDERS);
    const root = await mount(
      <ReconcileApp
        deps={{ search: '?from=2026-11-01&to=2026-11-30&region=US', openStore: async () => store, now: () => NOW }}
        initialRect={rect}
      />,
    );
    expect(callsOf('startReconcileFetch')).toEqual([{ from: '2026-11-01', to: '2026-11-30', regions: ['US'] }]);
    expect(text(root.querySelector('[data-testid="reconcile-status"]')!)).toContain('0 pages, 0 orders');
    expect(button(root, 'Cancel')).toBeTruthy();

    await broadcast({ poAssistEvent: 'reconcileProgress', progress: progress('done') });
    expect(asked.at(-1)).toEqual({ range: NOVEMBER, regions: ['US'] });
    expect(text(root.querySelector('[data-testid="reconcile-status"]')!)).toContain('Fetched 1 pages, 5 orders');
    expect(rowPos(root)).toEqual(['(no PO)', 'ENG-202611-0001', 'FIN-202611-0002', 'MKT-2026-11-42']);
    const table = text(root.querySelector('table')!);
    expect(table).toContain('Non-compliant');
    expect(table).toContain('Reused');
    expect(table).toContain('No PO');
  });

  it('filters by verdict, searches, sorts and lists a PO’s orders linked to Amazon', async () => {
    background({ getApiAccess: () => CONFIGURED, getReconcileStatus: () => progress('done') });
    const { store } = storeWith(ORDERS);
    const root = await mount(
      <ReconcileApp deps={{ openStore: async () => store, now: () => NOW }} initialRect={rect} />,
    );
    expect(rowPos(root)).toHaveLength(4);

    await click(root.querySelector('.verdict-filters button.verdict-reused'));
    expect(rowPos(root)).toEqual(['FIN-202611-0002']);
    await click(root.querySelector('.verdict-filters button.verdict-reused'));

    await type(root.querySelector('input[type="search"]'), 'eng-');
    await settle();
    expect(rowPos(root)).toEqual(['ENG-202611-0001']);
    await type(root.querySelector('input[type="search"]'), '');
    await settle();

    await click(button(root, 'PO number ▲'));
    expect(rowPos(root)[0]).toBe('MKT-2026-11-42');

    await click(button(root, 'FIN-202611-0002'));
    const links = [...root.querySelectorAll<HTMLAnchorElement>('.po-orders a')];
    expect(links.map((link) => link.textContent)).toEqual(['114-4', '114-5']);
    expect(links[0]!.href).toMatch(/^https:\/\/www\.amazon\.com\/.*114-4/);
  });

  it('shows a closed-and-reopened page the running job, with Cancel, then Resume after cancelling', async () => {
    let status = progress('running', { pages: 3, orders: 300, secondsLeft: 20 });
    const handlers = background({
      getApiAccess: () => CONFIGURED,
      getReconcileStatus: () => status,
      cancelReconcileFetch: () => ((status = { ...status, status: 'cancelled' }), { cancelled: true }),
      resumeReconcileFetch: () => (status = { ...status, status: 'running' }),
    });
    const { store } = storeWith(ORDERS);
    const root = await mount(
      <ReconcileApp deps={{ openStore: async () => store, now: () => NOW }} initialRect={rect} />,
    );
    expect(text(root)).toContain('3 pages, 300 orders, about 20 s left');
    expect(root.querySelector<HTMLInputElement>('input[type="date"]')!.value).toBe('2026-11-01');

    await click(button(root, 'Cancel'));
    expect(text(root)).toContain('Cancelled after 3 pages (300 orders)');
    await click(button(root, 'Resume'));
    expect(callsOf('resumeReconcileFetch')).toHaveLength(1);
    expect(button(root, 'Cancel')).toBeTruthy();
    expect(handlers).toHaveBeenCalled();
  });

  it('reconciles against a pasted invoice CSV: listed POs without orders, orders not in the list', async () => {
    background({ getApiAccess: () => CONFIGURED, getReconcileStatus: () => progress('done') });
    const { store } = storeWith(ORDERS);
    const root = await mount(
      <ReconcileApp deps={{ openStore: async () => store, now: () => NOW }} initialRect={rect} />,
    );
    const area = root.querySelector('textarea')!;
    await act(area, 'Invoice,PO Number,Amount\r\nINV-1,ENG-202611-0001,120\r\nINV-2,OPS-202611-0999,50\r\n');
    expect(text(root)).toContain('2 POs read from the column “PO Number”');
    await click(root.querySelector('.verdict-filters button.verdict-listed-no-order'));
    expect(rowPos(root)).toEqual(['OPS-202611-0999']);
    await click(root.querySelector('.verdict-filters button.verdict-listed-no-order'));
    await click(root.querySelector('.verdict-filters button.verdict-not-in-list'));
    expect(rowPos(root)).toEqual(['(no PO)', 'FIN-202611-0002', 'MKT-2026-11-42']);
  });

  it('after a deep link to one region, “All my regions” still means every region of the API access', async () => {
    background({
      getApiAccess: () => ({ ...CONFIGURED, regions: ['US', 'UK', 'DE'] }),
      getReconcileStatus: () => null,
      startReconcileFetch: () => progress('done'),
    });
    const { store } = storeWith(ORDERS);
    const root = await mount(
      <ReconcileApp
        deps={{ search: '?from=2026-11-01&to=2026-11-30&region=US', openStore: async () => store, now: () => NOW }}
        initialRect={rect}
      />,
    );
    const regionSelect = root.querySelector<HTMLSelectElement>('.region select')!;
    expect([...regionSelect.options].map((option) => option.value)).toEqual(['all', 'US', 'UK', 'DE']);
    await choose(regionSelect, 'all');
    await click(button(root, 'Fetch and reconcile'));
    expect(callsOf('startReconcileFetch').at(-1)).toEqual({
      from: '2026-11-01',
      to: '2026-11-30',
      regions: ['US', 'UK', 'DE'],
    });
  });

  it('picks a preset period and refuses a reversed custom one before anything is sent', async () => {
    background({
      getApiAccess: () => CONFIGURED,
      getReconcileStatus: () => null,
      startReconcileFetch: () => progress('running'),
    });
    const { store } = storeWith([]);
    const root = await mount(
      <ReconcileApp deps={{ openStore: async () => store, now: () => NOW }} initialRect={rect} />,
    );
    await choose(root.querySelector('select'), 'last-quarter');
    await settle();
    const [from, to] = [...root.querySelectorAll<HTMLInputElement>('input[type="date"]')];
    expect([from!.value, to!.value]).toEqual(['2026-07-01', '2026-09-30']);

    await act(to!, '2026-06-01', 'change');
    expect(text(root)).toContain('The period ends before it starts.');
    expect(button(root, 'Fetch and reconcile').disabled).toBe(true);

    await act(to!, '2026-11-30', 'change');
    await click(button(root, 'Fetch and reconcile'));
    expect(callsOf('startReconcileFetch')).toEqual([{ from: '2026-07-01', to: '2026-11-30', regions: ['US'] }]);
  });
});

async function act(field: HTMLInputElement | HTMLTextAreaElement, value: string, event: 'input' | 'change' = 'input') {
  field.value = value;
  field.dispatchEvent(new Event(event, { bubbles: true }));
  await settle();
}
