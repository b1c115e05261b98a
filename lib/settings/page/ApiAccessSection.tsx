import { useEffect, useState } from 'preact/hooks';
import type { Region } from '@/lib/amazon/marketplaces';
import { REGIONS } from '@/lib/api/regions';
import { t, type MessageKey } from '@/lib/i18n';
import { brokerUrlProblem } from '@/lib/settings/api-access-form';
import { REGION_NAMES } from '@/lib/api/region-names';
import { messageErrorText, sendMessage } from '@/lib/messaging/client';
import type { ApiAccessInput } from '@/lib/settings/contract';
import type { ApiAccessStatus } from '@/lib/storage/api-access';

type Mode = ApiAccessInput['mode'];

interface Draft {
  mode: Mode;
  brokerUrl: string;
  clientId: string;
  clientSecret: string;
  refreshToken: string;
  region: Region;
  otherRegions: Region[];
  sandbox: boolean;
  /** The user chose to replace a stored secret, so its field is shown. */
  replaceSecret: boolean;
  replaceToken: boolean;
}

type FieldProblems = Partial<Record<'brokerUrl' | 'clientId' | 'clientSecret' | 'refreshToken', string>>;
type Outcome = { tone: 'ok' | 'error' | 'muted'; text: string } | null;

function draftFrom(status: ApiAccessStatus): Draft {
  return {
    mode: status.brokerLocked ? 'broker' : (status.mode ?? 'broker'),
    brokerUrl: status.brokerUrl ?? '',
    clientId: '',
    clientSecret: '',
    refreshToken: '',
    region: status.region,
    otherRegions: (status.regions ?? []).filter((region) => region !== status.region),
    sandbox: status.sandbox,
    replaceSecret: false,
    replaceToken: false,
  };
}

/**
 * Options page: how PO Assist reaches the Amazon Business Reporting API for the order lookup. Secrets are write-only
 * here: the background reports only whether they are stored, and a save with empty secret fields keeps them.
 */
export function ApiAccessSection() {
  const [status, setStatus] = useState<ApiAccessStatus | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [problems, setProblems] = useState<FieldProblems>({});
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [busy, setBusy] = useState(false);
  const [confirmForget, setConfirmForget] = useState(false);

  useEffect(() => {
    sendMessage('getApiAccess', {}).then(
      (loaded) => {
        setStatus(loaded);
        setDraft(draftFrom(loaded));
      },
      (error: unknown) => setLoadError(messageErrorText(error)),
    );
  }, []);

  if (loadError) {
    return (
      <div>
        <h2 id="api-heading">{t('apiAccess_heading')}</h2>
        <p class="error" role="alert">
          {t('apiAccess_loadFailed', loadError)}
        </p>
      </div>
    );
  }
  if (!status || !draft) return <p class="muted">{t('apiAccess_loading')}</p>;

  const update = (patch: Partial<Draft>) => {
    setDraft({ ...draft, ...patch });
    setOutcome(null);
  };

  const check = (): FieldProblems => {
    const found: FieldProblems = {};
    if (draft.mode === 'broker') {
      const problem = status.brokerLocked ? null : brokerUrlProblem(draft.brokerUrl);
      if (problem) found.brokerUrl = problem;
      return found;
    }
    if (!draft.clientId.trim() && !status.clientIdHint) found.clientId = t('apiAccess_clientIdMissing');
    // An empty secret field keeps the stored secret, so only a missing one is a problem.
    if (!draft.clientSecret && !status.hasClientSecret) found.clientSecret = t('apiAccess_clientSecretMissing');
    if (!draft.refreshToken && !status.hasRefreshToken) found.refreshToken = t('apiAccess_refreshTokenMissing');
    return found;
  };

  /** The form as the background takes it: blank secret fields stand for the stored secrets. */
  const formInput = (): ApiAccessInput => {
    const input: ApiAccessInput = {
      mode: draft.mode,
      region: status.regionLocked ? status.region : draft.region,
      sandbox: draft.sandbox,
    };
    // Sent when changed only (absent keeps the stored ones).
    const storedOthers = draftFrom(status).otherRegions;
    if (draft.otherRegions.join() !== storedOthers.join()) input.otherRegions = draft.otherRegions;
    if (draft.mode === 'broker' && !status.brokerLocked) input.brokerUrl = draft.brokerUrl.trim();
    if (draft.mode === 'direct') {
      if (draft.clientId.trim()) input.clientId = draft.clientId.trim();
      if (draft.clientSecret) input.clientSecret = draft.clientSecret;
      if (draft.refreshToken) input.refreshToken = draft.refreshToken;
    }
    return input;
  };

  /** Marks the fields that stop a save or a test; true when there are none. */
  const fieldsReady = (stopped: MessageKey): boolean => {
    const found = check();
    setProblems(found);
    if (Object.keys(found).length === 0) return true;
    setOutcome({ tone: 'error', text: t(stopped) });
    return false;
  };

  const save = async (event: Event) => {
    event.preventDefault();
    if (!fieldsReady('apiAccess_fixFields')) return;
    setBusy(true);
    try {
      const saved = await sendMessage('saveApiAccess', formInput());
      setStatus(saved);
      setDraft(draftFrom(saved));
      setOutcome({ tone: 'ok', text: t('apiAccess_saved') });
    } catch (error) {
      setOutcome({ tone: 'error', text: t('apiAccess_notSaved', messageErrorText(error)) });
    } finally {
      setBusy(false);
    }
  };

  // Tests what the form holds, before (and without) saving it.
  const test = async () => {
    if (!fieldsReady('apiAccess_testFixFields')) return;
    setBusy(true);
    setOutcome({ tone: 'muted', text: t('apiAccess_testing') });
    try {
      const result = await sendMessage('testApiConnection', { form: formInput() });
      setOutcome({ tone: result.ok ? 'ok' : 'error', text: result.message });
    } catch (error) {
      setOutcome({ tone: 'error', text: t('apiAccess_testFailed', messageErrorText(error)) });
    } finally {
      setBusy(false);
    }
  };

  const forget = async () => {
    setConfirmForget(false);
    setBusy(true);
    try {
      const cleared = await sendMessage('clearApiAccess', {});
      setStatus(cleared);
      setDraft(draftFrom(cleared));
      setProblems({});
      setOutcome({ tone: 'ok', text: t('apiAccess_forgotten') });
    } catch (error) {
      setOutcome({ tone: 'error', text: t('apiAccess_forgetFailed', messageErrorText(error)) });
    } finally {
      setBusy(false);
    }
  };

  const locked = <span class="locked-note">{t('settings_setByOrganization')}</span>;
  return (
    // A div: the options page's own <section id="api-access"> is the landmark (two named alike: axe landmark-unique).
    <div class="api-access">
      <style>{SECTION_CSS}</style>
      <h2 id="api-heading">{t('apiAccess_heading')}</h2>
      <p class="muted">
        {t('apiAccess_intro')}{' '}
        {t(
          status.configured
            ? status.mode === 'direct'
              ? 'apiAccess_state_direct'
              : 'apiAccess_state_broker'
            : 'apiAccess_state_none',
        )}
      </p>
      <p class="muted" data-testid="storage-note">
        {t('apiAccess_storageNote')}
      </p>
      <form onSubmit={(event) => void save(event)} noValidate>
        <fieldset disabled={status.brokerLocked} aria-describedby={status.brokerLocked ? 'api-mode-locked' : undefined}>
          <legend>{t('apiAccess_modeLegend')}</legend>
          <label class="choice">
            <input
              type="radio"
              name="api-mode"
              value="broker"
              checked={draft.mode === 'broker'}
              onChange={() => update({ mode: 'broker' })}
            />{' '}
            {t('apiAccess_modeBroker')}
          </label>
          <label class="choice">
            <input
              type="radio"
              name="api-mode"
              value="direct"
              checked={draft.mode === 'direct'}
              onChange={() => update({ mode: 'direct' })}
            />{' '}
            {t('apiAccess_modeDirect')}
          </label>
          {status.brokerLocked && <p id="api-mode-locked">{locked}</p>}
        </fieldset>

        {draft.mode === 'broker' ? (
          <div class="field">
            <label for="api-broker-url">{t('apiAccess_brokerUrl')}</label>
            <input
              id="api-broker-url"
              type="url"
              inputMode="url"
              placeholder="https://tokens.example.com/amazon-business"
              value={draft.brokerUrl}
              readOnly={status.brokerLocked}
              aria-invalid={problems.brokerUrl ? 'true' : undefined}
              aria-describedby="api-broker-url-note"
              onInput={(event) => update({ brokerUrl: event.currentTarget.value })}
              onBlur={() => {
                if (!status.brokerLocked && draft.brokerUrl.trim()) {
                  setProblems({ ...problems, brokerUrl: brokerUrlProblem(draft.brokerUrl) ?? undefined });
                }
              }}
            />
            <p id="api-broker-url-note" class={problems.brokerUrl ? 'error' : 'muted'}>
              {status.brokerLocked ? locked : (problems.brokerUrl ?? t('apiAccess_brokerUrlHint'))}
            </p>
          </div>
        ) : (
          <>
            <div class="field">
              <label for="api-client-id">{t('apiAccess_clientId')}</label>
              <input
                id="api-client-id"
                type="text"
                autocomplete="off"
                spellcheck={false}
                value={draft.clientId}
                placeholder={status.clientIdHint ?? 'amzn1.application-oa2-client.…'}
                aria-invalid={problems.clientId ? 'true' : undefined}
                aria-describedby="api-client-id-note"
                onInput={(event) => update({ clientId: event.currentTarget.value })}
              />
              <p id="api-client-id-note" class={problems.clientId ? 'error' : 'muted'}>
                {problems.clientId ??
                  (status.clientIdHint
                    ? t('apiAccess_clientIdStored', status.clientIdHint)
                    : t('apiAccess_clientIdHint'))}
              </p>
            </div>
            {SECRETS.map((secret) => (
              <SecretField
                key={secret.id}
                id={secret.id}
                words={{
                  label: t(secret.words.label),
                  replace: t(secret.words.replace),
                  keepNote: t(secret.words.keepNote),
                  keep: t(secret.words.keep),
                }}
                stored={status[secret.stored]}
                replacing={draft[secret.replacing]}
                value={draft[secret.value]}
                problem={problems[secret.value]}
                onReplace={(replacing) => update(secret.replaced(replacing))}
                onInput={(value) => update(secret.typed(value))}
              />
            ))}
          </>
        )}

        <div class="field">
          <label for="api-region">{t('apiAccess_region')}</label>
          <select
            id="api-region"
            value={draft.region}
            disabled={status.regionLocked}
            aria-describedby={status.regionLocked ? 'api-region-locked' : undefined}
            onChange={(event) => update({ region: event.currentTarget.value as Region })}
          >
            {REGIONS.map((region) => (
              <option key={region} value={region}>
                {REGION_NAMES[region]}
              </option>
            ))}
          </select>
          {status.regionLocked && <p id="api-region-locked">{locked}</p>}
        </div>
        <label class="choice">
          <input
            type="checkbox"
            checked={draft.sandbox}
            onChange={(event) => update({ sandbox: event.currentTarget.checked })}
          />{' '}
          {t('apiAccess_sandbox')}
        </label>
        <fieldset class="other-regions">
          <legend>{t('apiAccess_otherRegions')}</legend>
          {REGIONS.filter((region) => region !== draft.region).map((region) => (
            <label key={region} class="choice">
              <input
                type="checkbox"
                checked={draft.otherRegions.includes(region)}
                onChange={(event) =>
                  update({
                    otherRegions: event.currentTarget.checked
                      ? [...draft.otherRegions, region]
                      : draft.otherRegions.filter((other) => other !== region),
                  })
                }
              />{' '}
              {REGION_NAMES[region]}
            </label>
          ))}
        </fieldset>

        <div class="row">
          <button type="submit" class="primary" disabled={busy}>
            {t('apiAccess_save')}
          </button>
          <button type="button" disabled={busy} onClick={() => void test()}>
            {t('apiAccess_test')}
          </button>
          {(status.configured || status.hasClientSecret || status.hasRefreshToken) && !confirmForget && (
            <button type="button" disabled={busy} onClick={() => setConfirmForget(true)}>
              {t('apiAccess_forget')}
            </button>
          )}
        </div>
        {confirmForget && (
          <div class="row" role="group" aria-label={t('apiAccess_confirmForgetLabel')}>
            <span>{t('apiAccess_confirmForget')}</span>
            <button type="button" onClick={() => void forget()}>
              {t('apiAccess_forgetThem')}
            </button>
            <button type="button" onClick={() => setConfirmForget(false)}>
              {t('apiAccess_keepThem')}
            </button>
          </div>
        )}
        <p class={outcome?.tone ?? 'muted'} role="status" aria-live="polite" data-testid="api-outcome">
          {outcome?.text ?? ''}
        </p>
      </form>
    </div>
  );
}

// The options stylesheet belongs to the policy editor; this section carries the few rules of its own.
const SECTION_CSS = `
.api-access fieldset { border: 1px solid #d5d9d9; border-radius: 8px; margin: 8px 0; padding: 6px 12px; }
.api-access fieldset:disabled { color: #565959; }
.api-access .field { display: grid; gap: 2px; margin: 10px 0; max-width: 520px; }
.api-access .field label, .api-access .field .label { font-weight: 600; }
.api-access .field p { margin: 0; }
.api-access input[type=url], .api-access input[type=text], .api-access input[type=password] { font: inherit; padding: 4px 8px; }
.api-access select { font: inherit; padding: 3px 4px; justify-self: start; min-width: 220px; }
.api-access input[readonly], .api-access select:disabled { background: #f7f7f7; }
.api-access .choice { display: block; margin: 4px 0; }
.api-access .other-regions .choice { display: inline-block; margin-right: 12px; }
.api-access .locked-note { display: inline-block; background: #fff8e6; border: 1px solid #f0c36d; border-radius: 6px; padding: 0 8px; }
.api-access button.link { border: 0; padding: 0; background: none; color: #007185; text-decoration: underline; justify-self: start; }
.api-access select:focus-visible, .api-access button:focus-visible { outline: 2px solid #007185; outline-offset: 2px; }
`;

/** The write-only secrets of direct access: where the status and the draft keep each, and its words. */
const SECRETS: readonly {
  id: string;
  value: 'clientSecret' | 'refreshToken';
  stored: 'hasClientSecret' | 'hasRefreshToken';
  replacing: 'replaceSecret' | 'replaceToken';
  words: Record<'label' | 'replace' | 'keepNote' | 'keep', MessageKey>;
  /** The draft change for choosing to replace the stored secret (or keep it): the field starts empty. */
  replaced: (replacing: boolean) => Partial<Draft>;
  typed: (value: string) => Partial<Draft>;
}[] = [
  {
    id: 'api-client-secret',
    value: 'clientSecret',
    stored: 'hasClientSecret',
    replacing: 'replaceSecret',
    words: {
      label: 'apiAccess_clientSecret',
      replace: 'apiAccess_clientSecretReplace',
      keepNote: 'apiAccess_clientSecretKeepNote',
      keep: 'apiAccess_clientSecretKeep',
    },
    replaced: (replaceSecret) => ({ replaceSecret, clientSecret: '' }),
    typed: (clientSecret) => ({ clientSecret }),
  },
  {
    id: 'api-refresh-token',
    value: 'refreshToken',
    stored: 'hasRefreshToken',
    replacing: 'replaceToken',
    words: {
      label: 'apiAccess_refreshToken',
      replace: 'apiAccess_refreshTokenReplace',
      keepNote: 'apiAccess_refreshTokenKeepNote',
      keep: 'apiAccess_refreshTokenKeep',
    },
    replaced: (replaceToken) => ({ replaceToken, refreshToken: '' }),
    typed: (refreshToken) => ({ refreshToken }),
  },
];

interface SecretFieldProps {
  id: string;
  /** The field's name, the Replace button's accessible name, the note and button for keeping the stored one. */
  words: { label: string; replace: string; keepNote: string; keep: string };
  stored: boolean;
  replacing: boolean;
  value: string;
  problem?: string;
  onReplace: (replacing: boolean) => void;
  onInput: (value: string) => void;
}

/** A write-only secret: "•••• stored" with Replace when one is stored, else an empty password field. */
function SecretField({ id, words, stored, replacing, value, problem, onReplace, onInput }: SecretFieldProps) {
  if (stored && !replacing) {
    return (
      <div class="field">
        <span class="label" id={`${id}-label`}>
          {words.label}
        </span>
        <p class="row">
          <span data-testid={`${id}-stored`}>{t('apiAccess_secretStored')}</span>
          <button type="button" aria-label={words.replace} onClick={() => onReplace(true)}>
            {t('apiAccess_replace')}
          </button>
        </p>
      </div>
    );
  }
  return (
    <div class="field">
      <label for={id}>{words.label}</label>
      <input
        id={id}
        type="password"
        autocomplete="off"
        spellcheck={false}
        value={value}
        aria-invalid={problem ? 'true' : undefined}
        aria-describedby={`${id}-note`}
        onInput={(event) => onInput(event.currentTarget.value)}
      />
      <p id={`${id}-note`} class={problem ? 'error' : 'muted'}>
        {problem ?? (stored ? words.keepNote : t('apiAccess_secretNote'))}
      </p>
      {stored && (
        <button type="button" class="link" onClick={() => onReplace(false)}>
          {words.keep}
        </button>
      )}
    </div>
  );
}
