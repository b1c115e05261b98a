import type { SettingsReport } from '@/lib/settings/contract';
import { parsePolicy, type Policy } from '@/lib/policy/schema';
import { SAMPLE_POLICY } from '@/lib/policy/sample-policy';

export const BUILT_IN_PO_FIELD = ['#poNumber', 'input[name="purchaseOrderNumber"]'];
export const BUILT_IN_SUBMIT = ['#placeYourOrder'];

export function parsed(value: unknown): Policy {
  const result = parsePolicy(value);
  if (!result.ok) throw new Error(`test policy is invalid: ${JSON.stringify(result.problems)}`);
  return result.policy;
}

/** A settings report as the background sends it: by default no policy anywhere, nothing managed. */
export function report(
  overrides: Partial<SettingsReport> = {},
  effective: Partial<SettingsReport['effective']> = {},
): SettingsReport {
  return {
    effective: { policy: null, source: null, broken: [], adminControlled: false, userLocked: false, ...effective },
    adminPolicy: null,
    userPolicy: null,
    managed: {},
    managedProblems: [],
    managedKeys: [],
    remote: null,
    selectors: { poField: BUILT_IN_PO_FIELD, submit: BUILT_IN_SUBMIT, overridden: { poField: false, submit: false } },
    lastField: null,
    extension: { name: 'PO Assist for Amazon Business', version: '0.1.0', id: 'dclbnbbfkialpdndoahpkankgliacokd' },
    organizationPending: false,
    ...overrides,
  };
}

/** The user's own sample policy in force. */
export function userReport(policy: unknown = SAMPLE_POLICY): SettingsReport {
  return report({ userPolicy: policy }, { policy: parsed(policy), source: 'user' });
}

/** The organization's policy in force through managed storage. */
export function adminReport(policy: unknown = SAMPLE_POLICY, overrides: Partial<SettingsReport> = {}): SettingsReport {
  return report(
    { adminPolicy: policy, managedKeys: ['policy'], ...overrides },
    { policy: parsed(policy), source: 'admin', adminControlled: true, userLocked: true },
  );
}
