import { useMemo, useState } from 'preact/hooks';
import type { Region } from '@/lib/amazon/marketplaces';
import { REGIONS } from '@/lib/api/regions';
import { REGION_NAMES } from '@/lib/lookup/format';
import { planDeployment, type DeploymentInput, type DeploymentInputs } from '@/lib/options/deployment-plan';
import { downloadFile } from './download';

export interface DeploymentSectionProps {
  /** The editor's draft as written, when it is a valid policy. */
  draftPolicy: unknown;
  /** The policy in force, used when the draft is not valid. */
  inForcePolicy: unknown;
  /** This build's extension id (Chromium id or Firefox id). */
  runningId: string;
  initialInputs: DeploymentInputs;
}

const ORIGIN_TEXT = {
  draft: 'the policy in the editor above',
  'in-force': 'the policy in force (the editor above has problems, so it is not used)',
  none: 'no policy',
};

/**
 * What an admin deploys for the current policy: the settings, then one file per platform with its instructions,
 * a preview and a download. Props in; the files come from lib/admin/deployment.
 */
export function DeploymentSection({ draftPolicy, inForcePolicy, runningId, initialInputs }: DeploymentSectionProps) {
  const [inputs, setInputs] = useState<DeploymentInputs>(initialInputs);
  const plan = useMemo(() => planDeployment(inputs, { draftPolicy, inForcePolicy, runningId }), [inputs, draftPolicy, inForcePolicy, runningId]);
  const set = (patch: Partial<DeploymentInputs>) => setInputs({ ...inputs, ...patch });
  const problemOf = (input: DeploymentInput) => plan.problems.find((problem) => problem.input === input)?.message;
  const general = plan.problems.filter((problem) => problem.input === null);

  const text = (input: 'policyUrl' | 'tokenBrokerUrl' | 'chromeId' | 'edgeId' | 'firefoxInstallUrl', label: string, hint: string, placeholder: string) => {
    const id = `deploy-${input}`;
    const problem = problemOf(input);
    return (
      <div class="control">
        <label for={id}>{label}</label>
        <input
          id={id}
          type="text"
          class="long mono"
          spellcheck={false}
          autocomplete="off"
          placeholder={placeholder}
          value={inputs[input]}
          aria-invalid={problem ? 'true' : undefined}
          aria-describedby={`${id}-hint${problem ? ` ${id}-problem` : ''}`}
          onInput={(event) => set({ [input]: event.currentTarget.value })}
        />
        <p id={`${id}-hint`} class="hint">
          {hint}
        </p>
        {problem ? (
          <p id={`${id}-problem`} class="error">
            {problem}
          </p>
        ) : null}
      </div>
    );
  };

  return (
    <div class="deployment">
      <p class="muted">
        Push the policy to every browser in your organization through enterprise policy. Shoppers then see it read-only, marked "Set by your
        organization".
      </p>
      <fieldset class="row-card">
        <legend>What to deploy</legend>
        <div class="control checkbox">
          <input type="checkbox" id="deploy-includePolicy" checked={inputs.includePolicy} onChange={(event) => set({ includePolicy: event.currentTarget.checked })} />
          <label for="deploy-includePolicy">Include the PO policy</label>
          <p class="hint" data-testid="deploy-policy-origin">
            {inputs.includePolicy ? `The files carry ${ORIGIN_TEXT[plan.origin]}.` : 'The files carry no policy (use a policy address instead).'}
          </p>
        </div>
        {text('policyUrl', 'Policy address (optional)', 'An https:// address serving the policy JSON; PO Assist fetches it regularly. A policy in these files wins over it.', 'https://intranet.example.com/po-policy.json')}
        <div class="control">
          <label for="deploy-region">Order lookup region (optional)</label>
          <select id="deploy-region" value={inputs.region} onChange={(event) => set({ region: event.currentTarget.value })}>
            <option value="">Not set: each user chooses</option>
            {REGIONS.map((region: Region) => (
              <option key={region} value={region}>
                {REGION_NAMES[region]} ({region})
              </option>
            ))}
          </select>
        </div>
        {text('tokenBrokerUrl', 'Token broker address (optional)', "Your company's service that hands out Amazon Business API tokens; it must allow this extension with CORS headers.", 'https://tokens.example.com/amazon-business')}
        <div class="control checkbox">
          <input type="checkbox" id="deploy-lockUserPolicy" checked={inputs.lockUserPolicy} onChange={(event) => set({ lockUserPolicy: event.currentTarget.checked })} />
          <label for="deploy-lockUserPolicy">Stop users from editing their own policy</label>
        </div>
      </fieldset>
      <fieldset class="row-card">
        <legend>Extension ids</legend>
        {text('chromeId', 'Chrome Web Store id (optional)', `Leave empty for this build's id, ${plan.ids.chrome}. The Chrome Web Store assigns its own id.`, plan.ids.chrome)}
        {text('edgeId', 'Edge Add-ons id (optional)', `Leave empty for ${plan.ids.chrome}. Edge Add-ons may assign a different id from Chrome's.`, plan.ids.chrome)}
        {text('firefoxInstallUrl', 'Firefox install address (optional)', `Given, policies.json also force-installs the add-on ${plan.ids.firefox} from it (https:// or file:).`, 'https://intranet.example.com/po-assist.xpi')}
      </fieldset>

      {general.length > 0 ? (
        <div role="alert" class="problems">
          {general.map((problem) => (
            <p key={problem.message} class="error">
              {problem.message}
            </p>
          ))}
        </div>
      ) : null}
      {plan.files.length === 0 && plan.problems.some((problem) => problem.input !== null) ? (
        <p role="alert" class="error">
          Fix the settings marked above to make the files.
        </p>
      ) : null}

      {plan.files.map((file) => (
        <article key={file.fileName} class="deploy-file" aria-labelledby={`deploy-${file.kind}-title`} data-testid={`deploy-file-${file.kind}`}>
          <h3 id={`deploy-${file.kind}-title`}>
            {file.title}: <code>{file.fileName}</code>
          </h3>
          <pre class="instructions">{file.instructions}</pre>
          <details>
            <summary>Preview {file.fileName}</summary>
            <pre class="preview" tabIndex={0} aria-label={`Contents of ${file.fileName}`}>
              {file.content}
            </pre>
          </details>
          <button
            type="button"
            data-testid={`deploy-download-${file.kind}`}
            aria-label={`Download ${file.fileName} (${file.title})`}
            onClick={() => downloadFile(file.fileName, file.mimeType, file.contentBytes ?? file.content)}
          >
            Download {file.fileName}
          </button>
        </article>
      ))}
    </div>
  );
}
