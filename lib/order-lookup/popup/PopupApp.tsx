import { browser } from 'wxt/browser';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { BlanketBudget } from '@/components/order-lookup/BlanketBudget';
import { downloadFile } from '@/components/shared/download';
import { LookupForm } from '@/components/order-lookup/LookupForm';
import { LookupNoticeView } from '@/components/order-lookup/LookupNoticeView';
import { LoadingNote, LookupProgress } from '@/components/order-lookup/LookupProgress';
import { OrderList } from '@/components/order-lookup/OrderList';
import { OrdersSummary } from '@/components/order-lookup/OrdersSummary';
import { PolicyCheck } from '@/components/order-lookup/PolicyCheck';
import { RecentSearches } from '@/components/order-lookup/RecentSearches';
import { ResultActions } from '@/components/order-lookup/ResultActions';
import type { Region } from '@/lib/amazon/marketplaces';
import { REGIONS } from '@/lib/api/regions';
import { summarizeOrders } from '@/lib/api/summary';
import { t, tPlural, uiLanguage } from '@/lib/i18n';
import { blanketBudgetStatus } from '@/lib/order-lookup/blanket-budget';
import { csvFileName } from '@/lib/order-lookup/format';
import { lookupOrdersCsv } from '@/lib/order-lookup/lookup-csv';
import { notConfiguredNotice, type NoticeActionKind } from '@/lib/order-lookup/notices';
import { policyMismatchHint } from '@/lib/order-lookup/policy-hint';
import { readLastShownLookup } from '@/lib/order-lookup/lookup-cache';
import { localizePolicy } from '@/lib/policy/localized-text';
import {
  clearRecentSearches,
  readRecentSearches,
  rememberSearch,
  type RecentSearch,
} from '@/lib/order-lookup/recent-searches';
import { messageErrorText, sendMessage } from '@/lib/messaging/client';
import type { ApiAccessStatus } from '@/lib/storage/api-access';
import { readEffectivePolicy, readSettingsProvisional, watchPolicySources } from '@/lib/storage/policy-store';
import type { EffectivePolicy } from '@/lib/storage/resolve';
import { activeCheckoutTabId, readActiveTabPo } from './active-tab';
import { useLookup } from './use-lookup';

/** Toolbar popup: look up every order placed under a PO, and check a PO against the company's policy. */
export function App() {
  const lookup = useLookup();
  const { state } = lookup;
  const [po, setPo] = useState('');
  const [region, setRegion] = useState<Region>('US');
  const [access, setAccess] = useState<ApiAccessStatus | null>(null);
  const [accessPending, setAccessPending] = useState(true);
  const [policyPending, setPolicyPending] = useState(true);
  const [effective, setEffective] = useState<EffectivePolicy | null>(null);
  const [recent, setRecent] = useState<RecentSearch[]>([]);
  const [formProblem, setFormProblem] = useState<string | null>(null);
  const [actionStatus, setActionStatus] = useState('');
  const [now, setNow] = useState(() => new Date());
  /** The checkout tab the popup was opened over (its content script answered), for the element picker. */
  const [checkoutTab, setCheckoutTab] = useState<number | null>(null);
  const regionRef = useRef<HTMLSelectElement>(null);
  // What the user typed or chose before the saved defaults arrived wins over them.
  const touched = useRef({ po: false, region: false });
  const regionNow = useRef(region);
  const restored = useRef<string | null>(null);
  const prefilled = useRef(false);
  regionNow.current = region;

  useEffect(() => {
    // Admin texts (format and field labels) in the UI language, for the check and the mismatch hint.
    const localized = (next: EffectivePolicy) =>
      next.policy ? { ...next, policy: localizePolicy(next.policy, uiLanguage()) } : next;
    let settled = false;
    // Managed storage answers seconds after the browser starts: the user's own settings (or the admin's last good
    // ones) show at once, marked as still checking, and the organization's replace them when they arrive.
    void readSettingsProvisional().then(
      (next) => settled || setEffective(localized(next.effective)),
      () => undefined,
    );
    const loadPolicy = () =>
      void readEffectivePolicy()
        .then((next) => setEffective(localized(next)))
        .catch(() => undefined)
        .finally(() => {
          settled = true;
          setPolicyPending(false);
        });
    loadPolicy();
    const unwatch = watchPolicySources(loadPolicy);
    void readRecentSearches().then(setRecent, () => undefined);
    void activeCheckoutTabId().then(setCheckoutTab);
    // Reopening the popup shows the answer it showed last (from the session cache) instead of an empty form.
    void (async () => {
      const last = await readLastShownLookup().catch(() => null);
      if (!last || touched.current.po || prefilled.current) return;
      restored.current = last.po;
      setPo(last.po);
      if (!touched.current.region) {
        touched.current.region = true;
        regionNow.current = last.region;
        setRegion(last.region);
      }
      await lookup.showCached(last.po, last.region);
    })();
    void (async () => {
      const status = await sendMessage('getApiAccess', {}).catch(() => null);
      setAccess(status);
      setAccessPending(false);
      const defaultRegion = status?.region ?? regionNow.current;
      if (!touched.current.region) {
        regionNow.current = defaultRegion;
        setRegion(defaultRegion);
      }
      const prefill = await readActiveTabPo();
      // The PO typed at checkout wins over the answer restored from last time.
      if (prefill && !touched.current.po && prefill !== restored.current) {
        prefilled.current = true;
        setPo(prefill);
        if (!(await lookup.showCached(prefill, regionNow.current)) && !touched.current.po) lookup.clear();
      }
    })();
    const tick = setInterval(() => setNow(new Date()), 30_000);
    return () => {
      unwatch();
      clearInterval(tick);
    };
  }, []);

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === 'Escape' && state.phase === 'running') {
        event.preventDefault();
        lookup.cancel();
      }
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [state.phase, lookup.cancel]);

  const run = (searchPo: string, searchRegion: Region, refresh = false) => {
    const trimmed = searchPo.trim();
    if (!trimmed) {
      setFormProblem(t('form_poMissing'));
      document.getElementById('lookup-po')?.focus();
      return;
    }
    setFormProblem(null);
    setActionStatus('');
    void rememberSearch({ po: trimmed, region: searchRegion, at: new Date().toISOString() }).then(
      setRecent,
      () => undefined,
    );
    void lookup.search(trimmed, searchRegion, { refresh });
  };

  const openSettings = () => void browser.runtime.openOptionsPage().catch(() => undefined);
  // The picker runs in the checkout tab; the popup closes so the shopper can click the page.
  const pickField = (tabId: number) =>
    void sendMessage('openPicker', { tabId }).then(
      () => window.close(),
      (error: unknown) => setActionStatus(messageErrorText(error)),
    );

  const shown = state.phase === 'done' ? state.response : null;
  const shownPo = state.phase === 'running' || state.phase === 'failed' ? state.po : shown?.po;
  const shownRegion = state.phase === 'running' || state.phase === 'failed' ? state.region : shown?.region;
  const hint = shownPo ? policyMismatchHint(effective?.policy ?? null, shownPo, now) : null;
  const summary = useMemo(() => (shown ? summarizeOrders(shown.orders) : null), [shown]);
  const budget = useMemo(
    () => (shown ? blanketBudgetStatus(effective?.policy ?? null, shown.po, shown.orders, now) : null),
    [shown, effective, now],
  );
  const notice =
    state.phase === 'done' || state.phase === 'failed'
      ? state.notice
      : state.phase === 'idle' && access && !access.configured
        ? notConfiguredNotice()
        : null;

  const onNoticeAction = (kind: NoticeActionKind) => {
    if (kind === 'open-settings') openSettings();
    else if (kind === 'choose-region') regionRef.current?.focus();
    else if (shownPo && shownRegion) {
      setPo(shownPo);
      setRegion(shownRegion);
      run(shownPo, shownRegion, true);
    }
  };

  const pickRecent = async (search: RecentSearch) => {
    touched.current = { po: true, region: true };
    setPo(search.po);
    setRegion(search.region);
    setFormProblem(null);
    if (!(await lookup.showCached(search.po, search.region))) run(search.po, search.region);
  };

  const exportCsv = () => {
    if (!shown) return;
    const fileName = csvFileName(shown.po, shown.region);
    downloadFile(fileName, 'text/csv;charset=utf-8', lookupOrdersCsv(shown.orders));
    setActionStatus(tPlural('actions_saved', shown.orders.length, [fileName]));
  };

  const copyIds = async () => {
    if (!shown) return;
    const ids = shown.orders.map((order) => order.orderMetadata.orderId);
    try {
      await navigator.clipboard.writeText(ids.join('\n'));
      setActionStatus(tPlural('actions_copied', ids.length));
    } catch (error) {
      setActionStatus(t('actions_copyFailed', error instanceof Error ? error.message : String(error)));
    }
  };

  return (
    <>
      <header class="popup-header">
        <h1>{t('popup_title')}</h1>
        <span class="row">
          {/* Extension pages share one origin: the root path is the built reconcile.html. */}
          <a href="/reconcile.html" target="_blank" rel="noopener">
            {t('reconcile_open')}
          </a>
          <button type="button" class="link" onClick={openSettings}>
            {t('popup_settings')}
          </button>
        </span>
      </header>
      {checkoutTab !== null && (
        <p class="row">
          <button type="button" class="link" onClick={() => pickField(checkoutTab)} data-testid="pick-field">
            {t('popup_pickField')}
          </button>
        </p>
      )}
      <LookupForm
        po={po}
        region={region}
        regions={REGIONS}
        regionRef={regionRef}
        problem={formProblem}
        onPoInput={(value) => {
          touched.current.po = true;
          setPo(value);
          if (formProblem && value.trim()) setFormProblem(null);
        }}
        onRegionChange={(value) => {
          touched.current.region = true;
          setRegion(value);
        }}
        onSearch={() => run(po, region)}
      />
      {hint && (
        <p class="hint warning" role="status" data-testid="policy-hint">
          {hint}
        </p>
      )}
      <div role="status" aria-live="polite" class="live" data-testid="lookup-status">
        {state.phase === 'idle' && accessPending && (
          <LoadingNote testId="access-checking" text={t('popup_checkingAccess')} />
        )}
        {state.phase === 'running' && <LookupProgress {...state} />}
        {shown && shown.orders.length > 0 && (
          <span class="sr-only">
            {tPlural(shown.complete ? 'popup_found' : 'popup_foundSoFar', shown.orders.length)}
          </span>
        )}
      </div>
      {state.phase === 'running' && (
        <button
          type="button"
          class="cancel"
          aria-keyshortcuts="Escape"
          disabled={state.cancelling}
          onClick={lookup.cancel}
        >
          {t('popup_cancel')}
        </button>
      )}
      {notice && <LookupNoticeView notice={notice} onAction={onNoticeAction} />}
      {shown && (
        <section class="results" aria-label={t('popup_results')}>
          {budget && <BlanketBudget status={budget} complete={shown.complete} />}
          {summary && shown.orders.length > 0 && (
            <OrdersSummary summary={summary} po={shown.po} region={shown.region} />
          )}
          {(shown.orders.length > 0 || shown.fromCache) && (
            <ResultActions
              orderCount={shown.orders.length}
              cachedAt={shown.fromCache ? shown.fetchedAt : null}
              now={now}
              status={actionStatus}
              onRefresh={() => {
                setPo(shown.po);
                setRegion(shown.region);
                run(shown.po, shown.region, true);
              }}
              onExportCsv={exportCsv}
              onCopyIds={() => void copyIds()}
            />
          )}
          {shown.orders.length > 0 && (
            <OrderList
              key={`${shown.region}:${shown.po}:${shown.fetchedAt}`}
              orders={shown.orders}
              region={shown.region}
              po={shown.po}
            />
          )}
        </section>
      )}
      {state.phase !== 'running' && (
        <RecentSearches
          searches={recent}
          onPick={(search) => void pickRecent(search)}
          onClear={() => {
            setRecent([]);
            void clearRecentSearches().catch(() => undefined);
          }}
        />
      )}
      <PolicyCheck effective={effective} checkingOrg={policyPending} now={now} onOpenSettings={openSettings} />
    </>
  );
}
