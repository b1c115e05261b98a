import type { Worker } from 'playwright-core';
import type { ExtensionBrowser } from './chromium';

export type StorageAreaName = 'local' | 'session' | 'managed';
type WritableArea = Exclude<StorageAreaName, 'managed'>;

interface StorageArea {
  get(keys: string[] | null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string[]): Promise<void>;
  clear(): Promise<void>;
}

/** The part of `chrome.storage` the tests touch, as it exists in the extension's service worker (not in Node). */
interface WorkerStorageGlobal {
  chrome: { storage: Record<StorageAreaName, StorageArea> };
}

/**
 * The extension's service worker now. Chromium may stop an idle worker and start a new one; the handle from
 * launch then no longer answers, so look it up again each time.
 */
export async function currentWorker(browser: ExtensionBrowser): Promise<Worker> {
  const prefix = `chrome-extension://${browser.extensionId}/`;
  const live = browser.context.serviceWorkers().find((worker) => worker.url().startsWith(prefix));
  if (live) return live;
  return browser.context.waitForEvent('serviceworker', {
    predicate: (worker) => worker.url().startsWith(prefix),
    timeout: 10_000,
  });
}

/** Reads and writes `chrome.storage` inside the extension, as the extension's own code would. */
export function extensionStorage(browser: ExtensionBrowser) {
  return {
    async get(area: StorageAreaName, keys: string[] | null = null): Promise<Record<string, unknown>> {
      return (await currentWorker(browser)).evaluate(
        (arg) => (globalThis as unknown as WorkerStorageGlobal).chrome.storage[arg.area].get(arg.keys),
        { area, keys },
      );
    },
    async set(area: WritableArea, items: Record<string, unknown>): Promise<void> {
      await (
        await currentWorker(browser)
      ).evaluate((arg) => (globalThis as unknown as WorkerStorageGlobal).chrome.storage[arg.area].set(arg.items), {
        area,
        items,
      });
    },
    async remove(area: WritableArea, keys: string[]): Promise<void> {
      await (
        await currentWorker(browser)
      ).evaluate((arg) => (globalThis as unknown as WorkerStorageGlobal).chrome.storage[arg.area].remove(arg.keys), {
        area,
        keys,
      });
    },
    async clear(area: WritableArea): Promise<void> {
      await (
        await currentWorker(browser)
      ).evaluate((name) => (globalThis as unknown as WorkerStorageGlobal).chrome.storage[name].clear(), area);
    },
  };
}
