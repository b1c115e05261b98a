import { t, tPlural } from '@/lib/i18n';
import type { PolicyProblem } from '@/lib/policy/schema';

/** Every problem of a policy, each with where it is, in plain words. */
export function ProblemList({ problems, title }: { problems: PolicyProblem[]; title: string }) {
  if (problems.length === 0) return null;
  return (
    <div class="problems" role="alert">
      <p class="error">
        {t('problems_titleColon', [title, tPlural('count_problems', problems.length)])}
      </p>
      <ul>
        {problems.map((problem, index) => (
          <li key={index}>
            {problem.path ? <code>{problem.path}</code> : null}
            {problem.path ? ': ' : ''}
            {problem.message}
          </li>
        ))}
      </ul>
    </div>
  );
}
