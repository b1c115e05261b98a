import { browser } from 'wxt/browser';
import { t } from '@/lib/i18n';
import type { FieldStatus } from '@/lib/messaging/protocol';
import type { MessageHandlers } from '@/lib/messaging/server';
import { HandlerError } from '@/lib/messaging/server';
import { apiAccessStatus, mergeApiAccess, resolveApiAccess } from '@/lib/settings/api-access';
import { apiAccessItem, poHistoryItem, userPolicyItem } from '@/lib/settings/items';
import { PO_FIELD_SELECTORS, SUBMIT_SELECTORS } from '@/lib/amazon/selectors';
import { parsePolicy } from '@/lib/policy/schema';
import { appendPoUse, findPoUses } from '@/lib/settings/history';
import { readEffectivePolicy, readSettings } from '@/lib/settings/policy-store';
import { activeBlanketPos } from '@/lib/policy/blanket';
import { toMatcherSpec } from '@/lib/policy/compile';
import { describeFormats } from '@/lib/policy/describe';
import { fieldsNeedingChoice, generatePo } from '@/lib/policy/generate';
import { validatePo } from '@/lib/policy/validate';
import { amazonUsageNotice, dateFormatter, localReuseNotice } from '@/lib/checkout/reuse-notice';
import { problemSummary } from '@/lib/settings/resolve';
import type { LookupService } from './lookup-service';
import type { ReconcileService } from '@/lib/order-lookup/reconcile/background';
import type { Region } from '@/lib/amazon/marketplaces';

export interface HandlerDeps {
  lookups: LookupService;
  /** Fetch the admin's policyUrl now; resolves with how it went. */
  refreshRemote?: () => Promise<{ ok: boolean; message: string }>;
  reconcile?: ReconcileService;
}

// ---- Reconcile page (issue 13): its handlers, spread into createHandlers' table. --------------------------------
function reconcileHandlers(reconcile: ReconcileService | undefined) {
  const service = () => {
    if (!reconcile) throw new HandlerError({ kind: 'unavailable', message: 'Reconcile is not available here.' });
    return reconcile;
  };
  return {
    startReconcileFetch: async ({ from, to, regions }: { from: string; to: string; regions: Region[] }) =>
      service().start({ from, to }, [...new Set(regions)]),
    resumeReconcileFetch: async () => service().resume(),
    cancelReconcileFetch: async () => ({ cancelled: await service().cancel() }),
    getReconcileStatus: async () => service().status(),
  };
}
// ---- end Reconcile page -----------------------------------------------------------------------------------------

/** The admin's API settings (managed storage, each key parsed on its own, last good kept). */
export async function readManagedApiSettings() {
  const { managed } = await readSettings();
  return { tokenBrokerUrl: managed.tokenBrokerUrl, region: managed.region };
}

export async function readApiAccess() {
  const [user, managed] = await Promise.all([apiAccessItem.getValue(), readManagedApiSettings()]);
  return resolveApiAccess(user, managed);
}

async function currentApiStatus() {
  const managed = await readManagedApiSettings();
  return apiAccessStatus(resolveApiAccess(await apiAccessItem.getValue(), managed), managed);
}

/** Background message handlers: one per message, each small; the logic lives in lib/settings and lib/api. */
export function createHandlers({ lookups, refreshRemote, reconcile }: HandlerDeps): MessageHandlers {
  let lastFieldStatus: FieldStatus | null = null;
  return {
    async getGuardState() {
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
        matcher: policy ? toMatcherSpec(policy) : null,
      };
    },
    async explainPo({ po }) {
      const { policy } = await readEffectivePolicy();
      if (!policy) throw new HandlerError({ kind: 'no-policy', message: t('bg_noPolicy') });
      return validatePo(policy, po, { now: new Date() });
    },
    async generatePo({ formatId, values }) {
      const [{ policy }, history] = await Promise.all([readEffectivePolicy(), poHistoryItem.getValue()]);
      if (!policy) throw new HandlerError({ kind: 'no-policy', message: t('bg_noPolicy') });
      return generatePo(policy, formatId, { now: new Date(), values, history: history.map((entry) => entry.po) });
    },
    async checkPoReuse({ po, lang }) {
      const uses = findPoUses(await poHistoryItem.getValue(), po).map(({ date, marketplace }) => ({ date, marketplace }));
      return { uses, notice: localReuseNotice(po, uses, dateFormatter(lang)) };
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
    async lookupOrdersByPo(input) {
      return lookups.lookup(input);
    },
    async cancelLookup({ lookupId }) {
      return { cancelled: lookups.cancel(lookupId) };
    },
    async getCachedLookup({ po, region }) {
      return lookups.cached(po, region);
    },
    async getApiAccess() {
      return currentApiStatus();
    },
    async saveApiAccess(input) {
      try {
        await apiAccessItem.setValue(mergeApiAccess(await apiAccessItem.getValue(), input));
      } catch (error) {
        throw new HandlerError({ kind: 'bad-request', message: error instanceof Error ? error.message : String(error) });
      }
      return currentApiStatus();
    },
    async clearApiAccess() {
      await apiAccessItem.removeValue();
      return currentApiStatus();
    },
    async testApiConnection() {
      const status = await currentApiStatus();
      if (!status.configured) return { ok: false, message: t('bg_testNotSetUp') };
      // A PO nobody uses: one page, enough to prove the token and the Reporting API role work.
      const answer = await lookups.lookup({ po: 'PO-ASSIST-CONNECTION-TEST', region: status.region, refresh: true, lookupId: 'connection-test' });
      if (answer.error) return { ok: false, message: answer.error.message };
      return { ok: true, message: t('bg_testConnected', status.region) };
    },
    async getSettingsReport() {
      const [snapshot, user] = await Promise.all([readSettings(), userPolicyItem.getValue()]);
      const { effective } = snapshot;
      const overrides = effective.policy?.selectors;
      const manifest = browser.runtime.getManifest();
      const remote = snapshot.remote;
      return {
        effective: {
          policy: effective.policy,
          source: effective.source,
          broken: effective.broken,
          adminControlled: effective.adminControlled,
          userLocked: effective.userLocked,
        },
        adminPolicy: snapshot.adminPolicy ?? null,
        userPolicy: user,
        managed: snapshot.managed,
        managedProblems: snapshot.managedProblems,
        managedKeys: snapshot.managedKeys,
        remote: remote
          ? { url: remote.url, fetchedAt: remote.fetchedAt, lastAttemptAt: remote.lastAttemptAt, lastResult: remote.lastResult, etag: remote.etag }
          : null,
        selectors: {
          poField: overrides?.poField?.length ? [...overrides.poField] : [...PO_FIELD_SELECTORS],
          submit: overrides?.submit?.length ? [...overrides.submit] : [...SUBMIT_SELECTORS],
          overridden: { poField: Boolean(overrides?.poField?.length), submit: Boolean(overrides?.submit?.length) },
        },
        lastField: lastFieldStatus,
        extension: { name: manifest.name, version: manifest.version, id: browser.runtime.id },
      };
    },
    async saveUserPolicy({ policy }) {
      const { effective } = await readSettings();
      if (effective.userLocked) {
        throw new HandlerError({ kind: 'locked', message: t('bg_policyLocked') });
      }
      const parsed = parsePolicy(policy);
      if (!parsed.ok) {
        throw new HandlerError({ kind: 'invalid-policy', message: t('bg_policyNotSaved'), problems: parsed.problems });
      }
      // Saved as written (not the parsed form with defaults filled in), so a new default reaches the user later.
      await userPolicyItem.setValue(typeof policy === 'string' ? JSON.parse(policy) : policy);
      return { saved: true };
    },
    async clearUserPolicy() {
      const { effective } = await readSettings();
      if (effective.userLocked) {
        throw new HandlerError({ kind: 'locked', message: t('bg_policyLocked') });
      }
      await userPolicyItem.removeValue();
      return { cleared: true };
    },
    async refreshRemotePolicy() {
      if (!refreshRemote) return { ok: false, message: t('bg_noPolicyAddress') };
      return refreshRemote();
    },
    async checkPoUsage({ po, lang }) {
      const usage = await lookups.usage(po);
      return { ...usage, notice: amazonUsageNotice(po, usage, dateFormatter(lang)) };
    },
    ...reconcileHandlers(reconcile),
  };
}
