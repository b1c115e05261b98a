/**
 * The background's copy of the settings in force. Without it every message re-read managed, admin-last-good, remote
 * and user storage and re-resolved the policy; with it they are read once, kept in memory and in a session copy
 * (which outlives the service worker sleeping, not the browser closing), and read again only after a source changes.
 */

/** Where the copy survives the worker sleeping: a `session:` item in the background. */
export interface SessionCopy<T> {
  getValue(): Promise<T | null>;
  setValue(value: T | null): Promise<void>;
}

export interface SettingsCacheOptions<T> {
  /** Reads the settings fresh from their sources. */
  read: () => Promise<T>;
  /** Calls `onChange` whenever a source changes; returns the unsubscribe. */
  watch: (onChange: () => void) => () => void;
  session?: SessionCopy<T>;
}

export interface SettingsCache<T> {
  /** The settings in force: the kept copy, or a fresh read when a source changed since (or none was kept). */
  get(): Promise<T>;
  /** Forgets the copy: the next get() reads the sources again. */
  invalidate(): void;
  /** Stops watching the sources. */
  dispose(): void;
}

export function createSettingsCache<T>({ read, watch, session }: SettingsCacheOptions<T>): SettingsCache<T> {
  // Bumped by every change: a read that began before a change must not be kept after it.
  let generation = 0;
  let kept: { generation: number; value: Promise<T> } | null = null;

  const load = async (started: number): Promise<T> => {
    const saved = await session?.getValue().catch(() => null);
    if (saved != null && started === generation) return saved;
    const value = await read();
    if (started === generation) await session?.setValue(value).catch(() => undefined);
    return value;
  };

  const invalidate = () => {
    generation += 1;
    kept = null;
    void session?.setValue(null).catch(() => undefined);
  };

  const stop = watch(invalidate);

  return {
    get() {
      if (kept && kept.generation === generation) return kept.value;
      const started = generation;
      const value = load(started);
      kept = { generation: started, value };
      // A failed read is not kept: the next get() tries again.
      value.catch(() => {
        if (kept?.value === value) kept = null;
      });
      return value;
    },
    invalidate,
    dispose: stop,
  };
}
