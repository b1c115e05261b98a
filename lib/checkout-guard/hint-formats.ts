import { compilePolicy } from '@/lib/policy/compile';
import { describeFormats } from '@/lib/policy/describe';
import type { Policy } from '@/lib/policy/schema';

/**
 * The hint's "Expected:" formats, each with an example a shopper could type today. An admin's fixed example goes
 * stale with the month (`MKT-202611-0042` in December), so it is shown only for templates without date parts.
 */
export function hintFormats(policy: Policy, now: Date): { id: string; label: string; example: string }[] {
  const dated = new Set(
    compilePolicy(policy)
      .formats.filter((format) => format.segments.some((segment) => segment.kind === 'date'))
      .map((format) => format.id),
  );
  const forHint: Policy = {
    ...policy,
    formats: policy.formats.map((format) => {
      if (!dated.has(format.id)) return format;
      const { example: _stale, ...rest } = format;
      return rest;
    }),
  };
  return describeFormats(forHint, { now }).map(({ id, label, example }) => ({ id, label, example }));
}
