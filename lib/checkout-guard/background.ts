import { browser } from 'wxt/browser';
import type { PoUsage } from '@/lib/api/summary';
import { t, uiLanguage } from '@/lib/i18n';
import { HandlerError, on, type Route } from '@/lib/messaging/router';
import { compiledPolicyFor } from '@/lib/policy/cache';
import { localizePolicy } from '@/lib/policy/localized-text';
import { fieldsNeedingChoice, generatePo, sequencePrefix } from '@/lib/policy/generate';
import { normalisePo, validatePo } from '@/lib/policy/validate';
import { findPoUses, readPoHistory, recordPoUse } from '@/lib/storage/history';
import { lastFieldStatusItem, submittedPosItem, type SubmittedPo } from '@/lib/storage/items';
import { verdictMessage } from '@/lib/policy-words';
import { readEffectivePolicy } from '@/lib/storage/policy-store';
import type { AmazonUsedPos } from './amazon-used-pos';
import type { BlanketSpend, BlanketSpendLookup } from './blanket-spend';
import { checkoutGuardMessages as messages, type GenerateChoice } from './contract';
import type { GuardStateService } from './guard-state';
import { amazonUsageNotice, dateFormatter, localReuseNotice } from './reuse-notice';

export interface CheckoutGuardDeps {
  /** What Amazon says about a PO (the order lookup's service): a count and a date. `signal` cancels it. */
  usage: (po: string, options: { signal?: AbortSignal }) => Promise<PoUsage>;
  guardState: GuardStateService;
  /** The POs Amazon has orders under, by prefix (amazon-used-pos.ts); null without API access. */
  usedPosOnAmazon?: AmazonUsedPos;
  /** Spend under a blanket PO from Amazon's orders (blanket-spend.ts); without it, spend is never known. */
  blanketSpend?: BlanketSpendLookup;
  now?: () => number;
}

/** Candidates Generate checks by PO (the reuse check), at most: past this many used ones it gives up and says so. */
export const GENERATE_ATTEMPTS = 5;

/** Amazon's answer per PO is kept this long: a page re-typing POs cannot make the background ask again. */
export const USAGE_ANSWER_MS = 5 * 60_000;
/** A submitted PO still waiting for its confirmation page after this long was never ordered. */
export const SUBMITTED_PO_MS = 60 * 60_000;

/** The checkout guard's background handlers: one per message, each small; the logic lives in the cores. */
export function checkoutGuardRoutes({
  usage,
  guardState,
  usedPosOnAmazon,
  blanketSpend,
  now = Date.now,
}: CheckoutGuardDeps): Route[] {
  const inFlight = new Map<number | string, { po: string; controller: AbortController; answer: Promise<PoUsage> }>();
  const answers = new Map<string, { at: number; usage: PoUsage }>();

  /** At most one Amazon check per tab: a new PO cancels the previous one; answers are reused for a few minutes. */
  const usageFor = (po: string, tabId: number | string | undefined): Promise<PoUsage> => {
    const known = answers.get(po);
    if (known && now() - known.at < USAGE_ANSWER_MS) return Promise.resolve(known.usage);
    const key = tabId ?? -1;
    const running = inFlight.get(key);
    if (running?.po === po) return running.answer;
    running?.controller.abort();
    const controller = new AbortController();
    const answer = usage(po, { signal: controller.signal }).then((found) => {
      // A failed check is asked again next time, not remembered as "no orders" for minutes.
      if (!found.failed) answers.set(po, { at: now(), usage: found });
      if (answers.size > 200) answers.delete(answers.keys().next().value!);
      return found;
    });
    const entry = { po, controller, answer };
    inFlight.set(key, entry);
    void answer.finally(() => inFlight.get(key) === entry && inFlight.delete(key)).catch(() => undefined);
    return answer;
  };

  // The policy is read from storage per message (a new object each time): compiledPolicyFor shares one compiled form.
  const policyInForce = async () => {
    const { policy } = await readEffectivePolicy();
    if (!policy) throw new HandlerError({ kind: 'no-policy', message: t('bg_noPolicy') });
    // Admin texts in the shopper's language, for the hint and the diagnoses built from the compiled policy.
    return compiledPolicyFor(localizePolicy(policy, uiLanguage())).policy;
  };

  return [
    on(messages.getGuardState, () => guardState.get()),
    on(messages.getGenerateChoices, async ({ formatId }) => {
      const policy = await policyInForce();
      return fieldsNeedingChoice(policy, formatId).map(({ name, label, type, values }): GenerateChoice => ({
        name,
        label,
        type,
        values,
      }));
    }),
    on(messages.explainPo, async ({ po }) => {
      const verdict = validatePo(await policyInForce(), po, { now: new Date() });
      if (verdict.valid) return verdict;
      // The words are rendered here, so the checkout content script carries no diagnosis messages; and it gets the
      // words only, not the reason's parameters (up to 9 KB per keystroke under a policy with 500-code lists).
      const { code, formatId, fix } = verdict;
      return { valid: false, code, formatId, fix, message: verdictMessage(verdict) };
    }),
    on(messages.generatePo, async ({ formatId, values }, sender) => {
      const [policy, history] = await Promise.all([policyInForce(), readPoHistory()]);
      const today = new Date(now());
      // Issue 10, point 4: the next number after every PO Amazon has with this prefix (other shoppers' orders too),
      // and never one the reuse check would flag.
      const prefix = sequencePrefix(policy, formatId, { now: today, values });
      const onAmazon = prefix === null || !usedPosOnAmazon ? null : await usedPosOnAmazon(prefix).catch(() => null);
      const taken = [...history.map((entry) => entry.po), ...(onAmazon ?? [])];
      const flagged: string[] = [];
      let result = generatePo(policy, formatId, { now: today, values, history: taken });
      while (result.ok && prefix !== null) {
        const usedHere = findPoUses(history, result.po).length > 0;
        // Each candidate is looked up by PO even when the order reports failed or did not reach back far enough;
        // without API access the usage answer is "not configured" at once. Its own in-flight slot per tab, so the
        // shopper's typing (checkPoUsage) does not cancel it.
        const onAmazonNow = usedHere ? null : await usageFor(result.po, `generate:${sender.tabId}`).catch(() => null);
        // Never offer an unchecked number: Amazon not answering is not "no orders" (without API access it is
        // "not configured", and the panel says the number is checked against this browser only).
        if (!usedHere && (onAmazonNow === null || onAmazonNow.failed)) {
          throw new HandlerError({ kind: 'generate-unchecked', message: t('bg_generateUnchecked', [result.po]) });
        }
        if (!usedHere && !onAmazonNow?.orders) break;
        flagged.push(result.po);
        // Never offer an unchecked number: after this many used ones, the shopper hears so and picks by hand.
        if (flagged.length >= GENERATE_ATTEMPTS) {
          throw new HandlerError({
            kind: 'generate-used',
            message: t('bg_generateAllUsed', [flagged[0]!, flagged[flagged.length - 1]!]),
          });
        }
        taken.push(result.po);
        result = generatePo(policy, formatId, { now: today, values, history: taken });
      }
      return result;
    }),
    on(messages.checkPoReuse, async ({ po, lang }) => {
      const uses = findPoUses(await readPoHistory(), po).map(({ date, marketplace }) => ({ date, marketplace }));
      return { uses, notice: localReuseNotice(po, uses, dateFormatter(lang)) };
    }),
    on(messages.rememberSubmittedPo, async ({ po, marketplace, final }, sender) => {
      if (sender.tabId === undefined) return { remembered: false };
      const submitted = await readSubmitted();
      submitted[String(sender.tabId)] = { po, marketplace, final, at: new Date(now()).toISOString() };
      await submittedPosItem.setValue(submitted);
      return { remembered: true };
    }),
    on(messages.confirmOrderPlaced, async (_input, sender) => {
      if (sender.tabId === undefined) return { recorded: false, writeError: null };
      const submitted = await readSubmitted();
      const entry = submitted[String(sender.tabId)];
      if (!entry || now() - Date.parse(entry.at) > SUBMITTED_PO_MS) return { recorded: false, writeError: null };
      delete submitted[String(sender.tabId)];
      await submittedPosItem.setValue(submitted);
      try {
        await recordPoUse({ po: entry.po, marketplace: entry.marketplace, date: new Date(now()).toISOString() });
        return { recorded: true, writeError: null };
      } catch (error) {
        return { recorded: false, writeError: error instanceof Error ? error.message : String(error) };
      }
    }),
    on(messages.reportFieldStatus, async (status) => {
      await lastFieldStatusItem.setValue(status);
      return { ok: true };
    }),
    on(messages.openOptionsPage, async ({ section }) => {
      // openOptionsPage() cannot take a fragment; a tab at options.html#section needs no extra permission.
      if (section) await browser.tabs.create({ url: browser.runtime.getURL(`/options.html#${section}`) });
      else await browser.runtime.openOptionsPage();
      return { ok: true };
    }),
    on(messages.getFieldStatus, async () => ({ last: await lastFieldStatusItem.getValue() })),
    on(messages.checkPoUsage, async ({ po, lang }, sender) => {
      const found = await usageFor(po, sender.kind === 'content' ? sender.tabId : undefined);
      return { ...found, notice: amazonUsageNotice(po, found, dateFormatter(lang)) };
    }),
    on(messages.getBlanketSpend, async ({ po }) => {
      // Only a blanket PO this shopper is offered today: the page cannot learn the spend under any other PO.
      const blanket = (await guardState.get()).blanketPos.find((entry) => entry.po === po);
      if (!blanket?.budget || !blanketSpend) return { known: false };
      const policy = await policyInForce();
      const key = normalisePo(policy, po);
      const datedOnly = (policy.blanketPos ?? []).filter((entry) => normalisePo(policy, entry.po) === key).length > 1;
      return blanketSpend(po, blanket, { datedOnly }).catch((): BlanketSpend => ({ known: false }));
    }),
  ];
}

/**
 * The tab closed after its final Place your order without Amazon's confirmation page being seen (closed at once,
 * or a confirmation page we do not recognise): the PO went out with an order, so it is recorded now.
 */
export async function recordUnconfirmedOrder(tabId: number, now = Date.now): Promise<boolean> {
  const submitted = await readSubmitted();
  const entry = submitted[String(tabId)];
  if (!entry) return false;
  delete submitted[String(tabId)];
  await submittedPosItem.setValue(submitted);
  if (!entry.final || now() - Date.parse(entry.at) > SUBMITTED_PO_MS) return false;
  await recordPoUse({ po: entry.po, marketplace: entry.marketplace, date: new Date(now()).toISOString() });
  return true;
}

/** The submitted POs per tab, parsed: anything unreadable reads as none. */
async function readSubmitted(): Promise<Record<string, SubmittedPo>> {
  const raw = await submittedPosItem.getValue().catch(() => ({}));
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return {};
  const out: Record<string, SubmittedPo> = {};
  for (const [tab, value] of Object.entries(raw)) {
    const entry = value as Partial<SubmittedPo> | null;
    if (
      entry &&
      typeof entry.po === 'string' &&
      typeof entry.marketplace === 'string' &&
      typeof entry.at === 'string'
    ) {
      out[tab] = { po: entry.po, marketplace: entry.marketplace, at: entry.at, final: Boolean(entry.final) };
    }
  }
  return out;
}
