import type { Region } from '@/lib/amazon/marketplaces';
import { isKnownChargeType, isKnownOrderStatus, type BusinessOrderInfo, type KnownChargeType, type KnownOrderStatus } from '@/lib/api/schemas';

/** Words and numbers for the order lookup, in the user's locale where the browser knows how. Pure. */

export const REGION_NAMES: Readonly<Record<Region, string>> = {
  US: 'United States',
  CA: 'Canada',
  MX: 'Mexico',
  UK: 'United Kingdom',
  DE: 'Germany',
  FR: 'France',
  IT: 'Italy',
  ES: 'Spain',
  IN: 'India',
  JP: 'Japan',
  AU: 'Australia',
};

/** The marketplace's name, or the raw code when Amazon sends one PO Assist does not know. */
export function regionName(region: string): string {
  return (REGION_NAMES as Record<string, string>)[region] ?? region;
}

export const STATUS_LABELS: Readonly<Record<KnownOrderStatus, string>> = {
  PENDING_APPROVAL: 'Pending approval',
  PAYMENT_CONFIRMED: 'Payment confirmed',
  PENDING_FULFILLMENT: 'Pending fulfillment',
  PENDING: 'Pending',
  CANCELLED: 'Cancelled',
  CLOSED: 'Closed',
};

/** A human label for a known status; an unknown status is shown as Amazon sent it. */
export function statusLabel(status: string): string {
  return isKnownOrderStatus(status) ? STATUS_LABELS[status] : status;
}

export const CHARGE_LABELS: Readonly<Record<KnownChargeType, string>> = {
  SUBTOTAL: 'Subtotal',
  SHIPPING_AND_HANDLING: 'Shipping and handling',
  PROMOTION: 'Promotion',
  TAX: 'Tax',
  NET_TOTAL: 'Net total',
};

export function chargeLabel(type: string): string {
  return isKnownChargeType(type) ? CHARGE_LABELS[type] : type;
}

/** `$1,234.50` in the user's locale; a code Intl does not know still shows its number and code. */
export function formatMoney(amount: number, currencyCode: string, locale?: string): string {
  try {
    return new Intl.NumberFormat(locale, { style: 'currency', currency: currencyCode }).format(amount);
  } catch {
    return `${amount.toFixed(2)} ${currencyCode}`;
  }
}

/** The order date in the user's locale, e.g. `Nov 8, 2024`; the raw text when it is not a date. */
export function formatOrderDate(iso: string, locale?: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(date);
}

/** How long ago an answer was fetched: `just now`, `5 minutes ago`, `2 hours ago`, `3 days ago`. */
export function formatAge(fetchedAt: string, now: Date): string {
  const then = Date.parse(fetchedAt);
  if (Number.isNaN(then)) return 'at an unknown time';
  const seconds = Math.max(0, Math.round((now.getTime() - then) / 1000));
  if (seconds < 45) return 'just now';
  const minutes = Math.max(1, Math.round(seconds / 60));
  if (minutes < 60) return `${plural(minutes, 'minute')} ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 24) return `${plural(hours, 'hour')} ago`;
  return `${plural(Math.round(hours / 24), 'day')} ago`;
}

/** `1 order`, `3 orders`; `many` when the plural is not the word plus "s". */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
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

const BUSINESS_INFO_LABELS: ReadonlyArray<[key: string, label: string]> = [
  ['glCode', 'GL code'],
  ['costCenter', 'Cost center'],
  ['projectCode', 'Project code'],
  ['department', 'Department'],
  ['location', 'Location'],
];

/**
 * Business order info as label/value pairs: the documented keys first with their usual names, then any other
 * key Amazon sends, its camelCase split into words (`purchaseRequisition` → `Purchase requisition`).
 */
export function businessInfoEntries(info: BusinessOrderInfo | undefined): Array<{ key: string; label: string; value: string }> {
  if (!info) return [];
  const entries: Array<{ key: string; label: string; value: string }> = [];
  const known = new Set<string>();
  for (const [key, label] of BUSINESS_INFO_LABELS) {
    known.add(key);
    const value = info[key];
    if (value !== undefined && value !== '') entries.push({ key, label, value });
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
