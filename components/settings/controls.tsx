import type { ComponentChildren } from 'preact';
import { t } from '@/lib/i18n';
import type { PlacedProblem } from '@/lib/settings/problem-places';

export interface ControlBase {
  id: string;
  label: string;
  /** Read before the label by screen readers ("Format 2"), so same-named controls stay apart. */
  context?: string;
  hint?: ComponentChildren;
  problems?: readonly PlacedProblem[];
  /** Live messages of this control's own (a template checked as typed). Shown with the problems, deduplicated. */
  liveProblems?: readonly string[];
}

function describedBy(...ids: (string | false | null | undefined)[]): string | undefined {
  const list = ids.filter(Boolean);
  return list.length > 0 ? list.join(' ') : undefined;
}

/** The control's problems and live messages; a live message that says more than a problem ("… at column 6: add a field…") replaces it. */
function messagesOf(control: ControlBase): string[] {
  const live = control.liveProblems ?? [];
  const texts = (control.problems ?? [])
    .map((problem) => problem.text)
    .filter((text) => !live.some((message) => message.startsWith(text.replace(/\.$/, ''))));
  for (const message of live) if (!texts.includes(message)) texts.push(message);
  return texts;
}

export function Label({ id, label, context }: { id: string; label: string; context?: string }) {
  return (
    <label for={id}>
      {context ? <span class="sr-only">{context}, </span> : null}
      {label}
    </label>
  );
}

/** The problems of one control, under it; referenced by aria-describedby. */
export function ControlProblems({ id, messages }: { id: string; messages: readonly string[] }) {
  if (messages.length === 0) return null;
  return (
    <ul id={id} class="control-problems">
      {messages.map((message) => (
        <li key={message} class="error">
          {message}
        </li>
      ))}
    </ul>
  );
}

/** The hint and problem list under a single control; ids match `ariaFor`'s aria-describedby. */
function ControlFooter({ id, hint, messages }: { id: string; hint?: ComponentChildren; messages: readonly string[] }) {
  return (
    <>
      {hint ? (
        <p id={`${id}-hint`} class="hint">
          {hint}
        </p>
      ) : null}
      <ControlProblems id={`${id}-problems`} messages={messages} />
    </>
  );
}

function ariaFor(control: ControlBase, messages: readonly string[]) {
  return {
    'aria-invalid': messages.length > 0 ? ('true' as const) : undefined,
    'aria-describedby': describedBy(
      control.hint ? `${control.id}-hint` : null,
      messages.length > 0 && `${control.id}-problems`,
    ),
  };
}

export interface TextControlProps extends ControlBase {
  value: string;
  onChange: (value: string) => void;
  placeholder?: string;
  multiline?: boolean;
  mono?: boolean;
  inputMode?: 'numeric' | 'text';
  size?: 'short' | 'medium' | 'long';
  after?: ComponentChildren;
}

export function TextControl(props: TextControlProps) {
  const messages = messagesOf(props);
  const common = {
    id: props.id,
    value: props.value,
    spellcheck: false,
    autocomplete: 'off',
    placeholder: props.placeholder,
    class: [props.mono ? 'mono' : '', props.size ?? 'medium'].join(' '),
    ...ariaFor(props, messages),
  };
  return (
    <div class={`control ${messages.length > 0 ? 'has-problems' : ''}`}>
      <Label id={props.id} label={props.label} context={props.context} />
      {props.multiline ? (
        <textarea {...common} rows={3} onInput={(event) => props.onChange(event.currentTarget.value)} />
      ) : (
        <input
          type="text"
          inputMode={props.inputMode}
          {...common}
          onInput={(event) => props.onChange(event.currentTarget.value)}
        />
      )}
      <ControlFooter id={props.id} hint={props.hint} messages={messages} />
      {props.after}
    </div>
  );
}

export interface CheckboxControlProps extends ControlBase {
  checked: boolean;
  onChange: (checked: boolean) => void;
}

export function CheckboxControl(props: CheckboxControlProps) {
  const messages = messagesOf(props);
  return (
    <div class={`control checkbox ${messages.length > 0 ? 'has-problems' : ''}`}>
      <input
        type="checkbox"
        id={props.id}
        checked={props.checked}
        {...ariaFor(props, messages)}
        onChange={(event) => props.onChange(event.currentTarget.checked)}
      />
      <Label id={props.id} label={props.label} context={props.context} />
      <ControlFooter id={props.id} hint={props.hint} messages={messages} />
    </div>
  );
}

export interface ChoiceOption<T extends string> {
  value: T;
  label: string;
  hint: string;
}

export interface RadioGroupProps<T extends string> extends Omit<ControlBase, 'id'> {
  /** Radio ids are `${idPrefix}-${value}`. */
  idPrefix: string;
  name: string;
  options: readonly ChoiceOption<T>[];
  value: T;
  /** The value is not written in the policy: the default applies. */
  isDefault: boolean;
  onChange: (value: T) => void;
}

export function RadioGroup<T extends string>(props: RadioGroupProps<T>) {
  const problemsId = `${props.idPrefix}-problems`;
  const messages = messagesOf({ ...props, id: props.idPrefix });
  return (
    <fieldset
      class={`control radios ${messages.length > 0 ? 'has-problems' : ''}`}
      aria-describedby={messages.length > 0 ? problemsId : undefined}
    >
      <legend>
        {props.label}
        {props.isDefault ? <span class="muted"> {t('policyForm_default')}</span> : null}
      </legend>
      {props.options.map((option) => {
        const id = `${props.idPrefix}-${option.value}`;
        return (
          <div class="radio" key={option.value}>
            <input
              type="radio"
              id={id}
              name={props.name}
              value={option.value}
              checked={props.value === option.value}
              aria-describedby={describedBy(`${id}-hint`, messages.length > 0 && problemsId)}
              onChange={() => props.onChange(option.value)}
            />
            <label for={id}>{option.label}</label>
            <span id={`${id}-hint`} class="hint">
              {' '}
              — {option.hint}
            </span>
          </div>
        );
      })}
      <ControlProblems id={problemsId} messages={messages} />
    </fieldset>
  );
}

export interface SelectControlProps<T extends string> extends ControlBase {
  value: T;
  options: readonly { value: T; label: string }[];
  onChange: (value: T) => void;
}

export function SelectControl<T extends string>(props: SelectControlProps<T>) {
  const messages = messagesOf(props);
  return (
    <div class={`control ${messages.length > 0 ? 'has-problems' : ''}`}>
      <Label id={props.id} label={props.label} context={props.context} />
      <select
        id={props.id}
        value={props.value}
        {...ariaFor(props, messages)}
        onChange={(event) => props.onChange(event.currentTarget.value as T)}
      >
        {props.options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      <ControlFooter id={props.id} hint={props.hint} messages={messages} />
    </div>
  );
}

/** A small button in a row's toolbar (move, remove), with a full accessible name. */
export function RowButton(props: {
  id?: string;
  label: string;
  text: string;
  disabled?: boolean;
  onClick: () => void;
}) {
  return (
    <button
      type="button"
      id={props.id}
      class="small"
      aria-label={props.label}
      title={props.label}
      disabled={props.disabled}
      onClick={props.onClick}
    >
      {props.text}
    </button>
  );
}
