import type { PolicyProblem } from '@/lib/policy/schema';

/** A policy's problems as a list, each with where it is (`formats[1].template`) and what is wrong. Text only. */
export function ProblemItems({ problems }: { problems: readonly PolicyProblem[] }) {
  return (
    <ul>
      {problems.map((problem) => (
        <li key={`${problem.path}:${problem.message}`}>
          {problem.path ? <code>{problem.path}</code> : null}
          {problem.path ? ': ' : ''}
          {problem.message}
        </li>
      ))}
    </ul>
  );
}
