import type { PoHistoryEntry } from './items';
import { PO_HISTORY_LIMIT } from './items';

/** Earlier uses of `po` (already normalised), newest first. */
export function findPoUses(history: readonly PoHistoryEntry[], po: string): PoHistoryEntry[] {
  return history.filter((entry) => entry.po === po).sort((a, b) => b.date.localeCompare(a.date));
}

/** History with one more use, trimmed to the limit (oldest dropped). */
export function appendPoUse(history: readonly PoHistoryEntry[], entry: PoHistoryEntry): PoHistoryEntry[] {
  const next = [...history, entry];
  return next.length > PO_HISTORY_LIMIT ? next.slice(next.length - PO_HISTORY_LIMIT) : next;
}
