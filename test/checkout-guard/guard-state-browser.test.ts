import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createBrowserGuardState } from '@/lib/checkout-guard/guard-state-browser';
import { SAMPLE_POLICY } from '@/lib/policy/sample-policy';
import { cacheSettings } from '@/lib/storage/policy-store';

type AreaListener = (changes: Record<string, { oldValue?: unknown; newValue?: unknown }>) => void;

/**
 * Firefox runs `storage.onChanged` and `storage.local.onChanged` listeners together, in the order they were added
 * (measured in Firefox 153); the fake browser, like Chromium, runs the area's listeners first. The background adds
 * the guard state's `storage.onChanged` listener before the settings cache's `storage.local.onChanged` one, so in
 * Firefox the guard hears of a change first. This holds back the area's listeners to deliver them afterwards.
 */
function firefoxListenerOrder() {
  const held: AreaListener[] = [];
  vi.spyOn(fakeBrowser.storage.local.onChanged, 'addListener').mockImplementation((listener) => {
    held.push(listener as AreaListener);
  });
  return {
    async set(items: Record<string, unknown>) {
      const before = await fakeBrowser.storage.local.get(Object.keys(items));
      await fakeBrowser.storage.local.set(items); // storage.onChanged listeners: the guard state's
      const changes = Object.fromEntries(
        Object.entries(items).map(([key, newValue]) => [key, { oldValue: before[key], newValue }]),
      );
      for (const listener of held) listener(changes); // then storage.local.onChanged: the settings cache's
    },
  };
}

describe('guard state in the background', () => {
  beforeEach(() => fakeBrowser.reset());

  it("follows a policy change when the browser tells the guard before the settings cache (Firefox's order)", async () => {
    const storage = firefoxListenerOrder();
    // Wired as entrypoints/background.ts wires them: the guard state first, then the settings cache.
    const guardState = createBrowserGuardState();
    cacheSettings();
    expect((await guardState.get()).rules).toBeNull();

    await storage.set({ userPolicy: { ...SAMPLE_POLICY, enforcement: 'block' } });

    const state = await guardState.get();
    expect(state.rules?.enforcement).toBe('block');
    expect(state.formats.length).toBeGreaterThan(0);
  });

  it('follows a policy change when the settings cache hears of it first (Chromium and the fake browser)', async () => {
    const guardState = createBrowserGuardState();
    cacheSettings();
    expect((await guardState.get()).rules).toBeNull();

    await fakeBrowser.storage.local.set({ userPolicy: { ...SAMPLE_POLICY, enforcement: 'warn' } });

    expect((await guardState.get()).rules?.enforcement).toBe('warn');
  });
});
