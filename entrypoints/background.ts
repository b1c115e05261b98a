import '@/lib/messaging/zod-setup';
import { browser } from 'wxt/browser';
import { checkoutGuardRoutes, recordUnconfirmedOrder } from '@/lib/checkout-guard/background';
import { createAmazonUsedPos } from '@/lib/checkout-guard/amazon-used-pos';
import { createBlanketSpendLookup } from '@/lib/checkout-guard/blanket-spend';
import { checkoutGuardMessages } from '@/lib/checkout-guard/contract';
import { createBrowserGuardState, restrictStorageToTrustedContexts } from '@/lib/checkout-guard/guard-state-browser';
import { broadcastEvent } from '@/lib/messaging/client';
import { MESSAGE_PORT_NAME } from '@/lib/messaging/protocol';
import { answerPort, classifySender, createRouter, type RawSender } from '@/lib/messaging/router';
import { orderLookupRoutes, reconcileRoutes } from '@/lib/order-lookup/background';
import { lookupProgress, orderLookupMessages, reconcileMessages, reconcileProgress } from '@/lib/order-lookup/contract';
import { sessionLookupCache } from '@/lib/order-lookup/lookup-cache';
import { createLookupService } from '@/lib/order-lookup/lookup-service';
import { createReconcileService, RECONCILE_ALARM } from '@/lib/order-lookup/reconcile/background';
import { createAdminSync, REMOTE_POLICY_ALARM } from '@/lib/settings/admin-sync';
import { settingsRoutes } from '@/lib/settings/background';
import { pickerMessages, settingsMessages } from '@/lib/settings/contract';
import { pickerRoutes } from '@/lib/settings/picker/background';
import { lastCheckoutTab, runScriptInTab } from '@/lib/settings/picker/inject';
import { prepareVerdictWords } from '@/lib/policy-words';
import { cacheSettings, readApiAccess } from '@/lib/storage/policy-store';

export default defineBackground(() => {
  void restrictStorageToTrustedContexts();
  const guardState = createBrowserGuardState();
  // Settings are read from storage once and again only after a source changes, not for every message.
  cacheSettings();
  const fetchFromWorker: typeof fetch = (input, init) => fetch(input, init);
  const lookups = createLookupService({
    fetch: fetchFromWorker,
    readAccess: readApiAccess,
    cache: sessionLookupCache,
    // Progress goes to extension pages only (the popup).
    broadcast: (event) => broadcastEvent(lookupProgress, event),
  });
  const admin = createAdminSync({ fetch: fetchFromWorker, alarms: browser.alarms });
  // The Reconcile page's fetch job runs here, on the lookups' scheduler; an alarm resumes an interrupted one.
  const reconcile = createReconcileService({
    readAccess: readApiAccess,
    reportsDeps: (access) => lookups.reportsDeps(access),
    broadcast: (progress) => broadcastEvent(reconcileProgress, { progress }),
    alarms: browser.alarms,
  });
  const router = createRouter();
  router.register(
    checkoutGuardMessages,
    checkoutGuardRoutes({
      usage: (po, options) => lookups.usage(po, options),
      guardState,
      usedPosOnAmazon: createAmazonUsedPos({ readAccess: readApiAccess, reportsDeps: lookups.reportsDeps }),
      blanketSpend: createBlanketSpendLookup({ readAccess: readApiAccess, reportsDeps: lookups.reportsDeps }),
    }),
  );
  router.register(orderLookupMessages, orderLookupRoutes(lookups));
  router.register(reconcileMessages, reconcileRoutes(reconcile));
  router.register(
    settingsMessages,
    settingsRoutes({ testLookup: (access) => lookups.testConnection(access), refreshRemote: () => admin.refreshNow() }),
  );
  router.register(pickerMessages, pickerRoutes({ runScript: runScriptInTab, findCheckoutTab: lastCheckoutTab }));
  browser.tabs.onRemoved.addListener((tabId) => void recordUnconfirmedOrder(tabId).catch(() => undefined));
  const extensionOrigin = browser.runtime.getURL('/');
  const classify = (sender: RawSender) => classifySender(sender, browser.runtime.id, extensionOrigin);
  browser.runtime.onMessage.addListener((message, sender) => router.dispatch(message, classify(sender)));
  // The content script's messages at typing speed (explainPo) come on a port: the same router answers them.
  browser.runtime.onConnect.addListener((port) => {
    answerPort(port, router.dispatch, classify);
    // A checkout tab found its PO field: the shopper types next. Build the diagnoses' formatters before that.
    if (port.name === MESSAGE_PORT_NAME) setTimeout(prepareVerdictWords, 0);
  });

  // The admin policy arrives seconds after the browser starts, and may change any time: follow it.
  const syncAdmin = () => void admin.sync().catch((error: unknown) => console.warn('PO Assist: admin settings', error));
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === REMOTE_POLICY_ALARM) syncAdmin();
    if (alarm.name === RECONCILE_ALARM) void reconcile.resumeIfInterrupted();
  });
  browser.storage.onChanged.addListener((_changes, area) => {
    if (area === 'managed') syncAdmin();
  });
  syncAdmin();
  void reconcile.resumeIfInterrupted();
});
