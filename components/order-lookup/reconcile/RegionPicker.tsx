import { regionName } from '@/lib/api/region-names';
import type { Region } from '@/lib/amazon/marketplaces';
import { t } from '@/lib/i18n';

export interface RegionPickerProps {
  /** The regions offered (the user's); "all" means every one of them. */
  regions: readonly Region[];
  value: Region | 'all';
  onChange(value: Region | 'all'): void;
}

export function RegionPicker({ regions, value, onChange }: RegionPickerProps) {
  return (
    <label class="region">
      {t('reconcile_region')}
      <select value={value} onChange={(e) => onChange(e.currentTarget.value as Region | 'all')}>
        <option value="all">{t('reconcile_regionAll')}</option>
        {regions.map((region) => (
          <option key={region} value={region}>
            {regionName(region)}
          </option>
        ))}
      </select>
    </label>
  );
}
