import type { AuthConfig } from '@/lib/api/auth';
import { t } from '@/lib/i18n';
import { checkHttpsUrl } from '@/lib/api/https-url';
import { isRegion } from '@/lib/api/regions';
import type { Region } from '@/lib/amazon/marketplaces';
import type { ApiAccess } from './items';
import type { ManagedKey } from './managed';

/** API access as the pages see it: secrets never come back, only whether they are set. */
export interface ApiAccessStatus {
  configured: boolean;
  mode: 'broker' | 'direct' | null;
  brokerUrl: string | null;
  /** The broker URL comes from the admin policy and cannot be changed here. */
  brokerLocked: boolean;
  clientIdHint: string | null;
  hasClientSecret: boolean;
  hasRefreshToken: boolean;
  region: Region;
  regionLocked: boolean;
  /** Every region the user set up: the lookup region first, then the others (accessRegions); absent: `[region]`. */
  regions?: Region[];
  sandbox: boolean;
}

export const DEFAULT_REGION: Region = 'US';

/** The managed keys that shape API access, as read (unparsed): named by the managed schema's key set. */
export type ManagedApiSettings = { [K in Extract<ManagedKey, 'tokenBrokerUrl' | 'region'>]?: unknown };

/**
 * A usable HTTPS URL, or null: token brokers and policy addresses are the company's own HTTPS services, and a
 * URL carrying a user name or password would leak it wherever the URL is shown or logged.
 */
export function httpsUrlOrNull(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const checked = checkHttpsUrl(value);
  return checked.ok ? checked.url.href : null;
}

/**
 * The API access in force: the admin's broker URL and region overlay the user's own settings at read time (a
 * managed broker URL switches the mode to broker). Never written back into user storage.
 */
export function resolveApiAccess(user: ApiAccess | null, managed: ManagedApiSettings): ApiAccess | null {
  const brokerUrl = httpsUrlOrNull(managed.tokenBrokerUrl);
  const region = typeof managed.region === 'string' && isRegion(managed.region) ? managed.region : null;
  if (brokerUrl) {
    return {
      mode: 'broker',
      brokerUrl,
      region: region ?? user?.region ?? DEFAULT_REGION,
      sandbox: user?.sandbox ?? false,
    };
  }
  if (!user) return region ? { mode: 'broker', region, sandbox: false } : null;
  return region ? { ...user, region } : user;
}

export function authConfigOf(access: ApiAccess | null): AuthConfig | null {
  if (!access) return null;
  if (access.mode === 'broker') {
    const brokerUrl = httpsUrlOrNull(access.brokerUrl);
    return brokerUrl ? { mode: 'broker', brokerUrl } : null;
  }
  if (!access.clientId || !access.clientSecret || !access.refreshToken) return null;
  return {
    mode: 'direct',
    clientId: access.clientId,
    clientSecret: access.clientSecret,
    refreshToken: access.refreshToken,
  };
}

/** The regions of an access, lookup region first, each once: what "All my regions" fetches. */
export function accessRegions(access: Pick<ApiAccess, 'region' | 'otherRegions'> | null): Region[] {
  if (!access) return [DEFAULT_REGION];
  return [...new Set([access.region, ...(access.otherRegions ?? []).filter(isRegion)])];
}

/** What the options page and popup may see: secrets reduced to "set or not", the client id to a hint. */
export function apiAccessStatus(access: ApiAccess | null, managed: ManagedApiSettings): ApiAccessStatus {
  const brokerLocked = httpsUrlOrNull(managed.tokenBrokerUrl) !== null;
  const regionLocked = typeof managed.region === 'string' && isRegion(managed.region);
  return {
    configured: authConfigOf(access) !== null,
    mode: access?.mode ?? null,
    brokerUrl: access?.mode === 'broker' ? (access.brokerUrl ?? null) : null,
    brokerLocked,
    clientIdHint: access?.clientId ? maskTail(access.clientId) : null,
    hasClientSecret: Boolean(access?.clientSecret),
    hasRefreshToken: Boolean(access?.refreshToken),
    region: access?.region ?? DEFAULT_REGION,
    regionLocked,
    regions: accessRegions(access),
    sandbox: access?.sandbox ?? false,
  };
}

/** Merge a save from the options page: empty secret fields keep what is stored. */
export function mergeApiAccess(stored: ApiAccess | null, input: ApiAccess): ApiAccess {
  const keep = (next: string | undefined, previous: string | undefined) => (next?.trim() ? next.trim() : previous);
  // Absent keeps what is stored (an older page, or one that does not show them); the lookup region is not repeated.
  const others = (input.otherRegions ?? stored?.otherRegions ?? []).filter(
    (region) => isRegion(region) && region !== input.region,
  );
  const otherRegions = others.length ? { otherRegions: [...new Set(others)] } : {};
  if (input.mode === 'broker') {
    const brokerUrl = httpsUrlOrNull(input.brokerUrl?.trim());
    if (!brokerUrl) throw new Error(t('apiAccess_saveBrokerUrlInvalid'));
    return { mode: 'broker', brokerUrl, region: input.region, ...otherRegions, sandbox: input.sandbox };
  }
  const merged: ApiAccess = {
    mode: 'direct',
    clientId: keep(input.clientId, stored?.clientId),
    clientSecret: keep(input.clientSecret, stored?.clientSecret),
    refreshToken: keep(input.refreshToken, stored?.refreshToken),
    region: input.region,
    ...otherRegions,
    sandbox: input.sandbox,
  };
  const missing = [
    !merged.clientId && t('apiAccess_missing_clientId'),
    !merged.clientSecret && t('apiAccess_missing_clientSecret'),
    !merged.refreshToken && t('apiAccess_missing_refreshToken'),
  ].filter(Boolean);
  if (missing.length) throw new Error(t('apiAccess_directMissing', missing.join(', ')));
  return merged;
}

function maskTail(value: string): string {
  return value.length <= 8 ? '••••' : `${value.slice(0, 12)}…${value.slice(-4)}`;
}
