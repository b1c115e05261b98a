import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { sendMessage } from '@/lib/messaging/client';
import type { GuardState } from '@/lib/checkout-guard/contract';
import type { ShownVerdict } from '@/lib/checkout-guard/quick-verdict';

/** State shared by the checkout features of one page: the policy in force and the guarded field's verdict. */
export interface GuardSession {
  readonly state: GuardState | null;
  /** Set when the background could not be asked (extension updated or reloaded): the guard stands down. */
  readonly loadError: string | null;
  field: HTMLInputElement | null;
  verdict: ShownVerdict | null;
  /** Why the current PO counts as used before: this browser's history and Amazon's orders (when configured). */
  reuse: { local: string | null; amazon: string | null };
  submitMessage: { text: string; blocking: boolean } | null;
  warnedKey: string | null;
  /** Tell every feature that something changed. */
  notify(): void;
  subscribe(listener: () => void): () => void;
}

// Every source of the effective policy (the user's own, the policy fetched from the admin's policyUrl, the admin's
// last good values) and the history behind sequence numbers.
const WATCHED_LOCAL_KEYS = ['userPolicy', 'remotePolicy', 'adminLastGood', 'poHistory'];

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
    reuse: { local: null, amazon: null },
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

/** The reuse notice for the current PO, both sources together; null when it is new (or not a reusable kind). */
export function reuseNotice(session: GuardSession): string | null {
  const verdict = session.verdict;
  if (!verdict?.valid || verdict.blanket || verdict.empty) return null;
  return [session.reuse.local, session.reuse.amazon].filter(Boolean).join(' ') || null;
}
