import { browser } from 'wxt/browser';
import { z } from 'zod';
import type { OnPolicyUnavailable } from '@/lib/checkout-guard/contract';

/** The same values as `managedKeySchemas.onPolicyUnavailable` (lib/storage/managed.ts; a test keeps them equal). */
export const onPolicyUnavailableSchema = z.enum(['allow', 'block']);

/**
 * The admin's `onPolicyUnavailable`, read by the content script itself from managed storage, for a held submit the
 * background never answered (worker dead or hung, extension updated before the first state came): without it the
 * page could only follow the default "allow". Managed storage is the admin's policy and holds no secrets, and content
 * scripts may read it in Chromium and Firefox (local and session storage are refused to them: see
 * guard-state-browser.ts). Only this key is asked for; anything else, a bad value, no managed storage (Firefox
 * throws when none is set) or an orphaned content script (throws): null, and the caller keeps what it knew.
 */
export async function readManagedOnPolicyUnavailable(): Promise<OnPolicyUnavailable | null> {
  try {
    const raw: Record<string, unknown> = await browser.storage.managed.get('onPolicyUnavailable');
    const parsed = onPolicyUnavailableSchema.safeParse(raw?.onPolicyUnavailable);
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
