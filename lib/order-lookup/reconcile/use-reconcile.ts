import { browser } from 'wxt/browser';
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Region } from '@/lib/amazon/marketplaces';
import type { DayRange } from '@/lib/api/order-reports';
import type { OrderReport } from '@/lib/api/schemas';
import { parseEvent, sendMessage } from '@/lib/messaging/client';
import { errorText } from '@/lib/messaging/router';
import { readEffectivePolicy, watchPolicySources } from '@/lib/storage/policy-store';
import type { EffectivePolicy } from '@/lib/storage/resolve';
import { reconcileProgress } from '../contract';
import type { JobProgress } from './fetch-job';
import { openOrderStore, type OrderStore } from './order-store';
import { checkRange, parseDeepLink, presetRange, type PeriodPreset, type RangeProblem } from './periods';
import { parsePoList, type PoListResult } from './po-list';
import { reconcile, type ReconcileRow } from './reconcile';

/**
 * The Reconcile page's state: the period, regions and PO list the user chose, the background job's progress (its
 * broadcasts, and a poll when a page was closed and reopened), and the orders of the period read from the
 * extension-origin IndexedDB the job fills, reconciled against the policy in force.
 */

/** While a job runs the table is re-read from the store at most this often (every page would be wasteful). */
const RELOAD_WHILE_RUNNING_MS = 2_000;

export interface ReconcileDeps {
  now?: () => Date;
  openStore?: () => Promise<OrderStore>;
  /** location.search, for deep links. */
  search?: string;
}

export function useReconcile(deps: ReconcileDeps = {}) {
  const now = deps.now ?? (() => new Date());
  const link = useMemo(() => parseDeepLink(deps.search ?? ''), [deps.search]);
  const [preset, setPreset] = useState<PeriodPreset>(link.range ? 'custom' : 'last-month');
  const [range, setRange] = useState<DayRange>(link.range ?? presetRange('last-month', now()));
  const [userRegions, setUserRegions] = useState<Region[]>(link.regions ?? ['US']);
  const [region, setRegion] = useState<Region | 'all'>(link.regions?.length === 1 ? link.regions[0]! : 'all');
  const [listText, setListText] = useState('');
  const [progress, setProgress] = useState<JobProgress | null>(null);
  const [orders, setOrders] = useState<OrderReport[] | null>(null);
  const [effective, setEffective] = useState<EffectivePolicy | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const store = useRef<Promise<OrderStore> | null>(null);
  const shown = useRef<{ range: DayRange; regions: Region[] } | null>(null);
  const lastLoad = useRef(0);

  const getStore = () => (store.current ??= (deps.openStore ?? openOrderStore)());
  const load = useCallback(async (target: { range: DayRange; regions: Region[] }) => {
    shown.current = target;
    lastLoad.current = Date.now();
    const found = await (await getStore()).orders(target.range, target.regions);
    if (shown.current === target) setOrders(found);
  }, []);

  const follow = useCallback(
    (next: JobProgress | null) => {
      setProgress(next);
      if (!next) return;
      const target = { range: next.range, regions: next.regions };
      const settled = next.status !== 'running';
      if (settled || Date.now() - lastLoad.current >= RELOAD_WHILE_RUNNING_MS) void load(target).catch(() => undefined);
    },
    [load],
  );

  useEffect(() => {
    const listener = (message: unknown) => {
      const event = parseEvent(reconcileProgress, message);
      if (event) follow(event.progress);
    };
    browser.runtime.onMessage.addListener(listener);
    void readEffectivePolicy().then(setEffective, () => undefined);
    const unwatch = watchPolicySources(() => void readEffectivePolicy().then(setEffective, () => undefined));
    void (async () => {
      const access = await sendMessage('getApiAccess', {}).catch(() => null);
      const mine = access ? (access.regions ?? [access.region]) : null;
      // A deep link picks the region to start with; "All my regions" stays the regions of the API access.
      if (mine) setUserRegions(mine);
      const status = await sendMessage('getReconcileStatus', {}).catch(() => null);
      // A deep link starts its period; otherwise the page shows (and follows) the last job, still running or not.
      if (link.range && !(status?.status === 'running' && sameJob(status, link.range, link.regions))) {
        await start(link.range, link.regions ?? mine ?? ['US']);
      } else if (status) {
        setPreset('custom');
        setRange(status.range);
        setRegion(status.regions.length === 1 ? status.regions[0]! : 'all');
        follow(status);
      }
    })();
    return () => {
      browser.runtime.onMessage.removeListener(listener);
      unwatch();
      void store.current?.then((opened) => opened.close());
    };
  }, []);

  const list: PoListResult | null = useMemo(() => (listText.trim() ? parsePoList(listText) : null), [listText]);
  const rows: ReconcileRow[] | null = useMemo(
    () =>
      orders ? reconcile(orders, { policy: effective?.policy ?? null, now: now(), list: list?.pos ?? null }) : null,
    [orders, effective, list],
  );
  const problem: RangeProblem | null = checkRange(range, now());
  const regions = region === 'all' ? userRegions : [region];

  async function start(period = range, chosen = regions) {
    setFailure(null);
    setOrders(null);
    try {
      follow(await sendMessage('startReconcileFetch', { from: period.from, to: period.to, regions: chosen }));
    } catch (error) {
      setFailure(errorText(error));
    }
  }

  return {
    preset,
    range,
    problem,
    userRegions,
    region,
    listText,
    list,
    progress,
    rows,
    effective,
    failure,
    choosePreset(next: PeriodPreset) {
      setPreset(next);
      if (next !== 'custom') setRange(presetRange(next, now()));
    },
    chooseRange(next: DayRange) {
      setPreset('custom');
      setRange(next);
    },
    chooseRegion: setRegion,
    setListText,
    start: () => start(),
    async cancel() {
      await sendMessage('cancelReconcileFetch', {}).catch((error: unknown) => setFailure(errorText(error)));
      follow(await sendMessage('getReconcileStatus', {}).catch(() => null));
    },
    async resume() {
      setFailure(null);
      follow(
        await sendMessage('resumeReconcileFetch', {}).catch((error: unknown) => (setFailure(errorText(error)), null)),
      );
    },
  };
}

function sameJob(progress: JobProgress, range: DayRange, regions: Region[] | null): boolean {
  const wanted = regions ?? progress.regions;
  return (
    progress.range.from === range.from &&
    progress.range.to === range.to &&
    wanted.length === progress.regions.length &&
    wanted.every((region) => progress.regions.includes(region))
  );
}

export type ReconcileState = ReturnType<typeof useReconcile>;
