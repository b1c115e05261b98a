import { describe, expect, it } from 'vitest';
import { orderReportSchema } from '@/lib/api/schemas';
import { formatDay, formatMoney, formatOrderDate } from '@/lib/order-lookup/format';
import { lookupOrdersCsv } from '@/lib/order-lookup/lookup-csv';

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

  it('the popup CSV writes local dates Excel reads in any language, and amounts formatted in the UI language', () => {
    const [head, row] = lookupOrdersCsv([order], { timeZone: 'Europe/Berlin', locale: 'de' }).slice(1).split('\r\n');
    expect(head).toMatch(/^Order ID,Order date \(Europe\/Berlin\),Order date \(ISO\),/);
    expect(row).toMatch(/^1,2026-10-01 14:00:00,2026-10-01T12:00:00\.000Z,DE,Closed,CLOSED,/);
    expect(row).toMatch(/,1234\.5,EUR,"?1\.234,50\u00a0€"?$/);
  });
});
