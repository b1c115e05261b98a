import { z } from 'zod';
import { MARKETPLACES, type Region } from '@/lib/amazon/marketplaces';
import { defineParsedItem } from './parsed-item';

export { type StorageProblem } from './parsed-item';

// Every item is parsed on read (defineParsedItem): a value that does not parse is reported in Diagnostics and read
// as the fallback. Values parsed further by their readers (policies, history entries, the guard state) are
// `unknown` or loosely typed here, and their readers parse them with their own rules.
const region = z.enum(MARKETPLACES.map((m) => m.region) as [Region, ...Region[]]);

/**
 * The user's own policy, exactly as imported or edited (unparsed: it is parsed at read time, so a policy saved by
 * an older version is re-checked by the current rules). Never holds the admin policy: that is overlaid at read time.
 */
export const userPolicyItem = defineParsedItem<unknown>('local:userPolicy', z.unknown(), {
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

// Entries are parsed one by one by readPoHistory (a bad entry is dropped, not the whole history).
export const poHistoryItem = defineParsedItem<PoHistoryEntry[]>('local:poHistory', z.array(z.any()), {
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

const apiAccessSchema = z
  .object({
    mode: z.enum(['broker', 'direct']),
    brokerUrl: z.string().optional(),
    clientId: z.string().optional(),
    clientSecret: z.string().optional(),
    refreshToken: z.string().optional(),
    region,
    otherRegions: z.array(region).optional(),
    sandbox: z.boolean(),
  })
  .nullable();

export const apiAccessItem = defineParsedItem<ApiAccess | null>('local:apiAccess', apiAccessSchema, {
  fallback: null,
  version: 1,
});

/**
 * The last good value of each admin key, so a broken update keeps the previous one in force. Kept apart from the
 * user's settings (never merged into them) and written only by the background.
 */
export const adminLastGoodItem = defineParsedItem<Record<string, unknown>>(
  'local:adminLastGood',
  z.record(z.string(), z.unknown()),
  {
    fallback: {},
    version: 1,
  },
);

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

const remotePolicySchema = z
  .object({
    url: z.string(),
    etag: z.string().optional(),
    body: z.unknown().optional(),
    lastGoodBody: z.unknown().optional(),
    fetchedAt: z.string().optional(),
    lastAttemptAt: z.string().optional(),
    lastResult: z
      .object({ status: z.enum(['updated', 'not-modified', 'error']), message: z.string().optional() })
      .optional(),
    failures: z.number(),
  })
  .nullable();

export const remotePolicyItem = defineParsedItem<RemotePolicyState | null>('local:remotePolicy', remotePolicySchema, {
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
const fieldStatusSchema = z
  .object({
    found: z.boolean(),
    via: z.string().nullable(),
    host: z.string(),
    path: z.string(),
    confidence: z.enum(['strong', 'weak']).optional(),
    reasons: z.array(z.string()).optional(),
    standAside: z.literal('po-is-select').optional(),
  })
  .nullable();

export const lastFieldStatusItem = defineParsedItem<FieldStatus | null>('session:lastFieldStatus', fieldStatusSchema, {
  fallback: null,
});

/** POs submitted per tab (trusted submits only), recorded once that tab shows Amazon's order confirmation. */
export interface SubmittedPo {
  po: string;
  marketplace: Region;
  at: string;
  final: boolean;
}

export const submittedPosItem = defineParsedItem<Record<string, SubmittedPo>>(
  'session:submittedPos',
  z.record(z.string(), z.object({ po: z.string(), marketplace: region, at: z.string(), final: z.boolean() })),
  { fallback: {} },
);

/** The last guard state the background resolved, so a restarted worker (or a new tab) is answered at once. */
// Checked by its reader (guard-state-browser.ts), which falls back to computing the state.
export const guardStateCacheItem = defineParsedItem<unknown>('session:guardStateCache', z.unknown(), {
  fallback: null,
});

/**
 * The background's resolved settings (lib/storage/settings-cache.ts), so a woken service worker does not re-read
 * four storage areas; null after any source changed.
 */
// The background's own copy: the shape is checked loosely (a mismatch, e.g. after an update, reads as none and the
// settings are read again from their sources).
const settingsSnapshotSchema = z
  .looseObject({
    effective: z.looseObject({ broken: z.array(z.unknown()), adminControlled: z.boolean() }),
    managed: z.record(z.string(), z.unknown()),
    managedProblems: z.array(z.unknown()),
    managedKeys: z.array(z.string()),
  })
  .nullable() as unknown as z.ZodType<import('./policy-store').SettingsSnapshot | null>;

export const settingsSnapshotItem = defineParsedItem<import('./policy-store').SettingsSnapshot | null>(
  'session:settingsSnapshot',
  settingsSnapshotSchema,
  { fallback: null },
);
