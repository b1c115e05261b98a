import { describe, expect, it } from 'vitest';
import { orderReportSchema, type OrderReport } from '@/lib/api/schemas';
import { LOOKUP_CSV_COLUMNS, localDateTime, lookupOrdersCsv } from '@/lib/order-lookup/lookup-csv';

function order(id: string, status: string, date: string, net: [string, number] | null): OrderReport {
  return orderReportSchema.parse({
    orderMetadata: { orderDate: date, orderId: id, region: 'US' },
    orderStatus: status,
    purchaseOrderNumber: 'PRJ-ATLAS-0001',
    charges: net ? [{ type: 'NET_TOTAL', amount: { currencyCode: net[0], amount: net[1] } }] : [],
  });
}

/** RFC 4180 rows, read back as a spreadsheet would (quoted cells unquoted). */
function rows(csv: string): string[][] {
  expect(csv.startsWith('\uFEFF')).toBe(true);
  const out: string[][] = [];
  for (const line of csv.slice(1).split('\r\n').slice(0, -1)) {
    const cells: string[] = [];
    let cell = '';
    let quoted = false;
    for (let i = 0; i < line.length; i++) {
      const ch = line[i]!;
      if (quoted && ch === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = !quoted;
      else if (ch === ',' && !quoted) {
        cells.push(cell);
        cell = '';
      } else cell += ch;
    }
    cells.push(cell);
    out.push(cells);
  }
  return out;
}

const orders = [
  // 23:30 UTC on 31 March is already 1 April in Berlin (summer time, UTC+2), still 31 March in New York.
  order('111-1', 'PENDING_APPROVAL', '2026-03-31T23:30:00Z', ['USD', 100.1]),
  order('111-2', 'CLOSED', '2026-04-02T08:00:00Z', ['USD', 0.2]),
  order('111-3', 'CANCELLED', '2026-04-03T08:00:00Z', ['USD', 50]),
  order('111-4', 'CLOSED', '2026-04-04T08:00:00Z', ['CAD', 70]),
  order('111-5', 'ON_HOLD_FOR_REVIEW', '2026-04-05T08:00:00Z', null),
];
const cell = (row: string[], name: (typeof LOOKUP_CSV_COLUMNS)[number]) => row[LOOKUP_CSV_COLUMNS.indexOf(name)];

describe('popup CSV (issue 10, point 11)', () => {
  it.each([
    ['Europe/Berlin', '2026-04-01 01:30:00'],
    ['America/New_York', '2026-03-31 19:30:00'],
    ['Asia/Tokyo', '2026-04-01 08:30:00'],
    ['UTC', '2026-03-31 23:30:00'],
  ])(
    'writes the order date in the user time zone (%s) as a date Excel recognises, and the ISO time beside it',
    (zone, local) => {
      const [head, first] = rows(lookupOrdersCsv(orders, { timeZone: zone, locale: 'en' }));
      expect(head![1]).toBe(`Order date (${zone})`);
      expect(head![2]).toBe('Order date (ISO)');
      expect(first![1]).toBe(local);
      expect(first![1]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
      expect(first![2]).toBe('2026-03-31T23:30:00.000Z');
    },
  );

  it('writes each status in words as the popup shows it, and the raw code Amazon sent', () => {
    const body = rows(lookupOrdersCsv(orders, { timeZone: 'UTC', locale: 'en' })).slice(1, 6);
    expect(body.map((row) => [cell(row, 'Status'), cell(row, 'Status code')])).toEqual([
      ['Pending approval', 'PENDING_APPROVAL'],
      ['Closed', 'CLOSED'],
      ['Cancelled', 'CANCELLED'],
      ['Closed', 'CLOSED'],
      // A status this version does not know is shown (and written) as Amazon sent it.
      ['ON_HOLD_FOR_REVIEW', 'ON_HOLD_FOR_REVIEW'],
    ]);
  });

  it('ends with a total row per currency after a blank row, cancelled orders not counted', () => {
    const all = rows(lookupOrdersCsv(orders, { timeZone: 'UTC', locale: 'en' }));
    expect(all).toHaveLength(1 + 5 + 1 + 2);
    expect(all[6]).toEqual(['']);
    const totals = all.slice(7);
    expect(totals.map((row) => [row[0], cell(row, 'Net total'), cell(row, 'Currency'), row.at(-1)])).toEqual([
      ['Total CAD (cancelled orders not counted)', '70', 'CAD', 'CA$70.00'],
      ['Total USD (cancelled orders not counted)', '100.3', 'USD', '$100.30'],
    ]);
    for (const row of totals) expect(row).toHaveLength(LOOKUP_CSV_COLUMNS.length + 1);
  });

  it('an empty lookup is the header only (no total of nothing)', () => {
    expect(rows(lookupOrdersCsv([], { timeZone: 'UTC', locale: 'en' }))).toHaveLength(1);
  });

  it('keeps text that is not a date as Amazon sent it', () => {
    expect(localDateTime('UTC')('not a date')).toBe('not a date');
  });
});
