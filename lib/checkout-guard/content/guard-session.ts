import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { keepMessages } from '@/lib/i18n';
import { answerTabMessage, sendMessage } from '@/lib/messaging/client';
import type { GuardState } from '@/lib/checkout-guard/contract';
import type { ShownVerdict } from '@/lib/checkout-guard/quick-verdict';

/** State shared by the checkout features of one page: the policy in force and the guarded field's verdict. */
export interface GuardSession {
  readonly state: GuardState | null;
  /** Set when the background could not be asked (extension updated or reloaded, worker restarting). */
  readonly loadError: string | null;
  field: HTMLInputElement | null;
  /** The field was chosen on a weak signal only (placeholder, name, id): hint, but never hold a submit for it. */
  fieldWeak: boolean;
  verdict: ShownVerdict | null;
  /** Why the current PO counts as used before: this browser's history and Amazon's orders (when configured). */
  reuse: { local: string | null; amazon: string | null };
  /** Amazon's answer has come for this PO (null: none asked or still out). */
  amazonCheckedFor: string | null;
  submitMessage: { text: string; blocking: boolean } | null;
  warnedKey: string | null;
  /** Tell every feature that something changed. */
  notify(): void;
  subscribe(listener: () => void): () => void;
  /** Ask the background again (after an error, while a submit is held). */
  reload(): void;
}

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
    fieldWeak: false,
    verdict: null,
    reuse: { local: null, amazon: null },
    amazonCheckedFor: null,
    submitMessage: null,
    warnedKey: null,
    notify() {
      for (const listener of listeners) listener();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    reload() {
      void load();
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

  // Policy edits, an admin policy arriving seconds after start, and new history reach open tabs by a tab message
  // from the background, never through storage.onChanged (which would hand every stored value to the page's process).
  const { listener } = answerTabMessage('guardStateChanged', async () => {
    void load();
    return { ok: true };
  });
  browser.runtime.onMessage.addListener(listener);
  // An invalidated context (the extension updated, reloaded or removed under an open tab; or a page forging WXT's
  // "newer script started" event) keeps its listeners: the guard goes on deciding with the state it has, and never
  // lets an order through because the background went away.
  ctx.onInvalidated(() => browser.runtime.onMessage.removeListener(listener));
  // What the guard must still say once browser.i18n no longer answers (after an update, in the old tab).
  keepMessages([
    'guard_blocked',
    'guard_warned',
    'guard_checking',
    'guard_unavailableBlocked',
    'guard_usedBefore',
    'hint_fix',
    'hint_valid',
    'hint_validLabel',
  ]);
  void load();
  return session;
}

/** The reuse notice for the current PO, both sources together; null when it is new (or not a reusable kind). */
export function reuseNotice(session: GuardSession): string | null {
  const verdict = session.verdict;
  if (!verdict?.valid || verdict.blanket || verdict.empty) return null;
  return [session.reuse.local, session.reuse.amazon].filter(Boolean).join(' ') || null;
}
