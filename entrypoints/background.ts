import '@/lib/zod-setup';
import { browser } from 'wxt/browser';
import { createAdminSync, REMOTE_POLICY_ALARM } from '@/lib/background/admin-sync';
import { createHandlers, readApiAccess } from '@/lib/background/handlers';
import { sessionLookupCache } from '@/lib/background/lookup-cache';
import { createLookupService } from '@/lib/background/lookup-service';
import { classifySender, dispatchMessage } from '@/lib/messaging/server';
import { createReconcileService, RECONCILE_ALARM } from '@/lib/order-lookup/reconcile/background';

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
  // ---- Reconcile page (issue 13): the fetch job runs here, on the lookups' scheduler; an alarm resumes it. ----
  const reconcile = createReconcileService({
    readAccess: readApiAccess,
    reportsDeps: (access) => lookups.reportsDeps(access),
    broadcast: (progress) => void browser.runtime.sendMessage({ poAssistEvent: 'reconcileProgress', progress }).catch(() => undefined),
    alarms: browser.alarms,
  });
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === RECONCILE_ALARM) void reconcile.resumeIfInterrupted();
  });
  void reconcile.resumeIfInterrupted();
  // ---- end Reconcile page ----
  const handlers = createHandlers({ lookups, refreshRemote: () => admin.refreshNow(), reconcile });
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
