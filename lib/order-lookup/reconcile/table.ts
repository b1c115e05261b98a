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

/**
 * What a column sorts by, as a short list compared element by element (numbers with numbers, strings by code
 * units). Worked out once per row and column, not in every comparison: a sort of 10,000 rows compares ~150,000 times.
 */
type SortKey = readonly (string | number)[];
const SORT_KEYS: Record<Column, (row: ReconcileRow) => SortKey> = {
  po: (row) => [row.po],
  verdict: (row) => [VERDICTS.indexOf(row.verdicts[0]!)],
  orders: (row) => [row.activeOrders],
  // The first total (currency order), so a column of one currency sorts by amount; rows without a total first.
  total: (row) => (row.totals[0] ? [1, row.totals[0].currencyCode, row.totals[0].amount] : [0]),
  cancelled: (row) => [row.cancelledOrders],
  // Its statuses, from the orders: a sort on them need not work out every row's totals.
  statuses: (row) => [statusesOf(row)],
  firstDate: (row) => [row.firstDate ?? ''],
  lastDate: (row) => [row.lastDate ?? ''],
  buyers: (row) => [row.buyers[0] ?? '', row.buyers.length],
  regions: (row) => [row.regions.join()],
};
function statusesOf(row: ReconcileRow): string {
  if (row.orders.length === 1) return row.orders[0]!.orderStatus;
  return [...new Set(row.orders.map((order) => order.orderStatus))].sort().join();
}
const sortKeys = new WeakMap<ReconcileRow, Partial<Record<Column, SortKey>>>();
function sortKey(row: ReconcileRow, column: Column): SortKey {
  let keys = sortKeys.get(row);
  if (!keys) sortKeys.set(row, (keys = {}));
  return (keys[column] ??= SORT_KEYS[column](row));
}
function compareKeys(a: SortKey, b: SortKey): number {
  for (let i = 0; i < a.length && i < b.length; i++) if (a[i] !== b[i]) return a[i]! < b[i]! ? -1 : 1;
  return a.length - b.length;
}

/**
 * Searchable text of a row, built once per row (when first searched), lower-cased: the PO, each order's id, buyer
 * and region (straight from the orders, so a search does not work out every row's totals), and the diagnosis.
 * Lines apart, so a needle (one line) never matches across two of them.
 */
const haystacks = new WeakMap<ReconcileRow, string>();
function haystack(row: ReconcileRow): string {
  let value = haystacks.get(row);
  if (value === undefined) {
    value = row.po;
    for (const order of row.orders) {
      const buyer = order.buyingCustomer?.name ?? order.buyingCustomer?.email ?? '';
      value += `\n${order.orderMetadata.orderId}\n${buyer}\n${order.orderMetadata.region ?? ''}`;
    }
    const diagnosis = row.diagnosis;
    if (diagnosis) value += `\n${diagnosis.message}`;
    value = value.toLowerCase();
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
  const sign = view.sort.direction === 'ascending' ? 1 : -1;
  // By PO (the default, and the first paint): POs are distinct, so they are their own key and tie-break.
  if (view.sort.column === 'po') return out.sort((a, b) => sign * text(a.po, b.po));
  const keyed = out.map((row) => ({ row, key: sortKey(row, view.sort.column) }));
  // Ties keep PO order, so the table does not shuffle between sorts.
  keyed.sort((a, b) => sign * compareKeys(a.key, b.key) || text(a.row.po, b.row.po));
  return keyed.map((entry) => entry.row);
}

/** Clicking a header: the same column flips direction, another column starts ascending. */
export function toggleSort(view: TableView, column: Column): TableView {
  const direction = view.sort.column === column && view.sort.direction === 'ascending' ? 'descending' : 'ascending';
  return { ...view, sort: { column, direction } };
}
