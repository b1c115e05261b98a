import { browser } from 'wxt/browser';
import type { OnPolicyUnavailable } from '@/lib/checkout-guard/contract';

/**
 * The values `managedKeySchemas.onPolicyUnavailable` accepts (lib/storage/managed.ts; a test keeps the two equal).
 * Checked by hand, not with zod: zod stays out of the checkout content script (its size budget, test/build).
 */
export function parseOnPolicyUnavailable(value: unknown): OnPolicyUnavailable | null {
  return value === 'allow' || value === 'block' ? value : null;
}

/**
 * The admin's `onPolicyUnavailable`, read by the content script itself from managed storage, for a held submit the
 * background never answered (worker dead or hung, extension updated before the first state came): without it the
 * page could only follow the default "allow". Managed storage is the admin's policy and holds no secrets, and content
 * scripts may read it (local and session storage are refused to them: see guard-state-browser.ts). Only this key is
 * asked for; anything else, a bad value, no managed storage (Firefox throws when none is set) or an orphaned content
 * script (its storage calls fail): null, and the caller keeps what it knew.
 */
export async function readManagedOnPolicyUnavailable(): Promise<OnPolicyUnavailable | null> {
  try {
    const raw: Record<string, unknown> = await browser.storage.managed.get('onPolicyUnavailable');
    return parseOnPolicyUnavailable(raw?.onPolicyUnavailable);
  } catch {
    return null;
  }
}
