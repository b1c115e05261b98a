import { describe, expect, it } from 'vitest';
import type { ShownVerdict } from '@/lib/checkout-guard/quick-verdict';
import type { PoVerdict } from '@/lib/policy/types';
import { verdictMessage } from '@/lib/policy-words';
import { decideSubmit } from '@/lib/checkout-guard/enforcement';
import { amazonUsageNotice, dateFormatter, localReuseNotice } from '@/lib/checkout-guard/reuse-notice';
import { parsePolicy, type Policy } from '@/lib/policy/schema';
import { SAMPLE_POLICY } from '@/lib/policy/sample-policy';
import { validatePo } from '@/lib/policy/validate';
import { t } from '@/lib/i18n';

const now = new Date(2026, 10, 24, 12);
function policyWith(overrides: Record<string, unknown>): Policy {
  const parsed = parsePolicy({ ...SAMPLE_POLICY, ...overrides });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return parsed.policy;
}
const NOTICE = 'PO MKT-202611-0042 was used once before from this browser, last on Nov 2, 2026.';

/** The verdict as explainPo sends it: with its sentence. */
const shown = (verdict: PoVerdict): ShownVerdict =>
  verdict.valid ? verdict : { ...verdict, message: verdictMessage(verdict) };

function decide(policy: Policy, input: string, warnedKey: string | null = null, reuseNotice: string | null = null) {
  return decideSubmit({ policy, input, verdict: shown(validatePo(policy, input, { now })), reuseNotice, warnedKey });
}

describe('decideSubmit', () => {
  it('lets everything through without a policy', () => {
    expect(decideSubmit({ policy: null, input: 'x', verdict: null, reuseNotice: NOTICE, warnedKey: null })).toEqual({
      action: 'allow',
    });
  });

  it.each(['block', 'warn'] as const)(
    'stops an invalid PO under enforcement "%s" with the diagnosis',
    (enforcement) => {
      const decision = decide(policyWith({ enforcement }), 'MKTG-202611-0042');
      expect(decision).toMatchObject({
        action: enforcement,
        reason: 'invalid',
        message: expect.stringContaining('found MKTG'),
      });
    },
  );

  it('"block" keeps blocking the same invalid PO', () => {
    const policy = policyWith({ enforcement: 'block' });
    const first = decide(policy, 'nope');
    expect(first.action).toBe('block');
    expect(decide(policy, 'nope', first.action === 'block' ? first.key : null).action).toBe('block');
  });

  it('"warn" lets the second attempt with the same PO through, but warns again for another PO', () => {
    const policy = policyWith({ enforcement: 'warn' });
    const first = decide(policy, 'nope');
    const key = first.action === 'warn' ? first.key : null;
    expect(decide(policy, 'nope', key).action).toBe('allow');
    expect(decide(policy, ' nope ', key).action).toBe('allow');
    expect(decide(policy, 'MKTG-202611-0042', key).action).toBe('warn');
  });

  it('"off" never stops a submit', () => {
    expect(decide(policyWith({ enforcement: 'off' }), 'nope').action).toBe('allow');
  });

  it('an empty PO is stopped only when the policy requires one', () => {
    expect(decide(policyWith({ enforcement: 'block', required: true }), '  ')).toMatchObject({
      action: 'block',
      message: 'Enter a PO number — it is required.',
    });
    expect(decide(policyWith({ enforcement: 'block', required: false }), '').action).toBe('allow');
  });

  it.each([
    ['allow', 'allow'],
    ['warn', 'warn'],
    ['block', 'block'],
  ] as const)('a valid PO used before follows reuse "%s"', (reuse, action) => {
    const decision = decide(policyWith({ reuse }), 'MKT-202611-0042', null, NOTICE);
    expect(decision.action).toBe(action);
    if (decision.action !== 'allow') expect(decision).toMatchObject({ reason: 'reuse', message: NOTICE });
  });

  it('"warn" on reuse lets the second attempt through', () => {
    const policy = policyWith({ reuse: 'warn' });
    const first = decide(policy, 'MKT-202611-0042', null, NOTICE);
    expect(decide(policy, 'MKT-202611-0042', first.action === 'warn' ? first.key : null, NOTICE).action).toBe('allow');
  });

  it('a valid PO never used before goes through', () => {
    expect(decide(policyWith({ reuse: 'block' }), 'MKT-202611-0042').action).toBe('allow');
  });

  it('blanket POs are exempt from reuse rules', () => {
    expect(decide(policyWith({ reuse: 'block' }), 'BPO-2026-MKT', null, NOTICE).action).toBe('allow');
  });
});

describe('reuse notices', () => {
  const formatDate = dateFormatter('en-US');
  const use = { date: '2026-11-02T10:00:00.000Z', marketplace: 'US' as const };

  it("counts this browser's uses, newest first", () => {
    expect(localReuseNotice('MKT-1', [use], formatDate)).toBe(
      'PO MKT-1 was used once before from this browser, last on Nov 2, 2026.',
    );
    expect(localReuseNotice('MKT-1', [use, { ...use, date: '2026-10-01T10:00:00.000Z' }], formatDate)).toBe(
      'PO MKT-1 was used 2 times before from this browser, last on Nov 2, 2026.',
    );
    expect(localReuseNotice('MKT-1', [], formatDate)).toBeNull();
  });

  it("reports Amazon's orders only when API access answered with some", () => {
    expect(
      amazonUsageNotice(
        'MKT-1',
        { configured: true, orders: 4, lastOrderDate: '2026-10-30T09:00:00.000Z' },
        formatDate,
      ),
    ).toBe('Amazon Business has 4 orders under PO MKT-1, the last on Oct 30, 2026.');
    expect(amazonUsageNotice('MKT-1', { configured: true, orders: 1, lastOrderDate: null }, formatDate)).toBe(
      'Amazon Business has 1 order under PO MKT-1.',
    );
    expect(amazonUsageNotice('MKT-1', { configured: true, orders: 0, lastOrderDate: null }, formatDate)).toBeNull();
    expect(amazonUsageNotice('MKT-1', { configured: false, orders: 0, lastOrderDate: null }, formatDate)).toBeNull();
  });

  it("writes dates in the storefront's language and survives a bad language tag", () => {
    expect(dateFormatter('de-DE')('2026-11-02T10:00:00.000Z')).toBe('02.11.2026');
    expect(dateFormatter('not a tag!')('2026-11-02T10:00:00.000Z')).toMatch(/2026/);
  });
});

describe('the message after a stopped submit (issue 10 item 6)', () => {
  it.each([
    ['block', 'guard_blocked', /^Order not submitted: Department must be one of MKT, ENG, FIN — found MKTG\.$/],
    ['warn', 'guard_warned', /found MKTG\. Submit again to continue anyway\.$/],
  ] as const)('under "%s" reads as whole sentences, each with a full stop', (enforcement, key, expected) => {
    const decision = decide(policyWith({ enforcement }), 'MKTG-202611-0042');
    if (decision.action === 'allow') throw new Error('expected a stop');
    expect(t(key, decision.message)).toMatch(expected);
  });
});
