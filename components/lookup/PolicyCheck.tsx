import { PolicyTester } from '@/components/PolicyTester';
import type { EffectivePolicy } from '@/lib/settings/resolve';

export interface PolicyCheckProps {
  effective: EffectivePolicy | null;
  now: Date;
  onOpenSettings: () => void;
}

/** "Check a PO": which policy is in force, and the same verdict the checkout guard would give. Folded by default. */
export function PolicyCheck({ effective, now, onOpenSettings }: PolicyCheckProps) {
  if (!effective) return null;
  const { policy } = effective;
  return (
    <details class="policy-check">
      <summary>Check a PO against your company's policy</summary>
      {policy ? (
        <>
          <p class="muted">
            {effective.source === 'admin' ? 'Policy set by your organization' : 'Your own PO policy'}:{' '}
            {policy.formats.map((format) => format.label ?? format.id).join(', ')}.
          </p>
          <PolicyTester policy={policy} now={now} id="popup-tester" />
        </>
      ) : effective.broken.length > 0 ? (
        <p class="error">
          The PO policy has problems, so PO checks are off.{' '}
          <button type="button" class="link" onClick={onOpenSettings}>
            See them in settings
          </button>
        </p>
      ) : (
        <p class="muted">
          No PO policy is set yet, so nothing is checked at checkout.{' '}
          <button type="button" class="link" onClick={onOpenSettings}>
            Set one up
          </button>
        </p>
      )}
    </details>
  );
}
