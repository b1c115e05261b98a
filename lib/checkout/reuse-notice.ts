import type { PoUsage, PoUse } from '@/lib/messaging/protocol';

/** Dates in the shopper's storefront language (the page's `lang`), as they read the rest of the page. */
export function dateFormatter(lang: string | undefined): (iso: string) => string {
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat(lang || undefined, { dateStyle: 'medium' });
  } catch {
    format = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
  }
  return (iso) => {
    const date = new Date(iso);
    return Number.isNaN(date.getTime()) ? iso : format.format(date);
  };
}

/** "PO X was used 2 times before from this browser, last on …", or null for a PO never submitted here. */
export function localReuseNotice(po: string, uses: readonly PoUse[], formatDate: (iso: string) => string): string | null {
  const last = uses[0];
  if (!last) return null;
  const times = uses.length === 1 ? 'once before' : `${uses.length} times before`;
  return `PO ${po} was used ${times} from this browser, last on ${formatDate(last.date)}.`;
}

/** "Amazon Business has 4 orders under PO X, the last on …", or null when Amazon has none (or is not asked). */
export function amazonUsageNotice(po: string, usage: PoUsage, formatDate: (iso: string) => string): string | null {
  if (!usage.configured || usage.orders === 0) return null;
  const orders = usage.orders === 1 ? '1 order' : `${usage.orders} orders`;
  const when = usage.lastOrderDate ? `, the last on ${formatDate(usage.lastOrderDate)}` : '';
  return `Amazon Business has ${orders} under PO ${po}${when}.`;
}
