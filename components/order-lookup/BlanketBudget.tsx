import { t, tPlural } from '@/lib/i18n';
import type { BlanketBudgetStatus } from '@/lib/order-lookup/blanket-budget';
import { BUDGET_WARNING_PERCENT } from '@/lib/order-lookup/blanket-budget';
import { formatDay, formatDayRange, formatMoney, formatPercent } from '@/lib/order-lookup/format';
import type { CurrencyTotal } from '@/lib/api/summary';

export interface BlanketBudgetProps {
  status: BlanketBudgetStatus;
  /** False when the lookup did not fetch every page: the spend may be higher than shown. */
  complete: boolean;
}

/**
 * A blanket PO's spend against its budget: a meter, what is left (or by how much it is over), the validity window,
 * and a warning past 80 % and when over. Other currencies are listed apart, never added in. Props in, nothing out.
 */
export function BlanketBudget({ status, complete }: BlanketBudgetProps) {
  const { budget, spent, remaining, ratio, level, otherCurrencies } = status;
  const name = status.label ? t('blanket_name', [status.label, status.po]) : status.po;
  const money = (amount: number) => formatMoney(amount, budget?.currencyCode ?? '');
  return (
    <section class={`blanket blanket-${level}`} aria-labelledby="blanket-heading" data-testid="blanket-budget">
      <h2 id="blanket-heading">{t('blanket_heading', name)}</h2>
      <p class={`blanket-window window-${status.window.state}`} data-testid="blanket-window">
        {windowText(status.window)}
      </p>
      {budget && spent !== null && remaining !== null && ratio !== null ? (
        <>
          <div class="blanket-bar">
            <meter
              id="blanket-meter"
              min={0}
              max={budget.amount > 0 ? budget.amount : 1}
              value={budget.amount > 0 ? Math.min(spent, budget.amount) : spent > 0 ? 1 : 0}
              low={(budget.amount * BUDGET_WARNING_PERCENT) / 100}
              high={budget.amount}
              optimum={0}
              aria-label={t('blanket_meterLabel')}
              aria-describedby="blanket-spent"
            >
              {Number.isFinite(ratio) ? formatPercent(ratio) : ''}
            </meter>
          </div>
          <p id="blanket-spent" data-testid="blanket-spent">
            {Number.isFinite(ratio)
              ? t('blanket_spent', [money(spent), money(budget.amount), formatPercent(ratio)])
              : t('blanket_spentNoPercent', [money(spent), money(budget.amount)])}
          </p>
          <p class={level === 'over' ? 'error' : undefined} data-testid="blanket-remaining">
            {remaining >= 0 ? t('blanket_remaining', money(remaining)) : t('blanket_overBy', money(-remaining))}
          </p>
          {level === 'warning' && (
            <p class="warning" role="status" data-testid="blanket-warning">
              {t('blanket_warning', formatPercent(BUDGET_WARNING_PERCENT / 100))}
            </p>
          )}
          {level === 'over' && (
            <p class="error strong" role="alert" data-testid="blanket-warning">
              {t('blanket_overWarning')}
            </p>
          )}
          {otherCurrencies.length > 0 && (
            <p class="muted" data-testid="blanket-other-currencies">
              {t('blanket_otherCurrencies', moneyList(otherCurrencies))}
            </p>
          )}
        </>
      ) : (
        <>
          <p class="muted">{t('blanket_noBudget')}</p>
          {otherCurrencies.length > 0 && (
            <p data-testid="blanket-other-currencies">{t('blanket_spentNoBudget', moneyList(otherCurrencies))}</p>
          )}
        </>
      )}
      {status.datedOrdersOnly && <p class="muted">{t('blanket_datedOrdersOnly')}</p>}
      {!complete && (
        <p class="muted" data-testid="blanket-incomplete">
          {t('blanket_incomplete')}
        </p>
      )}
      {status.withoutNetTotal > 0 && <p class="muted">{tPlural('blanket_uncounted', status.withoutNetTotal)}</p>}
    </section>
  );
}

function moneyList(totals: readonly CurrencyTotal[]): string {
  return totals.map((total) => formatMoney(total.amount, total.currencyCode)).join(' · ');
}

function windowText({ from, to, state }: BlanketBudgetStatus['window']): string {
  const period =
    from && to
      ? formatDayRange(from, to)
      : from
        ? t('blanket_period_from', formatDay(from))
        : to
          ? t('blanket_period_until', formatDay(to))
          : null;
  if (!period) return t('blanket_window_always');
  if (state === 'expired') return t('blanket_window_expired', period);
  if (state === 'not-yet') return t('blanket_window_notYet', period);
  return t('blanket_window_active', period);
}
