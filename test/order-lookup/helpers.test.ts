import { describe, expect, it } from 'vitest';
import { brokerUrlProblem } from '@/lib/settings/api-access-form';
import { policyMismatchHint } from '@/lib/order-lookup/policy-hint';
import { parsePolicy } from '@/lib/policy/schema';
import { SAMPLE_POLICY } from '@/lib/policy/sample-policy';

describe('broker URL check', () => {
  it.each([
    ['https://tokens.example.com/amazon-business', null],
    ['  https://broker.corp.example:8443/token?app=po  ', null],
    ['', 'Enter the token broker URL'],
    ['http://tokens.example.com/', 'must start with https://'],
    ['ftp://tokens.example.com/', 'must start with https://'],
    ['tokens.example.com', 'not a web address'],
    ['https://user:pw@tokens.example.com/', 'Leave user names and passwords out'],
  ])('%j → %s', (url, problem) => {
    const found = brokerUrlProblem(url);
    if (problem === null) expect(found).toBeNull();
    else expect(found).toContain(problem);
  });
});

describe('policy hint for a searched PO', () => {
  const parsed = parsePolicy(SAMPLE_POLICY);
  if (!parsed.ok) throw new Error('sample policy should parse');
  const policy = parsed.policy;
  const now = new Date('2026-11-05T10:00:00');

  it('is silent for a valid PO, an empty one, or without a policy', () => {
    expect(policyMismatchHint(policy, 'MKT-202611-0042', now)).toBeNull();
    expect(policyMismatchHint(policy, '   ', now)).toBeNull();
    expect(policyMismatchHint(null, 'anything', now)).toBeNull();
  });

  it('names the problem and a fix, and says the search runs anyway', () => {
    const hint = policyMismatchHint(policy, 'mkt-202611-42', now);
    expect(hint).toMatch(
      /^mkt-202611-42 does not match your company's PO policy: .+\. Did you mean MKT-202611-0042\? Searching anyway\.$/,
    );
    expect(policyMismatchHint(policy, 'HR-1', now)).toMatch(
      /^HR-1 does not match your company's PO policy: .+\. Searching anyway\.$/,
    );
  });
});
