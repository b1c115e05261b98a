import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { GuardSession } from './guard-session';

/**
 * Lets the toolbar popup prefill its PO box from the checkout's PO field. Answers only this extension (tab
 * messages come from it alone) and only with the PO typed on this page.
 */
export function initPopupBridge(ctx: ContentScriptContext, session: GuardSession): void {
  const listener = (message: unknown) => {
    const ours = typeof message === 'object' && message !== null && (message as { poAssist?: unknown }).poAssist === 1;
    if (!ours || (message as { type?: unknown }).type !== 'getPoFieldValue') return undefined;
    const value = session.field?.isConnected ? session.field.value.trim() : '';
    return Promise.resolve({ po: value || null });
  };
  browser.runtime.onMessage.addListener(listener);
  ctx.onInvalidated(() => browser.runtime.onMessage.removeListener(listener));
}
