import { useState } from 'preact/hooks';
import type { Policy } from '@/lib/policy/schema';
import { t, uiLanguage } from '@/lib/i18n';
import { validatePo } from '@/lib/policy/validate';
import { pickText } from '@/lib/policy/localized-text';
import { verdictMessage } from '@/lib/policy-words';

/** Type a PO, see the verdict and diagnosis the checkout guard would give. Props in; no storage. */
export function PolicyTester({ policy, now, id = 'po-tester' }: { policy: Policy; now: Date; id?: string }) {
  const [value, setValue] = useState('');
  const verdict = value ? validatePo(policy, value, { now }) : null;
  const format = verdict?.valid ? policy.formats.find((f) => f.id === verdict.formatId) : undefined;
  return (
    <div class="tester">
      <label for={id}>{t('tester_label')}</label>
      <input
        id={id}
        type="text"
        value={value}
        spellcheck={false}
        autocomplete="off"
        aria-describedby={`${id}-verdict`}
        aria-invalid={verdict ? (verdict.valid ? 'false' : 'true') : undefined}
        onInput={(event) => setValue(event.currentTarget.value)}
      />
      <p
        id={`${id}-verdict`}
        role="status"
        aria-live="polite"
        class={verdict ? (verdict.valid ? 'ok' : 'error') : 'muted'}
      >
        {!verdict
          ? t('tester_verdictHere')
          : verdict.valid
            ? verdict.empty
              ? t('tester_emptyAllowed')
              : verdict.blanket
                ? t('tester_validBlanketShort', verdict.value)
                : t('tester_valid', [pickText(format?.label, uiLanguage()) ?? verdict.formatId ?? '', verdict.value])
            : verdictMessage(verdict)}
        {verdict && !verdict.valid && verdict.fix ? ` ${t('tester_suggestedFixText', verdict.fix)}` : ''}
      </p>
    </div>
  );
}
