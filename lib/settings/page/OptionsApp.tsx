import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { DeploymentSection } from '@/components/settings/DeploymentSection';
import { DiagnosticsSection } from '@/components/settings/DiagnosticsSection';
import { downloadFile } from '@/components/shared/download';
import { ImportExport } from '@/components/settings/ImportExport';
import { PolicyTesterPanel } from '@/components/settings/PolicyTesterPanel';
import { t, tPlural, type MessageKey } from '@/lib/i18n';
import { messageErrorText, sendMessage } from '@/lib/messaging/client';
import type { SettingsReport } from '@/lib/settings/contract';
import { deploymentInputsFrom } from '@/lib/settings/deployment-plan';
import { POLICY_EXPORT_FILE_NAME } from '@/lib/settings/policy-file';
import { watchPolicySources } from '@/lib/storage/policy-store';
import { ApiAccessSection } from './ApiAccessSection';
import { Outcome, PolicySection } from '@/components/settings/PolicySection';
import { usePolicyEditor } from '../use-policy-editor';

/** Settings: the PO policy (editor, or read-only when the organization sets it), tester, import/export, API access, deployment, diagnostics. */
export function App() {
  const [report, setReport] = useState<SettingsReport | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);

  // Bumped per load: an answer to an older load never replaces a newer one.
  const loads = useRef(0);
  const load = useCallback(async () => {
    const mine = ++loads.current;
    try {
      // At once: the user's own settings when the browser is slow to answer for managed storage (seconds after a
      // start), then the full answer once it has.
      const first = await sendMessage('getSettingsReport', {});
      if (mine !== loads.current) return;
      setReport(first);
      setLoadError(null);
      if (!first.organizationPending) return;
      const full = await sendMessage('getSettingsReport', { waitForOrganization: true });
      if (mine === loads.current) setReport(full);
    } catch (error) {
      if (mine === loads.current) setLoadError(messageErrorText(error));
    }
  }, []);

  useEffect(() => {
    void load();
    // Saved elsewhere, an organization policy arriving late, a remote fetch: the page follows without a reload.
    return watchPolicySources(() => void load());
  }, [load]);

  if (!report) {
    return (
      <>
        <h1>{t('settings_title')}</h1>
        {loadError ? (
          <p class="error" role="alert">
            {t('settings_loadFailed', loadError)}
          </p>
        ) : (
          <p class="muted" role="status">
            {t('settings_loading')}
          </p>
        )}
      </>
    );
  }
  return <SettingsPage report={report} reload={load} loadError={loadError} />;
}

const NAV: { id: string; label: MessageKey }[] = [
  { id: 'policy', label: 'settings_nav_policy' },
  { id: 'tester', label: 'settings_nav_tester' },
  { id: 'import-export', label: 'settings_nav_importExport' },
  { id: 'api-access', label: 'settings_nav_apiAccess' },
  { id: 'deployment', label: 'settings_nav_deployment' },
  { id: 'diagnostics', label: 'settings_nav_diagnostics' },
];

function SettingsPage({
  report,
  reload,
  loadError,
}: {
  report: SettingsReport;
  reload: () => Promise<void>;
  loadError: string | null;
}) {
  const editor = usePolicyEditor(report, reload);
  // One "today" per page load, so examples and verdicts do not shift while typing.
  const now = useMemo(() => new Date(), []);
  const deploymentInputs = useMemo(() => deploymentInputsFrom(report.managed), [report.managed]);

  useEffect(() => {
    if (!editor.dirty) return;
    const warn = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [editor.dirty]);

  const exportPolicy = () => downloadFile(POLICY_EXPORT_FILE_NAME, 'application/json', editor.exportText());
  const problemCount = editor.problems.length;

  return (
    <>
      <header>
        <h1>{t('settings_title')}</h1>
        <p class="muted">
          {report.extension.name} {report.extension.version}
        </p>
        <p>
          <a href="/reconcile.html" target="_blank" rel="noopener">
            {t('reconcile_open')}
          </a>
        </p>
      </header>
      {loadError ? (
        <p class="error" role="alert">
          {t('settings_refreshFailed', loadError)}
        </p>
      ) : null}
      <p class="muted" role="status" data-testid="organization-pending">
        {report.organizationPending ? t('settings_checkingOrganization') : ''}
      </p>
      <nav aria-label={t('settings_onThisPage')} class="page-nav">
        <ul>
          {NAV.map((item) => (
            <li key={item.id}>
              <a href={`#${item.id}`}>{t(item.label)}</a>
              {item.id === 'policy' && editor.dirty ? <span class="nav-note"> {t('settings_navUnsaved')}</span> : null}
              {item.id === 'policy' && problemCount > 0 ? (
                <span class="nav-note error">
                  {' '}
                  {t('settings_navProblems', tPlural('count_problems', problemCount))}
                </span>
              ) : null}
            </li>
          ))}
        </ul>
      </nav>

      <section id="policy" aria-labelledby="policy-heading" tabIndex={-1}>
        <PolicySection editor={editor} report={report} now={now} />
      </section>

      <section id="tester" aria-labelledby="tester-heading" tabIndex={-1}>
        <h2 id="tester-heading">{t('settings_testerHeading')}</h2>
        <PolicyTesterPanel
          policy={editor.testPolicy}
          now={now}
          subject={t(editor.locked ? 'settings_testerSubjectLocked' : 'settings_testerSubjectEditor')}
          unavailable={t(
            editor.locked
              ? 'settings_testerNoPolicyInForce'
              : editor.quiet
                ? 'settings_testerNothingYet'
                : 'settings_testerFixFirst',
          )}
        />
      </section>

      <section id="import-export" aria-labelledby="import-export-heading" tabIndex={-1}>
        <h2 id="import-export-heading">{t('settings_importExportHeading')}</h2>
        <ImportExport
          locked={editor.locked}
          onImport={editor.importText}
          onRefuse={editor.refuse}
          onExport={exportPolicy}
          canExport={!editor.locked || editor.draft !== null}
          exportLabel={t(editor.locked ? 'settings_exportInForce' : 'settings_exportEditor', POLICY_EXPORT_FILE_NAME)}
        />
        <Outcome outcome={editor.importOutcome} testId="import-outcome" />
      </section>

      <div id="api-access" tabIndex={-1}>
        <ApiAccessSection />
      </div>

      <section id="deployment" aria-labelledby="deployment-heading" tabIndex={-1}>
        <h2 id="deployment-heading">{t('settings_deploymentHeading')}</h2>
        <DeploymentSection
          draftPolicy={editor.validWritten}
          inForcePolicy={report.effective.policy}
          runningId={report.extension.id}
          initialInputs={deploymentInputs}
        />
      </section>

      <section id="diagnostics" aria-labelledby="diagnostics-heading" data-testid="diagnostics" tabIndex={-1}>
        <h2 id="diagnostics-heading">{t('settings_diagnosticsHeading')}</h2>
        <DiagnosticsSection
          report={report}
          onFetchNow={async () => {
            try {
              const result = await sendMessage('refreshRemotePolicy', {});
              await reload();
              return result;
            } catch (error) {
              return { ok: false, message: messageErrorText(error) };
            }
          }}
        />
      </section>
    </>
  );
}
