import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { Region } from '@/lib/amazon/marketplaces';
import type { DayRange } from '@/lib/api/order-reports';
import type { OrderReport } from '@/lib/api/schemas';
import { addCoverage, type CoverageEntry } from './coverage';
import type { JobState } from './fetch-job';

/**
 * The orders of the Reconcile page, kept in IndexedDB of the extension's origin (pages and the background share
 * it; web pages and content scripts cannot reach it), so a later run fetches only what is new. The fetch job's
 * state is written in the same transaction as each page's orders, so an interrupted fetch resumes from the page
 * after the last one stored, never losing or repeating one.
 */

export const ORDER_DB_NAME = 'po-assist-reconcile';

interface StoredOrder {
  /** `region|orderId`. */
  key: string;
  region: string;
  orderDate: string;
  order: OrderReport;
}

interface ReconcileDb extends DBSchema {
  orders: { key: string; value: StoredOrder; indexes: { byRegionDate: [string, string] } };
  coverage: { key: string; value: { region: string; entries: CoverageEntry[] } };
  jobs: { key: string; value: JobState };
}

export interface OrderStore {
  /** One page: its orders, the job's new state and, after a window's last page, its coverage, all together. */
  putPage(region: Region, orders: readonly OrderReport[], job: JobState, completed?: CoverageEntry): Promise<void>;
  saveJob(job: JobState): Promise<void>;
  loadJob(): Promise<JobState | null>;
  coverage(region: Region): Promise<CoverageEntry[]>;
  /** Orders of the regions placed on the days of `range` (UTC), oldest first. */
  orders(range: DayRange, regions: readonly Region[]): Promise<OrderReport[]>;
  clear(): Promise<void>;
  close(): void;
}

const JOB_KEY = 'current';

export async function openOrderStore(name = ORDER_DB_NAME): Promise<OrderStore> {
  const db: IDBPDatabase<ReconcileDb> = await openDB<ReconcileDb>(name, 1, {
    upgrade(database) {
      database.createObjectStore('orders', { keyPath: 'key' }).createIndex('byRegionDate', ['region', 'orderDate']);
      database.createObjectStore('coverage', { keyPath: 'region' });
      database.createObjectStore('jobs');
    },
  });
  return {
    async putPage(region, orders, job, completed) {
      const tx = db.transaction(['orders', 'jobs', 'coverage'], 'readwrite');
      const store = tx.objectStore('orders');
      for (const order of orders) {
        void store.put({
          key: `${region}|${order.orderMetadata.orderId}`,
          region,
          orderDate: order.orderMetadata.orderDate,
          order,
        });
      }
      void tx.objectStore('jobs').put(job, JOB_KEY);
      if (completed) {
        const current = (await tx.objectStore('coverage').get(region))?.entries ?? [];
        void tx.objectStore('coverage').put({ region, entries: addCoverage(current, completed) });
      }
      await tx.done;
    },
    async saveJob(job) {
      await db.put('jobs', job, JOB_KEY);
    },
    async loadJob() {
      return (await db.get('jobs', JOB_KEY)) ?? null;
    },
    async coverage(region) {
      return (await db.get('coverage', region))?.entries ?? [];
    },
    async orders(range, regions) {
      const out: OrderReport[] = [];
      for (const region of regions) {
        const bounds = IDBKeyRange.bound(
          [region, `${range.from}T00:00:00.000Z`],
          [region, `${range.to}T23:59:59.999Z`],
        );
        for (const stored of await db.getAllFromIndex('orders', 'byRegionDate', bounds)) {
          // The region asked for, when Amazon's order does not say: each order shows (and exports) its region.
          const { order } = stored;
          out.push(
            order.orderMetadata.region
              ? order
              : { ...order, orderMetadata: { ...order.orderMetadata, region: stored.region } },
          );
        }
      }
      return out.sort((a, b) => a.orderMetadata.orderDate.localeCompare(b.orderMetadata.orderDate));
    },
    async clear() {
      const tx = db.transaction(['orders', 'coverage', 'jobs'], 'readwrite');
      await Promise.all([
        tx.objectStore('orders').clear(),
        tx.objectStore('coverage').clear(),
        tx.objectStore('jobs').clear(),
      ]);
      await tx.done;
    },
    close: () => db.close(),
  };
}
