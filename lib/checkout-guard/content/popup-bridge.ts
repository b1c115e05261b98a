import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { answerTabMessage } from '@/lib/messaging/client';
import type { GuardSession } from './guard-session';

/**
 * Lets the toolbar popup prefill its PO box from the checkout's PO field (`getPoFieldValue`). Answers only this
 * extension (tab messages come from it alone) and only with the PO typed on this page.
 */
export function initPopupBridge(ctx: ContentScriptContext, session: GuardSession): void {
  const { listener } = answerTabMessage('getPoFieldValue', async () => {
    const value = session.field?.isConnected ? session.field.value.trim() : '';
    return { po: value || null };
  });
  browser.runtime.onMessage.addListener(listener);
  ctx.onInvalidated(() => browser.runtime.onMessage.removeListener(listener));
}
