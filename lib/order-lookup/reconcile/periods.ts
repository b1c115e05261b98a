import { isRegion } from '@/lib/api/regions';
import { dayToMs, daysInRange, type DayRange } from '@/lib/api/order-reports';
import type { Region } from '@/lib/amazon/marketplaces';

/**
 * Periods of the Reconcile page: calendar months and quarters on the user's calendar (the local date of `now`),
 * and custom ranges. Days are YYYY-MM-DD, both ends inclusive. Pure.
 */

export type PeriodPreset = 'this-month' | 'last-month' | 'this-quarter' | 'last-quarter' | 'custom';
export const PERIOD_PRESETS: readonly PeriodPreset[] = [
  'this-month',
  'last-month',
  'this-quarter',
  'last-quarter',
  'custom',
];

const pad = (n: number) => String(n).padStart(2, '0');
const day = (year: number, month: number, date: number) => {
  // Date.UTC normalises month/date overflow (month 12 is January of the next year, date 0 the last of the month before).
  const d = new Date(Date.UTC(year, month, date));
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
};

export function today(now: Date): string {
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** The range of a preset; 'this' periods end today (no future days are asked for). */
export function presetRange(preset: Exclude<PeriodPreset, 'custom'>, now: Date): DayRange {
  const year = now.getFullYear();
  const month = now.getMonth();
  const quarterStart = month - (month % 3);
  switch (preset) {
    case 'this-month':
      return { from: day(year, month, 1), to: today(now) };
    case 'last-month':
      return { from: day(year, month - 1, 1), to: day(year, month, 0) };
    case 'this-quarter':
      return { from: day(year, quarterStart, 1), to: today(now) };
    case 'last-quarter':
      return { from: day(year, quarterStart - 3, 1), to: day(year, quarterStart, 0) };
  }
}

/** A quarter of a year, e.g. Q3 2026 is 2026-07-01 to 2026-09-30. */
export function quarterRange(year: number, quarter: 1 | 2 | 3 | 4): DayRange {
  return { from: day(year, (quarter - 1) * 3, 1), to: day(year, quarter * 3, 0) };
}

export type RangeProblem = 'invalid-date' | 'reversed' | 'future' | 'too-old';

/** The Reporting API reaches back two years. */
export const MAX_HISTORY_DAYS = 731;

export function checkRange(range: DayRange, now: Date): RangeProblem | null {
  if (Number.isNaN(dayToMs(range.from)) || Number.isNaN(dayToMs(range.to))) return 'invalid-date';
  if (range.from > range.to) return 'reversed';
  if (range.from > today(now)) return 'future';
  if (daysInRange({ from: range.from, to: today(now) }) > MAX_HISTORY_DAYS) return 'too-old';
  return null;
}

export interface DeepLink {
  range: DayRange | null;
  /** One region, or null for "all the user's regions" (absent or `region=all`). */
  regions: Region[] | null;
}

/** `reconcile.html?from=2026-11-01&to=2026-11-30&region=US` (region may repeat or be comma-separated). */
export function parseDeepLink(search: string): DeepLink {
  const params = new URLSearchParams(search);
  const from = params.get('from');
  const to = params.get('to');
  const range =
    from && to && !Number.isNaN(dayToMs(from)) && !Number.isNaN(dayToMs(to)) && from <= to ? { from, to } : null;
  const regions = params
    .getAll('region')
    .flatMap((value) => value.split(','))
    .map((value) => value.trim().toUpperCase())
    .filter(isRegion);
  return { range, regions: regions.length ? [...new Set(regions)] : null };
}

export function deepLinkSearch(range: DayRange, regions: readonly Region[] | null): string {
  const params = new URLSearchParams({ from: range.from, to: range.to });
  for (const region of regions ?? []) params.append('region', region);
  return `?${params.toString()}`;
}
