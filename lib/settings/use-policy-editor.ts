import { useEffect, useMemo, useState } from 'preact/hooks';
import { canonicalJson, draftFromPolicy, removeKeptValue, type PolicyDraft } from '@/lib/settings/draft';
import {
  baselineOf,
  checkDraft,
  checkJsonText,
  draftForSaved,
  isDirty,
  saveBlockedReason,
  savedUserPolicy,
  type DraftCheck,
  type EditorView,
} from '@/lib/settings/editor-state';
import { policyExportText, readPolicyText } from '@/lib/settings/policy-file';
import type { PlacedProblem } from '@/lib/settings/problem-places';
import { freshControlPrefixes, isOnFreshRow, nextFreshRows } from '@/lib/settings/fresh-rows';
import { t, tPlural } from '@/lib/i18n';
import { messageErrorText, sendMessage } from '@/lib/messaging/client';
import type { SettingsReport } from '@/lib/settings/contract';
import type { Policy } from '@/lib/policy/schema';
import { SAMPLE_POLICY } from '@/lib/policy/sample-policy';

export type Tone = 'ok' | 'error' | 'muted';
export interface Outcome {
  tone: Tone;
  text: string;
}

/** A file or pasted text that reads as a policy but has problems: held back until the user loads it anyway. */
export interface PendingImport {
  value: Record<string, unknown>;
  /** The file name, or "the pasted policy". */
  what: string;
  note: string;
  problems: PlacedProblem[];
}

interface EditableState {
  draft: PolicyDraft;
  view: EditorView;
  jsonText: string;
  /** canonicalJson of the saved policy (or of the empty form when none is saved). */
  baseline: string;
}

export interface PolicyEditor {
  /** The organization decides the policy: the page shows its rules instead of the editor. */
  locked: boolean;
  draft: PolicyDraft;
  view: EditorView;
  jsonText: string;
  check: DraftCheck;
  /** Problems to show (none while a new, untouched form). */
  problems: PlacedProblem[];
  /** Nothing typed yet into a new policy: problems and live checks wait. */
  quiet: boolean;
  dirty: boolean;
  hasSaved: boolean;
  saving: boolean;
  saveReason: string | null;
  switchError: string | null;
  outcome: Outcome | null;
  /** How the last import went, shown by the import controls. */
  importOutcome: Outcome | null;
  /** Set when an import (or a view switch) leaves problems: the page moves focus to the summary. */
  focusSummary: number;
  /** Set when Save or Remove has finished: the page moves focus to the outcome (the button is off by then). */
  focusOutcome: number;
  /** An import with problems, not loaded: its problems are shown next to the import controls. */
  pendingImport: PendingImport | null;
  /** Loads the held-back import into the editor, problems and all, to fix them there. */
  loadImportAnyway: () => void;
  /** What the tester checks (the policy in force when locked), and what Deployment offers. */
  testPolicy: Policy | null;
  validWritten: unknown;
  setDraft: (draft: PolicyDraft) => void;
  setJsonText: (text: string) => void;
  switchView: (view: EditorView) => void;
  save: () => Promise<void>;
  discard: () => void;
  removeSaved: () => Promise<void>;
  /** Text read from a file (`fileName`) or pasted (null). */
  importText: (text: string, fileName: string | null) => void;
  refuse: (message: string) => void;
  startFromSample: () => void;
  exportText: () => string;
  removeKept: (problem: PlacedProblem) => void;
}

function stateFor(saved: unknown, view: EditorView = 'form'): EditableState {
  const draft = draftForSaved(saved);
  return { draft, view, jsonText: policyExportText(checkDraft(draft).written), baseline: baselineOf(saved) };
}

function checkOf(state: EditableState): DraftCheck {
  return state.view === 'json' ? checkJsonText(state.jsonText) : checkDraft(state.draft);
}

/**
 * The policy editor's state and its talk with the background: the draft (form or JSON), save, discard, remove,
 * import. A new settings report (saved elsewhere, organization policy arriving) replaces an untouched draft and
 * leaves one with unsaved changes alone.
 */
export function usePolicyEditor(report: SettingsReport, reload: () => Promise<void>): PolicyEditor {
  const locked = report.effective.userLocked;
  const saved = savedUserPolicy(report);
  const [state, setState] = useState<EditableState>(() => stateFor(saved));
  const [saving, setSaving] = useState(false);
  const [switchError, setSwitchError] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [importOutcome, setImportOutcome] = useState<Outcome | null>(null);
  const [focusSummary, setFocusSummary] = useState(0);
  const [focusOutcome, setFocusOutcome] = useState(0);
  const [pendingImport, setPendingImport] = useState<PendingImport | null>(null);
  // Rows added and not edited yet (by draft key): their empty controls show no problem until edited or Save.
  const [freshRows, setFreshRows] = useState<ReadonlySet<string>>(new Set());

  const savedJson = canonicalJson(saved);
  useEffect(() => {
    setState((previous) => {
      const baseline = baselineOf(saved);
      if (previous.baseline === baseline) return previous;
      return isDirty(checkOf(previous), previous.baseline) ? { ...previous, baseline } : stateFor(saved, previous.view);
    });
    // The saved policy's content decides, not the report object's identity.
  }, [savedJson]);

  const check = useMemo(() => checkOf(state), [state]);
  const dirty = !locked && isDirty(check, state.baseline);
  const hasSaved = saved !== null;
  const quiet = !hasSaved && !dirty;
  const freshPrefixes = state.view === 'form' ? freshControlPrefixes(state.draft, freshRows) : [];
  const shownProblems = check.problems.filter((problem) => !isOnFreshRow(problem.controlId, freshPrefixes));
  /** Only problems of fresh rows stand in the way: Save stays on, and trying it shows them. */
  const onlyFreshProblems = !check.textError && check.problems.length > 0 && shownProblems.length === 0;

  const update = (patch: Partial<EditableState>) => {
    setState((previous) => ({ ...previous, ...patch }));
    setOutcome(null);
    // A whole new draft (import, sample, JSON) has no fresh rows: its problems are real at once.
    if (patch.draft || patch.view) setFreshRows(new Set());
  };

  const switchView = (view: EditorView) => {
    if (view === state.view) return;
    if (view === 'json') {
      setSwitchError(null);
      update({ view, jsonText: policyExportText(checkDraft(state.draft).written) });
      return;
    }
    const read = readPolicyText(state.jsonText, t('policyFile_theJson'), false);
    if (!read.ok) {
      setSwitchError(t('policy_switchToFormFailed', read.message));
      return;
    }
    setSwitchError(null);
    update({ view, draft: draftFromPolicy(read.value)! });
  };

  const loadValue = (value: Record<string, unknown>) => {
    const draft = draftFromPolicy(value)!;
    setState((previous) => ({ ...previous, draft, view: 'form', jsonText: policyExportText(value) }));
    setSwitchError(null);
    setFreshRows(new Set());
  };

  const importText = (text: string, fileName: string | null) => {
    const read = fileName === null ? readPolicyText(text) : readPolicyText(text, fileName);
    setPendingImport(null);
    if (!read.ok) {
      setImportOutcome({ tone: 'error', text: read.message });
      return;
    }
    const what = fileName ?? t('policy_thePastedPolicy');
    const note = read.note ? ` ${read.note}` : '';
    const problems = checkDraft(draftFromPolicy(read.value)!).problems;
    if (problems.length > 0) {
      // The current draft may hold work of its own: a broken file does not replace it unless asked to.
      setPendingImport({ value: read.value, what, note, problems });
      setImportOutcome({ tone: 'error', text: t('import_notLoaded', what) });
      return;
    }
    loadValue(read.value);
    setImportOutcome({ tone: 'ok', text: t('import_loaded', [what, note]) });
  };

  const loadImportAnyway = () => {
    if (!pendingImport) return;
    const { value, what, note, problems } = pendingImport;
    loadValue(value);
    setPendingImport(null);
    setImportOutcome({
      tone: 'error',
      text:
        problems.length === 1
          ? t('import_loadedProblem', [what, note])
          : tPlural('import_loadedProblems', problems.length, [what, note]),
    });
    setFocusSummary((count) => count + 1);
  };

  const save = async () => {
    if (onlyFreshProblems && !saving) {
      setFreshRows(new Set());
      setFocusSummary((count) => count + 1);
      return;
    }
    if (saving || saveBlockedReason(check, dirty, saving)) return;
    const policy = check.written;
    setSaving(true);
    setOutcome({ tone: 'muted', text: t('policy_saving') });
    try {
      await sendMessage('saveUserPolicy', { policy });
      setState((previous) => ({ ...previous, baseline: canonicalJson(policy) }));
      setOutcome({ tone: 'ok', text: t('policy_saved') });
      await reload();
    } catch (error) {
      setOutcome({ tone: 'error', text: t('policy_notSaved', messageErrorText(error)) });
    } finally {
      setSaving(false);
      setFocusOutcome((count) => count + 1);
    }
  };

  const removeSaved = async () => {
    setSaving(true);
    try {
      await sendMessage('clearUserPolicy', {});
      setState(stateFor(null, state.view));
      setOutcome({ tone: 'ok', text: t('policy_removed') });
      await reload();
    } catch (error) {
      setOutcome({ tone: 'error', text: t('policy_notRemoved', messageErrorText(error)) });
    } finally {
      setSaving(false);
      setFocusOutcome((count) => count + 1);
    }
  };

  return {
    locked,
    draft: state.draft,
    view: state.view,
    jsonText: state.jsonText,
    check,
    problems: quiet ? [] : shownProblems,
    quiet,
    dirty,
    hasSaved,
    saving,
    saveReason: quiet
      ? t('policy_saveOffNothing')
      : onlyFreshProblems && !saving
        ? null
        : saveBlockedReason(check, dirty, saving),
    switchError,
    outcome,
    importOutcome,
    focusSummary,
    focusOutcome,
    pendingImport,
    loadImportAnyway,
    testPolicy: locked ? report.effective.policy : check.policy,
    validWritten: check.valid ? check.written : null,
    setDraft: (draft) => {
      setFreshRows((fresh) => nextFreshRows(state.draft, draft, fresh));
      setState((previous) => ({ ...previous, draft }));
      setOutcome(null);
    },
    setJsonText: (jsonText) => {
      setSwitchError(null);
      update({ jsonText });
    },
    switchView,
    save,
    discard: () => {
      setState(stateFor(saved, state.view));
      setFreshRows(new Set());
      setSwitchError(null);
      setOutcome({ tone: 'muted', text: t(hasSaved ? 'policy_discardedToSaved' : 'policy_discarded') });
    },
    removeSaved,
    importText,
    refuse: (text) => {
      setPendingImport(null);
      setImportOutcome({ tone: 'error', text });
    },
    startFromSample: () => {
      loadValue(structuredClone(SAMPLE_POLICY) as unknown as Record<string, unknown>);
      setOutcome({ tone: 'ok', text: t('policy_sampleLoaded') });
    },
    exportText: () => (state.view === 'json' ? state.jsonText : policyExportText(check.written)),
    removeKept: (problem) => {
      const next = removeKeptValue(state.draft, problem.segments);
      if (next) update({ draft: next });
    },
  };
}
