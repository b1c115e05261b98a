import '@/lib/zod-setup';
import { browser } from 'wxt/browser';
import { refreshRemotePolicy, rememberGoodAdminValues } from '@/lib/background/admin-sync';
import { createHandlers, readApiAccess } from '@/lib/background/handlers';
import { sessionLookupCache } from '@/lib/background/lookup-cache';
import { createLookupService } from '@/lib/background/lookup-service';
import { classifySender, dispatchMessage } from '@/lib/messaging/server';

export default defineBackground(() => {
  const lookups = createLookupService({
    fetch: (input, init) => fetch(input, init),
    readAccess: readApiAccess,
    cache: sessionLookupCache,
    // Progress goes to extension pages only (the popup); nobody listening is normal.
    broadcast: (event) => void browser.runtime.sendMessage(event).catch(() => undefined),
  });
  const handlers = createHandlers({ lookups });
  const extensionOrigin = browser.runtime.getURL('/');
  browser.runtime.onMessage.addListener((message, sender) =>
    dispatchMessage(handlers, message, classifySender(sender, browser.runtime.id, extensionOrigin)),
  );

  // Admin settings: remember good values, and keep the policy from the admin's policyUrl fresh (alarms survive
  // the service worker sleeping). The managed policy arrives seconds after start: react when it does.
  const syncRemote = async () => {
    const minutes = await refreshRemotePolicy({ fetch: (input, init) => fetch(input, init), now: () => new Date() });
    if (minutes === null) await browser.alarms.clear(REMOTE_POLICY_ALARM);
    else browser.alarms.create(REMOTE_POLICY_ALARM, { delayInMinutes: minutes });
  };
  const syncAdmin = () => void rememberGoodAdminValues().then(syncRemote).catch((error: unknown) => console.warn('PO Assist: admin settings', error));
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === REMOTE_POLICY_ALARM) syncAdmin();
  });
  browser.storage.onChanged.addListener((_changes, area) => {
    if (area === 'managed') syncAdmin();
  });
  syncAdmin();
});

const REMOTE_POLICY_ALARM = 'remote-policy';
