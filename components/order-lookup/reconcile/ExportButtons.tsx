import { t } from '@/lib/i18n';

export type ExportKind = 'table' | 'orders' | 'summary';

export function ExportButtons({ disabled, onExport }: { disabled: boolean; onExport(kind: ExportKind): void }) {
  return (
    <div class="row" role="group" aria-label={t('reconcile_export')}>
      <button type="button" disabled={disabled} onClick={() => onExport('table')}>
        {t('reconcile_exportTable')}
      </button>
      <button type="button" disabled={disabled} onClick={() => onExport('orders')}>
        {t('reconcile_exportOrders')}
      </button>
      <button type="button" disabled={disabled} onClick={() => onExport('summary')}>
        {t('reconcile_exportSummary')}
      </button>
    </div>
  );
}
