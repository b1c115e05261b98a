import { isKnownChargeType, isKnownOrderStatus, type BusinessOrderInfo } from '@/lib/api/schemas';
import { t, tPlural, uiLanguage, type MessageKey } from '@/lib/i18n';

/** Words and numbers for the order lookup, in the user's locale where the browser knows how. */

/** A human label for a known status; an unknown status is shown as Amazon sent it. */
export function statusLabel(status: string): string {
  return isKnownOrderStatus(status) ? t(`status_${status}`) : status;
}

export function chargeLabel(type: string): string {
  return isKnownChargeType(type) ? t(`charge_${type}`) : type;
}

// Building an Intl formatter costs far more than formatting with it (a table formats thousands of amounts and dates):
// one per locale and options, made on first use.
const formatters = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();
function numberFormat(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `n|${locale}|${JSON.stringify(options)}`;
  let format = formatters.get(key) as Intl.NumberFormat | undefined;
  if (!format) formatters.set(key, (format = new Intl.NumberFormat(locale, options)));
  return format;
}
function mediumDateFormat(locale: string): Intl.DateTimeFormat {
  const key = `d|${locale}`;
  let format = formatters.get(key) as Intl.DateTimeFormat | undefined;
  if (!format) formatters.set(key, (format = new Intl.DateTimeFormat(locale, { dateStyle: 'medium' })));
  return format;
}

/** `$1,234.50` in the user's locale; a code Intl does not know still shows its number and code. */
export function formatMoney(amount: number, currencyCode: string, locale: string = uiLanguage()): string {
  try {
    return numberFormat(locale, { style: 'currency', currency: currencyCode }).format(amount);
  } catch {
    return `${amount.toFixed(2)} ${currencyCode}`;
  }
}

/** The order date in the user's locale, e.g. `Nov 8, 2024`; the raw text when it is not a date. */
export function formatOrderDate(iso: string, locale: string = uiLanguage()): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return mediumDateFormat(locale).format(date);
}

/** A YYYY-MM-DD calendar day (a policy date) in the user's locale, e.g. `Jan 1, 2026`. */
export function formatDay(isoDay: string, locale: string = uiLanguage()): string {
  const date = dayToDate(isoDay);
  return date ? mediumDateFormat(locale).format(date) : isoDay;
}

/** Two YYYY-MM-DD days as a range in the user's locale, e.g. `Jan 1 – Dec 31, 2026`. */
export function formatDayRange(fromDay: string, toDay: string, locale: string = uiLanguage()): string {
  const from = dayToDate(fromDay);
  const to = dayToDate(toDay);
  if (!from || !to) return `${fromDay} – ${toDay}`;
  return mediumDateFormat(locale).formatRange(from, to);
}

/** `84%` in the user's locale, rounded down: 79.6 % shown as 80 % would contradict the warning that starts above 80 %. */
export function formatPercent(ratio: number, locale: string = uiLanguage()): string {
  return numberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(Math.floor(ratio * 100) / 100);
}

// Local midnight of a YYYY-MM-DD day: `new Date('2026-01-01')` would be UTC midnight, the day before in America.
function dayToDate(isoDay: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDay);
  return match ? new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3])) : null;
}

/** How long ago an answer was fetched: `just now`, `5 minutes ago`, `2 hours ago`, `3 days ago`. */
export function formatAge(fetchedAt: string, now: Date): string {
  const then = Date.parse(fetchedAt);
  if (Number.isNaN(then)) return t('age_unknown');
  const seconds = Math.max(0, Math.round((now.getTime() - then) / 1000));
  if (seconds < 45) return t('age_justNow');
  const minutes = Math.max(1, Math.round(seconds / 60));
  if (minutes < 60) return tPlural('age_minutes', minutes);
  const hours = Math.round(minutes / 60);
  if (hours < 24) return tPlural('age_hours', hours);
  return tPlural('age_days', Math.round(hours / 24));
}

/** Whole seconds to wait, never 0 while some wait is left. */
export function waitSeconds(ms: number): number {
  return Math.max(1, Math.ceil(ms / 1000));
}

/**
 * `orders-MKT-202611-0042-US.csv`: a PO may hold anything (slashes, quotes, spaces), and a download name must be
 * a plain file name on every OS, so anything outside letters, digits, `.`, `_` and `-` becomes `_`.
 */
export function csvFileName(po: string, region: string): string {
  const safe = (text: string) =>
    text
      .normalize('NFKD')
      .replace(/[^A-Za-z0-9._-]+/g, '_')
      .replace(/^[._]+|[._]+$/g, '')
      .slice(0, 60) || 'po';
  return `orders-${safe(po)}-${safe(region)}.csv`;
}

const BUSINESS_INFO_LABELS: ReadonlyArray<[key: string, label: MessageKey]> = [
  ['glCode', 'info_glCode'],
  ['costCenter', 'info_costCenter'],
  ['projectCode', 'info_projectCode'],
  ['department', 'info_department'],
  ['location', 'info_location'],
];

/**
 * Business order info as label/value pairs: the documented keys first with their usual names, then any other
 * key Amazon sends, its camelCase split into words (`purchaseRequisition` → `Purchase requisition`).
 */
export function businessInfoEntries(
  info: BusinessOrderInfo | undefined,
): Array<{ key: string; label: string; value: string }> {
  if (!info) return [];
  const entries: Array<{ key: string; label: string; value: string }> = [];
  const known = new Set<string>();
  for (const [key, label] of BUSINESS_INFO_LABELS) {
    known.add(key);
    const value = info[key];
    if (value !== undefined && value !== '') entries.push({ key, label: t(label), value });
  }
  for (const [key, value] of Object.entries(info)) {
    if (known.has(key) || value === undefined || value === '') continue;
    entries.push({ key, label: humanise(key), value });
  }
  return entries;
}

function humanise(key: string): string {
  const words = key
    .replace(/[_-]+/g, ' ')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .trim()
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
