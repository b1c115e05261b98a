import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { SAMPLE_POLICY } from '@/lib/policy/sample-policy';
import { userPolicyItem } from '@/lib/storage/items';
import { cacheSettings, readSettings } from '@/lib/storage/policy-store';
import { createSettingsCache, type SessionCopy } from '@/lib/storage/settings-cache';

/** A source the test changes by hand, counting how often it is read. */
function source(initial: string) {
  let value = initial;
  let listener: (() => void) | null = null;
  const counts = { reads: 0 };
  return {
    counts,
    read: async () => {
      counts.reads += 1;
      return value;
    },
    watch: (onChange: () => void) => {
      listener = onChange;
      return () => (listener = null);
    },
    change(next: string) {
      value = next;
      listener?.();
    },
  };
}

function memorySession(): SessionCopy<string> & { saved: string | null } {
  const session = {
    saved: null as string | null,
    getValue: async () => session.saved,
    setValue: async (value: string | null) => {
      session.saved = value;
    },
  };
  return session;
}

describe('settings cache', () => {
  it('reads the sources once for any number of messages', async () => {
    const settings = source('a');
    const cache = createSettingsCache(settings);
    const answers = await Promise.all([cache.get(), cache.get(), cache.get()]);
    expect(await cache.get()).toBe('a');
    expect(answers).toEqual(['a', 'a', 'a']);
    expect(settings.counts.reads).toBe(1);
  });

  it('answers with the new settings after a source changes', async () => {
    const settings = source('a');
    const cache = createSettingsCache(settings);
    await cache.get();
    settings.change('b');
    expect(await cache.get()).toBe('b');
    expect(settings.counts.reads).toBe(2);
  });

  it('does not keep a read that a change overtook', async () => {
    const settings = source('a');
    const cache = createSettingsCache(settings);
    const early = cache.get();
    settings.change('b');
    await early;
    expect(await cache.get()).toBe('b');
  });

  it('survives the worker sleeping through its session copy, and drops it on a change', async () => {
    const session = memorySession();
    const first = source('a');
    await createSettingsCache({ ...first, session }).get();
    expect(session.saved).toBe('a');

    const woken = source('a');
    const cache = createSettingsCache({ ...woken, session });
    expect(await cache.get()).toBe('a');
    expect(woken.counts.reads).toBe(0);

    woken.change('b');
    expect(session.saved).toBeNull();
    expect(await cache.get()).toBe('b');
    expect(session.saved).toBe('b');
  });

  it('tries again after a failed read', async () => {
    let fail = true;
    const cache = createSettingsCache({
      read: async () => {
        if (fail) throw new Error('storage unavailable');
        return 'a';
      },
      watch: () => () => undefined,
    });
    await expect(cache.get()).rejects.toThrow('storage unavailable');
    fail = false;
    expect(await cache.get()).toBe('a');
  });
});

describe('background settings', () => {
  beforeEach(() => fakeBrowser.reset());

  it('follow the user saving a policy', async () => {
    const cache = cacheSettings();
    try {
      expect((await readSettings()).effective.policy).toBeNull();
      await userPolicyItem.setValue(SAMPLE_POLICY);
      const { effective } = await readSettings();
      expect(effective.source).toBe('user');
      expect(effective.policy?.formats.length).toBeGreaterThan(0);
    } finally {
      cache.dispose();
    }
  });
});
