import '@/lib/messaging/zod-setup';
import { browser } from 'wxt/browser';
import { createAdminSync, REMOTE_POLICY_ALARM } from '@/lib/settings/admin-sync';
import { createHandlers, readApiAccess } from '@/lib/background/handlers';
import { sessionLookupCache } from '@/lib/order-lookup/lookup-cache';
import { createLookupService } from '@/lib/order-lookup/lookup-service';
import { classifySender, dispatchMessage } from '@/lib/messaging/server';

export default defineBackground(() => {
  const fetchFromWorker: typeof fetch = (input, init) => fetch(input, init);
  const lookups = createLookupService({
    fetch: fetchFromWorker,
    readAccess: readApiAccess,
    cache: sessionLookupCache,
    // Progress goes to extension pages only (the popup); nobody listening is normal.
    broadcast: (event) => void browser.runtime.sendMessage(event).catch(() => undefined),
  });
  const admin = createAdminSync({ fetch: fetchFromWorker, alarms: browser.alarms });
  const handlers = createHandlers({ lookups, refreshRemote: () => admin.refreshNow() });
  const extensionOrigin = browser.runtime.getURL('/');
  browser.runtime.onMessage.addListener((message, sender) =>
    dispatchMessage(handlers, message, classifySender(sender, browser.runtime.id, extensionOrigin)),
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
