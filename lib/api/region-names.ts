import type { Region } from '@/lib/amazon/marketplaces';
import { t } from '@/lib/i18n';
import { isRegion, REGIONS } from './regions';

/**
 * Marketplace names by region code, read from the messages when used (the popup's orders, the options page's region
 * pickers). Apart from regions.ts so that the manifest's host list (wxt.config.ts) does not pull in the i18n API.
 */
export const REGION_NAMES: Readonly<Record<Region, string>> = Object.defineProperties(
  {} as Record<Region, string>,
  Object.fromEntries(REGIONS.map((region) => [region, { enumerable: true, get: () => t(`region_${region}`) }])),
);

/** The marketplace's name, or the raw code when Amazon sends one PO Assist does not know. */
export function regionName(region: string): string {
  return isRegion(region) ? t(`region_${region}`) : region;
}
