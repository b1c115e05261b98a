import { useEffect, useRef, useState } from 'preact/hooks';
import { focusControl } from '@/components/shared/download';
import { PolicyForm } from '@/components/settings/PolicyForm';
import { PROBLEM_SUMMARY_ID, ProblemSummary } from '@/components/settings/ProblemSummary';
import { t, tPlural, type MessageKey } from '@/lib/i18n';
import { policySourceName } from '@/lib/settings/diagnostics';
import { problemsByControl, type PlacedProblem } from '@/lib/settings/problem-places';
import type { EditorView } from '@/lib/settings/editor-state';
import type { SettingsReport } from '@/lib/settings/contract';
import type { Outcome as OutcomeValue, PolicyEditor } from '@/lib/settings/use-policy-editor';
import { ProblemItems } from '@/components/shared/ProblemItems';

const POLICY_OUTCOME_ID = 'policy-outcome';

const TABS: { view: EditorView; label: MessageKey }[] = [
  { view: 'form', label: 'policy_tab_form' },
  { view: 'json', label: 'policy_tab_json' },
];

/** Who decides the policy, in a sentence, when the user cannot change it. */
export function lockedReason(report: SettingsReport): string {
  const { source } = report.effective;
  if (source === 'admin') return t('policy_lockedAdmin');
  if (source === 'remote')
    return t('policy_lockedRemote', report.remote?.url ?? report.managed.policyUrl ?? t('policy_itsPolicyAddress'));
  if (source === 'user') return t('policy_lockedUser');
  return t('policy_lockedNone');
}

/**
 * The policy editor (form or JSON), with save, discard and remove. Only while the user may change the policy: under
 * a locked policy the options page shows the organization view instead (lib/settings/page/OptionsApp.tsx).
 */
export function PolicySection({ editor, report, now }: { editor: PolicyEditor; report: SettingsReport; now: Date }) {
  const [pendingFocus, setPendingFocus] = useState<string | null>(null);
  const [confirmRemove, setConfirmRemove] = useState(false);
  const tabRefs = useRef<Record<EditorView, HTMLButtonElement | null>>({ form: null, json: null });

  useEffect(() => {
    if (pendingFocus && focusControl(pendingFocus)) setPendingFocus(null);
  });
  useEffect(() => {
    if (editor.focusSummary > 0) setPendingFocus(PROBLEM_SUMMARY_ID);
  }, [editor.focusSummary]);
  useEffect(() => {
    // Save turns itself off once pressed (saving, then nothing to save): focus would fall to the page.
    if (editor.focusOutcome > 0) setPendingFocus(POLICY_OUTCOME_ID);
  }, [editor.focusOutcome]);

  const goTo = (problem: PlacedProblem) => {
    if (!problem.controlId) return;
    if (editor.view === 'json') editor.switchView('form');
    setPendingFocus(problem.controlId);
  };

  const selectTab = (view: EditorView, focus: boolean) => {
    editor.switchView(view);
    if (focus) tabRefs.current[view]?.focus();
  };

  const byControl = problemsByControl(editor.problems);
  // The user's own policy's problems are the editor's: shown at their controls, not twice.
  const broken = report.effective.broken.filter((entry) => entry.source !== 'user');

  return (
    <>
      <h2 id="policy-heading">
        {t('policy_heading')}
        {editor.dirty ? (
          <span class="unsaved-badge" data-testid="policy-unsaved">
            {t('policy_unsavedChanges')}
          </span>
        ) : null}
      </h2>
      <p class="muted">{t('policy_intro')}</p>
      {!editor.hasSaved && !editor.dirty ? (
        <div class="banner">
          <p>{t('policy_noneYet')}</p>
          <button type="button" onClick={editor.startFromSample}>
            {t('policy_startFromSample')}
          </button>
        </div>
      ) : null}
      {broken.map((entry) => (
        <div key={entry.source} class="problems banner" role="alert" data-testid={`broken-${entry.source}`}>
          <p class="error">
            {entry.problems.length === 1
              ? t('policy_brokenSingle', policySourceName(entry.source))
              : tPlural('policy_broken', entry.problems.length, [policySourceName(entry.source)])}{' '}
            {t(entry.usingLastGood ? 'policy_usingLastGood' : 'policy_notUsed')}
          </p>
          <ProblemItems problems={entry.problems} />
        </div>
      ))}

      <ProblemSummary
        problems={editor.problems}
        title={t('policy_problemsDraft')}
        onGoTo={goTo}
        onRemove={editor.view !== 'form' ? undefined : editor.removeKept}
        onShowJson={() => editor.switchView('json')}
      />

      <div role="tablist" aria-label={t('policy_editAs')} class="tabs">
        {TABS.map((tab) => (
          <button
            key={tab.view}
            type="button"
            role="tab"
            id={`pol-tab-${tab.view}`}
            ref={(element) => {
              tabRefs.current[tab.view] = element;
            }}
            aria-selected={editor.view === tab.view ? 'true' : 'false'}
            aria-controls="pol-panel"
            tabIndex={editor.view === tab.view ? 0 : -1}
            onClick={() => selectTab(tab.view, false)}
            onKeyDown={(event) => {
              if (
                event.key === 'ArrowRight' ||
                event.key === 'ArrowLeft' ||
                event.key === 'Home' ||
                event.key === 'End'
              ) {
                event.preventDefault();
                const next =
                  event.key === 'Home' ? 'form' : event.key === 'End' ? 'json' : tab.view === 'form' ? 'json' : 'form';
                selectTab(next, true);
              }
            }}
          >
            {t(tab.label)}
          </button>
        ))}
      </div>
      {editor.switchError ? (
        <p class="error" role="alert" data-testid="policy-switch-error">
          {editor.switchError}
        </p>
      ) : null}
      <div role="tabpanel" id="pol-panel" aria-labelledby={`pol-tab-${editor.view}`}>
        {editor.view === 'form' ? (
          <PolicyForm
            draft={editor.draft}
            problems={byControl}
            quiet={editor.quiet}
            now={now}
            onChange={editor.setDraft}
          />
        ) : (
          <div class="control">
            <label for="policy-json">{t('policy_asJson')}</label>
            <textarea
              id="policy-json"
              data-testid="policy-json"
              class="json"
              spellcheck={false}
              value={editor.jsonText}
              aria-invalid={editor.check.textError || editor.problems.length > 0 ? 'true' : undefined}
              aria-describedby={editor.check.textError ? 'policy-json-error' : undefined}
              onInput={(event) => editor.setJsonText(event.currentTarget.value)}
            />
            {editor.check.textError ? (
              <p id="policy-json-error" class="error" role="alert">
                {editor.check.textError}
              </p>
            ) : null}
          </div>
        )}
      </div>

      <div class="save-bar">
        <div class="row">
          <button
            type="button"
            class="primary"
            data-testid="policy-save"
            disabled={editor.saveReason !== null}
            aria-describedby="policy-save-reason"
            onClick={() => void editor.save()}
          >
            {t('policy_save')}
          </button>
          <button
            type="button"
            data-testid="policy-discard"
            disabled={!editor.dirty || editor.saving}
            onClick={editor.discard}
          >
            {t('policy_discard')}
          </button>
          {editor.hasSaved && !confirmRemove ? (
            <button type="button" disabled={editor.saving} onClick={() => setConfirmRemove(true)}>
              {t('policy_remove')}
            </button>
          ) : null}
        </div>
        <p id="policy-save-reason" class="muted" data-testid="policy-save-reason">
          {editor.saveReason ?? t('policy_saveNote')}
        </p>
        {confirmRemove ? (
          <div class="row" role="group" aria-label={t('policy_confirmRemoveLabel')}>
            <span>{t('policy_confirmRemove')}</span>
            <button
              type="button"
              onClick={() => {
                setConfirmRemove(false);
                void editor.removeSaved();
              }}
            >
              {t('policy_removeIt')}
            </button>
            <button type="button" onClick={() => setConfirmRemove(false)}>
              {t('policy_keepIt')}
            </button>
          </div>
        ) : null}
      </div>
      <Outcome outcome={editor.outcome} testId="policy-outcome" id={POLICY_OUTCOME_ID} />
    </>
  );
}

/** A result line: errors in an alert, the rest in a status region; both stay on the page so changes are announced. */
export function Outcome({ outcome, testId, id }: { outcome: OutcomeValue | null; testId: string; id?: string }) {
  const error = outcome?.tone === 'error';
  return (
    <div class="outcome" data-testid={testId} id={id} tabIndex={id ? -1 : undefined}>
      <p role="alert" class="error">
        {error ? outcome.text : ''}
      </p>
      <p role="status" class={outcome?.tone ?? 'muted'}>
        {outcome && !error ? outcome.text : ''}
      </p>
    </div>
  );
}
