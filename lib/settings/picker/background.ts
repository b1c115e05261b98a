import { marketplaceForHost } from '@/lib/amazon/marketplaces';
import { t } from '@/lib/i18n';
import { HandlerError, on, type Route, type SenderInfo } from '@/lib/messaging/router';
import { parsePolicy } from '@/lib/policy/schema';
import { userPolicyItem } from '@/lib/storage/items';
import { readSettings } from '@/lib/storage/policy-store';
import { pickerMessages as messages } from '../contract';
import { withPickedSelectors, type PickerContext } from './picked-selectors';

/** The scripts the background injects on demand (entrypoints/picker.ts, entrypoints/page-report.ts). */
export type PickerScript = '/picker.js' | '/page-report.js';

export interface PickerDeps {
  /** Runs one of the extension's scripts in a tab; resolves with its result. */
  runScript: (tabId: number, file: PickerScript) => Promise<unknown>;
  /** The checkout tab the options page means when it names none (the one used last), or null. */
  findCheckoutTab: () => Promise<number | null>;
}

/** A page report is a few KB; anything far larger is not one. */
const MAX_REPORT_CHARS = 500_000;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function onCheckout(sender: SenderInfo): boolean {
  try {
    return sender.url !== undefined && marketplaceForHost(new URL(sender.url).host) !== undefined;
  } catch {
    return false;
  }
}

/** The tab a request is for: a content script's own tab (on a checkout page only), or the tab an extension page
 * names. */
function targetTab(sender: SenderInfo, tabId: number | undefined): number | null {
  if (sender.kind === 'content') return onCheckout(sender) ? (sender.tabId ?? null) : null;
  return tabId ?? null;
}

async function pickerContext(): Promise<PickerContext & { overrides: { poField: string[]; submit: string[] } }> {
  const { effective } = await readSettings();
  const selectors = effective.policy?.selectors;
  const overrides = { poField: [...(selectors?.poField ?? [])], submit: [...(selectors?.submit ?? [])] };
  if (effective.userLocked) return { canSave: false, reason: 'locked', overrides };
  if (!isRecord(await userPolicyItem.getValue())) return { canSave: false, reason: 'no-policy', overrides };
  return { canSave: true, overrides };
}

/** The element picker's and the page report's background handlers. */
export function pickerRoutes({ runScript, findCheckoutTab }: PickerDeps): Route[] {
  const notHere = () => new HandlerError({ kind: 'not-checkout', message: t('picker_notCheckout') });
  return [
    on(messages.openPicker, async ({ tabId }, sender) => {
      const tab = targetTab(sender, tabId);
      if (tab === null) throw notHere();
      await runScript(tab, '/picker.js');
      return { started: true };
    }),
    on(messages.getPickerContext, async (_input, sender) => {
      if (!onCheckout(sender)) throw notHere();
      return pickerContext();
    }),
    on(messages.savePickedSelectors, async (picked, sender) => {
      // Only from a checkout page, where the picker runs; the result is a user policy like any other, checked whole.
      if (!onCheckout(sender)) throw notHere();
      const context = await pickerContext();
      if (context.reason === 'locked') throw new HandlerError({ kind: 'locked', message: t('bg_policyLocked') });
      const user = await userPolicyItem.getValue();
      if (!isRecord(user)) throw new HandlerError({ kind: 'no-policy', message: t('picker_noPolicy') });
      const next = withPickedSelectors(user, picked);
      const parsed = parsePolicy(next);
      if (!parsed.ok) {
        throw new HandlerError({ kind: 'invalid-policy', message: t('bg_policyNotSaved'), problems: parsed.problems });
      }
      await userPolicyItem.setValue(next);
      return { saved: true };
    }),
    on(messages.getPageReport, async ({ tabId }, sender) => {
      const tab =
        sender.kind === 'extension' && tabId === undefined ? await findCheckoutTab() : targetTab(sender, tabId);
      if (tab === null) throw new HandlerError({ kind: 'no-checkout-tab', message: t('report_noCheckoutTab') });
      const text = await runScript(tab, '/page-report.js');
      if (typeof text !== 'string' || text.length > MAX_REPORT_CHARS) {
        throw new HandlerError({ kind: 'no-report', message: t('report_failed') });
      }
      return { text };
    }),
  ];
}
