import '@/lib/messaging/zod-setup';
import { browser } from 'wxt/browser';
import { checkoutGuardRoutes } from '@/lib/checkout-guard/background';
import { checkoutGuardMessages } from '@/lib/checkout-guard/contract';
import { broadcastEvent } from '@/lib/messaging/client';
import { classifySender, createRouter } from '@/lib/messaging/router';
import { orderLookupRoutes } from '@/lib/order-lookup/background';
import { lookupProgress, orderLookupMessages } from '@/lib/order-lookup/contract';
import { sessionLookupCache } from '@/lib/order-lookup/lookup-cache';
import { createLookupService } from '@/lib/order-lookup/lookup-service';
import { createAdminSync, REMOTE_POLICY_ALARM } from '@/lib/settings/admin-sync';
import { settingsRoutes } from '@/lib/settings/background';
import { settingsMessages } from '@/lib/settings/contract';
import { cacheSettings, readApiAccess } from '@/lib/storage/policy-store';

export default defineBackground(() => {
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
  const router = createRouter();
  router.register(checkoutGuardMessages, checkoutGuardRoutes({ usage: (po) => lookups.usage(po) }));
  router.register(orderLookupMessages, orderLookupRoutes(lookups));
  router.register(
    settingsMessages,
    settingsRoutes({ testLookup: (region) => lookups.testConnection(region), refreshRemote: () => admin.refreshNow() }),
  );
  const extensionOrigin = browser.runtime.getURL('/');
  browser.runtime.onMessage.addListener((message, sender) =>
    router.dispatch(message, classifySender(sender, browser.runtime.id, extensionOrigin)),
  );

  // The admin policy arrives seconds after the browser starts, and may change any time: follow it.
  const syncAdmin = () => void admin.sync().catch((error: unknown) => console.warn('PO Assist: admin settings', error));
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === REMOTE_POLICY_ALARM) syncAdmin();
  });
  browser.storage.onChanged.addListener((_changes, area) => {
    if (area === 'managed') syncAdmin();
  });
  syncAdmin();
});
