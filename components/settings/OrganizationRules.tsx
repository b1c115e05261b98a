import { useMemo } from 'preact/hooks';
import { t, uiLanguage, type MessageKey } from '@/lib/i18n';
import { describeFormats } from '@/lib/policy/describe';
import { localizePolicy, pickText } from '@/lib/policy/localized-text';
import type { Policy } from '@/lib/policy/schema';

const ENFORCEMENT: Record<Policy['enforcement'], [MessageKey, MessageKey]> = {
  block: ['policyForm_enforcement_block', 'policyForm_enforcement_blockHint'],
  warn: ['policyForm_enforcement_warn', 'policyForm_enforcement_warnHint'],
  off: ['policyForm_enforcement_off', 'policyForm_enforcement_offHint'],
};
const REUSE: Record<Policy['reuse'], [MessageKey, MessageKey]> = {
  allow: ['policyForm_reuse_allow', 'policyForm_reuse_allowHint'],
  warn: ['policyForm_reuse_warn', 'policyForm_reuse_warnHint'],
  block: ['policyForm_reuse_block', 'policyForm_reuse_blockHint'],
};
const choice = ([name, hint]: [MessageKey, MessageKey]) => `${t(name)}: ${t(hint)}.`;

/** The organization's PO policy in words, for the people it applies to: what is accepted, and what happens if not. */
export function OrganizationRules({ policy: given, now }: { policy: Policy; now: Date }) {
  const policy = useMemo(() => localizePolicy(given, uiLanguage()), [given]);
  const formats = useMemo(() => describeFormats(policy, { now, today: true }), [policy, now]);
  const help = pickText(policy.help, uiLanguage());
  return (
    <dl class="facts rules" data-testid="organization-rules">
      <dt>{t('org_formats')}</dt>
      <dd>
        <ul>
          {formats.map((format) => (
            <li key={format.id}>
              {t('org_formatExample', [pickText(format.label, uiLanguage()) ?? format.id, format.example])}
            </li>
          ))}
        </ul>
      </dd>
      <dt>{t('org_emptyPo')}</dt>
      <dd>{t(policy.required ? 'org_requiredYes' : 'org_requiredNo')}</dd>
      <dt>{t('policyForm_enforcement')}</dt>
      <dd>{choice(ENFORCEMENT[policy.enforcement])}</dd>
      <dt>{t('policyForm_reuse')}</dt>
      <dd>{choice(REUSE[policy.reuse])}</dd>
      {help ? (
        <>
          <dt>{t('org_help')}</dt>
          <dd>{help}</dd>
        </>
      ) : null}
    </dl>
  );
}
