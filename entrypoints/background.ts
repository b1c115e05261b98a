import { browser } from 'wxt/browser';
import { createHandlers } from '@/lib/background/handlers';
import { classifySender, dispatchMessage } from '@/lib/messaging/server';

export default defineBackground(() => {
  const handlers = createHandlers();
  const extensionOrigin = browser.runtime.getURL('/');
  browser.runtime.onMessage.addListener((message, sender) =>
    dispatchMessage(handlers, message, classifySender(sender, browser.runtime.id, extensionOrigin)),
  );
});
