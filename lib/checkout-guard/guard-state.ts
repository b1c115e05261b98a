import { blanketPosFor, localIsoDate, type Shopper } from '@/lib/policy/blanket';
import { compiledPolicyFor, matcherSpecFor } from '@/lib/policy/cache';
import { localizePolicy, pickText } from '@/lib/policy/localized-text';
import type { PoHistoryEntry } from '@/lib/storage/items';
import { problemSummary, type EffectivePolicy } from '@/lib/storage/resolve';
import type { GuardState, OnPolicyUnavailable } from './contract';
import { hintFormats } from './hint-formats';
import { usedPoHash } from './used-po-hash';

/** How long getGuardState waits for the settings before it answers from the cache (or "pending"). */
export const GUARD_STATE_ANSWER_MS = 250;

export interface GuardStateInputs {
  effective: EffectivePolicy;
  history: readonly PoHistoryEntry[];
  onPolicyUnavailable: OnPolicyUnavailable;
  amazonCheck: boolean;
  historyNotSaved?: boolean;
  now: Date;
  /** The UI language the admin's texts are picked in. */
  lang?: string;
  /** Who the shopper is (admin keys buyerEmail, buyerGroups): only their blanket POs reach the page. */
  shopper?: Shopper;
}

/** The guard state for the content script: rules, the compact matcher, examples; never the whole policy. */
export function buildGuardState({
  effective,
  history,
  onPolicyUnavailable,
  amazonCheck,
  historyNotSaved = false,
  now,
  lang = 'en',
  shopper = {},
}: GuardStateInputs): GuardState {
  const policy = effective.policy ? compiledPolicyFor(localizePolicy(effective.policy, lang)).policy : null;
  return {
    rules: policy
      ? {
          enforcement: policy.enforcement,
          required: policy.required,
          reuse: policy.reuse,
          help: pickText(policy.help, lang),
          selectors: policy.selectors,
        }
      : null,
    source: effective.source,
    broken: effective.broken,
    adminControlled: effective.adminControlled,
    problemSummary: problemSummary(effective),
    pending: false,
    onPolicyUnavailable,
    usedPoHashes: [...new Set(history.map((entry) => usedPoHash(entry.po)))],
    amazonCheck,
    historyNotSaved,
    formats: policy ? hintFormats(policy, now) : [],
    blanketPos: policy
      ? blanketPosFor(policy, shopper, localIsoDate(now)).map(({ po, label, owner, budget, validFrom, validTo }) => ({
          po,
          label: label ?? po,
          ...(owner ? { owner } : {}),
          ...(budget ? { budget } : {}),
          ...(validFrom ? { validFrom } : {}),
          ...(validTo ? { validTo } : {}),
        }))
      : [],
    matcher: policy ? matcherSpecFor(policy) : null,
  };
}

/** No verdict possible yet: the admin policy may still arrive. The content script holds submits on the PO field. */
export function pendingGuardState(onPolicyUnavailable: OnPolicyUnavailable): GuardState {
  return {
    rules: null,
    source: null,
    broken: [],
    adminControlled: false,
    problemSummary: null,
    pending: true,
    onPolicyUnavailable,
    usedPoHashes: [],
    amazonCheck: false,
    formats: [],
    blanketPos: [],
    matcher: null,
  };
}

export interface GuardStateServiceDeps {
  /** Reads every source (managed storage included: seconds on a fresh browser start) and builds the state. */
  compute(): Promise<GuardState>;
  /** The last resolved state, kept in session storage (trusted contexts only) across worker restarts. */
  loadCached(): Promise<GuardState | null>;
  saveCached(state: GuardState): Promise<void>;
  /** The admin's last good `onPolicyUnavailable` (local storage, quick), for the pending answer. */
  lastKnownOnUnavailable(): Promise<OnPolicyUnavailable>;
  /** Tell open checkout tabs to ask again. */
  push(): void;
  /** Resolves after `ms` (a timer; injected for tests). */
  wait(ms: number): Promise<void>;
}

/**
 * Answers getGuardState at once: the state resolved in this worker, else the one a previous worker left in session
 * storage, else "pending". Computing goes on behind the answer; when it finishes with another state, tabs are told.
 * `invalidate()` on any change of a source (storage change, managed policy arriving) recomputes and pushes.
 */
export function createGuardStateService(deps: GuardStateServiceDeps) {
  let current: GuardState | null = null;
  let computing: Promise<GuardState> | null = null;
  let answeredStale = false;
  let generation = 0;

  const refresh = (): Promise<GuardState> => {
    if (computing) return computing;
    const mine = generation;
    const run = deps.compute().then(
      async (state) => {
        if (mine !== generation) return state; // a source changed meanwhile: the newer run decides
        const changed = JSON.stringify(state) !== JSON.stringify(current);
        current = state;
        if (computing === run) computing = null;
        if (changed) await deps.saveCached(state).catch(() => undefined);
        if (changed || answeredStale) {
          answeredStale = false;
          deps.push();
        }
        return state;
      },
      (error: unknown) => {
        if (computing === run) computing = null;
        throw error;
      },
    );
    computing = run;
    return run;
  };

  return {
    async get(): Promise<GuardState> {
      if (current) return current;
      const fresh = refresh();
      const first = await Promise.race([fresh, deps.wait(GUARD_STATE_ANSWER_MS).then(() => null)]);
      if (first) return first;
      answeredStale = true;
      const cached = await deps.loadCached().catch(() => null);
      return cached ?? pendingGuardState(await deps.lastKnownOnUnavailable().catch(() => 'allow' as const));
    },
    invalidate(): void {
      generation++;
      current = null;
      computing = null;
      void refresh().catch((error: unknown) => console.warn('PO Assist: guard state', error));
    },
  };
}

export type GuardStateService = ReturnType<typeof createGuardStateService>;
