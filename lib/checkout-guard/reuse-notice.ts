import { t, tPlural } from '@/lib/i18n';
import type { PoUsage } from '@/lib/api/summary';
import type { PoUse } from './contract';

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
export function localReuseNotice(
  po: string,
  uses: readonly PoUse[],
  formatDate: (iso: string) => string,
): string | null {
  const last = uses[0];
  if (!last) return null;
  const date = formatDate(last.date);
  return uses.length === 1 ? t('reuse_localOnce', [po, date]) : tPlural('reuse_local', uses.length, [po, date]);
}

/** "Amazon Business has 4 orders under PO X, the last on …", or null when Amazon has none (or is not asked). */
export function amazonUsageNotice(po: string, usage: PoUsage, formatDate: (iso: string) => string): string | null {
  if (!usage.configured || usage.orders === 0) return null;
  const orders = tPlural('count_orders', usage.orders);
  return usage.lastOrderDate
    ? t('reuse_amazon', [orders, po, formatDate(usage.lastOrderDate)])
    : t('reuse_amazonUndated', [orders, po]);
}
