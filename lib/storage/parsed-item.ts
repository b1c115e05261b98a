import { z } from 'zod';
import { storage, type StorageItemKey, type WxtStorageItem, type WxtStorageItemOptions } from 'wxt/utils/storage';

/** A stored value that could not be read (replaced by its fallback) or written (quota…), for Diagnostics. */
export interface StorageProblem {
  key: string;
  kind: 'unreadable' | 'write-failed';
  detail: string;
  at: string;
}

/** Problems kept for Diagnostics: newest first, one per key and kind. */
export const STORAGE_PROBLEMS_LIMIT = 20;

const storageProblemSchema = z.object({
  key: z.string().max(200),
  kind: z.enum(['unreadable', 'write-failed']),
  detail: z.string().max(2000),
  at: z.string().max(100),
});

// Parsed on read like every item, but never reported: a broken problem list must not report itself in a loop.
const rawProblemsItem = storage.defineItem<StorageProblem[]>('session:storageProblems', { fallback: [] });

export async function readStorageProblems(): Promise<StorageProblem[]> {
  const parsed = z.array(storageProblemSchema).safeParse(await rawProblemsItem.getValue().catch(() => []));
  return parsed.success ? parsed.data : [];
}

/** Notes a stored value that was unreadable or could not be written, for Diagnostics. Never throws. */
export async function reportStorageProblem(problem: Omit<StorageProblem, 'at'>): Promise<void> {
  try {
    const previous = await readStorageProblems();
    const detail = problem.detail.slice(0, 2000);
    // The same problem again (read on every message) is not rewritten: Diagnostics shows when it was first seen.
    if (previous.some((p) => p.key === problem.key && p.kind === problem.kind && p.detail === detail)) return;
    const next = [
      { ...problem, detail, at: new Date().toISOString() },
      ...previous.filter((p) => p.key !== problem.key || p.kind !== problem.kind),
    ];
    await rawProblemsItem.setValue(next.slice(0, STORAGE_PROBLEMS_LIMIT));
  } catch (error) {
    console.warn('PO Assist: could not note a storage problem', problem, error);
  }
}

/** A problem that is over (the value was written after all): Diagnostics and the hint stop showing it. */
export async function clearStorageProblem(key: string, kind: StorageProblem['kind']): Promise<void> {
  try {
    const previous = await readStorageProblems();
    const next = previous.filter((p) => p.key !== key || p.kind !== kind);
    if (next.length !== previous.length) await rawProblemsItem.setValue(next);
  } catch (error) {
    console.warn('PO Assist: could not clear a storage problem', key, error);
  }
}

/** The key without its area, as Diagnostics names it (`local:apiAccess` → `apiAccess`). */
const shortKey = (key: string) => key.slice(key.indexOf(':') + 1);

/** zod's first issue in a line, for Diagnostics (never the stored value itself: it may hold a secret). */
function issueLine(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'does not match its schema';
  const path = issue.path.map(String).join('.');
  return `${path ? `${path}: ` : ''}${issue.code}`;
}

/**
 * `storage.defineItem` whose `getValue` parses what it reads with `schema`: an older version's value, a hand edit
 * or a partial write is reported (`session:storageProblems`, shown in Diagnostics) and read as the fallback; it is
 * never thrown into a handler. Everything else is WXT's item as it is.
 */
export function defineParsedItem<T>(
  key: StorageItemKey,
  schema: z.ZodType<T>,
  options: WxtStorageItemOptions<T> & { fallback: T },
): WxtStorageItem<T, Record<string, unknown>> {
  const item = storage.defineItem<T>(key, options);
  const name = shortKey(key);
  const getValue = async (): Promise<T> => {
    let raw: unknown;
    try {
      raw = await item.getValue();
    } catch (error) {
      void reportStorageProblem({ key: name, kind: 'unreadable', detail: String(error) });
      return options.fallback;
    }
    const parsed = schema.safeParse(raw);
    if (parsed.success) return parsed.data;
    void reportStorageProblem({ key: name, kind: 'unreadable', detail: issueLine(parsed.error) });
    return options.fallback;
  };
  return Object.assign(Object.create(item) as WxtStorageItem<T, Record<string, unknown>>, { getValue });
}
