/**
 * Firefox without an admin policy: `storage.managed.get` rejects with "Managed storage manifest not found"
 * (DESIGN.md, "Firefox, measured here"). That must read as nothing set, never as an error or a lock.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { SAMPLE_POLICY } from '@/lib/policy/sample-policy';
import { rememberGoodAdminValues } from '@/lib/settings/admin-sync';
import { adminLastGoodItem, userPolicyItem } from '@/lib/storage/items';
import { readManagedRaw, readSettings } from '@/lib/storage/policy-store';

describe('managed storage on Firefox without a policy', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    vi.spyOn(fakeBrowser.storage.managed, 'get').mockRejectedValue(new Error('Managed storage manifest not found'));
  });

  it('reads as nothing set', async () => {
    expect(await readManagedRaw()).toEqual({});
  });

  it("leaves the user's own policy in force, unlocked", async () => {
    await userPolicyItem.setValue(SAMPLE_POLICY);
    const settings = await readSettings();
    expect(settings.effective.source).toBe('user');
    expect(settings.managedKeys).toEqual([]);
    expect(settings.managed.lockUserPolicy).toBeFalsy();
  });

  it('the background start remembers no admin value and does not fail', async () => {
    await rememberGoodAdminValues();
    expect(await adminLastGoodItem.getValue()).toEqual({});
  });
});
