import { addDays, dayToMs, type DayRange } from '@/lib/api/order-reports';

/**
 * Which days of a region are already in the order store, and which must be fetched. Pure.
 *
 * A fetched range is "settled" up to REFRESH_DAYS before the day it was fetched: orders of the last days may still
 * change status (approved, shipped, cancelled), so those days are fetched again by the next run.
 */

export const REFRESH_DAYS = 7;

export interface CoverageEntry extends DayRange {
  /** The UTC day the range was fetched completely. */
  fetchedDay: string;
}

export function settledRange(entry: CoverageEntry): DayRange | null {
  const settledTo = addDays(entry.fetchedDay, -REFRESH_DAYS);
  const to = entry.to < settledTo ? entry.to : settledTo;
  return entry.from <= to ? { from: entry.from, to } : null;
}

/** The days of `range` not covered by `covered`, as ranges, oldest first. */
export function subtractRanges(range: DayRange, covered: readonly DayRange[]): DayRange[] {
  const sorted = [...covered].sort((a, b) => a.from.localeCompare(b.from));
  const out: DayRange[] = [];
  let cursor = range.from;
  for (const block of sorted) {
    if (block.to < cursor) continue;
    if (block.from > range.to) break;
    if (block.from > cursor)
      out.push({ from: cursor, to: addDays(block.from, -1) < range.to ? addDays(block.from, -1) : range.to });
    const next = addDays(block.to, 1);
    if (dayToMs(next) > dayToMs(cursor)) cursor = next;
    if (cursor > range.to) return out;
  }
  if (cursor <= range.to) out.push({ from: cursor, to: range.to });
  return out;
}

/** What must be fetched of `range` given what a region's store holds. */
export function rangesToFetch(range: DayRange, coverage: readonly CoverageEntry[]): DayRange[] {
  return subtractRanges(
    range,
    coverage.map(settledRange).filter((r): r is DayRange => r !== null),
  );
}

/** Adds a fetched range; entries it contains completely are dropped (kept small over many runs). */
export function addCoverage(coverage: readonly CoverageEntry[], entry: CoverageEntry): CoverageEntry[] {
  return [...coverage.filter((old) => !(old.from >= entry.from && old.to <= entry.to)), entry];
}
