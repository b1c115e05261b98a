import { z } from 'zod';
import { MARKETPLACES, type Region } from '@/lib/amazon/marketplaces';
import { poHistoryItem, PO_HISTORY_LIMIT, type PoHistoryEntry } from './items';
import { clearStorageProblem, reportStorageProblem } from './parsed-item';

export { reportStorageProblem };

const entrySchema = z.object({
  po: z.string().min(1).max(200),
  date: z.string().refine((value) => !Number.isNaN(Date.parse(value))),
  marketplace: z.enum(MARKETPLACES.map((m) => m.region) as [Region, ...Region[]]),
});

/** Earlier uses of `po` (already normalised), newest first. */
export function findPoUses(history: readonly PoHistoryEntry[], po: string): PoHistoryEntry[] {
  return history.filter((entry) => entry.po === po).sort((a, b) => b.date.localeCompare(a.date));
}

/** History with one more use, trimmed to the limit: the oldest (first) entries go, never the one just added. */
export function appendPoUse(history: readonly PoHistoryEntry[], entry: PoHistoryEntry): PoHistoryEntry[] {
  const next = [...history, entry];
  return next.length > PO_HISTORY_LIMIT ? next.slice(next.length - PO_HISTORY_LIMIT) : next;
}

/**
 * Stored history as it may be (an older version, a hand edit, a partial write): entries that do not parse are
 * dropped and counted, a value that is not a list reads as empty. Never throws.
 */
export function parsePoHistory(raw: unknown): { entries: PoHistoryEntry[]; dropped: number } {
  if (!Array.isArray(raw)) return { entries: [], dropped: raw === null || raw === undefined ? 0 : 1 };
  const entries: PoHistoryEntry[] = [];
  for (const item of raw) {
    const parsed = entrySchema.safeParse(item);
    if (parsed.success) entries.push(parsed.data);
  }
  return { entries, dropped: raw.length - entries.length };
}

/** The history, parsed; a bad stored value is reported in Diagnostics and read as its readable part. */
export async function readPoHistory(): Promise<PoHistoryEntry[]> {
  let raw: unknown;
  try {
    raw = await poHistoryItem.getValue();
  } catch (error) {
    void reportStorageProblem({ key: 'poHistory', kind: 'unreadable', detail: String(error) });
    return [];
  }
  const { entries, dropped } = parsePoHistory(raw);
  if (dropped > 0)
    void reportStorageProblem({ key: 'poHistory', kind: 'unreadable', detail: `${dropped} entries ignored` });
  return entries;
}

let queue: Promise<unknown> = Promise.resolve();

/**
 * Appends one use. Writes are serialized (read, append, write as one step per call), so two uses recorded at the
 * same moment both stay. Rejects with the storage error (quota…) after reporting it; the caller shows it.
 */
export function recordPoUse(entry: PoHistoryEntry): Promise<void> {
  const run = queue.then(async () => {
    const history = await readPoHistory();
    try {
      await poHistoryItem.setValue(appendPoUse(history, entry));
    } catch (error) {
      await reportStorageProblem({ key: 'poHistory', kind: 'write-failed', detail: String(error) });
      throw error;
    }
    await clearStorageProblem('poHistory', 'write-failed');
  });
  queue = run.catch(() => undefined);
  return run;
}
