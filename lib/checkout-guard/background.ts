import { browser } from 'wxt/browser';
import type { PoUsage } from '@/lib/api/summary';
import { t } from '@/lib/i18n';
import { HandlerError, on, type Route } from '@/lib/messaging/router';
import { activeBlanketPos } from '@/lib/policy/blanket';
import { matcherSpecFor } from '@/lib/policy/cache';
import { describeFormats } from '@/lib/policy/describe';
import { fieldsNeedingChoice, generatePo } from '@/lib/policy/generate';
import { validatePo } from '@/lib/policy/validate';
import { appendPoUse, findPoUses } from '@/lib/storage/history';
import { lastFieldStatusItem, poHistoryItem } from '@/lib/storage/items';
import { readEffectivePolicy } from '@/lib/storage/policy-store';
import { problemSummary } from '@/lib/storage/resolve';
import { checkoutGuardMessages as messages } from './contract';
import { amazonUsageNotice, dateFormatter, localReuseNotice } from './reuse-notice';

export interface CheckoutGuardDeps {
  /** What Amazon says about a PO (the order lookup's service): a count and a date. */
  usage: (po: string) => Promise<PoUsage>;
}

/** The checkout guard's background handlers: one per message, each small; the logic lives in the cores. */
export function checkoutGuardRoutes({ usage }: CheckoutGuardDeps): Route[] {
  return [
    on(messages.getGuardState, async () => {
      const [effective, history] = await Promise.all([readEffectivePolicy(), poHistoryItem.getValue()]);
      const { policy } = effective;
      const now = new Date();
      return {
        ...effective,
        problemSummary: problemSummary(effective),
        usedPos: [...new Set(history.map((entry) => entry.po))],
        formats: policy ? describeFormats(policy, { now }).map(({ id, label, example }) => ({ id, label, example })) : [],
        blanketPos: policy ? activeBlanketPos(policy, now).map(({ po, label }) => ({ po, label: label ?? po })) : [],
        choices: policy
          ? Object.fromEntries(
              policy.formats.map((format) => [
                format.id,
                fieldsNeedingChoice(policy, format.id).map(({ name, label, type, values }) => ({ name, label, type, values })),
              ]),
            )
          : {},
        matcher: policy ? matcherSpecFor(policy) : null,
      };
    }),
    on(messages.explainPo, async ({ po }) => {
      const { policy } = await readEffectivePolicy();
      if (!policy) throw new HandlerError({ kind: 'no-policy', message: t('bg_noPolicy') });
      return validatePo(policy, po, { now: new Date() });
    }),
    on(messages.generatePo, async ({ formatId, values }) => {
      const [{ policy }, history] = await Promise.all([readEffectivePolicy(), poHistoryItem.getValue()]);
      if (!policy) throw new HandlerError({ kind: 'no-policy', message: t('bg_noPolicy') });
      return generatePo(policy, formatId, { now: new Date(), values, history: history.map((entry) => entry.po) });
    }),
    on(messages.checkPoReuse, async ({ po, lang }) => {
      const uses = findPoUses(await poHistoryItem.getValue(), po).map(({ date, marketplace }) => ({ date, marketplace }));
      return { uses, notice: localReuseNotice(po, uses, dateFormatter(lang)) };
    }),
    on(messages.recordPoUse, async ({ po, marketplace }) => {
      const history = await poHistoryItem.getValue();
      await poHistoryItem.setValue(appendPoUse(history, { po, marketplace, date: new Date().toISOString() }));
      return { recorded: true };
    }),
    on(messages.reportFieldStatus, async (status) => {
      await lastFieldStatusItem.setValue(status);
      return { ok: true };
    }),
    on(messages.openOptionsPage, async () => {
      await browser.runtime.openOptionsPage();
      return { ok: true };
    }),
    on(messages.getFieldStatus, async () => ({ last: await lastFieldStatusItem.getValue() })),
    on(messages.checkPoUsage, async ({ po, lang }) => {
      const found = await usage(po);
      return { ...found, notice: amazonUsageNotice(po, found, dateFormatter(lang)) };
    }),
  ];
}
