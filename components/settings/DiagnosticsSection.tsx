import { useState } from 'preact/hooks';
import { PO_FIELD_SELECTORS, SUBMIT_SELECTORS } from '@/lib/amazon/selectors';
import { t, tPlural, type MessageKey } from '@/lib/i18n';
import {
  formatTime,
  lockedSettings,
  policySourceName,
  remoteSummary,
  settingSources,
} from '@/lib/settings/diagnostics';
import type { SettingsReport } from '@/lib/settings/contract';
import { ProblemItems } from '@/components/shared/ProblemItems';
import { PageReportButton } from './PageReportButton';

export interface DiagnosticsSectionProps {
  report: SettingsReport;
  /** Fetch the policy address now; resolves with the background's answer. */
  onFetchNow: () => Promise<{ ok: boolean; message: string }>;
  /** The open checkout page's report (for "Copy a page report"). */
  onGetPageReport?: () => Promise<string>;
}

function SelectorList({
  title,
  inForce,
  builtIn,
  overridden,
}: {
  title: string;
  inForce: readonly string[];
  builtIn: readonly string[];
  overridden: boolean;
}) {
  return (
    <div class="selectors">
      <h4>{title}</h4>
      <p>{t(overridden ? 'diag_overridden' : 'diag_builtIn')}</p>
      <ol class="mono-list">
        {inForce.map((selector) => (
          <li key={selector}>
            <code>{selector}</code>
          </li>
        ))}
      </ol>
      {overridden ? (
        <details>
          <summary>{t('diag_builtInUnused')}</summary>
          <ol class="mono-list">
            {builtIn.map((selector) => (
              <li key={selector}>
                <code>{selector}</code>
              </li>
            ))}
          </ol>
        </details>
      ) : null}
    </div>
  );
}

/** "Your organization (managed policy): the PO policy has 2 problems, so it is not used". */
function brokenText(source: string, count: number, usingLastGood: boolean): string {
  if (count === 1) return t(usingLastGood ? 'diag_brokenLastGood' : 'diag_brokenNotUsed', source);
  return usingLastGood
    ? tPlural('diag_brokenLastGoodCount', count, [source])
    : tPlural('diag_brokenNotUsedCount', count, [source]);
}

/** The finder's rule codes (lib/amazon/checkout-dom AcceptCode) in words. */
const REASON_WORDS: Record<string, MessageKey> = {
  override: 'diag_reason_override',
  selector: 'diag_reason_selector',
  'label-for': 'diag_reason_labelFor',
  'wrapping-label': 'diag_reason_wrappingLabel',
  'aria-label': 'diag_reason_ariaLabel',
  'aria-labelledby': 'diag_reason_ariaLabelledby',
  placeholder: 'diag_reason_placeholder',
  name: 'diag_reason_name',
  id: 'diag_reason_id',
};

/** Where each setting comes from, what is locked, the policy address fetches, selectors, the PO field, the build. */
export function DiagnosticsSection({ report, onFetchNow, onGetPageReport }: DiagnosticsSectionProps) {
  const [fetching, setFetching] = useState(false);
  const [fetchOutcome, setFetchOutcome] = useState<{ ok: boolean; message: string } | null>(null);
  const sources = settingSources(report);
  const locked = lockedSettings(report);
  const remote = remoteSummary(report);
  const field = report.lastField;

  const fetchNow = async () => {
    setFetching(true);
    setFetchOutcome(null);
    try {
      setFetchOutcome(await onFetchNow());
    } catch (error) {
      setFetchOutcome({ ok: false, message: error instanceof Error ? error.message : String(error) });
    } finally {
      setFetching(false);
    }
  };

  return (
    <div class="diagnostics">
      <table class="sources" data-testid="diagnostics-sources">
        <caption>{t('diag_sources')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('diag_setting')}</th>
            <th scope="col">{t('diag_inForce')}</th>
            <th scope="col">{t('diag_setBy')}</th>
          </tr>
        </thead>
        <tbody>
          {sources.map((row) => (
            <tr key={row.setting}>
              <th scope="row">{row.setting}</th>
              <td>{row.value}</td>
              <td>{row.byOrganization ? <strong>{row.source}</strong> : row.source}</td>
            </tr>
          ))}
        </tbody>
      </table>

      <h3>{t('diag_lockedHeading')}</h3>
      <p data-testid="diagnostics-locked">
        {locked.length > 0 ? t('diag_locked', locked.join(', ')) : t('diag_lockedNone')}
      </p>

      <h3>{t('diag_managedHeading')}</h3>
      {report.managedKeys.length > 0 ? (
        <ul>
          {report.managedKeys.map((key) => (
            <li key={key}>
              <code>{key}</code>
            </li>
          ))}
        </ul>
      ) : (
        <p>{t('diag_managedNone')}</p>
      )}
      {report.managedProblems.length > 0 || report.effective.broken.length > 0 ? (
        <div role="alert" class="problems" data-testid="diagnostics-problems">
          <p class="error">{t('diag_problems')}</p>
          <ul>
            {report.managedProblems.map((problem) => (
              <li key={`${problem.key}:${problem.message}`}>
                <code>{problem.key}</code>: {problem.message}
                {problem.usingLastGood ? ` ${t('diag_usingLastGoodValue')}` : ''}
              </li>
            ))}
            {report.effective.broken.map((broken) => (
              <li key={broken.source}>
                {brokenText(policySourceName(broken.source), broken.problems.length, Boolean(broken.usingLastGood))}
                {broken.problems.length > 0 ? <ProblemItems problems={broken.problems} /> : null}
              </li>
            ))}
          </ul>
        </div>
      ) : null}

      <h3>{t('diag_policyAddress')}</h3>
      <div data-testid="diagnostics-remote">
        {remote.state === 'not-set' ? (
          <p>{t('diag_remoteNotSet')}</p>
        ) : (
          <>
            <p>
              <code>{remote.url}</code>
            </p>
            {remote.state === 'not-fetched' ? (
              <p>{t('diag_notFetched')}</p>
            ) : (
              <dl class="facts">
                <dt>{t('diag_lastAttempt')}</dt>
                <dd>{formatTime(remote.lastAttemptAt)}</dd>
                <dt>{t('diag_lastSuccess')}</dt>
                <dd>{formatTime(remote.fetchedAt)}</dd>
                <dt>{t('diag_result')}</dt>
                <dd class={remote.result === 'error' ? 'error' : undefined}>{remote.text}</dd>
              </dl>
            )}
            <div class="row">
              <button type="button" disabled={fetching} onClick={() => void fetchNow()}>
                {t('diag_fetchNow')}
              </button>
            </div>
          </>
        )}
        <p role="status" class={fetchOutcome ? (fetchOutcome.ok ? 'ok' : 'error') : 'muted'}>
          {fetching ? t('diag_fetching') : (fetchOutcome?.message ?? '')}
        </p>
      </div>

      <h3>{t('diag_checkoutHeading')}</h3>
      <SelectorList
        title={t('diag_poField')}
        inForce={report.selectors.poField}
        builtIn={PO_FIELD_SELECTORS}
        overridden={report.selectors.overridden.poField}
      />
      <SelectorList
        title={t('diag_orderButtons')}
        inForce={report.selectors.submit}
        builtIn={SUBMIT_SELECTORS}
        overridden={report.selectors.overridden.submit}
      />
      <h4>{t('diag_lastFieldHeading')}</h4>
      <p data-testid="diagnostics-last-field">
        {!field
          ? t('diag_fieldNotSeen')
          : field.found
            ? t('diag_fieldFound', [`${field.host}${field.path}`, field.via ?? t('diag_unnamedRule')])
            : field.standAside
              ? t('diag_fieldStandAside', `${field.host}${field.path}`)
              : t('diag_fieldNotFound', `${field.host}${field.path}`)}
      </p>
      {field?.found && field.reasons?.length ? (
        <p data-testid="diagnostics-field-why">
          {t('diag_fieldWhy', field.reasons.map((code) => t(REASON_WORDS[code] ?? 'diag_unnamedRule')).join(', '))}
          {field.confidence === 'weak' && ` ${t('diag_fieldWeak')}`}
        </p>
      ) : null}
      {onGetPageReport && <PageReportButton onGetReport={onGetPageReport} />}

      <h3>{t('diag_storageHeading')}</h3>
      {report.storageProblems?.length ? (
        <ul class="error" data-testid="diagnostics-storage">
          {report.storageProblems.map((problem) => (
            <li key={`${problem.key}:${problem.kind}`}>
              {t(problem.kind === 'write-failed' ? 'diag_storageWriteFailed' : 'diag_storageUnreadable', [
                problem.key,
                problem.detail,
              ])}{' '}
              <time dateTime={problem.at}>{formatTime(problem.at)}</time>
            </li>
          ))}
        </ul>
      ) : (
        <p data-testid="diagnostics-storage">{t('diag_storageNone')}</p>
      )}

      <h3>{t('diag_extensionHeading')}</h3>
      <dl class="facts" data-testid="diagnostics-extension">
        <dt>{t('diag_name')}</dt>
        <dd>{report.extension.name}</dd>
        <dt>{t('diag_version')}</dt>
        <dd>{report.extension.version}</dd>
        <dt>{t('diag_id')}</dt>
        <dd>
          <code>{report.extension.id}</code>
        </dd>
      </dl>
    </div>
  );
}
