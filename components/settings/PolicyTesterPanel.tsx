import { useMemo, useState } from 'preact/hooks';
import { t, uiLanguage } from '@/lib/i18n';
import { describeFormats } from '@/lib/policy/describe';
import { localizePolicy, pickText } from '@/lib/policy/localized-text';
import type { Policy } from '@/lib/policy/schema';
import type { PoVerdict } from '@/lib/policy/types';
import { validatePo } from '@/lib/policy/validate';
import { expectedText, verdictMessage } from '@/lib/policy-words';

export interface PolicyTesterPanelProps {
  /** The policy to test against, or null with the reason there is none. */
  policy: Policy | null;
  unavailable: string;
  /** Which policy this is, in words ("your draft", "the policy set by your organization"). */
  subject: string;
  now: Date;
}

function formatLabel(policy: Policy, formatId: string | null): string | null {
  if (!formatId) return null;
  const format = policy.formats.find((f) => f.id === formatId);
  return format ? (pickText(format.label, uiLanguage()) ?? format.id) : formatId;
}

function verdictText(policy: Policy, verdict: PoVerdict): string {
  if (verdict.valid) {
    if (verdict.empty) return t('tester_validEmpty');
    if (verdict.blanket) return t('tester_validBlanket', verdict.value);
    return t('tester_valid', [formatLabel(policy, verdict.formatId) ?? '', verdict.value]);
  }
  return t('tester_notValid', verdictMessage(verdict));
}

/** Type any PO and see what the checkout guard would say; below, every format's example with its verdict. */
export function PolicyTesterPanel({ policy: given, unavailable, subject, now }: PolicyTesterPanelProps) {
  // Labels given per language show, and go into the diagnoses, in the UI language.
  const policy = useMemo(() => given && localizePolicy(given, uiLanguage()), [given]);
  const [value, setValue] = useState('');
  const verdict = policy && value !== '' ? validatePo(policy, value, { now }) : null;
  const examples = useMemo(
    () =>
      policy
        ? describeFormats(policy, { now }).map((format) => ({
            ...format,
            verdict: validatePo(policy, format.example, { now }),
          }))
        : [],
    [policy, now],
  );

  return (
    <div class="tester">
      <p class="muted">{t('tester_subject', subject)}</p>
      <div class="control">
        <label for="tester-input">{t('tester_input')}</label>
        <input
          id="tester-input"
          data-testid="tester-input"
          type="text"
          class="mono long"
          value={value}
          spellcheck={false}
          autocomplete="off"
          disabled={!policy}
          aria-describedby="tester-verdict"
          aria-invalid={verdict ? (verdict.valid ? 'false' : 'true') : undefined}
          onInput={(event) => setValue(event.currentTarget.value)}
        />
      </div>
      <div
        id="tester-verdict"
        data-testid="tester-verdict"
        role="status"
        aria-live="polite"
        class={`verdict ${verdict ? (verdict.valid ? 'ok' : 'error') : 'muted'}`}
      >
        {!policy ? (
          <p>{unavailable}</p>
        ) : !verdict ? (
          <p>{t('tester_typeAbove')}</p>
        ) : (
          <>
            <p class="verdict-line">{verdictText(policy, verdict)}</p>
            {!verdict.valid && (verdict.formatId || verdict.expected || verdict.found) ? (
              <dl class="diagnosis">
                {verdict.formatId ? (
                  <>
                    <dt>{t('tester_closestFormat')}</dt>
                    <dd>{formatLabel(policy, verdict.formatId)}</dd>
                  </>
                ) : null}
                {verdict.position !== undefined ? (
                  <>
                    <dt>{t('tester_goesWrongAt')}</dt>
                    <dd>{t('tester_character', verdict.position + 1)}</dd>
                  </>
                ) : null}
                {verdict.expected ? (
                  <>
                    <dt>{t('tester_expected')}</dt>
                    <dd>{expectedText(verdict.expected)}</dd>
                  </>
                ) : null}
                {verdict.found ? (
                  <>
                    <dt>{t('tester_found')}</dt>
                    <dd>
                      <code>{verdict.found}</code>
                    </dd>
                  </>
                ) : null}
              </dl>
            ) : null}
            {!verdict.valid && verdict.fix ? (
              <p class="fix">
                {t('tester_suggestedFix')} <code data-testid="tester-fix">{verdict.fix}</code>{' '}
                <button type="button" class="small" onClick={() => setValue(verdict.fix!)}>
                  {t('tester_useFix')}
                </button>
              </p>
            ) : null}
          </>
        )}
      </div>
      {policy ? (
        <table class="examples" data-testid="tester-examples">
          <caption>{t('tester_examples')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('tester_format')}</th>
              <th scope="col">{t('tester_template')}</th>
              <th scope="col">{t('tester_example')}</th>
              <th scope="col">{t('tester_verdict')}</th>
            </tr>
          </thead>
          <tbody>
            {examples.map((format) => (
              <tr key={format.id}>
                <th scope="row">{format.label}</th>
                <td>
                  <code>{format.template}</code>
                </td>
                <td>
                  <code>{format.example}</code>
                </td>
                <td class={format.verdict.valid ? 'ok' : 'error'}>
                  {format.verdict.valid ? t('tester_exampleValid') : verdictMessage(format.verdict)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </div>
  );
}
