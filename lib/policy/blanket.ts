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

/** Who the shopper is, as the admin said (managed keys buyerEmail, buyerGroups); both optional. */
export interface Shopper {
  email?: string;
  groups?: readonly string[];
}

const domainOf = (email: string): string | null => {
  const at = email.lastIndexOf('@');
  return at > 0 && at < email.length - 1 ? email.slice(at + 1).toLowerCase() : null;
};

/**
 * Whether the blanket PO's `for` lets this shopper use it: no `for` means everyone; otherwise a group match
 * (exact, case-insensitive) or the email's domain (case-insensitive, a leading `@` in the policy ignored). A
 * shopper the admin has not described matches no restricted entry: a restriction fails closed.
 */
export function blanketAllows(entry: Pick<BlanketPo, 'for'>, shopper: Shopper): boolean {
  if (!entry.for) return true;
  const groups = new Set((shopper.groups ?? []).map((group) => group.trim().toLowerCase()));
  if ((entry.for.groups ?? []).some((group) => groups.has(group.trim().toLowerCase()))) return true;
  const domain = shopper.email ? domainOf(shopper.email.trim()) : null;
  return (
    domain !== null &&
    (entry.for.emailDomains ?? []).some((allowed) => allowed.trim().replace(/^@/, '').toLowerCase() === domain)
  );
}

/** The blanket POs this shopper may use on `today` (YYYY-MM-DD): valid that day and open to them, in policy order. */
export function blanketPosFor(policy: Policy, shopper: Shopper, today: string): BlanketPo[] {
  return (policy.blanketPos ?? []).filter((entry) => isBlanketActiveOn(entry, today) && blanketAllows(entry, shopper));
}
