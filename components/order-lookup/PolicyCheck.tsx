import { LoadingNote } from '@/components/order-lookup/LookupProgress';
import { PolicyTester } from '@/components/shared/PolicyTester';
import { t } from '@/lib/i18n';
import type { EffectivePolicy } from '@/lib/storage/resolve';

export interface PolicyCheckProps {
  effective: EffectivePolicy | null;
  /** Managed storage has not answered yet: what is shown may still be replaced by the organization's settings. */
  checkingOrg?: boolean;
  now: Date;
  onOpenSettings: () => void;
}

/**
 * "Check a PO": which policy is in force (the organization's, from managed storage or its policy URL, or the user's
 * own), and the same verdict the checkout guard would give. Folded by default.
 */
export function PolicyCheck({ effective, checkingOrg = false, now, onOpenSettings }: PolicyCheckProps) {
  if (!effective) return null;
  const { policy } = effective;
  return (
    <>
      <div role="status">
        {checkingOrg && <LoadingNote testId="org-settings-checking" text={t('policyCheck_checkingOrg')} />}
      </div>
      <details class="policy-check" aria-busy={checkingOrg ? 'true' : undefined}>
        <summary>{t('policyCheck_title')}</summary>
        {policy ? (
          <>
            <p class="muted">
              {t(effective.source === 'user' ? 'policyCheck_ownPolicy' : 'policyCheck_orgPolicy', [
                policy.formats.map((format) => format.label ?? format.id).join(', '),
              ])}
            </p>
            <PolicyTester policy={policy} now={now} id="popup-tester" />
          </>
        ) : effective.broken.length > 0 ? (
          <p class="error">
            {t('policyCheck_broken')}{' '}
            <button type="button" class="link" onClick={onOpenSettings}>
              {t('policyCheck_seeProblems')}
            </button>
          </p>
        ) : (
          <p class="muted">
            {t('policyCheck_none')}{' '}
            <button type="button" class="link" onClick={onOpenSettings}>
              {t('policyCheck_setUp')}
            </button>
          </p>
        )}
      </details>
    </>
  );
}
