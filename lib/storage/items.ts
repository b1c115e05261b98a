import { storage } from 'wxt/utils/storage';
import type { Region } from '@/lib/amazon/marketplaces';

/**
 * The user's own policy, exactly as imported or edited (unparsed: it is parsed at read time, so a policy saved by
 * an older version is re-checked by the current rules). Never holds the admin policy: that is overlaid at read time.
 */
export const userPolicyItem = storage.defineItem<unknown>('local:userPolicy', {
  fallback: null,
  version: 1,
});

/** A PO submitted at checkout from this browser: the reuse check and sequence generation read these. */
export interface PoHistoryEntry {
  /** Normalised PO, as validatePo returns it. */
  po: string;
  /** ISO timestamp of the submit. */
  date: string;
  marketplace: Region;
}

/** Oldest entries are dropped past this, so storage stays small and reads stay quick. */
export const PO_HISTORY_LIMIT = 5000;

export const poHistoryItem = storage.defineItem<PoHistoryEntry[]>('local:poHistory', {
  fallback: [],
  version: 1,
});

/**
 * API access for the order lookup. Secrets stay in this browser's local storage: never synced, never sent to a
 * content script, never shown back in the UI (only whether they are set).
 */
export interface ApiAccess {
  mode: 'broker' | 'direct';
  brokerUrl?: string;
  clientId?: string;
  clientSecret?: string;
  refreshToken?: string;
  region: Region;
  /**
   * Other regions this account orders in, for the Reconcile page's "All my regions" (the same credentials serve
   * every region); absent for none.
   */
  otherRegions?: Region[];
  sandbox: boolean;
}

export const apiAccessItem = storage.defineItem<ApiAccess | null>('local:apiAccess', {
  fallback: null,
  version: 1,
});

/**
 * The last good value of each admin key, so a broken update keeps the previous one in force. Kept apart from the
 * user's settings (never merged into them) and written only by the background.
 */
export const adminLastGoodItem = storage.defineItem<Record<string, unknown>>('local:adminLastGood', {
  fallback: {},
  version: 1,
});

/** The policy fetched from the admin's policyUrl: the latest body, the last good one, and how the last fetch went. */
export interface RemotePolicyState {
  url: string;
  etag?: string;
  body?: unknown;
  lastGoodBody?: unknown;
  /** Last time the server answered with a policy (200 or 304). */
  fetchedAt?: string;
  lastAttemptAt?: string;
  lastResult?: { status: 'updated' | 'not-modified' | 'error'; message?: string };
  /** Consecutive failed fetches, for the retry backoff. */
  failures: number;
}

export const remotePolicyItem = storage.defineItem<RemotePolicyState | null>('local:remotePolicy', {
  fallback: null,
  version: 1,
});

/** The PO field last seen at checkout, and what found it (for Diagnostics). */
export interface FieldStatus {
  found: boolean;
  /** Which selector or heuristic matched, for diagnostics. */
  via: string | null;
  host: string;
  path: string;
  /** How sure the finder was of the field it took (`weak`: hinted, never blocked on). */
  confidence?: 'strong' | 'weak';
  /** The rule codes that chose it (`selector`, `label-for`, `placeholder`, …: lib/amazon/checkout-dom AcceptCode). */
  reasons?: string[];
  /** Set when no field was taken on purpose: `po-is-select`, the PO is a list of defined options. */
  standAside?: 'po-is-select';
}

/** Session storage, so it survives the background worker sleeping between the checkout and the options page. */
export const lastFieldStatusItem = storage.defineItem<FieldStatus | null>('session:lastFieldStatus', {
  fallback: null,
});

/** A stored value that could not be read (replaced by its fallback) or written (quota…), for Diagnostics. */
export interface StorageProblem {
  key: string;
  kind: 'unreadable' | 'write-failed';
  detail: string;
  at: string;
}

export const storageProblemsItem = storage.defineItem<StorageProblem[]>('session:storageProblems', { fallback: [] });

/** POs submitted per tab (trusted submits only), recorded once that tab shows Amazon's order confirmation. */
export interface SubmittedPo {
  po: string;
  marketplace: Region;
  at: string;
  final: boolean;
}

export const submittedPosItem = storage.defineItem<Record<string, SubmittedPo>>('session:submittedPos', {
  fallback: {},
});

/** The last guard state the background resolved, so a restarted worker (or a new tab) is answered at once. */
export const guardStateCacheItem = storage.defineItem<unknown>('session:guardStateCache', { fallback: null });

/**
 * The background's resolved settings (lib/storage/settings-cache.ts), so a woken service worker does not re-read
 * four storage areas; null after any source changed.
 */
export const settingsSnapshotItem = storage.defineItem<import('./policy-store').SettingsSnapshot | null>(
  'session:settingsSnapshot',
  { fallback: null },
);
