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

/** Admin policy from enterprise policy (managed storage). Read-only; may be absent or arrive seconds late. */
export const managedPolicyItem = storage.defineItem<unknown>('managed:policy', {
  fallback: null,
});
