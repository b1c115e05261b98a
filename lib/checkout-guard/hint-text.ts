import type { HintStatus, HintVerdict } from '@/components/checkout-guard/PoHint';
import type { GuardState } from './contract';
import { t } from '@/lib/i18n';
import type { ShownVerdict } from './quick-verdict';

/** Which state the hint is in, from what the background answered. */
export function hintStatus(state: GuardState | null, loadError: string | null): HintStatus {
  if (loadError) return { kind: 'broken', summary: t('hint_reload') };
  if (!state) return { kind: 'loading' };
  if (state.pending) return { kind: 'loading' };
  if (state.rules) return { kind: 'ready' };
  // The details (which field, which column) are for the admin and live in the options page's Diagnostics.
  if (state.problemSummary) return { kind: 'broken', summary: t('hint_policyProblem'), diagnostics: true };
  // The organization decides (policy URL, lock) but nothing usable has arrived: no "set one up" link then.
  return state.adminControlled ? { kind: 'broken', summary: t('hint_orgPending') } : { kind: 'no-policy' };
}

/** The live verdict line under the field. Empty input that is allowed to be empty says nothing. */
export function verdictText(verdict: ShownVerdict | null, state: GuardState | null): HintVerdict {
  if (!verdict || !state?.rules) return { tone: 'idle' };
  if (!verdict.valid) return { tone: 'error', text: verdict.message };
  if (verdict.empty) return { tone: 'idle' };
  const label = verdict.blanket
    ? state.blanketPos.find((entry) => entry.po === verdict.value)?.label
    : state.formats.find((entry) => entry.id === verdict.formatId)?.label;
  const text = verdict.blanket
    ? label
      ? t('hint_blanketLabel', label)
      : t('hint_blanket')
    : label
      ? t('hint_validLabel', label)
      : t('hint_valid');
  return { tone: 'ok', text };
}
