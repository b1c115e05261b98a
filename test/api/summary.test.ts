import { describe, expect, it } from 'vitest';
import { orderReportSchema, type OrderReport } from '@/lib/api/schemas';
import { CSV_COLUMNS, ordersToCsv, summarizeOrders } from '@/lib/api/summary';

function order(
  id: string,
  status: string,
  net: [string, number] | null,
  extra: Record<string, unknown> = {},
): OrderReport {
  return orderReportSchema.parse({
    orderMetadata: { orderDate: '2026-10-01T12:00:00Z', orderId: id, region: 'US' },
    orderStatus: status,
    charges: net ? [{ type: 'NET_TOTAL', amount: { currencyCode: net[0], amount: net[1] } }] : [],
    ...extra,
  });
}

describe('summarizeOrders', () => {
  it('totals NET_TOTAL per currency, cancelled orders apart', () => {
    const summary = summarizeOrders([
      order('1', 'CLOSED', ['USD', 0.1]),
      order('2', 'PAYMENT_CONFIRMED', ['USD', 0.2]),
      order('3', 'CLOSED', ['CAD', 100]),
      order('4', 'CANCELLED', ['USD', 50]),
      order('5', 'CLOSED', ['JPY', 1200]),
      order('6', 'ON_HOLD', ['USD', 1]),
      order('7', 'CLOSED', null),
    ]);
    expect(summary).toEqual({
      count: 7,
      totals: [
        { currencyCode: 'CAD', amount: 100 },
        { currencyCode: 'JPY', amount: 1200 },
        { currencyCode: 'USD', amount: 1.3 }, // 0.1 + 0.2 + 1, exactly
      ],
      cancelled: { count: 1, totals: [{ currencyCode: 'USD', amount: 50 }] },
      byStatus: { CLOSED: 4, PAYMENT_CONFIRMED: 1, CANCELLED: 1, ON_HOLD: 1 },
      withoutNetTotal: 1,
    });
  });

  it('an empty lookup sums to nothing', () => {
    expect(summarizeOrders([])).toEqual({
      count: 0,
      totals: [],
      cancelled: { count: 0, totals: [] },
      byStatus: {},
      withoutNetTotal: 0,
    });
  });

  it('adds many cents without float drift', () => {
    const orders = Array.from({ length: 300 }, (_, i) => order(String(i), 'CLOSED', ['USD', 19.99]));
    expect(summarizeOrders(orders).totals).toEqual([{ currencyCode: 'USD', amount: 5997 }]);
  });
});

/** Splits CSV text into rows of cells (RFC 4180), to check the output by reading it back. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += ch;
  }
  if (cell || row.length) throw new Error('CSV does not end with CRLF');
  return rows;
}

const full = order('114-0575598-4117065', 'CLOSED', null, {
  purchaseOrderNumber: 'MKT-202611-0042',
  orderMetadata: { orderDate: { date: '2025-04-11T00:00:00Z' }, orderId: '114-0575598-4117065', region: 'US' },
  charges: [
    { type: 'SUBTOTAL', amount: { currencyCode: 'USD', amount: 499.95 } },
    { type: 'SHIPPING_AND_HANDLING', amount: { currencyCode: 'USD', amount: 25 } },
    { type: 'PROMOTION', amount: { currencyCode: 'USD', amount: -50 } },
    { type: 'TAX', amount: { currencyCode: 'USD', amount: 37.5 } },
    { type: 'NET_TOTAL', amount: { currencyCode: 'USD', amount: 512.45 } },
  ],
  buyingCustomer: { name: 'Chloé "CJ" O\'Neil', email: 'chloe@example.com' },
  buyerGroup: { name: 'Marketing, EMEA' },
  businessOrderInfo: {
    glCode: '6100',
    costCenter: 'CC-1',
    projectCode: 'ATLAS',
    department: 'Mktg',
    location: 'Line 1\nLine 2',
  },
  approverDetails: { lastOrderApproverCustomer: { name: 'Morgan Lee', email: 'morgan@example.com' } },
});

describe('ordersToCsv', () => {
  it('starts with a UTF-8 BOM and the header row, CRLF line ends', () => {
    const csv = ordersToCsv([]);
    expect(csv).toBe('\uFEFF' + CSV_COLUMNS.join(',') + '\r\n');
    expect(CSV_COLUMNS).toHaveLength(20);
  });

  it('writes one row per order in the documented column order', () => {
    const rows = parseCsv(ordersToCsv([full]).slice(1));
    expect(rows).toHaveLength(2);
    expect(Object.fromEntries(CSV_COLUMNS.map((column, i) => [column, rows[1]![i]]))).toEqual({
      'Order ID': '114-0575598-4117065',
      'Order date': '2025-04-11T00:00:00.000Z',
      Region: 'US',
      Status: 'CLOSED',
      'PO number': 'MKT-202611-0042',
      'Buyer name': 'Chloé "CJ" O\'Neil',
      'Buyer email': 'chloe@example.com',
      'Buyer group': 'Marketing, EMEA',
      Approver: 'Morgan Lee',
      'GL code': '6100',
      'Cost center': 'CC-1',
      'Project code': 'ATLAS',
      Department: 'Mktg',
      Location: 'Line 1\nLine 2',
      Subtotal: '499.95',
      Shipping: '25',
      Promotion: '-50',
      Tax: '37.5',
      'Net total': '512.45',
      Currency: 'USD',
    });
  });

  it('quotes cells with commas, quotes and line breaks, doubling quotes', () => {
    const csv = ordersToCsv([full]);
    expect(csv).toContain(',"Chloé ""CJ"" O\'Neil",');
    expect(csv).toContain(',"Marketing, EMEA",');
    expect(csv).toContain(',"Line 1\nLine 2",');
  });

  it.each([
    ['=HYPERLINK("http://evil.example","x")', `"'=HYPERLINK(""http://evil.example"",""x"")"`],
    ['+1+1', "'+1+1"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tcmd', "'\tcmd"],
    ['\rcmd', `"'\rcmd"`],
    ['Plain Name', 'Plain Name'],
  ])('neutralises a text cell %j as %j', (name, expected) => {
    const csv = ordersToCsv([order('1', 'CLOSED', ['USD', 1], { buyingCustomer: { name } })]);
    const dataRow = csv.split('\r\n')[1]!;
    expect(dataRow.split(',').slice(5).join(',')).toMatch(new RegExp(`^${escapeRegExp(expected)},`));
  });

  it('keeps negative amounts as numbers, not neutralised text', () => {
    const row = parseCsv(ordersToCsv([full]).slice(1))[1]!;
    expect(row[CSV_COLUMNS.indexOf('Promotion')]).toBe('-50');
    expect(Number(row[CSV_COLUMNS.indexOf('Promotion')])).toBe(-50);
  });

  it('leaves absent values empty and still writes 20 cells', () => {
    const rows = parseCsv(ordersToCsv([order('1', 'PENDING', null)]).slice(1));
    expect(rows[1]).toEqual(['1', '2026-10-01T12:00:00.000Z', 'US', 'PENDING', ...Array(16).fill('')]);
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
