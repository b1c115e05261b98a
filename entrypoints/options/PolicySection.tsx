import { useEffect, useRef, useState } from 'preact/hooks';
import { LOCKED_NOTE_ID, OrgBadge, ORG_BADGE_TEXT } from '@/components/options/controls';
import { focusControl } from '@/components/options/download';
import { PolicyForm } from '@/components/options/PolicyForm';
import { PROBLEM_SUMMARY_ID, ProblemSummary } from '@/components/options/ProblemSummary';
import { POLICY_SOURCE_NAMES } from '@/lib/options/diagnostics';
import { problemsByControl, type PlacedProblem } from '@/lib/options/problems';
import type { EditorView } from '@/lib/options/editor-state';
import type { SettingsReport } from '@/lib/messaging/protocol';
import type { Outcome as OutcomeValue, PolicyEditor } from './use-policy-editor';

const TABS: { view: EditorView; label: string }[] = [
  { view: 'form', label: 'Form' },
  { view: 'json', label: 'JSON' },
];

function lockedReason(report: SettingsReport): string {
  const { source } = report.effective;
  if (source === 'admin') return 'Your organization sets this PO policy through your browser\'s enterprise policy.';
  if (source === 'remote') return `Your organization serves this PO policy from ${report.remote?.url ?? report.managed.policyUrl ?? 'its policy address'}.`;
  if (source === 'user') return 'Your organization does not allow changes to your own PO policy: the one saved earlier stays in force.';
  return 'Your organization decides the PO policy, and none is in force right now, so PO checks are off.';
}

/** The policy: read-only when the organization decides, else the editor (form or JSON), with save, discard and remove. */
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
  const broken = report.effective.broken.filter((entry) => entry.source !== 'user' || editor.locked);

  return (
    <>
      <h2 id="policy-heading">
        PO policy {editor.locked ? <OrgBadge /> : null}
        {editor.dirty ? (
          <span class="unsaved-badge" data-testid="policy-unsaved">
            Unsaved changes
          </span>
        ) : null}
      </h2>
      {editor.locked ? (
        <div class="banner locked" data-testid="locked-banner">
          <p>
            <strong id={LOCKED_NOTE_ID}>{ORG_BADGE_TEXT}: read-only.</strong> {lockedReason(report)}
          </p>
          <p>The tester below still checks POs against the policy in force.</p>
        </div>
      ) : (
        <p class="muted">
          The PO naming policy decides which PO numbers the checkout guard accepts. It is saved in this browser; edit it in the form or as JSON.
        </p>
      )}
      {!editor.locked && !editor.hasSaved && !editor.dirty ? (
        <div class="banner">
          <p>No policy yet: the checkout guard checks nothing. Fill in the form, import a policy file, or start from the sample.</p>
          <button type="button" onClick={editor.startFromSample}>
            Start from the sample policy
          </button>
        </div>
      ) : null}
      {broken.map((entry) => (
        <div key={entry.source} class="problems banner" role="alert" data-testid={`broken-${entry.source}`}>
          <p class="error">
            {POLICY_SOURCE_NAMES[entry.source]}: the PO policy has {entry.problems.length === 1 ? 'a problem' : `${entry.problems.length} problems`}.{' '}
            {entry.usingLastGood ? 'Using the last good version until it is fixed.' : 'It is not used, so PO checks are off until it is fixed.'}
          </p>
          <ul>
            {entry.problems.map((problem) => (
              <li key={`${problem.path}:${problem.message}`}>
                {problem.path ? <code>{problem.path}</code> : null}
                {problem.path ? ': ' : ''}
                {problem.message}
              </li>
            ))}
          </ul>
        </div>
      ))}

      <ProblemSummary
        problems={editor.problems}
        title={editor.locked ? "Problems in your organization's policy" : 'This policy cannot be saved yet'}
        onGoTo={goTo}
        onRemove={editor.locked || editor.view !== 'form' ? undefined : editor.removeKept}
        onShowJson={() => editor.switchView('json')}
      />

      {editor.draft === null && editor.locked ? null : (
        <>
          <div role="tablist" aria-label="Edit the policy as" class="tabs">
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
                  if (event.key === 'ArrowRight' || event.key === 'ArrowLeft' || event.key === 'Home' || event.key === 'End') {
                    event.preventDefault();
                    const next = event.key === 'Home' ? 'form' : event.key === 'End' ? 'json' : tab.view === 'form' ? 'json' : 'form';
                    selectTab(next, true);
                  }
                }}
              >
                {tab.label}
              </button>
            ))}
          </div>
          {editor.switchError ? (
            <p class="error" role="alert" data-testid="policy-switch-error">
              {editor.switchError}
            </p>
          ) : null}
          <div role="tabpanel" id="pol-panel" aria-labelledby={`pol-tab-${editor.view}`}>
            {editor.view === 'form' && editor.draft ? (
              <PolicyForm draft={editor.draft} locked={editor.locked} problems={byControl} quiet={editor.quiet} now={now} onChange={editor.setDraft} />
            ) : (
              <div class="control">
                <label for="policy-json">Policy as JSON</label>
                <textarea
                  id="policy-json"
                  data-testid="policy-json"
                  class="json"
                  spellcheck={false}
                  readOnly={editor.locked}
                  value={editor.jsonText}
                  aria-invalid={!editor.locked && (editor.check.textError || editor.problems.length > 0) ? 'true' : undefined}
                  aria-describedby={editor.locked ? LOCKED_NOTE_ID : editor.check.textError ? 'policy-json-error' : undefined}
                  onInput={(event) => editor.setJsonText(event.currentTarget.value)}
                />
                {!editor.locked && editor.check.textError ? (
                  <p id="policy-json-error" class="error" role="alert">
                    {editor.check.textError}
                  </p>
                ) : null}
              </div>
            )}
          </div>
        </>
      )}

      {!editor.locked ? (
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
              Save policy
            </button>
            <button type="button" data-testid="policy-discard" disabled={!editor.dirty || editor.saving} onClick={editor.discard}>
              Discard changes
            </button>
            {editor.hasSaved && !confirmRemove ? (
              <button type="button" disabled={editor.saving} onClick={() => setConfirmRemove(true)}>
                Remove my policy
              </button>
            ) : null}
          </div>
          <p id="policy-save-reason" class="muted" data-testid="policy-save-reason">
            {editor.saveReason ?? 'Saves to this browser; open checkout tabs follow the new policy at once.'}
          </p>
          {confirmRemove ? (
            <div class="row" role="group" aria-label="Confirm removing your policy">
              <span>Remove your saved policy? The checkout guard then checks nothing.</span>
              <button
                type="button"
                onClick={() => {
                  setConfirmRemove(false);
                  void editor.removeSaved();
                }}
              >
                Remove it
              </button>
              <button type="button" onClick={() => setConfirmRemove(false)}>
                Keep it
              </button>
            </div>
          ) : null}
        </div>
      ) : null}
      <Outcome outcome={editor.outcome} testId="policy-outcome" />
    </>
  );
}

/** A result line: errors in an alert, the rest in a status region; both stay on the page so changes are announced. */
export function Outcome({ outcome, testId }: { outcome: OutcomeValue | null; testId: string }) {
  const error = outcome?.tone === 'error';
  return (
    <div class="outcome" data-testid={testId}>
      <p role="alert" class="error">
        {error ? outcome.text : ''}
      </p>
      <p role="status" class={outcome?.tone ?? 'muted'}>
        {outcome && !error ? outcome.text : ''}
      </p>
    </div>
  );
}
