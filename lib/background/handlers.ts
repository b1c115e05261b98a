import { browser } from 'wxt/browser';
import type { FieldStatus } from '@/lib/messaging/protocol';
import type { MessageHandlers } from '@/lib/messaging/server';
import { poHistoryItem } from '@/lib/settings/items';
import { appendPoUse, findPoUses } from '@/lib/settings/history';
import { readEffectivePolicy } from '@/lib/settings/policy-store';

/** Background message handlers: one per message, each small; storage and policy logic live in lib/settings. */
export function createHandlers(): MessageHandlers {
  let lastFieldStatus: FieldStatus | null = null;
  return {
    async getGuardState() {
      const [effective, history] = await Promise.all([readEffectivePolicy(), poHistoryItem.getValue()]);
      return { ...effective, usedPos: [...new Set(history.map((entry) => entry.po))] };
    },
    async checkPoReuse({ po }) {
      const history = await poHistoryItem.getValue();
      return { uses: findPoUses(history, po).map(({ date, marketplace }) => ({ date, marketplace })) };
    },
    async recordPoUse({ po, marketplace }) {
      const history = await poHistoryItem.getValue();
      await poHistoryItem.setValue(appendPoUse(history, { po, marketplace, date: new Date().toISOString() }));
      return { recorded: true };
    },
    async reportFieldStatus(status) {
      lastFieldStatus = status;
      return { ok: true };
    },
    async openOptionsPage() {
      await browser.runtime.openOptionsPage();
      return { ok: true };
    },
    async getFieldStatus() {
      return { last: lastFieldStatus };
    },
  };
}
