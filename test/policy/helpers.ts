import { parsePolicy, type Policy } from '@/lib/policy/schema';

/** A parsed policy (version 1 added), failing loudly with every problem when the input is not valid. */
export function policyOf(input: Record<string, unknown>): Policy {
  const parsed = parsePolicy({ version: 1, ...input });
  if (!parsed.ok) throw new Error(`test policy is invalid: ${JSON.stringify(parsed.problems)}`);
  return parsed.policy;
}

/** 24 November 2026, local time. */
export const NOW = new Date(2026, 10, 24, 10, 30);

export const SEQ4 = { type: 'digits', minLength: 4, maxLength: 4 } as const;
