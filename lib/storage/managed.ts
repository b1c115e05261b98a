import { z } from 'zod';
import { REGIONS } from '@/lib/api/regions';
import type { Region } from '@/lib/amazon/marketplaces';
import { t, type MessageKey } from '@/lib/i18n';
import { httpsUrlOrNull } from './api-access';

/**
 * The top-level keys an admin may set in managed storage (enterprise policy), besides `policy` (checked by the
 * policy schema). Each key is parsed on its own: one bad key is reported and ignored, the others apply.
 */
const httpsUrl = z.string().refine((value) => httpsUrlOrNull(value) !== null);

export const managedKeySchemas = {
  policyUrl: httpsUrl,
  region: z.enum(REGIONS as [Region, ...Region[]]),
  tokenBrokerUrl: httpsUrl,
  lockUserPolicy: z.boolean(),
  /** A submit held past the bound (no policy answer in 10 s): let it through (default) or refuse it. */
  onPolicyUnavailable: z.enum(['allow', 'block']),
  /** Who the shopper is, for blanketPos[].for: set per user or machine by the admin (a shopper cannot change it). */
  buyerEmail: z
    .string()
    .max(254)
    .regex(/^[^@\s]+@[^@\s]+$/),
  buyerGroups: z.array(z.string().min(1).max(100)).max(50),
} as const;

/** What each key must be, in words, for the problem reported when it is not. */
const KEY_PROBLEM: Record<keyof typeof managedKeySchemas, MessageKey> = {
  policyUrl: 'managed_notHttps',
  region: 'managed_notRegion',
  tokenBrokerUrl: 'managed_notHttps',
  lockUserPolicy: 'managed_notBoolean',
  onPolicyUnavailable: 'managed_notAllowBlock',
  buyerEmail: 'managed_notEmail',
  buyerGroups: 'managed_notStringList',
};

export type ManagedKey = keyof typeof managedKeySchemas;
export const MANAGED_KEYS = Object.keys(managedKeySchemas) as ManagedKey[];

/** The keys' values once parsed, each optional: derived from the schemas, so a new key is typed everywhere. */
export type ManagedValues = { [K in ManagedKey]?: z.output<(typeof managedKeySchemas)[K]> };

export interface ManagedKeyProblem {
  key: string;
  message: string;
  /** A previous good value of this key is still in force. */
  usingLastGood: boolean;
}

/**
 * Parse the non-policy managed keys. A broken key falls back to its last good value (kept by the caller, outside
 * user settings) and is reported either way; unknown keys are reported so a typo in a policy file shows up.
 */
export function parseManagedValues(
  raw: Record<string, unknown>,
  lastGood: Record<string, unknown> = {},
): { values: ManagedValues; problems: ManagedKeyProblem[]; good: Record<string, unknown> } {
  const values: Record<string, unknown> = {};
  const good: Record<string, unknown> = {};
  const problems: ManagedKeyProblem[] = [];
  for (const key of MANAGED_KEYS) {
    if (raw[key] === undefined || raw[key] === null) continue;
    const parsed = managedKeySchemas[key].safeParse(raw[key]);
    if (parsed.success) {
      values[key] = parsed.data;
      good[key] = raw[key];
      continue;
    }
    const previous = lastGood[key] === undefined ? undefined : managedKeySchemas[key].safeParse(lastGood[key]);
    if (previous?.success) {
      values[key] = previous.data;
      good[key] = lastGood[key];
    }
    problems.push({
      key,
      message: t(KEY_PROBLEM[key], [key, REGIONS.join(', ')]),
      usingLastGood: Boolean(previous?.success),
    });
  }
  for (const key of Object.keys(raw)) {
    if (key !== 'policy' && !(MANAGED_KEYS as string[]).includes(key)) {
      problems.push({ key, message: t('managed_unknownKey', key), usingLastGood: false });
    }
  }
  return { values: values as ManagedValues, problems, good };
}
