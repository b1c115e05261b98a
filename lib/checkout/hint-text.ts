import type { HintStatus, HintVerdict } from '@/components/PoHint';
import type { GuardState } from '@/lib/messaging/protocol';
import type { Policy } from '@/lib/policy/schema';
import type { PoVerdict } from '@/lib/policy/validate';

/** Which state the hint is in, from what the background answered. */
export function hintStatus(state: GuardState | null, loadError: string | null): HintStatus {
  if (loadError) return { kind: 'broken', summary: 'the extension was updated or restarted. Reload this page.' };
  if (!state) return { kind: 'loading' };
  if (state.policy) return { kind: 'ready' };
  const report = state.broken[0];
  if (report) {
    const owner = report.source === 'admin' ? "your organization's PO policy" : 'your PO policy';
    const first = report.problems[0];
    const count = report.problems.length;
    const detail = first ? `${first.path ? `${first.path}: ` : ''}${first.message}` : 'it could not be read';
    return {
      kind: 'broken',
      summary: `${owner} has ${count === 1 ? 'a problem' : `${count} problems`} (${detail}).`,
    };
  }
  return { kind: 'no-policy' };
}

/** The live verdict line under the field. Empty input that is allowed to be empty says nothing. */
export function verdictText(verdict: PoVerdict | null, policy: Policy | null): HintVerdict {
  if (!verdict || !policy) return { tone: 'idle' };
  if (!verdict.valid) return { tone: 'error', text: verdict.message };
  if (verdict.empty) return { tone: 'idle' };
  if (verdict.blanket) {
    const blanket = policy.blanketPos?.find((entry) => entry.po.toUpperCase() === verdict.value.toUpperCase());
    return { tone: 'ok', text: `Blanket PO${blanket?.label ? ` (${blanket.label})` : ''}: valid today.` };
  }
  const format = policy.formats.find((entry) => entry.id === verdict.formatId);
  return { tone: 'ok', text: `Valid PO${format?.label ? ` (${format.label})` : ''}.` };
}
