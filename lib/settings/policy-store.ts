import { browser } from 'wxt/browser';
import { managedPolicyItem, userPolicyItem } from './items';
import { resolvePolicy, type EffectivePolicy } from './resolve';

/**
 * Read the admin policy fail-soft: managed storage is missing on some browsers, throws on Firefox without a
 * policies.json entry, and arrives a few seconds after Chromium starts. Absent and unreadable both mean "no policy".
 */
export async function readAdminPolicy(): Promise<unknown> {
  return readManaged(managedPolicyItem);
}

/** One managed key, fail-soft: absent, unreadable and unsupported all read as null. */
export async function readManaged(item: { getValue(): Promise<unknown> }): Promise<unknown> {
  if (!browser.storage?.managed) return null;
  try {
    return await item.getValue();
  } catch {
    return null;
  }
}

/** The policy in force right now: admin overlaid on the user's own, read fresh so changes apply at once. */
export async function readEffectivePolicy(): Promise<EffectivePolicy> {
  const [admin, user] = await Promise.all([readAdminPolicy(), userPolicyItem.getValue()]);
  return resolvePolicy({ admin, user });
}

/** Calls `onChange` whenever a source of the effective policy changes (managed policy arriving late included). */
export function watchPolicySources(onChange: () => void): () => void {
  const listener = (changes: Record<string, unknown>, area: string) => {
    if ((area === 'managed' && 'policy' in changes) || (area === 'local' && 'userPolicy' in changes)) onChange();
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}
