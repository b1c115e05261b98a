import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { DeploymentSection } from '@/components/settings/DeploymentSection';
import { DiagnosticsSection } from '@/components/settings/DiagnosticsSection';
import { downloadFile } from '@/components/shared/download';
import { ImportExport } from '@/components/settings/ImportExport';
import { OrganizationRules } from '@/components/settings/OrganizationRules';
import { SectionNav, type SectionLink } from '@/components/settings/SectionNav';
import { PolicyTesterPanel } from '@/components/settings/PolicyTesterPanel';
import { t, tPlural, type MessageKey } from '@/lib/i18n';
import { messageErrorText, sendMessage } from '@/lib/messaging/client';
import type { SettingsReport } from '@/lib/settings/contract';
import { deploymentInputsFrom } from '@/lib/settings/deployment-plan';
import { POLICY_EXPORT_FILE_NAME } from '@/lib/settings/policy-file';
import { watchPolicySources } from '@/lib/storage/policy-store';
import { ApiAccessSection } from './ApiAccessSection';
import { lockedReason, Outcome, PolicySection } from '@/components/settings/PolicySection';
import type { ComponentChild } from 'preact';
import { useHashSection } from './use-hash-section';
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

/** The sections, each shown on its own at `options.html#<id>`. Under a locked policy: the short organization view. */
const EDITOR_SECTIONS = ['policy', 'tester', 'api-access', 'deployment', 'diagnostics'] as const;
const LOCKED_SECTIONS = ['organization', 'api-access', 'diagnostics'] as const;
/** Addresses that stand for another section: the old in-page anchors, and the other mode's sections. */
const SECTION_ALIASES: Record<string, string> = {
  'import-export': 'policy',
  organization: 'policy',
  policy: 'organization',
  tester: 'organization',
  deployment: 'organization',
};
const SECTION_LABELS: Record<string, MessageKey> = {
  policy: 'settings_nav_policy',
  tester: 'settings_nav_tester',
  organization: 'settings_nav_organization',
  'api-access': 'settings_nav_apiAccess',
  deployment: 'settings_nav_deployment',
  diagnostics: 'settings_nav_diagnostics',
};

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
  const sections = editor.locked ? LOCKED_SECTIONS : EDITOR_SECTIONS;
  const active = useHashSection(sections, SECTION_ALIASES);

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
  const links: SectionLink[] = sections.map((id) => ({
    id,
    label: t(SECTION_LABELS[id]!),
    notes:
      id === 'policy'
        ? [
            ...(editor.dirty ? [{ text: t('settings_navUnsaved') }] : []),
            ...(problemCount > 0
              ? [
                  {
                    text: t('settings_navProblems', tPlural('count_problems', problemCount)),
                    tone: 'error' as const,
                  },
                ]
              : []),
          ]
        : undefined,
  }));
  /** A section's outer element: shown when it is the active one, focusable so navigation can land on it. */
  const sectionProps = (id: string, labelledBy: string) => ({
    id,
    'aria-labelledby': labelledBy,
    tabIndex: -1,
    hidden: active !== id,
  });
  const tester = (
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
  );

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
      <div class="settings-layout">
        <SectionNav sections={links} active={active} />
        <div class="section-panels">
          {editor.locked ? (
            <section {...sectionProps('organization', 'organization-heading')} data-testid="organization-view">
              <OrganizationView report={report} now={now} tester={tester} />
            </section>
          ) : (
            <>
              <section {...sectionProps('policy', 'policy-heading')}>
                <PolicySection editor={editor} report={report} now={now} />
                <div class="subsection" id="import-export">
                  <h3 id="import-export-heading">{t('settings_importExportHeading')}</h3>
                  <ImportExport
                    onImport={editor.importText}
                    onRefuse={editor.refuse}
                    onExport={exportPolicy}
                    exportLabel={t('settings_exportEditor', POLICY_EXPORT_FILE_NAME)}
                    heldBack={editor.pendingImport?.problems ?? null}
                    onLoadAnyway={editor.loadImportAnyway}
                  />
                  <Outcome outcome={editor.importOutcome} testId="import-outcome" />
                </div>
              </section>
              <section {...sectionProps('tester', 'tester-heading')}>
                <h2 id="tester-heading">{t('settings_testerHeading')}</h2>
                {tester}
              </section>
            </>
          )}

          <section {...sectionProps('api-access', 'api-heading')}>
            <ApiAccessSection />
          </section>

          {editor.locked ? null : (
            <section {...sectionProps('deployment', 'deployment-heading')}>
              <h2 id="deployment-heading">{t('settings_deploymentHeading')}</h2>
              <DeploymentSection
                draftPolicy={editor.validWritten}
                inForcePolicy={report.effective.policy}
                runningId={report.extension.id}
                initialInputs={deploymentInputs}
              />
            </section>
          )}

          <section {...sectionProps('diagnostics', 'diagnostics-heading')} data-testid="diagnostics">
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
              onGetPageReport={() => sendMessage('getPageReport', {}).then((answer) => answer.text)}
            />
          </section>
        </div>
      </div>
    </>
  );
}

/** What a shopper under a locked policy needs: who decides, the rules in words, and the tester. */
function OrganizationView({ report, now, tester }: { report: SettingsReport; now: Date; tester: ComponentChild }) {
  const { policy, broken } = report.effective;
  return (
    <>
      <h2 id="organization-heading">{t('org_heading')}</h2>
      <p>{lockedReason(report)}</p>
      {broken.length > 0 ? (
        <div class="banner problems" data-testid="organization-broken">
          <p>{t(policy ? 'org_brokenLastGood' : 'hint_policyProblem')}</p>
          <p>
            <a href="#diagnostics">{t('org_detailsInDiagnostics')}</a>
          </p>
        </div>
      ) : null}
      {policy ? (
        <>
          <h3>{t('org_rules')}</h3>
          <OrganizationRules policy={policy} now={now} />
        </>
      ) : null}
      <h3 id="tester-heading">{t('org_testerHeading')}</h3>
      {tester}
    </>
  );
}
