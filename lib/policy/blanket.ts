import type { Policy } from './schema';

export type BlanketPo = NonNullable<Policy['blanketPos']>[number];

/**
 * The local calendar date of `now` as YYYY-MM-DD. Every date decision in lib/policy (blanket PO validity,
 * generated date parts) uses the local-calendar getters of the Date it is given, so "today" is the shopper's today.
 */
export function localIsoDate(now: Date): string {
  const year = String(now.getFullYear()).padStart(4, '0');
  const month = String(now.getMonth() + 1).padStart(2, '0');
  const day = String(now.getDate()).padStart(2, '0');
  return `${year}-${month}-${day}`;
}

/** Whether a blanket PO may be used on `today` (YYYY-MM-DD); both ends are inclusive and optional. */
export function isBlanketActiveOn(entry: Pick<BlanketPo, 'validFrom' | 'validTo'>, today: string): boolean {
  return (!entry.validFrom || entry.validFrom <= today) && (!entry.validTo || today <= entry.validTo);
}

/** Blanket POs that may be used on the local calendar date of `now`, in policy order. */
export function activeBlanketPos(policy: Policy, now: Date): BlanketPo[] {
  const today = localIsoDate(now);
  return (policy.blanketPos ?? []).filter((entry) => isBlanketActiveOn(entry, today));
}
