import { VERDICTS, type ReconcileRow, type Verdict } from './reconcile';

/** Filters, search and sort of the reconcile table. Pure. */

export const COLUMNS = [
  'po',
  'verdict',
  'orders',
  'total',
  'cancelled',
  'statuses',
  'firstDate',
  'lastDate',
  'buyers',
  'regions',
] as const;
export type Column = (typeof COLUMNS)[number];
export type SortDirection = 'ascending' | 'descending';

export interface TableView {
  /** Rows with any of these verdicts; empty for all. */
  verdicts: readonly Verdict[];
  /** Matched, ignoring case, against the PO, buyers, order ids, diagnosis and regions. */
  search: string;
  sort: { column: Column; direction: SortDirection };
}

export const DEFAULT_VIEW: TableView = { verdicts: [], search: '', sort: { column: 'po', direction: 'ascending' } };

const text = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The first total (currency order), so a column of one currency sorts by amount. */
const totalKey = (row: ReconcileRow) => row.totals[0];

const comparators: Record<Column, (a: ReconcileRow, b: ReconcileRow) => number> = {
  po: (a, b) => text(a.po, b.po),
  verdict: (a, b) => VERDICTS.indexOf(a.verdicts[0]!) - VERDICTS.indexOf(b.verdicts[0]!),
  orders: (a, b) => a.activeOrders - b.activeOrders,
  total: (a, b) => {
    const x = totalKey(a);
    const y = totalKey(b);
    if (!x || !y) return (x ? 1 : 0) - (y ? 1 : 0);
    return text(x.currencyCode, y.currencyCode) || x.amount - y.amount;
  },
  cancelled: (a, b) => a.cancelledOrders - b.cancelledOrders,
  statuses: (a, b) => text(Object.keys(a.byStatus).sort().join(), Object.keys(b.byStatus).sort().join()),
  firstDate: (a, b) => text(a.firstDate ?? '', b.firstDate ?? ''),
  lastDate: (a, b) => text(a.lastDate ?? '', b.lastDate ?? ''),
  buyers: (a, b) => text(a.buyers[0] ?? '', b.buyers[0] ?? '') || a.buyers.length - b.buyers.length,
  regions: (a, b) => text(a.regions.join(), b.regions.join()),
};

/** Searchable text of a row, built once per row. */
const haystacks = new WeakMap<ReconcileRow, string>();
function haystack(row: ReconcileRow): string {
  let value = haystacks.get(row);
  if (value === undefined) {
    value = [
      row.po,
      ...row.buyers,
      ...row.regions,
      row.diagnosis?.message ?? '',
      ...row.orders.map((order) => order.orderMetadata.orderId),
    ]
      .join('\n')
      .toLowerCase();
    haystacks.set(row, value);
  }
  return value;
}

export function applyView(rows: readonly ReconcileRow[], view: TableView): ReconcileRow[] {
  const needle = view.search.trim().toLowerCase();
  const wanted = new Set(view.verdicts);
  const out = rows.filter(
    (row) =>
      (wanted.size === 0 || row.verdicts.some((verdict) => wanted.has(verdict))) &&
      (needle === '' || haystack(row).includes(needle)),
  );
  const compare = comparators[view.sort.column];
  const sign = view.sort.direction === 'ascending' ? 1 : -1;
  // Ties keep PO order, so the table does not shuffle between sorts.
  return out.sort((a, b) => sign * compare(a, b) || text(a.po, b.po));
}

/** Clicking a header: the same column flips direction, another column starts ascending. */
export function toggleSort(view: TableView, column: Column): TableView {
  const direction = view.sort.column === column && view.sort.direction === 'ascending' ? 'descending' : 'ascending';
  return { ...view, sort: { column, direction } };
}
