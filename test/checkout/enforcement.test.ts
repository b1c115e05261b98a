import { describe, expect, it } from 'vitest';
import { decideSubmit } from '@/lib/checkout/enforcement';
import { parsePolicy, type Policy } from '@/lib/policy/schema';
import { SAMPLE_POLICY } from '@/lib/policy/sample-policy';
import { validatePo } from '@/lib/policy/validate';

const now = new Date(2026, 10, 24, 12);
function policyWith(overrides: Record<string, unknown>): Policy {
  const parsed = parsePolicy({ ...SAMPLE_POLICY, ...overrides });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return parsed.policy;
}
const formatDate = (iso: string) => iso.slice(0, 10);
const USE = { date: '2026-11-02T10:00:00.000Z', marketplace: 'US' as const };

function decide(policy: Policy, input: string, warnedKey: string | null = null, uses = [] as (typeof USE)[]) {
  return decideSubmit({ policy, verdict: validatePo(policy, input, { now }), uses, warnedKey, formatDate });
}

describe('decideSubmit', () => {
  it('lets everything through without a policy', () => {
    expect(decideSubmit({ policy: null, verdict: null, uses: [], warnedKey: null, formatDate })).toEqual({ action: 'allow' });
  });

  it.each(['block', 'warn'] as const)('stops an invalid PO under enforcement "%s" with the diagnosis', (enforcement) => {
    const decision = decide(policyWith({ enforcement }), 'MKTG-202611-0042');
    expect(decision.action).toBe(enforcement);
    expect(decision.action !== 'allow' && decision.message).toMatch(/MKTG/);
  });

  it('"block" keeps blocking the same invalid PO', () => {
    const policy = policyWith({ enforcement: 'block' });
    const first = decide(policy, 'nope');
    expect(first.action).toBe('block');
    expect(decide(policy, 'nope', first.action === 'block' ? first.key : null).action).toBe('block');
  });

  it('"warn" lets the second attempt with the same PO through, but warns again for another problem', () => {
    const policy = policyWith({ enforcement: 'warn' });
    const first = decide(policy, 'nope');
    const key = first.action === 'warn' ? first.key : null;
    expect(decide(policy, 'nope', key).action).toBe('allow');
    expect(decide(policy, 'MKTG-202611-0042', key).action).toBe('warn');
  });

  it('"off" never stops a submit', () => {
    expect(decide(policyWith({ enforcement: 'off' }), 'nope').action).toBe('allow');
  });

  it('an empty PO is stopped only when the policy requires one', () => {
    expect(decide(policyWith({ enforcement: 'block', required: true }), '  ').action).toBe('block');
    expect(decide(policyWith({ enforcement: 'block', required: false }), '').action).toBe('allow');
  });

  it.each([
    ['allow', 'allow'],
    ['warn', 'warn'],
    ['block', 'block'],
  ] as const)('a valid PO used before follows reuse "%s"', (reuse, action) => {
    const decision = decide(policyWith({ reuse }), 'MKT-202611-0042', null, [USE]);
    expect(decision.action).toBe(action);
    if (decision.action !== 'allow') expect(decision.message).toBe('PO MKT-202611-0042 was used once before from this browser, last on 2026-11-02.');
  });

  it('a valid PO never used before goes through', () => {
    expect(decide(policyWith({ reuse: 'block' }), 'MKT-202611-0042').action).toBe('allow');
  });

  it('counts orders Amazon has under the PO, even when this browser never used it', () => {
    const policy = policyWith({ reuse: 'block' });
    const decision = decideSubmit({
      policy,
      verdict: validatePo(policy, 'MKT-202611-0042', { now }),
      uses: [],
      amazonUsage: { configured: true, orders: 4, lastOrderDate: '2026-10-30T09:00:00.000Z' },
      warnedKey: null,
      formatDate,
    });
    expect(decision).toMatchObject({ action: 'block', message: 'Amazon Business has 4 orders under PO MKT-202611-0042, the last on 2026-10-30.' });
  });

  it('Amazon reporting no orders is not a reuse', () => {
    const policy = policyWith({ reuse: 'block' });
    const verdict = validatePo(policy, 'MKT-202611-0042', { now });
    const amazonUsage = { configured: true, orders: 0, lastOrderDate: null };
    expect(decideSubmit({ policy, verdict, uses: [], amazonUsage, warnedKey: null, formatDate }).action).toBe('allow');
  });

  it('blanket POs are exempt from reuse rules', () => {
    const decision = decide(policyWith({ reuse: 'block' }), 'BPO-2026-MKT', null, [USE, USE]);
    expect(decision.action).toBe('allow');
  });
});
