import type { PolicyProblem } from '@/lib/policy/schema';
import { problemText } from '@/lib/policy-words';

/** A policy's problems as a list, each with where it is (`formats[1].template`) and what is wrong. Text only. */
export function ProblemItems({ problems }: { problems: readonly PolicyProblem[] }) {
  return (
    <ul>
      {problems.map((problem, index) => (
        <li key={`${problem.path}:${problem.code}:${index}`}>
          {problem.path ? <code>{problem.path}</code> : null}
          {problem.path ? ': ' : ''}
          {problemText(problem)}
        </li>
      ))}
    </ul>
  );
}
