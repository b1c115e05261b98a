import { uiLanguage } from '@/lib/i18n';
import { browser } from 'wxt/browser';
import { sendTabMessage } from '@/lib/messaging/client';
import { authConfigOf } from '@/lib/storage/api-access';
import { readPoHistory } from '@/lib/storage/history';
import { adminLastGoodItem, guardStateCacheItem } from '@/lib/storage/items';
import { readStorageProblems } from '@/lib/storage/parsed-item';
import { invalidateSettings, readApiAccess, readSettings } from '@/lib/storage/policy-store';
import type { GuardState, OnPolicyUnavailable } from './contract';
import { buildGuardState, createGuardStateService } from './guard-state';

/** Storage keys the settings (policy in force) are resolved from: lib/storage/policy-store.ts watches them too. */
const SETTINGS_LOCAL_KEYS = ['userPolicy', 'remotePolicy', 'adminLastGood'];
/** Storage keys the guard state is built from; a change to any of them recomputes it and tells the tabs. */
export const GUARD_STATE_LOCAL_KEYS = [...SETTINGS_LOCAL_KEYS, 'poHistory', 'apiAccess'];

const onUnavailable = (value: unknown): OnPolicyUnavailable => (value === 'block' ? 'block' : 'allow');

function looksLikeGuardState(value: unknown): value is GuardState {
  if (!value || typeof value !== 'object') return false;
  const state = value as Partial<GuardState>;
  return typeof state.pending === 'boolean' && Array.isArray(state.formats) && Array.isArray(state.usedPoHashes);
}

const historyWriteFailed = (problems: unknown): boolean =>
  Array.isArray(problems) &&
  problems.some(
    (problem: { key?: unknown; kind?: unknown } | null) =>
      problem?.key === 'poHistory' && problem.kind === 'write-failed',
  );

/** Only this problem is in the guard state: other reports (written while computing it) must not recompute it. */
function historyProblemChanged(change: unknown): boolean {
  if (!change || typeof change !== 'object') return false;
  const { oldValue, newValue } = change as { oldValue?: unknown; newValue?: unknown };
  return historyWriteFailed(oldValue) !== historyWriteFailed(newValue);
}

/** The guard state service with the browser's storage, timers and tabs. */
export function createBrowserGuardState() {
  const service = createGuardStateService({
    async compute() {
      const [settings, history, access, problems] = await Promise.all([
        readSettings(),
        readPoHistory(),
        readApiAccess(),
        readStorageProblems(),
      ]);
      return buildGuardState({
        effective: settings.effective,
        history,
        onPolicyUnavailable: onUnavailable(settings.managed.onPolicyUnavailable),
        amazonCheck: authConfigOf(access) !== null,
        historyNotSaved: historyWriteFailed(problems),
        now: new Date(),
        lang: uiLanguage(),
        shopper: { email: settings.managed.buyerEmail, groups: settings.managed.buyerGroups },
      });
    },
    async loadCached() {
      const cached = await guardStateCacheItem.getValue();
      return looksLikeGuardState(cached) ? cached : null;
    },
    saveCached: (state) => guardStateCacheItem.setValue(state),
    async lastKnownOnUnavailable() {
      return onUnavailable((await adminLastGoodItem.getValue())?.onPolicyUnavailable);
    },
    push() {
      // Tabs without our content script reject: normal.
      void browser.tabs
        .query({})
        .then((tabs) => {
          for (const tab of tabs) {
            if (tab.id !== undefined) void sendTabMessage(tab.id, 'guardStateChanged', {}).catch(() => undefined);
          }
        })
        .catch(() => undefined);
    },
    wait: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  });
  const listener = (changes: Record<string, unknown>, area: string) => {
    const local = area === 'local';
    // The settings copy goes first, or the recompute reads the old policy: in Firefox this listener runs before
    // the settings cache's own (listeners run in the order added), and the open tabs would keep the old rules.
    if (area === 'managed' || (local && SETTINGS_LOCAL_KEYS.some((key) => key in changes))) invalidateSettings();
    if (
      area === 'managed' ||
      (local && GUARD_STATE_LOCAL_KEYS.some((key) => key in changes)) ||
      (area === 'session' && historyProblemChanged(changes.storageProblems))
    )
      service.invalidate();
  };
  browser.storage.onChanged.addListener(listener);
  return service;
}

/**
 * Chromium: content scripts (inside the web page's renderer) may not read local or session storage at all; they
 * get what they need by message. Firefox has no setAccessLevel for local storage (secrets: see secret-store.ts).
 */
export async function restrictStorageToTrustedContexts(): Promise<string[]> {
  const done: string[] = [];
  for (const name of ['local', 'session'] as const) {
    const area = browser.storage[name] as
      { setAccessLevel?: (options: { accessLevel: string }) => Promise<void> } | undefined;
    if (typeof area?.setAccessLevel !== 'function') continue;
    try {
      await area.setAccessLevel({ accessLevel: 'TRUSTED_CONTEXTS' });
      done.push(name);
    } catch (error) {
      console.warn(`PO Assist: storage.${name}.setAccessLevel`, error);
    }
  }
  return done;
}
