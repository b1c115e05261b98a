import { describe, expect, it } from 'vitest';
import { splitPeriod, orderReportsByDateUrl } from '@/lib/api/order-reports';
import { rangesToFetch, subtractRanges } from '@/lib/order-lookup/reconcile/coverage';
import { parsePoList } from '@/lib/order-lookup/reconcile/po-list';
import {
  checkRange,
  deepLinkSearch,
  parseDeepLink,
  presetRange,
  quarterRange,
} from '@/lib/order-lookup/reconcile/periods';
import { reconcile } from '@/lib/order-lookup/reconcile/reconcile';
import { applyView, COLUMNS, DEFAULT_VIEW, toggleSort } from '@/lib/order-lookup/reconcile/table';
import { rowsOrdersToCsv, summaryToCsv, tableToCsv } from '@/lib/order-lookup/reconcile/export';
import { NOW, order, RECONCILE_POLICY } from './support';

describe('PO lists', () => {
  it('reads one PO per line, trimmed, without blanks or repeats', () => {
    expect(parsePoList('MKT-202611-0001\r\n  ENG-202611-0002 \n\nMKT-202611-0001\n\n')).toEqual({
      pos: ['MKT-202611-0001', 'ENG-202611-0002'],
      column: null,
      skipped: 1,
    });
  });
  it('finds the PO column of a CSV by its header, quoted fields included', () => {
    const csv =
      '\uFEFFInvoice,Amount,"PO Number",Vendor\r\nINV-1,"1,200.00",MKT-202611-0001,"Acme, Inc."\r\nINV-2,5,,x\r\nINV-3,6,"ENG-202611-0002",y\r\n';
    expect(parsePoList(csv)).toEqual({ pos: ['MKT-202611-0001', 'ENG-202611-0002'], column: 'PO Number', skipped: 1 });
  });
  it('reads semicolon CSVs (European Excel) and drops a lone header line', () => {
    expect(parsePoList('Rechnung;Purchase order\nR1;FIN-202611-0003').pos).toEqual(['FIN-202611-0003']);
    expect(parsePoList('PO number\nFIN-202611-0003').pos).toEqual(['FIN-202611-0003']);
  });
});

describe('periods', () => {
  const now = new Date(2026, 11, 2, 9);
  it('this month, last month and quarters', () => {
    expect(presetRange('this-month', now)).toEqual({ from: '2026-12-01', to: '2026-12-02' });
    expect(presetRange('last-month', now)).toEqual({ from: '2026-11-01', to: '2026-11-30' });
    expect(presetRange('last-month', new Date(2026, 0, 15))).toEqual({ from: '2025-12-01', to: '2025-12-31' });
    expect(presetRange('this-quarter', now)).toEqual({ from: '2026-10-01', to: '2026-12-02' });
    expect(presetRange('last-quarter', now)).toEqual({ from: '2026-07-01', to: '2026-09-30' });
    expect(quarterRange(2024, 1)).toEqual({ from: '2024-01-01', to: '2024-03-31' });
  });
  it('checks custom ranges', () => {
    expect(checkRange({ from: '2026-11-30', to: '2026-11-01' }, now)).toBe('reversed');
    expect(checkRange({ from: '2026-02-30', to: '2026-03-01' }, now)).toBe('invalid-date');
    expect(checkRange({ from: '2027-01-01', to: '2027-01-02' }, now)).toBe('future');
    expect(checkRange({ from: '2023-01-01', to: '2023-02-01' }, now)).toBe('too-old');
    expect(checkRange({ from: '2026-11-01', to: '2026-11-30' }, now)).toBeNull();
  });
  it('parses and writes deep links', () => {
    expect(parseDeepLink('?from=2026-11-01&to=2026-11-30&region=US')).toEqual({
      range: { from: '2026-11-01', to: '2026-11-30' },
      regions: ['US'],
    });
    expect(parseDeepLink('?from=2026-11-31&to=2026-11-30&region=us,UK,XX')).toEqual({
      range: null,
      regions: ['US', 'UK'],
    });
    expect(parseDeepLink('?region=all').regions).toBeNull();
    expect(parseDeepLink(deepLinkSearch({ from: '2026-01-01', to: '2026-03-31' }, ['DE']))).toEqual({
      range: { from: '2026-01-01', to: '2026-03-31' },
      regions: ['DE'],
    });
  });
  it('splits periods longer than 366 days into request windows', () => {
    expect(splitPeriod({ from: '2025-01-01', to: '2025-12-31' })).toHaveLength(1);
    expect(splitPeriod({ from: '2024-01-01', to: '2025-12-31' })).toEqual([
      { from: '2024-01-01', to: '2024-12-31' },
      { from: '2025-01-01', to: '2025-12-31' },
    ]);
    expect(splitPeriod({ from: '2024-11-01', to: '2026-11-30' })).toEqual([
      { from: '2024-11-01', to: '2025-11-01' },
      { from: '2025-11-02', to: '2026-11-02' },
      { from: '2026-11-03', to: '2026-11-30' },
    ]);
    const url = new URL(
      orderReportsByDateUrl({ region: 'UK', from: '2026-11-01', to: '2026-11-30', nextPageToken: 'a b' }),
    );
    expect(url.host).toBe('eu.business-api.amazon.com');
    expect(url.pathname).toBe('/reports/2025-06-09/orderReports');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      orderStartDate: '2026-11-01T00:00:00Z',
      orderEndDate: '2026-11-30T23:59:59Z',
      region: 'UK',
      nextPageToken: 'a b',
    });
  });
  it('fetches only the days not settled in the store: new days, and the last week again', () => {
    expect(
      subtractRanges({ from: '2026-11-01', to: '2026-11-30' }, [{ from: '2026-11-05', to: '2026-11-10' }]),
    ).toEqual([
      { from: '2026-11-01', to: '2026-11-04' },
      { from: '2026-11-11', to: '2026-11-30' },
    ]);
    const coverage = [{ from: '2026-11-01', to: '2026-11-30', fetchedDay: '2026-12-02' }];
    expect(rangesToFetch({ from: '2026-11-01', to: '2026-11-30' }, coverage)).toEqual([
      { from: '2026-11-26', to: '2026-11-30' },
    ]);
    expect(rangesToFetch({ from: '2026-10-01', to: '2026-11-20' }, coverage)).toEqual([
      { from: '2026-10-01', to: '2026-10-31' },
    ]);
  });
});

describe('the table', () => {
  const rows = reconcile(
    [
      order('ENG-202611-0001', { amount: 30, buyer: 'Zoe', id: '114-1' }),
      order('MKT-2026-11-42', { amount: 10, buyer: 'Ava', id: '114-2' }),
      order(undefined, { amount: 20, buyer: 'Ben', id: '114-3' }),
    ],
    { policy: RECONCILE_POLICY, now: NOW },
  );
  it('filters by verdict and searches POs, buyers and order ids', () => {
    expect(applyView(rows, { ...DEFAULT_VIEW, verdicts: ['non-compliant'] }).map((r) => r.po)).toEqual([
      'MKT-2026-11-42',
    ]);
    expect(applyView(rows, { ...DEFAULT_VIEW, search: 'zoe' }).map((r) => r.po)).toEqual(['ENG-202611-0001']);
    expect(applyView(rows, { ...DEFAULT_VIEW, search: '114-3' }).map((r) => r.po)).toEqual(['']);
  });
  it('sorts on every column, both ways', () => {
    let view = toggleSort(DEFAULT_VIEW, 'total');
    expect(applyView(rows, view).map((r) => r.totals[0]!.amount)).toEqual([10, 20, 30]);
    view = toggleSort(view, 'total');
    expect(view.sort.direction).toBe('descending');
    expect(applyView(rows, view).map((r) => r.totals[0]!.amount)).toEqual([30, 20, 10]);
    for (const column of COLUMNS) {
      const asc = applyView(rows, { ...DEFAULT_VIEW, sort: { column, direction: 'ascending' } });
      const desc = applyView(rows, { ...DEFAULT_VIEW, sort: { column, direction: 'descending' } });
      expect(asc).toHaveLength(3);
      if (column === 'buyers') expect(asc.map((r) => r.buyers[0])).toEqual(['Ava', 'Ben', 'Zoe']);
      if (column === 'verdict') expect(asc.map((r) => r.verdicts[0])).toEqual(['no-po', 'non-compliant', 'compliant']);
      if (column === 'buyers' || column === 'verdict' || column === 'total') expect(desc).toEqual([...asc].reverse());
    }
  });
});

describe('CSV exports', () => {
  const rows = reconcile(
    [
      order('=HYPERLINK("x")', { amount: -5 }),
      order('ENG-202611-0001', { amount: 12.5 }),
      order('ENG-202611-0001', { status: 'CANCELLED' }),
    ],
    { policy: RECONCILE_POLICY, now: NOW },
  );
  it('the table, Excel-safe', () => {
    const csv = tableToCsv(rows);
    expect(csv.startsWith('\uFEFFPO number,Verdict,')).toBe(true);
    expect(csv).toContain(`"'=HYPERLINK(""X"")",non-compliant`);
    expect(csv).toContain('ENG-202611-0001,compliant,compliant,,1,1,USD 12.5,USD 100,');
  });
  it('the orders, in the popup columns', () => {
    const lines = rowsOrdersToCsv(rows).split('\r\n');
    expect(lines[0]).toContain('Order ID,Order date');
    expect(lines.filter(Boolean)).toHaveLength(4);
  });
  it('a summary per verdict', () => {
    expect(summaryToCsv(rows).split('\r\n')).toEqual([
      '\uFEFFVerdict,POs,Orders,Totals',
      'non-compliant,1,1,USD -5',
      'compliant,1,1,USD 12.5',
      '',
    ]);
  });
});
