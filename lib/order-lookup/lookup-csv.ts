import {
  chargeAmount,
  CSV_COLUMNS,
  csvCell,
  orderDetailCells,
  orderCurrency,
  summarizeOrders,
  type Cell,
} from '@/lib/api/summary';
import type { OrderReport } from '@/lib/api/schemas';
import { t, uiLanguage } from '@/lib/i18n';
import { formatMoney, statusLabel } from './format';

/**
 * The popup's CSV export (issue 10, point 11): one row per order for a spreadsheet, then a total per currency.
 *
 * - Order date: the local time in the user's time zone as `YYYY-MM-DD hh:mm:ss`, the ISO 8601 variant with a space
 *   that Excel reads as a date in every language version (a locale's own `14.03.2026` or `3/14/2026` is a date
 *   only where Excel's locale agrees; see support.elvac.eu/Vdip/Prilohy/IMDISP_userdoc/cs/csv/csvfileformat.html).
 *   The timestamp Amazon sent (UTC) follows in its own column, for anyone who needs the exact instant.
 * - Status: in words as the popup shows them, then the raw code Amazon sent, so filters and lookups still work.
 * - Totals: after a blank row (Excel treats what follows as apart from the order table), the net total per
 *   currency of the orders that are not cancelled, as the popup's summary counts them.
 */
// The columns after Status are the orders CSV's own (one list, lib/api/summary.ts).
export const LOOKUP_CSV_COLUMNS = [
  'Order ID',
  'Order date',
  'Order date (ISO)',
  'Region',
  'Status',
  'Status code',
  ...CSV_COLUMNS.slice(CSV_COLUMNS.indexOf('PO number')),
] as const;

export interface LookupCsvOptions {
  /** IANA time zone for the local dates; default the browser's. */
  timeZone?: string;
  /** Locale of the formatted amounts column; default the UI language. */
  locale?: string;
}

const column = (name: (typeof LOOKUP_CSV_COLUMNS)[number]) => LOOKUP_CSV_COLUMNS.indexOf(name);

export function lookupOrdersCsv(orders: readonly OrderReport[], options: LookupCsvOptions = {}): string {
  const timeZone = options.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  const locale = options.locale ?? uiLanguage();
  const local = localDateTime(timeZone);
  const header: Cell[] = [...LOOKUP_CSV_COLUMNS, t('csv_netTotalFormatted')];
  header[column('Order date')] = `Order date (${timeZone})`;
  const rows: Cell[][] = [header];
  for (const order of orders) {
    const net = chargeAmount(order.charges, 'NET_TOTAL');
    const currency = orderCurrency(order.charges);
    rows.push([
      order.orderMetadata.orderId,
      local(order.orderMetadata.orderDate),
      order.orderMetadata.orderDate,
      order.orderMetadata.region,
      statusLabel(order.orderStatus),
      order.orderStatus,
      ...orderDetailCells(order),
      net === undefined || !currency ? undefined : formatMoney(net, currency, locale),
    ]);
  }
  const { totals } = summarizeOrders(orders);
  if (totals.length > 0) rows.push([]);
  for (const { currencyCode, amount } of totals) {
    const row: Cell[] = new Array<Cell>(header.length).fill(undefined);
    row[0] = t('csv_totalRow', currencyCode);
    row[column('Net total')] = amount;
    row[column('Currency')] = currencyCode;
    row[header.length - 1] = formatMoney(amount, currencyCode, locale);
    rows.push(row);
  }
  return '\uFEFF' + rows.map((row) => row.map(csvCell).join(',') + '\r\n').join('');
}

/** `2026-03-14 10:30:00` in `timeZone`; text that is not a date stays as Amazon sent it. */
export function localDateTime(timeZone: string): (iso: string) => string {
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  });
  return (iso) => {
    const date = new Date(iso);
    if (Number.isNaN(date.getTime())) return iso;
    const part = Object.fromEntries(format.formatToParts(date).map(({ type, value }) => [type, value]));
    return `${part.year}-${part.month}-${part.day} ${part.hour}:${part.minute}:${part.second}`;
  };
}
