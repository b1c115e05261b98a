import { useEffect, useRef } from 'preact/hooks';
import {
  blankBlanket,
  blankField,
  blankFormat,
  blankListValue,
  moveItem,
  patchBudget,
  patchDraft,
  patchRow,
  patchSelectors,
  POLICY_DEFAULTS,
  removeAt,
  replaceAt,
  type BlanketDraft,
  type Enforcement,
  type FieldDraft,
  type FieldType,
  type FormatDraft,
  type PolicyDraft,
  type Reuse,
} from '@/lib/options/draft';
import type { PlacedProblem } from '@/lib/options/problems';
import { checkTemplate, liveExample } from '@/lib/options/template-check';
import { LIMITS } from '@/lib/policy/schema';
import { CheckboxControl, ControlProblems, OrgBadge, RadioGroup, RowButton, SelectControl, TextControl, type ChoiceOption } from './controls';

export interface PolicyFormProps {
  draft: PolicyDraft;
  locked: boolean;
  /** Problems by control id; empty while the form is untouched. */
  problems: Map<string, PlacedProblem[]>;
  /** Live checks (template as typed) are off while the form is untouched. */
  quiet: boolean;
  now: Date;
  onChange: (draft: PolicyDraft) => void;
}

const ENFORCEMENT_OPTIONS: ChoiceOption<Enforcement>[] = [
  { value: 'block', label: 'Block', hint: 'stop "Continue" and "Place your order" until the PO is valid' },
  { value: 'warn', label: 'Warn', hint: 'say what is wrong, but let the order go ahead' },
  { value: 'off', label: 'Off', hint: 'check nothing when the order is placed; the hint still helps while typing' },
];

const REUSE_OPTIONS: ChoiceOption<Reuse>[] = [
  { value: 'allow', label: 'Allow', hint: 'a PO used on an earlier order is fine' },
  { value: 'warn', label: 'Warn', hint: 'say that the PO was used before, but allow it' },
  { value: 'block', label: 'Block', hint: 'refuse a PO that was used on an earlier order' },
];

const TYPE_OPTIONS: { value: FieldType; label: string }[] = [
  { value: 'list', label: 'List of codes' },
  { value: 'text', label: 'Text' },
  { value: 'digits', label: 'Digits' },
];

/** Focus a control after the render that adds it (a new row, a moved row), for keyboard users. */
function useFocusAfterRender() {
  const pending = useRef<string[]>([]);
  useEffect(() => {
    for (const id of pending.current) {
      const element = document.getElementById(id);
      if (element && !(element as HTMLButtonElement).disabled) {
        element.focus();
        break;
      }
    }
    pending.current = [];
  });
  // Candidates in order: a moved row's button may be disabled at the end of the list, so the other one takes focus.
  return (...ids: string[]) => {
    pending.current = ids;
  };
}

/** "Field \"dept\"" → "field \"dept\"", for names inside a sentence ("Move field \"dept\", code 1 up"). */
function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

function SectionHeading({ id, title, locked }: { id: string; title: string; locked: boolean }) {
  return (
    <h3 id={id}>
      {title} {locked ? <OrgBadge /> : null}
    </h3>
  );
}

/** The policy as a form: rules, formats, fields, blanket POs and selector overrides. Props in, a new draft out. */
export function PolicyForm(props: PolicyFormProps) {
  const { draft, locked, problems, onChange } = props;
  const focusLater = useFocusAfterRender();
  const at = (id: string) => problems.get(id) ?? [];
  const update = (patch: Parameters<typeof patchDraft>[1]) => onChange(patchDraft(draft, patch));
  const fieldNames = draft.fields.map((field) => field.name);

  return (
    <div class="policy-form">
      <section aria-labelledby="pol-rules-heading" class="form-part">
        <SectionHeading id="pol-rules-heading" title="Rules" locked={locked} />
        {draft.version !== 1 ? (
          <div class="control">
            <p>This policy is written for another policy format version; PO Assist reads version 1.</p>
            <ControlProblems id="pol-version-problems" messages={at('pol-version').map((problem) => problem.text)} />
            {!locked && (
              <button type="button" id="pol-version" aria-describedby="pol-version-problems" onClick={() => update({ version: 1 })}>
                Use version 1
              </button>
            )}
          </div>
        ) : null}
        <RadioGroup
          idPrefix="pol-enforcement"
          name="pol-enforcement"
          label="What an invalid PO does when the order is placed"
          options={ENFORCEMENT_OPTIONS}
          value={draft.enforcement ?? POLICY_DEFAULTS.enforcement}
          isDefault={draft.enforcement === undefined}
          problems={at(`pol-enforcement-${draft.enforcement ?? POLICY_DEFAULTS.enforcement}`)}
          locked={locked}
          onChange={(enforcement) => update({ enforcement })}
        />
        <CheckboxControl
          id="pol-required"
          label="A PO number is required"
          hint="When on, an empty PO counts as invalid."
          checked={draft.required ?? POLICY_DEFAULTS.required}
          problems={at('pol-required')}
          locked={locked}
          onChange={(required) => update({ required })}
        />
        <CheckboxControl
          id="pol-case"
          label="Ignore upper and lower case"
          hint={'Letters are upper-cased before checking, so "mkt-…" counts as "MKT-…" and is fixed to it.'}
          checked={draft.caseInsensitive ?? POLICY_DEFAULTS.caseInsensitive}
          problems={at('pol-case')}
          locked={locked}
          onChange={(caseInsensitive) => update({ caseInsensitive })}
        />
        <TextControl
          id="pol-maxlength"
          label="Longest PO, in characters"
          hint={`Optional, 1 to ${LIMITS.maxLength}. Amazon's own limit applies anyway.`}
          inputMode="numeric"
          size="short"
          value={draft.maxLength}
          problems={at('pol-maxlength')}
          locked={locked}
          onChange={(maxLength) => update({ maxLength })}
        />
        <RadioGroup
          idPrefix="pol-reuse"
          name="pol-reuse"
          label="What a PO already used on an earlier order does"
          options={REUSE_OPTIONS}
          value={draft.reuse ?? POLICY_DEFAULTS.reuse}
          isDefault={draft.reuse === undefined}
          problems={at(`pol-reuse-${draft.reuse ?? POLICY_DEFAULTS.reuse}`)}
          locked={locked}
          onChange={(reuse) => update({ reuse })}
        />
        <TextControl
          id="pol-help"
          label="Help text"
          hint="Shown to shoppers next to the PO field, for example where to find their department code."
          multiline
          size="long"
          value={draft.help}
          problems={at('pol-help')}
          locked={locked}
          onChange={(help) => update({ help })}
        />
      </section>

      <section aria-labelledby="pol-formats-heading" class="form-part">
        <SectionHeading id="pol-formats-heading" title="Formats" locked={locked} />
        <p class="hint">A PO is valid when it matches any of these formats. The first one is offered first when a PO is generated.</p>
        {draft.formats.map((format, index) => (
          <FormatRow
            key={format.key}
            format={format}
            index={index}
            count={draft.formats.length}
            fieldNames={fieldNames}
            {...props}
            focusLater={focusLater}
          />
        ))}
        <ControlProblems id="pol-formats-add-problems" messages={at('pol-formats-add').map((problem) => problem.text)} />
        {!locked && (
          <button
            type="button"
            id="pol-formats-add"
            disabled={draft.formats.length >= LIMITS.formats}
            aria-describedby={at('pol-formats-add').length > 0 ? 'pol-formats-add-problems' : undefined}
            onClick={() => {
              focusLater(`pol-format-${draft.formats.length}-id`);
              update({ formats: [...draft.formats, blankFormat()] });
            }}
          >
            Add a format
          </button>
        )}
      </section>

      <section aria-labelledby="pol-fields-heading" class="form-part">
        <SectionHeading id="pol-fields-heading" title="Fields" locked={locked} />
        <p class="hint">
          The named placeholders your templates use, such as {'{dept}'}. Built-in placeholders need no field: {'{yyyy} {yy} {mm} {dd} {q}'}.
        </p>
        {draft.fields.length === 0 ? <p class="muted">No fields yet.</p> : null}
        {draft.fields.map((field, index) => (
          <FieldRow key={field.key} field={field} index={index} {...props} focusLater={focusLater} />
        ))}
        <ControlProblems id="pol-fields-add-problems" messages={at('pol-fields-add').map((problem) => problem.text)} />
        {!locked && (
          <button
            type="button"
            id="pol-fields-add"
            disabled={draft.fields.length >= LIMITS.fields}
            aria-describedby={at('pol-fields-add').length > 0 ? 'pol-fields-add-problems' : undefined}
            onClick={() => {
              focusLater(`pol-field-${draft.fields.length}-name`);
              update({ fields: [...draft.fields, blankField()] });
            }}
          >
            Add a field
          </button>
        )}
      </section>

      <section aria-labelledby="pol-blanket-heading" class="form-part">
        <SectionHeading id="pol-blanket-heading" title="Blanket POs" locked={locked} />
        <p class="hint">
          Reusable budget POs (Amazon's "Budgets (Blanket PO)"). Each is valid on its own between its dates, and offered at checkout next to
          Generate.
        </p>
        {draft.blanketPos.length === 0 ? <p class="muted">No blanket POs.</p> : null}
        {draft.blanketPos.map((entry, index) => (
          <BlanketRow key={entry.key} entry={entry} index={index} {...props} focusLater={focusLater} />
        ))}
        <ControlProblems id="pol-blanket-add-problems" messages={at('pol-blanket-add').map((problem) => problem.text)} />
        {!locked && (
          <button
            type="button"
            id="pol-blanket-add"
            disabled={draft.blanketPos.length >= LIMITS.blanketPos}
            onClick={() => {
              focusLater(`pol-blanket-${draft.blanketPos.length}-po`);
              update({ blanketPos: [...draft.blanketPos, blankBlanket()] });
            }}
          >
            Add a blanket PO
          </button>
        )}
      </section>

      <section aria-labelledby="pol-selectors-heading" class="form-part">
        <SectionHeading id="pol-selectors-heading" title="Selector overrides" locked={locked} />
        <p class="hint">
          Only for when Amazon changes its checkout page and PO Assist cannot find the PO field or the order buttons (Diagnostics shows what it
          found). CSS selectors, one per line, tried in order; leave empty to use the built-in ones.
        </p>
        <TextControl
          id="pol-selectors-poField"
          label="PO field selectors"
          multiline
          mono
          size="long"
          placeholder="#po-input"
          value={draft.selectors.poField}
          problems={at('pol-selectors-poField')}
          locked={locked}
          onChange={(poField) => onChange(patchSelectors(draft, { poField }))}
        />
        <TextControl
          id="pol-selectors-submit"
          label="Order button selectors"
          multiline
          mono
          size="long"
          placeholder="#placeOrder"
          value={draft.selectors.submit}
          problems={at('pol-selectors-submit')}
          locked={locked}
          onChange={(submit) => onChange(patchSelectors(draft, { submit }))}
        />
      </section>
    </div>
  );
}

interface RowProps extends PolicyFormProps {
  index: number;
  focusLater: (...ids: string[]) => void;
}

function FormatRow(props: RowProps & { format: FormatDraft; count: number; fieldNames: string[] }) {
  const { format, index, draft, locked, problems, quiet, onChange, focusLater } = props;
  const id = (suffix: string) => `pol-format-${index}-${suffix}`;
  const at = (suffix: string) => problems.get(id(suffix)) ?? [];
  const name = `Format ${index + 1}`;
  const set = (patch: Partial<Omit<FormatDraft, 'key' | 'extra' | 'raw'>>) =>
    onChange(patchDraft(draft, { formats: replaceAt(draft.formats, index, patchRow(format, patch)) }));
  const check = quiet ? null : checkTemplate(format.template, props.fieldNames);
  const example = check?.ok ? liveExample(draft, index, props.now) : null;
  const move = (to: number) => {
    const button = (row: number, which: string) => `pol-format-${row}-${which}`;
    focusLater(button(to, to < index ? 'up' : 'down'), button(to, to < index ? 'down' : 'up'));
    onChange(patchDraft(draft, { formats: moveItem(draft.formats, index, to) }));
  };
  return (
    <fieldset class="row-card">
      <legend>
        {name}
        {format.label || format.id ? `: ${format.label || format.id}` : ''}
      </legend>
      <div class="grid-2">
        <TextControl id={id('id')} context={name} label="Id" hint="A short name, unique among formats." mono size="short" value={format.id} problems={at('id')} locked={locked} onChange={(value) => set({ id: value })} />
        <TextControl id={id('label')} context={name} label="Name" hint="Shown to shoppers, e.g. Department order." value={format.label} problems={at('label')} locked={locked} onChange={(label) => set({ label })} />
      </div>
      <TextControl
        id={id('template')}
        context={name}
        label="Template"
        mono
        size="long"
        placeholder="{dept}-{yyyy}{mm}-{seq}"
        hint={
          <>
            Text and {'{placeholders}'}: {'{yyyy} {yy} {mm} {dd} {q}'} or a field's name; write {'{{'} or {'}}'} for a brace.
            {example ? (
              <>
                {' '}
                Example for today: <code data-testid={`format-${index}-live-example`}>{example}</code>
              </>
            ) : null}
          </>
        }
        value={format.template}
        problems={at('template')}
        liveProblems={check && !check.ok ? check.problems : []}
        locked={locked}
        onChange={(template) => set({ template })}
      />
      <TextControl
        id={id('example')}
        context={name}
        label="Example"
        hint="Optional. Shown to shoppers; it must itself be valid."
        mono
        value={format.example}
        problems={at('example')}
        locked={locked}
        onChange={(value) => set({ example: value })}
      />
      {!locked && (
        <div class="row-tools">
          <RowButton id={id('up')} label={`Move ${lowerFirst(name)} up`} text="Move up" disabled={index === 0} onClick={() => move(index - 1)} />
          <RowButton id={id('down')} label={`Move ${lowerFirst(name)} down`} text="Move down" disabled={index === props.count - 1} onClick={() => move(index + 1)} />
          <RowButton
            label={`Remove ${lowerFirst(name)}`}
            text="Remove"
            onClick={() => {
              focusLater('pol-formats-add');
              onChange(patchDraft(draft, { formats: removeAt(draft.formats, index) }));
            }}
          />
        </div>
      )}
    </fieldset>
  );
}

function FieldRow(props: RowProps & { field: FieldDraft }) {
  const { field, index, draft, locked, problems, onChange, focusLater } = props;
  const id = (suffix: string) => `pol-field-${index}-${suffix}`;
  const at = (suffix: string) => problems.get(id(suffix)) ?? [];
  const name = field.name ? `Field "${field.name}"` : `Field ${index + 1}`;
  const setField = (next: FieldDraft) => onChange(patchDraft(draft, { fields: replaceAt(draft.fields, index, next) }));
  const set = (patch: Partial<Omit<FieldDraft, 'key' | 'extra' | 'raw'>>) => setField(patchRow(field, patch));
  const valueId = (row: number, part: string) => `${id('value')}-${row}-${part}`;
  return (
    <fieldset class="row-card">
      <legend>{name}</legend>
      <div class="grid-3">
        <TextControl
          id={id('name')}
          context={name}
          label="Name in templates"
          hint="Letters, digits and _, starting with a letter."
          mono
          size="short"
          value={field.name}
          problems={at('name')}
          locked={locked}
          onChange={(value) => set({ name: value })}
        />
        <SelectControl id={id('type')} context={name} label="Type" value={field.type} options={TYPE_OPTIONS} problems={at('type')} locked={locked} onChange={(type) => set({ type })} />
        <TextControl id={id('label')} context={name} label="Name shown to shoppers" placeholder={field.name ? field.name.charAt(0).toUpperCase() + field.name.slice(1) : ''} value={field.label} problems={at('label')} locked={locked} onChange={(label) => set({ label })} />
      </div>
      {field.type === 'list' ? (
        <div class="codes" role="group" aria-label={`${name}: codes`}>
          <p class="hint">The codes shoppers may use (1 to {LIMITS.listValues}), each with an optional name. Their order is the order offered.</p>
          <ol class="code-list">
            {field.values.map((value, row) => {
              const codeName = `${name}, code ${row + 1}`;
              const setValues = (values: typeof field.values) => set({ values });
              const move = (to: number) => {
                focusLater(valueId(to, to < row ? 'up' : 'down'), valueId(to, to < row ? 'down' : 'up'));
                setValues(moveItem(field.values, row, to));
              };
              return (
                <li key={value.key} class="code-row">
                  <TextControl
                    id={valueId(row, 'code')}
                    context={codeName}
                    label="Code"
                    mono
                    size="short"
                    value={value.code}
                    problems={problems.get(valueId(row, 'code'))}
                    locked={locked}
                    onChange={(code) => setValues(replaceAt(field.values, row, patchRow(value, { code })))}
                  />
                  <TextControl
                    id={valueId(row, 'label')}
                    context={codeName}
                    label="Name"
                    placeholder={value.code}
                    value={value.label}
                    problems={problems.get(valueId(row, 'label'))}
                    locked={locked}
                    onChange={(label) => setValues(replaceAt(field.values, row, patchRow(value, { label })))}
                  />
                  {!locked && (
                    <div class="row-tools">
                      <RowButton id={valueId(row, 'up')} label={`Move ${lowerFirst(codeName)} up`} text="↑" disabled={row === 0} onClick={() => move(row - 1)} />
                      <RowButton id={valueId(row, 'down')} label={`Move ${lowerFirst(codeName)} down`} text="↓" disabled={row === field.values.length - 1} onClick={() => move(row + 1)} />
                      <RowButton
                        label={`Remove ${lowerFirst(codeName)}${value.code ? ` (${value.code})` : ''}`}
                        text="Remove"
                        onClick={() => {
                          focusLater(id('values-add'));
                          setValues(removeAt(field.values, row));
                        }}
                      />
                    </div>
                  )}
                </li>
              );
            })}
          </ol>
          <ControlProblems id={id('values-add-problems')} messages={at('values-add').map((problem) => problem.text)} />
          {!locked && (
            <button
              type="button"
              id={id('values-add')}
              disabled={field.values.length >= LIMITS.listValues}
              aria-label={`Add a code to ${name}`}
              onClick={() => {
                focusLater(valueId(field.values.length, 'code'));
                set({ values: [...field.values, blankListValue()] });
              }}
            >
              Add a code
            </button>
          )}
        </div>
      ) : (
        <div class="grid-3">
          {field.type === 'text' ? (
            <TextControl
              id={id('charset')}
              context={name}
              label="Allowed characters"
              hint="Ranges and single characters, e.g. A-Z0-9 or A-Z0-9_-"
              mono
              size="short"
              value={field.charset}
              problems={at('charset')}
              locked={locked}
              onChange={(charset) => set({ charset })}
            />
          ) : null}
          <TextControl id={id('min')} context={name} label="Shortest" hint={`Characters; default ${POLICY_DEFAULTS.fieldMinLength}.`} inputMode="numeric" size="short" value={field.minLength} problems={at('min')} locked={locked} onChange={(minLength) => set({ minLength })} />
          <TextControl id={id('max')} context={name} label="Longest" hint={`Characters; default ${POLICY_DEFAULTS.fieldMaxLength}.`} inputMode="numeric" size="short" value={field.maxLength} problems={at('max')} locked={locked} onChange={(maxLength) => set({ maxLength })} />
        </div>
      )}
      {!locked && (
        <div class="row-tools">
          <RowButton
            label={`Remove ${lowerFirst(name)}`}
            text="Remove field"
            onClick={() => {
              focusLater('pol-fields-add');
              onChange(patchDraft(draft, { fields: removeAt(draft.fields, index) }));
            }}
          />
        </div>
      )}
    </fieldset>
  );
}

function BlanketRow(props: RowProps & { entry: BlanketDraft }) {
  const { entry, index, draft, locked, problems, onChange, focusLater } = props;
  const id = (suffix: string) => `pol-blanket-${index}-${suffix}`;
  const at = (suffix: string) => problems.get(id(suffix)) ?? [];
  const name = `Blanket PO ${index + 1}`;
  const setEntry = (next: BlanketDraft) => onChange(patchDraft(draft, { blanketPos: replaceAt(draft.blanketPos, index, next) }));
  const set = (patch: Partial<Omit<BlanketDraft, 'key' | 'extra' | 'raw' | 'budgetExtra' | 'amount' | 'currencyCode'>>) => setEntry(patchRow(entry, patch));
  return (
    <fieldset class="row-card">
      <legend>
        {name}
        {entry.label || entry.po ? `: ${entry.label || entry.po}` : ''}
      </legend>
      <div class="grid-2">
        <TextControl id={id('po')} context={name} label="PO number" mono value={entry.po} problems={at('po')} locked={locked} onChange={(po) => set({ po })} />
        <TextControl id={id('label')} context={name} label="Name" hint="Shown at checkout, e.g. Marketing 2026." value={entry.label} problems={at('label')} locked={locked} onChange={(label) => set({ label })} />
        <TextControl id={id('amount')} context={name} label="Budget" hint="Optional: the amount, for spend against budget in the popup." inputMode="numeric" size="short" value={entry.amount} problems={at('amount')} locked={locked} onChange={(amount) => setEntry(patchBudget(entry, { amount }))} />
        <TextControl id={id('currency')} context={name} label="Currency" hint="3 letters, e.g. USD." mono size="short" placeholder="USD" value={entry.currencyCode} problems={at('currency')} locked={locked} onChange={(currencyCode) => setEntry(patchBudget(entry, { currencyCode }))} />
        <TextControl id={id('from')} context={name} label="Valid from" hint="YYYY-MM-DD, optional, included." mono size="short" placeholder="2026-01-01" value={entry.validFrom} problems={at('from')} locked={locked} onChange={(validFrom) => set({ validFrom })} />
        <TextControl id={id('to')} context={name} label="Valid to" hint="YYYY-MM-DD, optional, included." mono size="short" placeholder="2026-12-31" value={entry.validTo} problems={at('to')} locked={locked} onChange={(validTo) => set({ validTo })} />
      </div>
      {!locked && (
        <div class="row-tools">
          <RowButton
            label={`Remove ${lowerFirst(name)}`}
            text="Remove"
            onClick={() => {
              focusLater('pol-blanket-add');
              onChange(patchDraft(draft, { blanketPos: removeAt(draft.blanketPos, index) }));
            }}
          />
        </div>
      )}
    </fieldset>
  );
}

