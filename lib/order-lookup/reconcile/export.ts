import { csvCell, ordersToCsv } from '@/lib/api/summary';
import type { OrderReport } from '@/lib/api/schemas';
import { countVerdicts, VERDICTS, type ReconcileRow } from './reconcile';

/**
 * CSV exports of a reconciliation, Excel-safe as the popup's (UTF-8 BOM, RFC 4180 quoting, text cells that start
 * like a formula neutralised: the same csvCell as ordersToCsv). Verdicts are written as their codes, so a
 * spreadsheet can filter on them whatever the user's language.
 */

const BOM = '\uFEFF';
const toCsv = (rows: (string | number | undefined)[][]) =>
  BOM + rows.map((row) => row.map(csvCell).join(',') + '\r\n').join('');
const money = (totals: { currencyCode: string; amount: number }[]) =>
  totals.map((t) => `${t.currencyCode} ${t.amount}`).join('; ');

export const TABLE_CSV_COLUMNS = [
  'PO number',
  'Verdict',
  'All verdicts',
  'Diagnosis',
  'Orders',
  'Cancelled orders',
  'Totals',
  'Cancelled totals',
  'Statuses',
  'First order',
  'Last order',
  'Buyers',
  'Regions',
  'Budget',
  'Budget spent',
  'In list',
] as const;

export function tableToCsv(rows: readonly ReconcileRow[]): string {
  const out: (string | number | undefined)[][] = [[...TABLE_CSV_COLUMNS]];
  for (const row of rows) {
    out.push([
      row.po,
      row.verdicts[0],
      row.verdicts.join(' '),
      row.diagnosis?.message,
      row.activeOrders,
      row.cancelledOrders,
      money(row.totals),
      money(row.cancelledTotals),
      Object.entries(row.byStatus)
        .map(([status, count]) => `${status} ${count}`)
        .join('; '),
      row.firstDate ?? undefined,
      row.lastDate ?? undefined,
      row.buyers.join('; '),
      row.regions.join(' '),
      row.blanket?.budget ? `${row.blanket.budget.currencyCode} ${row.blanket.budget.amount}` : undefined,
      row.blanket?.spent ?? undefined,
      row.listed === null ? undefined : row.listed ? 'yes' : 'no',
    ]);
  }
  return toCsv(out);
}

/** Every order of the rows, in the popup's columns. */
export function rowsOrdersToCsv(rows: readonly ReconcileRow[]): string {
  const orders: OrderReport[] = rows.flatMap((row) => row.orders);
  return ordersToCsv(orders);
}

/** One line per verdict: POs, orders and totals per currency (cancelled orders not counted). */
export function summaryToCsv(rows: readonly ReconcileRow[]): string {
  const counts = countVerdicts(rows);
  const out: (string | number | undefined)[][] = [['Verdict', 'POs', 'Orders', 'Totals']];
  for (const verdict of VERDICTS) {
    const matching = rows.filter((row) => row.verdicts.includes(verdict));
    if (matching.length === 0) continue;
    const sums = new Map<string, number>();
    for (const row of matching)
      for (const t of row.totals)
        sums.set(t.currencyCode, (sums.get(t.currencyCode) ?? 0) + Math.round(t.amount * 1000));
    const totals = [...sums]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([currencyCode, scaled]) => ({ currencyCode, amount: scaled / 1000 }));
    out.push([verdict, counts[verdict], matching.reduce((n, row) => n + row.activeOrders, 0), money(totals)]);
  }
  return toCsv(out);
}
