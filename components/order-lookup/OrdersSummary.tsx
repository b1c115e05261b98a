import type { OrdersSummary as Summary } from '@/lib/api/summary';
import { t, tPlural } from '@/lib/i18n';
import { formatMoney, statusLabel } from '@/lib/order-lookup/format';
import { regionName } from '@/lib/api/region-names';

export interface OrdersSummaryProps {
  summary: Summary;
  po: string;
  region: string;
}

/** How many orders, what they cost per currency (cancelled orders not counted), and how many per status. */
export function OrdersSummary({ summary, po, region }: OrdersSummaryProps) {
  const { cancelled, withoutNetTotal } = summary;
  const count = tPlural('count_orders', summary.count);
  return (
    <section class="summary" aria-label={t('summary_label')} data-testid="lookup-summary">
      <p class="summary-count">
        <Emphasised text={t('summary_count', [count, po, regionName(region)])} part={count} />
      </p>
      {summary.totals.length > 0 && (
        <p class="summary-totals">
          {t('summary_netTotal')}{' '}
          {summary.totals.map((total, index) => (
            <span key={total.currencyCode}>
              {index > 0 && ' · '}
              <strong data-testid={`total-${total.currencyCode}`}>
                {formatMoney(total.amount, total.currencyCode)}
              </strong>
            </span>
          ))}
        </p>
      )}
      {cancelled.count > 0 && (
        <p class="muted" data-testid="cancelled-note">
          {tPlural('summary_cancelled', cancelled.count)}
        </p>
      )}
      {withoutNetTotal > 0 && <p class="muted">{tPlural('summary_withoutNetTotal', withoutNetTotal)}</p>}
      <ul class="statuses" aria-label={t('summary_byStatus')}>
        {Object.entries(summary.byStatus)
          .sort(([, a], [, b]) => b - a)
          .map(([status, count]) => (
            <li key={status}>{t('summary_statusCount', [statusLabel(status), count])}</li>
          ))}
      </ul>
    </section>
  );
}

/** `text` with its first `part` in bold: the translation decides the word order, the layout only the emphasis. */
function Emphasised({ text, part }: { text: string; part: string }) {
  const at = text.indexOf(part);
  if (at < 0) return <>{text}</>;
  return (
    <>
      {text.slice(0, at)}
      <strong>{part}</strong>
      {text.slice(at + part.length)}
    </>
  );
}
