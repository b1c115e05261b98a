import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { sendMessage } from '@/lib/messaging/client';
import type { GuardState, PoUsage, PoUse } from '@/lib/messaging/protocol';
import type { PoVerdict } from '@/lib/policy/validate';

/** State shared by the checkout features of one page: the policy in force and the guarded field's verdict. */
export interface GuardSession {
  readonly state: GuardState | null;
  /** Set when the background could not be asked (extension updated or reloaded): the guard stands down. */
  readonly loadError: string | null;
  field: HTMLInputElement | null;
  verdict: PoVerdict | null;
  uses: PoUse[];
  /** Amazon's order history for the PO, when API access is configured. */
  amazonUsage: PoUsage | null;
  submitMessage: { text: string; blocking: boolean } | null;
  warnedKey: string | null;
  /** Tell every feature that something changed. */
  notify(): void;
  subscribe(listener: () => void): () => void;
}

const WATCHED_LOCAL_KEYS = ['userPolicy', 'poHistory'];

export function createGuardSession(ctx: ContentScriptContext): GuardSession {
  const listeners = new Set<() => void>();
  let state: GuardState | null = null;
  let loadError: string | null = null;
  let generation = 0;

  const session: GuardSession = {
    get state() {
      return state;
    },
    get loadError() {
      return loadError;
    },
    field: null,
    verdict: null,
    uses: [],
    amazonUsage: null,
    submitMessage: null,
    warnedKey: null,
    notify() {
      for (const listener of listeners) listener();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };

  const load = async () => {
    const mine = ++generation;
    try {
      const next = await sendMessage('getGuardState', {});
      if (mine !== generation || ctx.isInvalid) return;
      state = next;
      loadError = null;
    } catch (error) {
      if (mine !== generation || ctx.isInvalid) return;
      loadError = error instanceof Error ? error.message : String(error);
    }
    session.notify();
  };

  // Policy edits, an admin policy arriving seconds after start, and new history all reach open tabs at once.
  const onStorageChanged = (changes: Record<string, unknown>, area: string) => {
    if (area === 'managed' || (area === 'local' && WATCHED_LOCAL_KEYS.some((key) => key in changes))) void load();
  };
  browser.storage.onChanged.addListener(onStorageChanged);
  ctx.onInvalidated(() => {
    browser.storage.onChanged.removeListener(onStorageChanged);
    listeners.clear();
  });
  void load();
  return session;
}
