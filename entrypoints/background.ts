import '@/lib/zod-setup';
import { browser } from 'wxt/browser';
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
});
