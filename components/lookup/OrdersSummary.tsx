import type { OrdersSummary as Summary } from '@/lib/api/summary';
import { formatMoney, plural, regionName, statusLabel } from '@/lib/lookup/format';

export interface OrdersSummaryProps {
  summary: Summary;
  po: string;
  region: string;
}

/** How many orders, what they cost per currency (cancelled orders not counted), and how many per status. */
export function OrdersSummary({ summary, po, region }: OrdersSummaryProps) {
  const { cancelled, withoutNetTotal } = summary;
  return (
    <section class="summary" aria-label="Summary" data-testid="lookup-summary">
      <p class="summary-count">
        <strong>{plural(summary.count, 'order')}</strong> under PO {po} in {regionName(region)}
      </p>
      {summary.totals.length > 0 && (
        <p class="summary-totals">
          Net total:{' '}
          {summary.totals.map((total, index) => (
            <span key={total.currencyCode}>
              {index > 0 && ' · '}
              <strong data-testid={`total-${total.currencyCode}`}>{formatMoney(total.amount, total.currencyCode)}</strong>
            </span>
          ))}
        </p>
      )}
      {cancelled.count > 0 && (
        <p class="muted" data-testid="cancelled-note">
          {plural(cancelled.count, 'cancelled order')} not counted
        </p>
      )}
      {withoutNetTotal > 0 && (
        <p class="muted">
          {withoutNetTotal === 1 ? '1 order has' : `${withoutNetTotal} orders have`} no net total from Amazon and{' '}
          {withoutNetTotal === 1 ? 'is' : 'are'} not in the total
        </p>
      )}
      <ul class="statuses" aria-label="Orders by status">
        {Object.entries(summary.byStatus)
          .sort(([, a], [, b]) => b - a)
          .map(([status, count]) => (
            <li key={status}>
              {statusLabel(status)}: {count}
            </li>
          ))}
      </ul>
    </section>
  );
}
