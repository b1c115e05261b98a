import { describeFormats } from '@/lib/policy/describe';
import type { Policy } from '@/lib/policy/schema';

/**
 * The hint's "Expected:" formats, each with an example a shopper could type today (the same examples the options
 * page shows: lib/policy/describe.ts decides which admin examples are stale). The hint needs no templates.
 */
export function hintFormats(policy: Policy, now: Date): { id: string; label: string; example: string }[] {
  return describeFormats(policy, { now, today: true }).map(({ id, label, example }) => ({ id, label, example }));
}
