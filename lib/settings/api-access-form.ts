import { t } from '@/lib/i18n';

/**
 * Checks for the API access form on the options page; the background validates again on save.
 */

/** Null when the broker URL is acceptable, else why not, in words for an admin or a procurement user. */
export function brokerUrlProblem(text: string): string | null {
  const value = text.trim();
  if (value === '') return t('apiAccess_brokerUrlMissing');
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return t('apiAccess_brokerUrlNotUrl');
  }
  if (url.protocol !== 'https:') return t('apiAccess_brokerUrlNotHttps');
  if (url.username || url.password) return t('apiAccess_brokerUrlCredentials');
  return null;
}
