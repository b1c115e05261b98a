import type { Policy } from '@/lib/policy/schema';
import type { PoVerdict } from '@/lib/policy/validate';
import type { PoUsage, PoUse } from '@/lib/messaging/protocol';

export type SubmitDecision =
  | { action: 'allow' }
  /** Stop this attempt. `warn` lets the next attempt with the same PO through; `block` never does. */
  | { action: 'block' | 'warn'; reason: 'invalid' | 'reuse'; message: string; key: string };

export interface SubmitContext {
  policy: Policy | null;
  verdict: PoVerdict | null;
  /** Earlier uses of the PO (newest first), from this browser and, when configured, from Amazon. */
  uses: readonly PoUse[];
  /** What Amazon's order history says about the PO, when API access is configured. */
  amazonUsage?: PoUsage | null;
  /** The key of the attempt already warned about, if any. */
  warnedKey: string | null;
  formatDate: (iso: string) => string;
}

/**
 * What a Continue / Place your order attempt should do. Pure, so every rule is unit-tested: enforcement applies
 * to invalid (and empty-but-required) POs; reuse applies to valid POs seen before, except blanket POs.
 */
export function decideSubmit({ policy, verdict, uses, amazonUsage, warnedKey, formatDate }: SubmitContext): SubmitDecision {
  if (!policy || !verdict) return { action: 'allow' };
  if (!verdict.valid) {
    if (policy.enforcement === 'off') return { action: 'allow' };
    const key = `invalid:${verdict.message}`;
    if (policy.enforcement === 'warn' && warnedKey === key) return { action: 'allow' };
    return { action: policy.enforcement, reason: 'invalid', message: verdict.message, key };
  }
  if (verdict.blanket || verdict.empty || policy.reuse === 'allow') return { action: 'allow' };
  const message = describeReuse(verdict.value, uses, amazonUsage ?? null, formatDate);
  if (!message) return { action: 'allow' };
  const key = `reuse:${verdict.value}`;
  if (policy.reuse === 'warn' && warnedKey === key) return { action: 'allow' };
  return { action: policy.reuse, reason: 'reuse', message, key };
}

/** The reuse notice, from this browser's history and Amazon's order history; empty when the PO is new. */
export function describeReuse(
  po: string,
  uses: readonly PoUse[],
  amazonUsage: PoUsage | null,
  formatDate: (iso: string) => string,
): string {
  const parts: string[] = [];
  const last = uses[0];
  if (last) {
    const times = uses.length === 1 ? 'once before' : `${uses.length} times before`;
    parts.push(`PO ${po} was used ${times} from this browser, last on ${formatDate(last.date)}.`);
  }
  if (amazonUsage && amazonUsage.orders > 0) {
    const orders = amazonUsage.orders === 1 ? '1 order' : `${amazonUsage.orders} orders`;
    const when = amazonUsage.lastOrderDate ? `, the last on ${formatDate(amazonUsage.lastOrderDate)}` : '';
    parts.push(`Amazon Business has ${orders} under PO ${po}${when}.`);
  }
  return parts.join(' ');
}
