import { browser } from 'wxt/browser';
import { z } from 'zod';
import { sendTabMessage } from '@/lib/messaging/client';

/** The content script is page-side code: its answer is parsed like any untrusted input. */
const replySchema = z.object({ po: z.string().nullable() });

/**
 * The PO typed in the checkout tab the popup was opened over, if any. Most tabs have no PO Assist content script,
 * so "no answer" is the normal case and every failure means "nothing to prefill".
 */
export async function readActiveTabPo(): Promise<string | null> {
  try {
    const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
    if (tab?.id === undefined) return null;
    const parsed = replySchema.safeParse(await sendTabMessage(tab.id, 'getPoFieldValue', {}));
    const po = parsed.success ? parsed.data.po?.trim() : undefined;
    return po ? po : null;
  } catch {
    return null;
  }
}

/** The active tab when it is a checkout page with PO Assist's content script (it answers), else null. */
export async function activeCheckoutTabId(): Promise<number | null> {
  try {
    const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
    if (tab?.id === undefined) return null;
    return replySchema.safeParse(await sendTabMessage(tab.id, 'getPoFieldValue', {})).success ? tab.id : null;
  } catch {
    return null;
  }
}
