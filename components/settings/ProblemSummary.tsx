import { t, tPlural } from '@/lib/i18n';
import type { PlacedProblem } from '@/lib/settings/problem-places';

export const PROBLEM_SUMMARY_ID = 'pol-problem-summary';

export interface ProblemSummaryProps {
  problems: readonly PlacedProblem[];
  title: string;
  /** Focus the control of a problem; false when it is not on the page (the JSON view is open). */
  onGoTo: (problem: PlacedProblem) => void;
  /** Remove a value the form keeps as written (an unknown property); absent when read-only. */
  onRemove?: (problem: PlacedProblem) => void;
  /** Open the JSON view, for problems the form has no control for. */
  onShowJson?: () => void;
}

/**
 * Every problem of the policy at the top of the editor, each a button that moves focus to its control. The count
 * line is the alert, so a screen reader hears when the number changes, not every keystroke.
 */
export function ProblemSummary({ problems, title, onGoTo, onRemove, onShowJson }: ProblemSummaryProps) {
  if (problems.length === 0) return null;
  return (
    <div id={PROBLEM_SUMMARY_ID} class="problem-summary" tabIndex={-1} aria-labelledby={`${PROBLEM_SUMMARY_ID}-title`}>
      {/* A heading may not carry role="alert" (aria-allowed-role): the alert wraps it. */}
      <div role="alert">
        <h3 id={`${PROBLEM_SUMMARY_ID}-title`}>
          {t('problems_title', [title, tPlural('count_problems', problems.length)])}
        </h3>
      </div>
      <ul>
        {problems.map((problem, index) => (
          <li key={`${problem.path}|${problem.controlId}|${problem.message}|${index}`}>
            {problem.controlId ? (
              <button type="button" class="link" onClick={() => onGoTo(problem)}>
                {problem.location}
              </button>
            ) : (
              <strong>{problem.location}</strong>
            )}
            {problem.path ? (
              <>
                {' '}
                <code class="path">{problem.path}</code>
              </>
            ) : null}
            : {problem.text}
            {problem.removable && onRemove ? (
              <>
                {' '}
                <button
                  type="button"
                  class="small"
                  aria-label={t('problems_removeUnknownLabel', problem.path)}
                  onClick={() => onRemove(problem)}
                >
                  {t('problems_removeUnknown', String(problem.segments[problem.segments.length - 1]))}
                </button>
              </>
            ) : null}
            {!problem.controlId && !problem.removable && onShowJson ? (
              <>
                {' '}
                <button type="button" class="small" onClick={onShowJson}>
                  {t('problems_fixInJson')}
                </button>
              </>
            ) : null}
          </li>
        ))}
      </ul>
    </div>
  );
}
