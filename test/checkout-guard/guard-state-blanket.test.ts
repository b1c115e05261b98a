import { describe, expect, it } from 'vitest';
import { buildGuardState } from '@/lib/checkout-guard/guard-state';
import { SAMPLE_POLICY } from '@/lib/policy/sample-policy';
import type { Policy } from '@/lib/policy/schema';
import { parseManagedValues } from '@/lib/storage/managed';

const policy: Policy = {
  ...SAMPLE_POLICY,
  blanketPos: [
    {
      po: 'BPO-2026-MKT',
      label: 'Marketing 2026',
      owner: 'Dana Reyes',
      budget: { amount: 5000, currencyCode: 'USD' },
      validFrom: '2026-01-01',
      validTo: '2026-12-31',
      for: { groups: ['Marketing'] },
    },
    { po: 'BPO-ACME', for: { emailDomains: ['acme.example'] } },
  ],
};
const stateFor = (shopper?: { email?: string; groups?: string[] }) =>
  buildGuardState({
    effective: { policy, source: 'admin', broken: [], adminControlled: true, userLocked: true },
    history: [],
    onPolicyUnavailable: 'allow',
    amazonCheck: false,
    now: new Date(2026, 5, 1),
    shopper,
  });

describe('guard state: blanket POs reach only the shoppers they are for', () => {
  it('sends no restricted blanket PO to a shopper the admin has not described', () => {
    expect(stateFor().blanketPos).toEqual([]);
  });
  it("sends a marketing buyer their blanket PO with owner, budget and validity, not another domain's", () => {
    expect(stateFor({ groups: ['Marketing'], email: 'kim@other.example' }).blanketPos).toEqual([
      {
        po: 'BPO-2026-MKT',
        label: 'Marketing 2026',
        owner: 'Dana Reyes',
        budget: { amount: 5000, currencyCode: 'USD' },
        validFrom: '2026-01-01',
        validTo: '2026-12-31',
      },
    ]);
    expect(stateFor({ email: 'lee@acme.example' }).blanketPos.map((entry) => entry.po)).toEqual(['BPO-ACME']);
  });
  it('reads who the shopper is from the admin keys buyerEmail and buyerGroups, refusing a malformed email', () => {
    const { values, problems } = parseManagedValues({ buyerEmail: 'kim@acme.example', buyerGroups: ['Marketing'] });
    expect(values).toEqual({ buyerEmail: 'kim@acme.example', buyerGroups: ['Marketing'] });
    expect(problems).toEqual([]);
    const bad = parseManagedValues({ buyerEmail: 'kim' });
    expect(bad.values.buyerEmail).toBeUndefined();
    expect(bad.problems.map((problem) => problem.key)).toEqual(['buyerEmail']);
  });
});
