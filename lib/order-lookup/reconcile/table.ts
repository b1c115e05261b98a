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
function compareKeys(a: SortKey, b: SortKey): number {
  for (let i = 0; i < a.length && i < b.length; i++) if (a[i] !== b[i]) return a[i]! < b[i]! ? -1 : 1;
  return a.length - b.length;
}

/**
 * Search text and sort keys of a table's rows, by row index, kept per rows list (the page keeps one list until the
 * orders change): one cache entry per list, not 10,000 weak entries, which every garbage collection would visit.
 */
interface RowsCache {
  haystacks: (string | undefined)[];
  keys: Partial<Record<Column, (SortKey | undefined)[]>>;
}
const caches = new WeakMap<readonly ReconcileRow[], RowsCache>();

/**
 * Searchable text of a row, built when first searched, lower-cased: the PO, each order's id, buyer and region
 * (straight from the orders, so a search does not work out every row's totals), and the diagnosis. Lines apart,
 * so a needle (one line) never matches across two of them.
 */
function haystack(row: ReconcileRow): string {
  let value = row.po;
  for (const order of row.orders) {
    const buyer = order.buyingCustomer?.name ?? order.buyingCustomer?.email ?? '';
    value += `\n${order.orderMetadata.orderId}\n${buyer}\n${order.orderMetadata.region ?? ''}`;
  }
  const diagnosis = row.diagnosis;
  if (diagnosis) value += `\n${diagnosis.message}`;
  return value.toLowerCase();
}

export function applyView(rows: readonly ReconcileRow[], view: TableView): ReconcileRow[] {
  let cache = caches.get(rows);
  if (!cache) caches.set(rows, (cache = { haystacks: new Array<string | undefined>(rows.length), keys: {} }));
  const { haystacks } = cache;
  const needle = view.search.trim().toLowerCase();
  const wanted = new Set(view.verdicts);
  const picked: number[] = [];
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    if (wanted.size > 0 && !row.verdicts.some((verdict) => wanted.has(verdict))) continue;
    if (needle !== '' && !(haystacks[i] ??= haystack(row)).includes(needle)) continue;
    picked.push(i);
  }
  const sign = view.sort.direction === 'ascending' ? 1 : -1;
  const column = view.sort.column;
  // By PO (the default, and the first paint): POs are distinct, so they are their own key and tie-break.
  if (column === 'po') return picked.map((i) => rows[i]!).sort((a, b) => sign * text(a.po, b.po));
  const keys = (cache.keys[column] ??= new Array<SortKey | undefined>(rows.length));
  for (const i of picked) keys[i] ??= SORT_KEYS[column](rows[i]!);
  // Ties keep PO order, so the table does not shuffle between sorts.
  picked.sort((a, b) => sign * compareKeys(keys[a]!, keys[b]!) || text(rows[a]!.po, rows[b]!.po));
  return picked.map((i) => rows[i]!);
}

/** Clicking a header: the same column flips direction, another column starts ascending. */
export function toggleSort(view: TableView, column: Column): TableView {
  const direction = view.sort.column === column && view.sort.direction === 'ascending' ? 'descending' : 'ascending';
  return { ...view, sort: { column, direction } };
}
