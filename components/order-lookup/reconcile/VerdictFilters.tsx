import { t } from '@/lib/i18n';
import { VERDICTS, type Verdict } from '@/lib/order-lookup/reconcile/reconcile';
import { verdictLabel } from './verdict-words';

export interface VerdictFiltersProps {
  counts: Record<Verdict, number>;
  selected: readonly Verdict[];
  onChange(selected: Verdict[]): void;
}

/** One toggle per verdict that occurs; none pressed shows every row. */
export function VerdictFilters({ counts, selected, onChange }: VerdictFiltersProps) {
  return (
    <div class="verdict-filters" role="group" aria-label={t('reconcile_filters')}>
      {VERDICTS.filter((verdict) => counts[verdict] > 0).map((verdict) => {
        const pressed = selected.includes(verdict);
        return (
          <button
            key={verdict}
            type="button"
            class={`chip verdict-${verdict}`}
            aria-pressed={pressed}
            onClick={() => onChange(pressed ? selected.filter((v) => v !== verdict) : [...selected, verdict])}
          >
            {verdictLabel(verdict)} <span class="count">{counts[verdict]}</span>
          </button>
        );
      })}
    </div>
  );
}
