import { browser } from 'wxt/browser';
import { PO_FIELD_SELECTORS, SUBMIT_SELECTORS } from '@/lib/amazon/selectors';
import type { SerializedApiError } from '@/lib/api/errors';
import { t } from '@/lib/i18n';
import { errorText, HandlerError, on, type Route } from '@/lib/messaging/router';
import { parsePolicy } from '@/lib/policy/schema';
import {
  apiAccessStatus,
  authConfigOf,
  httpsUrlOrNull,
  mergeApiAccess,
  resolveApiAccess,
  type ManagedApiSettings,
} from '@/lib/storage/api-access';
import { lastFieldStatusItem, userPolicyItem, type ApiAccess } from '@/lib/storage/items';
import { apiAccessStore } from '@/lib/storage/secret-store';
import { readStorageProblems } from '@/lib/storage/parsed-item';
import {
  readManagedApiSettings,
  readSettings,
  readSettingsFresh,
  type SettingsSnapshot,
} from '@/lib/storage/policy-store';
import { settingsMessages as messages, type ApiAccessInput } from './contract';

export interface SettingsDeps {
  /**
   * One lookup of a PO nobody uses with this access (saved or not; admin overlay applied), to prove the token and
   * the Reporting API role work. Keeps nothing of an access that is not the saved one.
   */
  testLookup: (access: ApiAccess) => Promise<{ error?: SerializedApiError }>;
  /** Fetch the admin's policyUrl now; resolves with how it went. */
  refreshRemote?: () => Promise<{ ok: boolean; message: string }>;
}

async function currentApiStatus() {
  const managed = await readManagedApiSettings();
  return apiAccessStatus(resolveApiAccess(await apiAccessStore().get(), managed), managed);
}

/**
 * How long the options page's first report waits for managed storage before it shows the user's own settings. The
 * browser's first managed read took 2–30 s after a start (DESIGN.md); a settled one answers in milliseconds.
 */
const ORGANIZATION_WAIT_MS = 200;

/** The settings in force, or (when managed storage has not answered within the wait) the user's own, marked pending. */
async function settingsSoon(): Promise<{ snapshot: SettingsSnapshot; pending: boolean }> {
  const full = readSettings();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), ORGANIZATION_WAIT_MS);
  });
  const first = await Promise.race([full, late]);
  clearTimeout(timer);
  if (first) return { snapshot: first, pending: false };
  return { snapshot: await readSettingsFresh({}), pending: true };
}

/** What a connection test depends on (the other regions do not matter to it). */
const CONNECTION_KEYS = ['mode', 'brokerUrl', 'clientId', 'clientSecret', 'refreshToken', 'region', 'sandbox'] as const;
const sameConnection = (a: ApiAccess | null, b: ApiAccess | null) =>
  CONNECTION_KEYS.every((key) => a?.[key] === b?.[key]);

/** The page sends no broker URL while the organization sets one (it shows it locked). */
const organizationSetsBroker = (input: ApiAccessInput, managed: ManagedApiSettings) =>
  input.mode === 'broker' && !input.brokerUrl?.trim() && httpsUrlOrNull(managed.tokenBrokerUrl) !== null;

/**
 * What the user may still choose under the organization's broker: region, sandbox, other regions. The rest of the
 * user's own access stays for when the organization stops setting a broker; its URL is never copied in.
 */
function withOwnChoices(stored: ApiAccess | null, input: ApiAccessInput): ApiAccess {
  const { otherRegions: storedOthers, ...own } = stored ?? { mode: 'broker' as const };
  const others = (input.otherRegions ?? storedOthers ?? []).filter((region) => region !== input.region);
  return {
    ...own,
    region: input.region,
    sandbox: input.sandbox,
    ...(others.length > 0 ? { otherRegions: others } : {}),
  };
}

async function refuseWhenLocked() {
  const { effective } = await readSettings();
  if (effective.userLocked) throw new HandlerError({ kind: 'locked', message: t('bg_policyLocked') });
}

/** The options page's background handlers: API access, the user's policy, the settings report. */
export function settingsRoutes({ testLookup, refreshRemote }: SettingsDeps): Route[] {
  return [
    on(messages.getApiAccess, currentApiStatus),
    on(messages.saveApiAccess, async (input) => {
      try {
        const [stored, managed] = await Promise.all([apiAccessStore().get(), readManagedApiSettings()]);
        await apiAccessStore().set(
          organizationSetsBroker(input, managed) ? withOwnChoices(stored, input) : mergeApiAccess(stored, input),
        );
      } catch (error) {
        throw new HandlerError({
          kind: 'bad-request',
          message: error instanceof Error ? error.message : String(error),
        });
      }
      return currentApiStatus();
    }),
    on(messages.clearApiAccess, async () => {
      await apiAccessStore().remove();
      return currentApiStatus();
    }),
    on(messages.testApiConnection, async ({ form }) => {
      const [stored, managed] = await Promise.all([apiAccessStore().get(), readManagedApiSettings()]);
      let access: ApiAccess | null = stored;
      if (form) {
        // As Save would store it (a blank secret field keeps the saved secret), but kept in memory only; under the
        // organization's broker, resolveApiAccess below puts its URL in.
        try {
          access = organizationSetsBroker(form, managed) ? withOwnChoices(stored, form) : mergeApiAccess(stored, form);
        } catch (error) {
          return { ok: false, message: errorText(error) };
        }
      }
      const tested = resolveApiAccess(access, managed);
      if (!tested || !authConfigOf(tested)) return { ok: false, message: t('bg_testNotSetUp') };
      const answer = await testLookup(tested);
      const unsaved = !sameConnection(tested, resolveApiAccess(stored, managed));
      const note = unsaved ? ` ${t('apiAccess_testedUnsaved')}` : '';
      if (answer.error) return { ok: false, message: `${answer.error.message}${note}` };
      return { ok: true, message: `${t('bg_testConnected', tested.region)}${note}` };
    }),
    on(messages.getSettingsReport, async ({ waitForOrganization }) => {
      const [{ snapshot, pending }, user, lastField, storageProblems] = await Promise.all([
        waitForOrganization ? readSettings().then((read) => ({ snapshot: read, pending: false })) : settingsSoon(),
        userPolicyItem.getValue(),
        lastFieldStatusItem.getValue(),
        readStorageProblems(),
      ]);
      const { effective, remote } = snapshot;
      const overrides = effective.policy?.selectors;
      const manifest = browser.runtime.getManifest();
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
          ? {
              url: remote.url,
              fetchedAt: remote.fetchedAt,
              lastAttemptAt: remote.lastAttemptAt,
              lastResult: remote.lastResult,
              etag: remote.etag,
            }
          : null,
        selectors: {
          poField: overrides?.poField?.length ? [...overrides.poField] : [...PO_FIELD_SELECTORS],
          submit: overrides?.submit?.length ? [...overrides.submit] : [...SUBMIT_SELECTORS],
          overridden: { poField: Boolean(overrides?.poField?.length), submit: Boolean(overrides?.submit?.length) },
        },
        lastField,
        storageProblems,
        extension: { name: manifest.name, version: manifest.version, id: browser.runtime.id },
        organizationPending: pending,
      };
    }),
    on(messages.saveUserPolicy, async ({ policy }) => {
      await refuseWhenLocked();
      const parsed = parsePolicy(policy);
      if (!parsed.ok) {
        throw new HandlerError({ kind: 'invalid-policy', message: t('bg_policyNotSaved'), problems: parsed.problems });
      }
      // Saved as written (not the parsed form with defaults filled in), so a new default reaches the user later.
      await userPolicyItem.setValue(typeof policy === 'string' ? JSON.parse(policy) : policy);
      return { saved: true };
    }),
    on(messages.clearUserPolicy, async () => {
      await refuseWhenLocked();
      await userPolicyItem.removeValue();
      return { cleared: true };
    }),
    on(messages.refreshRemotePolicy, async () => {
      if (!refreshRemote) return { ok: false, message: t('bg_noPolicyAddress') };
      return refreshRemote();
    }),
  ];
}
