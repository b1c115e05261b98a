import type { DayRange } from '@/lib/api/order-reports';
import { t } from '@/lib/i18n';
import { PERIOD_PRESETS, type PeriodPreset } from '@/lib/order-lookup/reconcile/periods';

export interface PeriodPickerProps {
  preset: PeriodPreset;
  range: DayRange;
  /** A problem with a custom range, in words, or null. */
  problem: string | null;
  onPreset(preset: PeriodPreset): void;
  onRange(range: DayRange): void;
}

const PRESET_KEYS = {
  'this-month': 'reconcile_periodThisMonth',
  'last-month': 'reconcile_periodLastMonth',
  'this-quarter': 'reconcile_periodThisQuarter',
  'last-quarter': 'reconcile_periodLastQuarter',
  custom: 'reconcile_periodCustom',
} as const;

export function PeriodPicker({ preset, range, problem, onPreset, onRange }: PeriodPickerProps) {
  return (
    <fieldset class="period">
      <legend>{t('reconcile_period')}</legend>
      <label>
        <span class="sr-only">{t('reconcile_period')}</span>
        <select value={preset} onChange={(e) => onPreset(e.currentTarget.value as PeriodPreset)}>
          {PERIOD_PRESETS.map((value) => (
            <option key={value} value={value}>
              {t(PRESET_KEYS[value])}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('reconcile_from')}
        <input type="date" value={range.from} onChange={(e) => onRange({ ...range, from: e.currentTarget.value })} />
      </label>
      <label>
        {t('reconcile_to')}
        <input type="date" value={range.to} onChange={(e) => onRange({ ...range, to: e.currentTarget.value })} />
      </label>
      {problem && (
        <p class="error" role="alert">
          {problem}
        </p>
      )}
    </fieldset>
  );
}
