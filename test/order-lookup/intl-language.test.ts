import { describe, expect, it } from 'vitest';
import { orderReportSchema } from '@/lib/api/schemas';
import { ordersToCsv } from '@/lib/api/summary';
import { formatDay, formatMoney, formatOrderDate } from '@/lib/order-lookup/format';

const order = orderReportSchema.parse({
  orderMetadata: { orderDate: '2026-10-01T12:00:00Z', orderId: '1', region: 'DE' },
  orderStatus: 'CLOSED',
  charges: [{ type: 'NET_TOTAL', amount: { currencyCode: 'EUR', amount: 1234.5 } }],
});

describe('dates and amounts in the UI language', () => {
  it('write German and Japanese the way their readers do', () => {
    expect(formatMoney(1234.5, 'EUR', 'de')).toBe('1.234,50\u00a0€');
    expect(formatMoney(1234, 'JPY', 'ja')).toBe('￥1,234');
    expect(formatOrderDate('2026-10-01T12:00:00Z', 'de')).toBe('01.10.2026');
    expect(formatDay('2026-10-01', 'ja')).toBe('2026/10/01');
  });

  it('the CSV keeps the ISO date and the plain number, and adds them formatted when asked', () => {
    const plain = ordersToCsv([order]);
    const formatted = ordersToCsv([order], {
      columns: ['Bestelldatum (formatiert)', 'Gesamtbetrag netto (formatiert)'],
      date: (iso) => formatOrderDate(iso, 'de'),
      money: (amount, currency) => formatMoney(amount, currency, 'de'),
    });
    const [head, row] = formatted.slice(1).split('\r\n');
    expect(head).toMatch(
      /,Order date,.*,Net total,Currency,Bestelldatum \(formatiert\),Gesamtbetrag netto \(formatiert\)$/,
    );
    expect(row).toContain('2026-10-01T12:00:00.000Z');
    expect(row).toContain(',1234.5,EUR,');
    expect(row).toMatch(/,01\.10\.2026,"?1\.234,50\u00a0€"?$/);
    expect(plain).not.toContain('formatiert');
  });
});
