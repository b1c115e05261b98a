import type { ComponentChild } from 'preact';
import { useMemo, useState } from 'preact/hooks';
import type { Region } from '@/lib/amazon/marketplaces';
import { REGIONS } from '@/lib/api/regions';
import { t, type MessageKey } from '@/lib/i18n';
import { REGION_NAMES } from '@/lib/api/region-names';
import {
  planDeployment,
  type DeploymentInput,
  type DeploymentInputs,
  type PolicyOrigin,
} from '@/lib/settings/deployment-plan';
import { downloadFile } from '../shared/download';

export interface DeploymentSectionProps {
  /** The editor's draft as written, when it is a valid policy. */
  draftPolicy: unknown;
  /** The policy in force, used when the draft is not valid. */
  inForcePolicy: unknown;
  /** This build's extension id (Chromium id or Firefox id). */
  runningId: string;
  initialInputs: DeploymentInputs;
}

const ORIGIN_TEXT: Record<PolicyOrigin, MessageKey> = {
  draft: 'deploy_originDraft',
  'in-force': 'deploy_originInForce',
  none: 'deploy_originNone',
};

/**
 * What an admin deploys for the current policy: the settings, then one file per platform with its instructions,
 * a preview and a download. Props in; the files come from lib/settings/deployment.
 */
export function DeploymentSection({ draftPolicy, inForcePolicy, runningId, initialInputs }: DeploymentSectionProps) {
  const [inputs, setInputs] = useState<DeploymentInputs>(initialInputs);
  const plan = useMemo(
    () => planDeployment(inputs, { draftPolicy, inForcePolicy, runningId }),
    [inputs, draftPolicy, inForcePolicy, runningId],
  );
  const set = (patch: Partial<DeploymentInputs>) => setInputs({ ...inputs, ...patch });
  const problemOf = (input: DeploymentInput) => plan.problems.find((problem) => problem.input === input)?.message;
  const general = plan.problems.filter((problem) => problem.input === null && !problem.guidance);
  const guidance = plan.problems.filter((problem) => problem.guidance);

  const checkbox = (input: 'includePolicy' | 'lockUserPolicy', label: string, note?: ComponentChild) => (
    <div class="control checkbox">
      <input
        type="checkbox"
        id={`deploy-${input}`}
        checked={inputs[input]}
        onChange={(event) => set({ [input]: event.currentTarget.checked })}
      />
      <label for={`deploy-${input}`}>{label}</label>
      {note}
    </div>
  );
  const text = (
    input: 'policyUrl' | 'tokenBrokerUrl' | 'chromeId' | 'edgeId' | 'firefoxInstallUrl',
    label: string,
    hint: string,
    placeholder: string,
  ) => {
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
      <p class="muted">{t('deploy_intro')}</p>
      <fieldset class="row-card">
        <legend>{t('deploy_what')}</legend>
        {checkbox(
          'includePolicy',
          t('deploy_includePolicy'),
          <p class="hint" data-testid="deploy-policy-origin">
            {inputs.includePolicy
              ? t('deploy_filesCarry', t(ORIGIN_TEXT[plan.origin]))
              : t('deploy_filesCarryNoPolicy')}
          </p>,
        )}
        {text(
          'policyUrl',
          t('deploy_policyUrl'),
          t('deploy_policyUrlHint'),
          'https://intranet.example.com/po-policy.json',
        )}
        <div class="control">
          <label for="deploy-region">{t('deploy_region')}</label>
          <select
            id="deploy-region"
            value={inputs.region}
            onChange={(event) => set({ region: event.currentTarget.value })}
          >
            <option value="">{t('deploy_regionNotSet')}</option>
            {REGIONS.map((region: Region) => (
              <option key={region} value={region}>
                {t('deploy_regionOption', [REGION_NAMES[region], region])}
              </option>
            ))}
          </select>
        </div>
        {text(
          'tokenBrokerUrl',
          t('deploy_tokenBrokerUrl'),
          t('deploy_tokenBrokerUrlHint'),
          'https://tokens.example.com/amazon-business',
        )}
        {checkbox('lockUserPolicy', t('deploy_lockUserPolicy'))}
      </fieldset>
      <fieldset class="row-card">
        <legend>{t('deploy_extensionIds')}</legend>
        {text('chromeId', t('deploy_chromeId'), t('deploy_chromeIdHint', plan.ids.chrome), plan.ids.chrome)}
        {text('edgeId', t('deploy_edgeId'), t('deploy_edgeIdHint', plan.ids.chrome), plan.ids.chrome)}
        {text(
          'firefoxInstallUrl',
          t('deploy_firefoxInstallUrl'),
          t('deploy_firefoxInstallUrlHint', plan.ids.firefox),
          'https://intranet.example.com/po-assist.xpi',
        )}
      </fieldset>

      {guidance.map((problem) => (
        <p key={problem.message} class="banner" data-testid="deploy-guidance">
          {problem.message}
          {problem.section === 'policy' ? (
            <>
              {' '}
              <a href="#policy">{t('deploy_goToPolicy')}</a>
            </>
          ) : null}
        </p>
      ))}
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
          {t('deploy_fixSettings')}
        </p>
      ) : null}

      {plan.files.map((file) => (
        <article
          key={file.fileName}
          class="deploy-file"
          aria-labelledby={`deploy-${file.kind}-title`}
          data-testid={`deploy-file-${file.kind}`}
        >
          <h3 id={`deploy-${file.kind}-title`}>
            {file.title}: <code>{file.fileName}</code>
          </h3>
          <pre class="instructions">{file.instructions}</pre>
          <details>
            <summary>{t('deploy_preview', file.fileName)}</summary>
            <pre class="preview" role="region" tabIndex={0} aria-label={t('deploy_contentsOf', file.fileName)}>
              {file.content}
            </pre>
          </details>
          <button
            type="button"
            data-testid={`deploy-download-${file.kind}`}
            aria-label={t('deploy_downloadLabel', [file.fileName, file.title])}
            onClick={() => downloadFile(file.fileName, file.mimeType, file.contentBytes ?? file.content)}
          >
            {t('deploy_download', file.fileName)}
          </button>
        </article>
      ))}
    </div>
  );
}
