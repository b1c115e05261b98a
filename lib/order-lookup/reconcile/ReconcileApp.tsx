import { useMemo, useState } from 'preact/hooks';
import { downloadFile } from '@/components/shared/download';
import { ExportButtons, type ExportKind } from '@/components/order-lookup/reconcile/ExportButtons';
import { FetchProgress } from '@/components/order-lookup/reconcile/FetchProgress';
import { PeriodPicker } from '@/components/order-lookup/reconcile/PeriodPicker';
import { PoListInput } from '@/components/order-lookup/reconcile/PoListInput';
import { PoOrders } from '@/components/order-lookup/reconcile/PoOrders';
import { ReconcileTable } from '@/components/order-lookup/reconcile/ReconcileTable';
import { RegionPicker } from '@/components/order-lookup/reconcile/RegionPicker';
import { VerdictFilters } from '@/components/order-lookup/reconcile/VerdictFilters';
import { REGIONS } from '@/lib/api/regions';
import { t } from '@/lib/i18n';
import { rowsOrdersToCsv, summaryToCsv, tableToCsv } from './export';
import type { RangeProblem } from './periods';
import { countVerdicts } from './reconcile';
import { applyView, DEFAULT_VIEW, toggleSort, type TableView } from './table';
import { useReconcile, type ReconcileDeps } from './use-reconcile';

const PROBLEM_KEYS = {
  'invalid-date': 'reconcile_rangeInvalid',
  reversed: 'reconcile_rangeReversed',
  future: 'reconcile_rangeFuture',
  'too-old': 'reconcile_rangeTooOld',
} as const satisfies Record<RangeProblem, string>;

/** The finance view: every order of a period, by PO, against the policy in force and an optional invoice list. */
export function ReconcileApp({
  deps,
  initialRect,
}: {
  deps?: ReconcileDeps;
  initialRect?: { width: number; height: number };
}) {
  const state = useReconcile(deps);
  const [view, setView] = useState<TableView>(DEFAULT_VIEW);
  const [selectedPo, setSelectedPo] = useState<string | null>(null);
  const rows = state.rows ?? [];
  const counts = useMemo(() => countVerdicts(rows), [rows]);
  const shown = useMemo(() => applyView(rows, view), [rows, view]);
  const selected = selectedPo === null ? null : (rows.find((row) => row.po === selectedPo) ?? null);
  const running = state.progress?.status === 'running';
  const period = `${state.range.from}_${state.range.to}`;

  const onExport = (kind: ExportKind) => {
    if (kind === 'table') downloadFile(`reconcile-${period}.csv`, 'text/csv;charset=utf-8', tableToCsv(shown));
    if (kind === 'orders')
      downloadFile(`reconcile-orders-${period}.csv`, 'text/csv;charset=utf-8', rowsOrdersToCsv(shown));
    if (kind === 'summary')
      downloadFile(`reconcile-summary-${period}.csv`, 'text/csv;charset=utf-8', summaryToCsv(rows));
  };

  return (
    <>
      <h1>{t('reconcile_title')}</h1>
      <form
        class="reconcile-form"
        onSubmit={(event) => {
          event.preventDefault();
          if (!state.problem && !running) void state.start();
        }}
      >
        <PeriodPicker
          preset={state.preset}
          range={state.range}
          problem={state.problem && t(PROBLEM_KEYS[state.problem])}
          onPreset={state.choosePreset}
          onRange={state.chooseRange}
        />
        <RegionPicker
          regions={state.userRegions.length > 1 ? state.userRegions : REGIONS}
          value={state.region}
          onChange={state.chooseRegion}
        />
        <PoListInput
          text={state.listText}
          summary={state.list && { count: state.list.pos.length, column: state.list.column }}
          onText={state.setListText}
        />
        <button type="submit" class="primary" disabled={state.problem !== null || running}>
          {t('reconcile_start')}
        </button>
      </form>
      {state.failure && (
        <p class="error" role="alert">
          {state.failure}
        </p>
      )}
      <FetchProgress
        progress={state.progress}
        onCancel={() => void state.cancel()}
        onResume={() => void state.resume()}
      />
      {state.rows && (
        <section class="reconcile-results">
          <div class="row">
            <VerdictFilters
              counts={counts}
              selected={view.verdicts}
              onChange={(verdicts) => setView({ ...view, verdicts })}
            />
            <label>
              <span class="sr-only">{t('reconcile_search')}</span>
              <input
                type="search"
                placeholder={t('reconcile_search')}
                value={view.search}
                onInput={(event) => setView({ ...view, search: event.currentTarget.value })}
              />
            </label>
            <ExportButtons disabled={rows.length === 0} onExport={onExport} />
          </div>
          <ReconcileTable
            rows={shown}
            sort={view.sort}
            selectedPo={selectedPo}
            onSort={(column) => setView(toggleSort(view, column))}
            onSelect={setSelectedPo}
            initialRect={initialRect}
          />
          {selected && (
            <PoOrders
              row={selected}
              fallbackRegion={state.userRegions[0] ?? 'US'}
              onClose={() => setSelectedPo(null)}
            />
          )}
        </section>
      )}
    </>
  );
}
