import { checkHttpsUrl, type HttpsUrlProblem } from '@/lib/api/https-url';
import { t, type MessageKey } from '@/lib/i18n';

const BROKER_URL_PROBLEM: Record<HttpsUrlProblem, MessageKey> = {
  'not-url': 'apiAccess_brokerUrlNotUrl',
  'not-https': 'apiAccess_brokerUrlNotHttps',
  credentials: 'apiAccess_brokerUrlCredentials',
};

/**
 * Checks for the API access form on the options page; the background validates again on save.
 */

/** Null when the broker URL is acceptable, else why not, in words for an admin or a procurement user. */
export function brokerUrlProblem(text: string): string | null {
  const value = text.trim();
  if (value === '') return t('apiAccess_brokerUrlMissing');
  const checked = checkHttpsUrl(value);
  if (checked.ok) return null;
  return t(BROKER_URL_PROBLEM[checked.problem]);
}
