import { useEffect, useState } from 'preact/hooks';
import type { Region } from '@/lib/amazon/marketplaces';
import { REGIONS } from '@/lib/api/regions';
import { brokerUrlProblem } from '@/lib/lookup/api-access';
import { REGION_NAMES } from '@/lib/lookup/format';
import { MessageError, sendMessage } from '@/lib/messaging/client';
import type { ApiAccessInput, ApiAccessStatus } from '@/lib/messaging/protocol';

type Mode = ApiAccessInput['mode'];

interface Draft {
  mode: Mode;
  brokerUrl: string;
  clientId: string;
  clientSecret: string;
  refreshToken: string;
  region: Region;
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
    sandbox: status.sandbox,
    replaceSecret: false,
    replaceToken: false,
  };
}

function errorText(error: unknown): string {
  if (error instanceof MessageError) {
    const problems = error.data.problems?.map((problem) => `${problem.path ? `${problem.path}: ` : ''}${problem.message}`);
    return problems?.length ? `${error.data.message} ${problems.join('; ')}` : error.data.message;
  }
  return error instanceof Error ? error.message : String(error);
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
      (error: unknown) => setLoadError(errorText(error)),
    );
  }, []);

  if (loadError) {
    return (
      <section aria-labelledby="api-heading">
        <h2 id="api-heading">Amazon Business API access</h2>
        <p class="error" role="alert">
          Could not read the API access settings: {loadError} Reload this page; if it keeps failing, reload PO Assist
          from the browser's extensions page.
        </p>
      </section>
    );
  }
  if (!status || !draft) return <p class="muted">Loading API access…</p>;

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
    if (!draft.clientId.trim() && !status.clientIdHint) found.clientId = 'Enter the client id of your Login with Amazon app.';
    // An empty secret field keeps the stored secret, so only a missing one is a problem.
    if (!draft.clientSecret && !status.hasClientSecret) found.clientSecret = 'Enter the client secret.';
    if (!draft.refreshToken && !status.hasRefreshToken) found.refreshToken = 'Enter the refresh token.';
    return found;
  };

  const save = async (event: Event) => {
    event.preventDefault();
    const found = check();
    setProblems(found);
    if (Object.keys(found).length > 0) {
      setOutcome({ tone: 'error', text: 'Nothing was saved: fix the fields marked below.' });
      return;
    }
    const input: ApiAccessInput = {
      mode: draft.mode,
      region: status.regionLocked ? status.region : draft.region,
      sandbox: draft.sandbox,
    };
    if (draft.mode === 'broker' && !status.brokerLocked) input.brokerUrl = draft.brokerUrl.trim();
    if (draft.mode === 'direct') {
      if (draft.clientId.trim()) input.clientId = draft.clientId.trim();
      if (draft.clientSecret) input.clientSecret = draft.clientSecret;
      if (draft.refreshToken) input.refreshToken = draft.refreshToken;
    }
    setBusy(true);
    try {
      const saved = await sendMessage('saveApiAccess', input);
      setStatus(saved);
      setDraft(draftFrom(saved));
      setOutcome({ tone: 'ok', text: 'Saved. Use "Test connection" to check that Amazon accepts it.' });
    } catch (error) {
      setOutcome({ tone: 'error', text: `Not saved: ${errorText(error)}` });
    } finally {
      setBusy(false);
    }
  };

  const test = async () => {
    setBusy(true);
    setOutcome({ tone: 'muted', text: 'Testing the saved settings…' });
    try {
      const result = await sendMessage('testApiConnection', {});
      setOutcome({ tone: result.ok ? 'ok' : 'error', text: result.message });
    } catch (error) {
      setOutcome({ tone: 'error', text: `The test could not run: ${errorText(error)}` });
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
      setOutcome({ tone: 'ok', text: 'Credentials forgotten. Order lookup is off until API access is set up again.' });
    } catch (error) {
      setOutcome({ tone: 'error', text: `Could not forget the credentials: ${errorText(error)}` });
    } finally {
      setBusy(false);
    }
  };

  const locked = <span class="locked-note">Set by your organization</span>;
  return (
    <section aria-labelledby="api-heading" class="api-access">
      <style>{SECTION_CSS}</style>
      <h2 id="api-heading">Amazon Business API access</h2>
      <p class="muted">
        The toolbar popup looks up orders by PO through the Amazon Business Reporting API.{' '}
        {status.configured
          ? status.mode === 'direct'
            ? 'It is set up with Login with Amazon credentials stored in this browser.'
            : 'It is set up through a token broker.'
          : 'It is not set up yet, so order lookup cannot run.'}
      </p>
      <p class="muted" data-testid="storage-note">
        Direct mode keeps the client secret and refresh token only in this browser's local storage (never synced);
        companies should prefer a token broker.
      </p>
      <form onSubmit={(event) => void save(event)} noValidate>
        <fieldset disabled={status.brokerLocked} aria-describedby={status.brokerLocked ? 'api-mode-locked' : undefined}>
          <legend>How PO Assist gets an access token</legend>
          <label class="choice">
            <input type="radio" name="api-mode" value="broker" checked={draft.mode === 'broker'} onChange={() => update({ mode: 'broker' })} />{' '}
            Token broker (recommended for companies): your company's service hands out tokens to signed-in employees
          </label>
          <label class="choice">
            <input type="radio" name="api-mode" value="direct" checked={draft.mode === 'direct'} onChange={() => update({ mode: 'direct' })} />{' '}
            Direct: your own Login with Amazon client id, client secret and refresh token
          </label>
          {status.brokerLocked && <p id="api-mode-locked">{locked}</p>}
        </fieldset>

        {draft.mode === 'broker' ? (
          <div class="field">
            <label for="api-broker-url">Token broker URL</label>
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
              {status.brokerLocked ? locked : (problems.brokerUrl ?? 'HTTPS only. Your administrator gives you this address.')}
            </p>
          </div>
        ) : (
          <>
            <div class="field">
              <label for="api-client-id">Client id</label>
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
                  (status.clientIdHint ? `Stored: ${status.clientIdHint}. Leave empty to keep it.` : 'From your Login with Amazon app.')}
              </p>
            </div>
            <SecretField
              id="api-client-secret"
              label="Client secret"
              stored={status.hasClientSecret}
              replacing={draft.replaceSecret}
              value={draft.clientSecret}
              problem={problems.clientSecret}
              onReplace={(replaceSecret) => update({ replaceSecret, clientSecret: '' })}
              onInput={(clientSecret) => update({ clientSecret })}
            />
            <SecretField
              id="api-refresh-token"
              label="Refresh token"
              stored={status.hasRefreshToken}
              replacing={draft.replaceToken}
              value={draft.refreshToken}
              problem={problems.refreshToken}
              onReplace={(replaceToken) => update({ replaceToken, refreshToken: '' })}
              onInput={(refreshToken) => update({ refreshToken })}
            />
          </>
        )}

        <div class="field">
          <label for="api-region">Default region</label>
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
          <input type="checkbox" checked={draft.sandbox} onChange={(event) => update({ sandbox: event.currentTarget.checked })} /> Use
          Amazon's sandbox (sample answers, for checking the setup)
        </label>

        <div class="row">
          <button type="submit" class="primary" disabled={busy}>
            Save
          </button>
          <button type="button" disabled={busy} onClick={() => void test()}>
            Test connection
          </button>
          {(status.configured || status.hasClientSecret || status.hasRefreshToken) && !confirmForget && (
            <button type="button" disabled={busy} onClick={() => setConfirmForget(true)}>
              Forget credentials
            </button>
          )}
        </div>
        {confirmForget && (
          <div class="row" role="group" aria-label="Confirm forgetting the credentials">
            <span>Forget the stored API credentials? Order lookup stops until they are set up again.</span>
            <button type="button" onClick={() => void forget()}>
              Forget them
            </button>
            <button type="button" onClick={() => setConfirmForget(false)}>
              Keep them
            </button>
          </div>
        )}
        <p class={outcome?.tone ?? 'muted'} role="status" aria-live="polite" data-testid="api-outcome">
          {outcome?.text ?? ''}
        </p>
      </form>
    </section>
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
.api-access .locked-note { display: inline-block; background: #fff8e6; border: 1px solid #f0c36d; border-radius: 6px; padding: 0 8px; }
.api-access button.link { border: 0; padding: 0; background: none; color: #007185; text-decoration: underline; justify-self: start; }
.api-access select:focus-visible, .api-access button:focus-visible { outline: 2px solid #007185; outline-offset: 2px; }
`;

interface SecretFieldProps {
  id: string;
  label: string;
  stored: boolean;
  replacing: boolean;
  value: string;
  problem?: string;
  onReplace: (replacing: boolean) => void;
  onInput: (value: string) => void;
}

/** A write-only secret: "•••• stored" with Replace when one is stored, else an empty password field. */
function SecretField({ id, label, stored, replacing, value, problem, onReplace, onInput }: SecretFieldProps) {
  if (stored && !replacing) {
    return (
      <div class="field">
        <span class="label" id={`${id}-label`}>
          {label}
        </span>
        <p class="row">
          <span data-testid={`${id}-stored`}>•••• stored</span>
          <button type="button" aria-label={`Replace ${label.toLowerCase()}`} onClick={() => onReplace(true)}>
            Replace
          </button>
        </p>
      </div>
    );
  }
  return (
    <div class="field">
      <label for={id}>{label}</label>
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
        {problem ??
          (stored
            ? `Leave empty to keep the stored ${label.toLowerCase()}.`
            : 'Kept only in this browser and never shown again after saving.')}
      </p>
      {stored && (
        <button type="button" class="link" onClick={() => onReplace(false)}>
          Keep the stored {label.toLowerCase()}
        </button>
      )}
    </div>
  );
}
