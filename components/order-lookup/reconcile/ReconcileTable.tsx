import { elementScroll, observeElementOffset, observeElementRect, Virtualizer } from '@tanstack/virtual-core';
import { useLayoutEffect, useReducer, useRef, useState } from 'preact/hooks';
import { t } from '@/lib/i18n';
import { formatMoney, formatOrderDate, statusLabel } from '@/lib/order-lookup/format';
import type { ReconcileRow } from '@/lib/order-lookup/reconcile/reconcile';
import { COLUMNS, type Column, type TableView } from '@/lib/order-lookup/reconcile/table';
import { verdictLabel } from './verdict-words';

/** Each row's height in px, set in entrypoints/reconcile/style.css (`.reconcile-table tbody tr`). */
export const ROW_HEIGHT = 34;

const HEADER_KEYS = {
  po: 'reconcile_colPo',
  verdict: 'reconcile_colVerdict',
  orders: 'reconcile_colOrders',
  total: 'reconcile_colTotal',
  cancelled: 'reconcile_colCancelled',
  statuses: 'reconcile_colStatuses',
  firstDate: 'reconcile_colFirst',
  lastDate: 'reconcile_colLast',
  buyers: 'reconcile_colBuyers',
  regions: 'reconcile_colRegions',
} as const;

export interface ReconcileTableProps {
  rows: readonly ReconcileRow[];
  sort: TableView['sort'];
  selectedPo: string | null;
  onSort(column: Column): void;
  onSelect(po: string): void;
  /** For tests without layout (happy-dom): the viewport size the virtualizer assumes before it can measure. */
  initialRect?: { width: number; height: number };
}

/**
 * The reconciliation by PO: a real table (headers, aria-sort, aria-rowcount/rowindex), with only the rows in view
 * rendered (@tanstack/virtual-core), so 10,000 orders stay smooth.
 */
export function ReconcileTable({ rows, sort, selectedPo, onSort, onSelect, initialRect }: ReconcileTableProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  const [virtualizer] = useState(
    () =>
      new Virtualizer<HTMLDivElement, HTMLTableRowElement>({
        count: rows.length,
        getScrollElement: () => scrollRef.current,
        estimateSize: () => ROW_HEIGHT,
        scrollToFn: elementScroll,
        // Without layout (happy-dom) every element measures 0×0: keep the assumed viewport then.
        observeElementRect: (instance, report) =>
          observeElementRect(instance, (rect) =>
            report(initialRect && rect.width === 0 && rect.height === 0 ? initialRect : rect),
          ),
        observeElementOffset,
        overscan: 4,
        initialRect: initialRect ?? { width: 1000, height: 600 },
        onChange: () => rerender(0),
      }),
  );
  virtualizer.setOptions({ ...virtualizer.options, count: rows.length });
  useLayoutEffect(() => virtualizer._didMount(), [virtualizer]);
  useLayoutEffect(() => virtualizer._willUpdate());

  const items = virtualizer.getVirtualItems();
  const before = items[0]?.start ?? 0;
  const after = virtualizer.getTotalSize() - (items.at(-1)?.end ?? 0);
  return (
    <div class="table-scroll" ref={scrollRef} tabIndex={-1}>
      <table class="reconcile-table" aria-rowcount={rows.length + 1} aria-label={t('reconcile_table')}>
        <thead>
          <tr aria-rowindex={1}>
            {COLUMNS.map((column) => {
              const active = sort.column === column;
              return (
                <th key={column} scope="col" aria-sort={active ? sort.direction : 'none'} class={`col-${column}`}>
                  <button type="button" class="sort" onClick={() => onSort(column)}>
                    {t(HEADER_KEYS[column])}
                    {active && <span aria-hidden="true">{sort.direction === 'ascending' ? ' ▲' : ' ▼'}</span>}
                  </button>
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {before > 0 && (
            <tr aria-hidden="true" class="spacer">
              <td colSpan={COLUMNS.length} style={{ height: `${before}px` }} />
            </tr>
          )}
          {items.map((item) => {
            const row = rows[item.index]!;
            return (
              <tr
                key={row.po || '(none)'}
                aria-rowindex={item.index + 2}
                aria-selected={selectedPo === row.po}
                class={`verdict-${row.verdicts[0]}`}
              >
                <th scope="row" class="col-po">
                  <button type="button" class="link" onClick={() => onSelect(row.po)}>
                    {row.po || t('reconcile_noPo')}
                  </button>
                </th>
                <td>
                  {row.verdicts.map(verdictLabel).join(', ')}
                  {row.diagnosis && <span class="muted">{` — ${row.diagnosis.message}`}</span>}
                  {row.blanket?.budget && (
                    <span class="muted">{` — ${t('reconcile_budget', [
                      formatMoney(row.blanket.spent ?? 0, row.blanket.budget.currencyCode),
                      formatMoney(row.blanket.budget.amount, row.blanket.budget.currencyCode),
                    ])}`}</span>
                  )}
                </td>
                <td class="num">{row.activeOrders}</td>
                <td class="num">
                  {row.totals.map((total) => formatMoney(total.amount, total.currencyCode)).join(' · ')}
                </td>
                <td class="num">
                  {row.cancelledOrders > 0
                    ? `${row.cancelledOrders} (${row.cancelledTotals.map((total) => formatMoney(total.amount, total.currencyCode)).join(' · ')})`
                    : ''}
                </td>
                <td>
                  {Object.entries(row.byStatus)
                    .map(([status, count]) => `${statusLabel(status)} ${count}`)
                    .join(', ')}
                </td>
                <td>{row.firstDate ? formatOrderDate(row.firstDate) : ''}</td>
                <td>{row.lastDate ? formatOrderDate(row.lastDate) : ''}</td>
                <td>{row.buyers.join(', ')}</td>
                <td>{row.regions.join(' ')}</td>
              </tr>
            );
          })}
          {after > 0 && (
            <tr aria-hidden="true" class="spacer">
              <td colSpan={COLUMNS.length} style={{ height: `${after}px` }} />
            </tr>
          )}
        </tbody>
      </table>
      {rows.length === 0 && <p class="muted">{t('reconcile_noRows')}</p>}
    </div>
  );
}
