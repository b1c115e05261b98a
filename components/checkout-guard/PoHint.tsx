import { Component } from 'preact';
import { t } from '@/lib/i18n';
import type { BlanketSpend } from '@/lib/checkout-guard/blanket-spend';
import type { GuardBlanketPo } from '@/lib/checkout-guard/contract';

export type { GuardBlanketPo };

export interface HintFormat {
  id: string;
  label: string;
  example: string;
}

export interface HintChoiceField {
  name: string;
  label: string;
  type: 'list' | 'text';
  values?: { code: string; label: string }[];
}

export type HintStatus =
  | { kind: 'loading' }
  | { kind: 'no-policy' }
  | {
      kind: 'broken';
      summary: string;
      /** Link to the options page's Diagnostics instead of its start. */ diagnostics?: boolean;
    }
  | { kind: 'ready' };

export type HintVerdict = { tone: 'idle' } | { tone: 'ok'; text: string } | { tone: 'error'; text: string };

export interface PoHintProps {
  status: HintStatus;
  formats: HintFormat[];
  help?: string;
  verdict: HintVerdict;
  /** A safe corrected value, when one exists. */
  fix: string | null;
  /** What the hint's one polite live region says (after a pause in typing, on leaving the field, after Fix). */
  announcement?: string;
  /** A reuse notice for the current PO. */
  reuse: string | null;
  /** Set when only a weak signal (placeholder, name or id) chose the field: hinted, never blocked on. */
  fieldNote?: string | null;
  /** Why the last submit attempt was stopped. */
  submitMessage: { text: string; blocking: boolean } | null;
  /** The blanket POs this shopper may use today, offered inside the Generate panel. */
  blanketPos: GuardBlanketPo[];
  /** What each blanket PO has left, by PO, once the background has answered (absent: not known, or not yet). */
  blanketSpend?: Record<string, BlanketSpend>;
  /** The shopper opened the Generate panel themselves (a trusted click): the time to ask for the spend. */
  onGenerateOpened?: () => void;
  choicesFor: (formatId: string) => HintChoiceField[];
  generateError: string | null;
  /** No API access: a generated number is checked against this browser's history only, and the panel says so. */
  generateLocalOnly?: boolean;
  onFix: () => void;
  onGenerate: (formatId: string, values: Record<string, string>) => void;
  onUseBlanket: (po: string) => void;
  onOpenOptions: (section?: 'diagnostics') => void;
  /** "Not the PO field?": opens the element picker on this page. */
  onPickField: () => void;
  /** "Copy a page report": the page's structure, for the admin or support. */
  onCopyReport: () => void;
  /** What became of the last page report copy. */
  reportNote?: string | null;
}

/** The checkout hint: expected formats, live verdict, Fix and Generate. Props in, events out. */
export function PoHint(props: PoHintProps) {
  const { status } = props;
  if (status.kind === 'loading') {
    // Nothing to say until the policy is known, except about a submit held meanwhile ("Checking your PO…").
    return props.submitMessage ? (
      <section class="po-hint" aria-label={t('hint_label')}>
        <p
          class={props.submitMessage.blocking ? 'error strong' : 'muted'}
          role="status"
          data-testid="po-submit-message"
        >
          {props.submitMessage.text}
        </p>
      </section>
    ) : null;
  }
  if (status.kind === 'no-policy') {
    return (
      <section class="po-hint" aria-label={t('hint_label')}>
        <p class="muted">
          {t('hint_noPolicy')}{' '}
          <button type="button" class="link" onClick={() => props.onOpenOptions()}>
            {t('hint_setUp')}
          </button>
        </p>
      </section>
    );
  }
  if (status.kind === 'broken') {
    return (
      <section class="po-hint" aria-label={t('hint_label')}>
        <p class="warning" role="status">
          {status.diagnostics ? status.summary : t('hint_broken', status.summary)}{' '}
          <button
            type="button"
            class="link"
            onClick={() => props.onOpenOptions(status.diagnostics ? 'diagnostics' : undefined)}
          >
            {t(status.diagnostics ? 'hint_diagnostics' : 'hint_openSettings')}
          </button>
        </p>
      </section>
    );
  }
  return <ReadyHint {...props} />;
}

// Class components, not hooks: the content script has a size budget and preact/hooks costs 1 KB of it.
class ReadyHint extends Component<PoHintProps, { generateOpen: boolean }> {
  override state = { generateOpen: false };
  render() {
    const props = this.props;
    const { generateOpen } = this.state;
    const setGenerateOpen = (open: boolean) => this.setState({ generateOpen: open });
    const { verdict, submitMessage } = props;
    return (
      <section class="po-hint" aria-label={t('hint_label')}>
        <p class="formats">
          <span class="muted">{t('hint_expected')} </span>
          {props.formats.map((format, index) => (
            <span key={format.id}>
              {index > 0 && <span class="muted"> {t('hint_or')} </span>}
              {format.label} <code>{format.example}</code>
            </span>
          ))}
        </p>
        {props.help && <p class="muted help">{props.help}</p>}
        {props.fieldNote && (
          <p class="muted" data-testid="po-field-note">
            {props.fieldNote}
          </p>
        )}
        {/* The only live region: the visible lines below change with every key and would talk over the shopper. */}
        <p class="sr-only" aria-live="polite" data-testid="po-announcement">
          {props.announcement}
        </p>
        {/* After a stopped submit the message below says the verdict again, with its consequence: once is enough. */}
        {!submitMessage && (
          <p class={`verdict ${verdict.tone}`} data-testid="po-verdict">
            {verdict.tone === 'idle' ? '' : verdict.text}
          </p>
        )}
        {props.reuse && (
          <p class="warning" data-testid="po-reuse">
            {props.reuse}
          </p>
        )}
        {submitMessage && (
          <p
            class={submitMessage.blocking ? 'error strong' : 'warning strong'}
            role="alert"
            data-testid="po-submit-message"
          >
            {submitMessage.text}
          </p>
        )}
        <div class="actions">
          {props.fix && (
            <button type="button" onClick={props.onFix} data-testid="po-fix">
              {t('hint_fix')} <code>{props.fix}</code>
            </button>
          )}
          <button
            type="button"
            aria-expanded={generateOpen}
            onClick={(event) => {
              setGenerateOpen(!generateOpen);
              // A click the page's script makes (isTrusted false) opens the panel but never asks Amazon.
              if (!generateOpen && event.isTrusted) props.onGenerateOpened?.();
            }}
            data-testid="po-generate-toggle"
          >
            {t('hint_generate')}
          </button>
        </div>
        {generateOpen && <GeneratePanel {...props} />}
        <p class="muted tools">
          <button type="button" class="link" onClick={props.onPickField} data-testid="po-pick-field">
            {t('hint_notPoField')}
          </button>{' '}
          <button type="button" class="link" onClick={props.onCopyReport} data-testid="po-copy-report">
            {t('report_copy')}
          </button>
        </p>
        {props.reportNote && (
          <p class="muted" role="status" data-testid="po-report-note">
            {props.reportNote}
          </p>
        )}
      </section>
    );
  }
}

class GeneratePanel extends Component<PoHintProps, { formatId: string; values: Record<string, string> }> {
  override state = { formatId: this.props.formats[0]?.id ?? '', values: {} as Record<string, string> };
  render() {
    const props = this.props;
    const { formatId, values } = this.state;
    const setFormatId = (next: string) => this.setState({ formatId: next });
    const setValues = (next: Record<string, string>) => this.setState({ values: next });
    const fields = props.choicesFor(formatId);
    const submit = (event: Event) => {
      event.preventDefault();
      event.stopPropagation();
      props.onGenerate(formatId, values);
    };
    return (
      <div class="generate" role="group" aria-label={t('hint_generateLabel')}>
        {props.formats.length > 1 && (
          <label>
            {t('hint_format')}{' '}
            <select value={formatId} onChange={(event) => setFormatId(event.currentTarget.value)}>
              {props.formats.map((format) => (
                <option key={format.id} value={format.id}>
                  {format.label}
                </option>
              ))}
            </select>
          </label>
        )}
        {fields.map((field) => (
          <label key={field.name}>
            {field.label}{' '}
            {field.type === 'list' ? (
              <select
                value={values[field.name] ?? ''}
                onChange={(event) => setValues({ ...values, [field.name]: event.currentTarget.value })}
              >
                <option value="">{t('hint_choose')}</option>
                {field.values?.map((value) => (
                  <option key={value.code} value={value.code}>
                    {value.label} ({value.code})
                  </option>
                ))}
              </select>
            ) : (
              <input
                type="text"
                value={values[field.name] ?? ''}
                onInput={(event) => setValues({ ...values, [field.name]: event.currentTarget.value })}
                onKeyDown={(event) => {
                  if (event.key === 'Enter') submit(event);
                }}
              />
            )}
          </label>
        ))}
        <button type="button" class="primary" onClick={submit} data-testid="po-generate">
          {t('hint_insert')}
        </button>
        {props.generateLocalOnly && (
          <p class="muted" data-testid="po-generate-local">
            {t('hint_generateLocalOnly')}
          </p>
        )}
        {props.generateError && (
          <p class="error" role="alert">
            {props.generateError}
          </p>
        )}
        {props.blanketPos.length > 0 && (
          <BlanketList blanketPos={props.blanketPos} spend={props.blanketSpend ?? {}} onUse={props.onUseBlanket} />
        )}
      </div>
    );
  }
}

/** An amount in the shopper's locale (the browser's), with the currency's symbol and decimals. */
function money(amount: number, currencyCode: string): string {
  try {
    return new Intl.NumberFormat(undefined, { style: 'currency', currency: currencyCode }).format(amount);
  } catch {
    return `${amount} ${currencyCode}`;
  }
}

/** "€1,200.00 of €5,000.00 left", "Over budget by …" (flagged), or the budget and that its spend is not known. */
function budgetDetail(budget: NonNullable<GuardBlanketPo['budget']>, spend: BlanketSpend | undefined) {
  const total = money(budget.amount, budget.currencyCode);
  if (!spend?.known || spend.currencyCode !== budget.currencyCode) {
    return (
      <span data-testid="po-blanket-budget">
        {t('hint_blanketBudget', total)} {t('hint_blanketSpendUnknown')}
      </span>
    );
  }
  return spend.remaining < 0 ? (
    <strong class="error" data-testid="po-blanket-budget">
      {t('hint_blanketOverBudget', [money(-spend.remaining, budget.currencyCode), total])}
    </strong>
  ) : (
    <span data-testid="po-blanket-budget">
      {t('hint_blanketLeft', [money(spend.remaining, budget.currencyCode), total])}
    </span>
  );
}

function validityText({ validFrom, validTo }: GuardBlanketPo): string | null {
  if (validFrom && validTo) return t('hint_blanketValid', [validFrom, validTo]);
  if (validFrom) return t('hint_blanketValidFrom', validFrom);
  if (validTo) return t('hint_blanketValidTo', validTo);
  return null;
}

/** The shopper's blanket POs, each with who owns it, its budget and validity: a deliberate choice, not a shortcut. */
function BlanketList({
  blanketPos,
  spend,
  onUse,
}: {
  blanketPos: GuardBlanketPo[];
  spend: Record<string, BlanketSpend>;
  onUse: (po: string) => void;
}) {
  return (
    <div class="blankets" role="group" aria-labelledby="po-blankets-heading" data-testid="po-blankets">
      <p class="muted" id="po-blankets-heading">
        {t('hint_blanketHeading')}
      </p>
      <ul>
        {blanketPos.map((blanket) => {
          const owner = blanket.owner ? t('hint_blanketOwner', blanket.owner) : null;
          const validity = validityText(blanket);
          return (
            <li key={blanket.po} data-testid="po-blanket">
              <button type="button" onClick={() => onUse(blanket.po)}>
                {t('hint_useBlanket', blanket.label)}
              </button>{' '}
              <code>{blanket.po}</code>
              {owner && <span class="muted"> · {owner}</span>}
              {blanket.budget && <span class="muted"> · {budgetDetail(blanket.budget, spend[blanket.po])}</span>}
              {validity && <span class="muted"> · {validity}</span>}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
