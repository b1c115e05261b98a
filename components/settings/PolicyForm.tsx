import { useEffect, useRef } from 'preact/hooks';
import {
  blankBlanket,
  blankField,
  blankFormat,
  blankListValue,
  moveItem,
  patchBudget,
  patchDraft,
  patchFor,
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
} from '@/lib/settings/draft';
import { t } from '@/lib/i18n';
import type { PlacedProblem } from '@/lib/settings/problem-places';
import { checkTemplate, liveExample } from '@/lib/settings/template-check';
import { LIMITS } from '@/lib/policy/schema';
import {
  CheckboxControl,
  ControlProblems,
  RadioGroup,
  RowButton,
  SelectControl,
  TextControl,
  type ChoiceOption,
} from './controls';

export interface PolicyFormProps {
  draft: PolicyDraft;
  /** Problems by control id; empty while the form is untouched. */
  problems: Map<string, PlacedProblem[]>;
  /** Live checks (template as typed) are off while the form is untouched. */
  quiet: boolean;
  now: Date;
  onChange: (draft: PolicyDraft) => void;
}

const enforcementOptions = (): ChoiceOption<Enforcement>[] => [
  { value: 'block', label: t('policyForm_enforcement_block'), hint: t('policyForm_enforcement_blockHint') },
  { value: 'warn', label: t('policyForm_enforcement_warn'), hint: t('policyForm_enforcement_warnHint') },
  { value: 'off', label: t('policyForm_enforcement_off'), hint: t('policyForm_enforcement_offHint') },
];

const reuseOptions = (): ChoiceOption<Reuse>[] => [
  { value: 'allow', label: t('policyForm_reuse_allow'), hint: t('policyForm_reuse_allowHint') },
  { value: 'warn', label: t('policyForm_reuse_warn'), hint: t('policyForm_reuse_warnHint') },
  { value: 'block', label: t('policyForm_reuse_block'), hint: t('policyForm_reuse_blockHint') },
];

const typeOptions = (): { value: FieldType; label: string }[] => [
  { value: 'list', label: t('policyForm_type_list') },
  { value: 'text', label: t('policyForm_type_text') },
  { value: 'digits', label: t('policyForm_type_digits') },
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

/** The policy as a form: rules, formats, fields, blanket POs and selector overrides. Props in, a new draft out. */
export function PolicyForm(props: PolicyFormProps) {
  const { draft, problems, onChange } = props;
  const focusLater = useFocusAfterRender();
  const at = (id: string) => problems.get(id) ?? [];
  const update = (patch: Parameters<typeof patchDraft>[1]) => onChange(patchDraft(draft, patch));
  const fieldNames = draft.fields.map((field) => field.name);

  return (
    <div class="policy-form">
      <section aria-labelledby="pol-rules-heading" class="form-part">
        <h3 id="pol-rules-heading">{t('policyForm_rules')}</h3>
        {draft.version !== 1 ? (
          <div class="control">
            <p>{t('policyForm_otherVersion')}</p>
            <ControlProblems id="pol-version-problems" messages={at('pol-version').map((problem) => problem.text)} />
            <button
              type="button"
              id="pol-version"
              aria-describedby="pol-version-problems"
              onClick={() => update({ version: 1 })}
            >
              {t('policyForm_useVersion1')}
            </button>
          </div>
        ) : null}
        <RadioGroup
          idPrefix="pol-enforcement"
          name="pol-enforcement"
          label={t('policyForm_enforcement')}
          options={enforcementOptions()}
          value={draft.enforcement ?? POLICY_DEFAULTS.enforcement}
          isDefault={draft.enforcement === undefined}
          problems={at(`pol-enforcement-${draft.enforcement ?? POLICY_DEFAULTS.enforcement}`)}
          onChange={(enforcement) => update({ enforcement })}
        />
        <CheckboxControl
          id="pol-required"
          label={t('policyForm_required')}
          hint={t('policyForm_requiredHint')}
          checked={draft.required ?? POLICY_DEFAULTS.required}
          problems={at('pol-required')}
          onChange={(required) => update({ required })}
        />
        <CheckboxControl
          id="pol-case"
          label={t('policyForm_caseInsensitive')}
          hint={t('policyForm_caseInsensitiveHint')}
          checked={draft.caseInsensitive ?? POLICY_DEFAULTS.caseInsensitive}
          problems={at('pol-case')}
          onChange={(caseInsensitive) => update({ caseInsensitive })}
        />
        <TextControl
          id="pol-maxlength"
          label={t('policyForm_maxLength')}
          hint={t('policyForm_maxLengthHint', LIMITS.maxLength)}
          inputMode="numeric"
          size="short"
          value={draft.maxLength}
          problems={at('pol-maxlength')}
          onChange={(maxLength) => update({ maxLength })}
        />
        <RadioGroup
          idPrefix="pol-reuse"
          name="pol-reuse"
          label={t('policyForm_reuse')}
          options={reuseOptions()}
          value={draft.reuse ?? POLICY_DEFAULTS.reuse}
          isDefault={draft.reuse === undefined}
          problems={at(`pol-reuse-${draft.reuse ?? POLICY_DEFAULTS.reuse}`)}
          onChange={(reuse) => update({ reuse })}
        />
        <TextControl
          id="pol-help"
          label={t('policyForm_help')}
          hint={t('policyForm_helpHint')}
          multiline
          size="long"
          value={draft.help}
          problems={at('pol-help')}
          onChange={(help) => update({ help })}
        />
      </section>

      <section aria-labelledby="pol-formats-heading" class="form-part">
        <h3 id="pol-formats-heading">{t('policyForm_formats')}</h3>
        <p class="hint">{t('policyForm_formatsHint')}</p>
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
        <ControlProblems
          id="pol-formats-add-problems"
          messages={at('pol-formats-add').map((problem) => problem.text)}
        />
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
          {t('policyForm_addFormat')}
        </button>
      </section>

      <section aria-labelledby="pol-fields-heading" class="form-part">
        <h3 id="pol-fields-heading">{t('policyForm_fields')}</h3>
        <p class="hint">{t('policyForm_fieldsHint')}</p>
        {draft.fields.length === 0 ? <p class="muted">{t('policyForm_noFields')}</p> : null}
        {draft.fields.map((field, index) => (
          <FieldRow key={field.key} field={field} index={index} {...props} focusLater={focusLater} />
        ))}
        <ControlProblems id="pol-fields-add-problems" messages={at('pol-fields-add').map((problem) => problem.text)} />
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
          {t('policyForm_addField')}
        </button>
      </section>

      <section aria-labelledby="pol-blanket-heading" class="form-part">
        <h3 id="pol-blanket-heading">{t('policyForm_blanketPos')}</h3>
        <p class="hint">{t('policyForm_blanketHint')}</p>
        {draft.blanketPos.length === 0 ? <p class="muted">{t('policyForm_noBlanketPos')}</p> : null}
        {draft.blanketPos.map((entry, index) => (
          <BlanketRow key={entry.key} entry={entry} index={index} {...props} focusLater={focusLater} />
        ))}
        <ControlProblems
          id="pol-blanket-add-problems"
          messages={at('pol-blanket-add').map((problem) => problem.text)}
        />
        <button
          type="button"
          id="pol-blanket-add"
          disabled={draft.blanketPos.length >= LIMITS.blanketPos}
          onClick={() => {
            focusLater(`pol-blanket-${draft.blanketPos.length}-po`);
            update({ blanketPos: [...draft.blanketPos, blankBlanket()] });
          }}
        >
          {t('policyForm_addBlanket')}
        </button>
      </section>

      <section aria-labelledby="pol-selectors-heading" class="form-part">
        <h3 id="pol-selectors-heading">{t('policyForm_selectorOverrides')}</h3>
        <p class="hint">{t('policyForm_selectorsHint')}</p>
        <TextControl
          id="pol-selectors-poField"
          label={t('policyForm_poFieldSelectors')}
          multiline
          mono
          size="long"
          placeholder="#po-input"
          value={draft.selectors.poField}
          problems={at('pol-selectors-poField')}
          onChange={(poField) => onChange(patchSelectors(draft, { poField }))}
        />
        <TextControl
          id="pol-selectors-submit"
          label={t('policyForm_submitSelectors')}
          multiline
          mono
          size="long"
          placeholder="#placeOrder"
          value={draft.selectors.submit}
          problems={at('pol-selectors-submit')}
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
  const { format, index, draft, problems, quiet, onChange, focusLater } = props;
  const id = (suffix: string) => `pol-format-${index}-${suffix}`;
  const at = (suffix: string) => problems.get(id(suffix)) ?? [];
  const name = t('name_format', index + 1);
  const inSentence = t('name_formatInSentence', index + 1);
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
        {format.label || format.id ? t('name_formatTitled', [index + 1, format.label || format.id]) : name}
      </legend>
      <div class="grid-2">
        <TextControl
          id={id('id')}
          context={name}
          label={t('policyForm_id')}
          hint={t('policyForm_idHint')}
          mono
          size="short"
          value={format.id}
          problems={at('id')}
          onChange={(value) => set({ id: value })}
        />
        <TextControl
          id={id('label')}
          context={name}
          label={t('policyForm_name')}
          hint={t('policyForm_formatNameHint')}
          value={format.label}
          problems={at('label')}
          onChange={(label) => set({ label })}
        />
      </div>
      <TextControl
        id={id('template')}
        context={name}
        label={t('policyForm_template')}
        mono
        size="long"
        placeholder="{dept}-{yyyy}{mm}-{seq}"
        hint={
          <>
            {t('policyForm_templateHint')}
            {example ? (
              <>
                {' '}
                {t('policyForm_exampleForToday')} <code data-testid={`format-${index}-live-example`}>{example}</code>
              </>
            ) : null}
          </>
        }
        value={format.template}
        problems={at('template')}
        liveProblems={check && !check.ok ? check.problems : []}
        onChange={(template) => set({ template })}
      />
      <TextControl
        id={id('example')}
        context={name}
        label={t('policyForm_example')}
        hint={t('policyForm_exampleHint')}
        mono
        value={format.example}
        problems={at('example')}
        onChange={(value) => set({ example: value })}
      />
      <div class="row-tools">
        <RowButton
          id={id('up')}
          label={t('policyForm_moveRowUp', inSentence)}
          text="↑"
          disabled={index === 0}
          onClick={() => move(index - 1)}
        />
        <RowButton
          id={id('down')}
          label={t('policyForm_moveRowDown', inSentence)}
          text="↓"
          disabled={index === props.count - 1}
          onClick={() => move(index + 1)}
        />
        <RowButton
          label={t('policyForm_removeRow', inSentence)}
          text={t('policyForm_remove')}
          onClick={() => {
            focusLater('pol-formats-add');
            onChange(patchDraft(draft, { formats: removeAt(draft.formats, index) }));
          }}
        />
      </div>
    </fieldset>
  );
}

function FieldRow(props: RowProps & { field: FieldDraft }) {
  const { field, index, draft, problems, onChange, focusLater } = props;
  const id = (suffix: string) => `pol-field-${index}-${suffix}`;
  const at = (suffix: string) => problems.get(id(suffix)) ?? [];
  const name = field.name ? t('name_field', field.name) : t('name_fieldNumber', index + 1);
  const inSentence = field.name ? t('name_fieldInSentence', field.name) : t('name_fieldNumberInSentence', index + 1);
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
          label={t('policyForm_fieldName')}
          hint={t('policyForm_fieldNameHint')}
          mono
          size="short"
          value={field.name}
          problems={at('name')}
          onChange={(value) => set({ name: value })}
        />
        <SelectControl
          id={id('type')}
          context={name}
          label={t('policyForm_fieldType')}
          value={field.type}
          options={typeOptions()}
          problems={at('type')}
          onChange={(type) => set({ type })}
        />
        <TextControl
          id={id('label')}
          context={name}
          label={t('policyForm_fieldLabel')}
          placeholder={field.name ? field.name.charAt(0).toUpperCase() + field.name.slice(1) : ''}
          value={field.label}
          problems={at('label')}
          onChange={(label) => set({ label })}
        />
      </div>
      {field.type === 'list' ? (
        <div class="codes" role="group" aria-label={t('name_codesOf', name)}>
          <p class="hint">{t('policyForm_codesHint', LIMITS.listValues)}</p>
          <ol class="code-list">
            {field.values.map((value, row) => {
              const codeName = t('name_code', [name, row + 1]);
              const codeInSentence = t('name_code', [inSentence, row + 1]);
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
                    label={t('policyForm_code')}
                    mono
                    size="short"
                    value={value.code}
                    problems={problems.get(valueId(row, 'code'))}
                    onChange={(code) => setValues(replaceAt(field.values, row, patchRow(value, { code })))}
                  />
                  <TextControl
                    id={valueId(row, 'label')}
                    context={codeName}
                    label={t('policyForm_name')}
                    placeholder={value.code}
                    value={value.label}
                    problems={problems.get(valueId(row, 'label'))}
                    onChange={(label) => setValues(replaceAt(field.values, row, patchRow(value, { label })))}
                  />
                  <div class="row-tools">
                    <RowButton
                      id={valueId(row, 'up')}
                      label={t('policyForm_moveRowUp', codeInSentence)}
                      text="↑"
                      disabled={row === 0}
                      onClick={() => move(row - 1)}
                    />
                    <RowButton
                      id={valueId(row, 'down')}
                      label={t('policyForm_moveRowDown', codeInSentence)}
                      text="↓"
                      disabled={row === field.values.length - 1}
                      onClick={() => move(row + 1)}
                    />
                    <RowButton
                      label={
                        value.code
                          ? t('policyForm_removeCode', [codeInSentence, value.code])
                          : t('policyForm_removeRow', codeInSentence)
                      }
                      text={t('policyForm_remove')}
                      onClick={() => {
                        focusLater(id('values-add'));
                        setValues(removeAt(field.values, row));
                      }}
                    />
                  </div>
                </li>
              );
            })}
          </ol>
          <ControlProblems id={id('values-add-problems')} messages={at('values-add').map((problem) => problem.text)} />
          <button
            type="button"
            id={id('values-add')}
            disabled={field.values.length >= LIMITS.listValues}
            aria-label={t('policyForm_addCodeTo', name)}
            onClick={() => {
              focusLater(valueId(field.values.length, 'code'));
              set({ values: [...field.values, blankListValue()] });
            }}
          >
            {t('policyForm_addCode')}
          </button>
        </div>
      ) : (
        <div class="grid-3">
          {field.type === 'text' ? (
            <TextControl
              id={id('charset')}
              context={name}
              label={t('policyForm_charset')}
              hint={t('policyForm_charsetHint')}
              mono
              size="short"
              value={field.charset}
              problems={at('charset')}
              onChange={(charset) => set({ charset })}
            />
          ) : null}
          <TextControl
            id={id('min')}
            context={name}
            label={t('policyForm_shortest')}
            hint={t('policyForm_lengthHint', POLICY_DEFAULTS.fieldMinLength)}
            inputMode="numeric"
            size="short"
            value={field.minLength}
            problems={at('min')}
            onChange={(minLength) => set({ minLength })}
          />
          <TextControl
            id={id('max')}
            context={name}
            label={t('policyForm_longest')}
            hint={t('policyForm_lengthHint', POLICY_DEFAULTS.fieldMaxLength)}
            inputMode="numeric"
            size="short"
            value={field.maxLength}
            problems={at('max')}
            onChange={(maxLength) => set({ maxLength })}
          />
        </div>
      )}
      <div class="row-tools">
        <RowButton
          label={t('policyForm_removeRow', inSentence)}
          text={t('policyForm_removeField')}
          onClick={() => {
            focusLater('pol-fields-add');
            onChange(patchDraft(draft, { fields: removeAt(draft.fields, index) }));
          }}
        />
      </div>
    </fieldset>
  );
}

function BlanketRow(props: RowProps & { entry: BlanketDraft }) {
  const { entry, index, draft, problems, onChange, focusLater } = props;
  const id = (suffix: string) => `pol-blanket-${index}-${suffix}`;
  const at = (suffix: string) => problems.get(id(suffix)) ?? [];
  const name = t('name_blanket', index + 1);
  const setEntry = (next: BlanketDraft) =>
    onChange(patchDraft(draft, { blanketPos: replaceAt(draft.blanketPos, index, next) }));
  const set = (patch: Partial<Pick<BlanketDraft, 'po' | 'label' | 'validFrom' | 'validTo' | 'owner'>>) =>
    setEntry(patchRow(entry, patch));
  return (
    <fieldset class="row-card">
      <legend>{entry.label || entry.po ? t('name_blanketTitled', [index + 1, entry.label || entry.po]) : name}</legend>
      <div class="grid-2">
        <TextControl
          id={id('po')}
          context={name}
          label={t('policyForm_blanketPo')}
          mono
          value={entry.po}
          problems={at('po')}
          onChange={(po) => set({ po })}
        />
        <TextControl
          id={id('label')}
          context={name}
          label={t('policyForm_name')}
          hint={t('policyForm_blanketNameHint')}
          value={entry.label}
          problems={at('label')}
          onChange={(label) => set({ label })}
        />
        <TextControl
          id={id('amount')}
          context={name}
          label={t('policyForm_budget')}
          hint={t('policyForm_budgetHint')}
          inputMode="numeric"
          size="short"
          value={entry.amount}
          problems={at('amount')}
          onChange={(amount) => setEntry(patchBudget(entry, { amount }))}
        />
        <TextControl
          id={id('currency')}
          context={name}
          label={t('policyForm_currency')}
          hint={t('policyForm_currencyHint')}
          mono
          size="short"
          placeholder="USD"
          value={entry.currencyCode}
          problems={at('currency')}
          onChange={(currencyCode) => setEntry(patchBudget(entry, { currencyCode }))}
        />
        <TextControl
          id={id('from')}
          context={name}
          label={t('policyForm_validFrom')}
          hint={t('policyForm_dateHint')}
          mono
          size="short"
          placeholder="2026-01-01"
          value={entry.validFrom}
          problems={at('from')}
          onChange={(validFrom) => set({ validFrom })}
        />
        <TextControl
          id={id('to')}
          context={name}
          label={t('policyForm_validTo')}
          hint={t('policyForm_dateHint')}
          mono
          size="short"
          placeholder="2026-12-31"
          value={entry.validTo}
          problems={at('to')}
          onChange={(validTo) => set({ validTo })}
        />
      </div>
      <TextControl
        id={id('owner')}
        context={name}
        label={t('policyForm_blanketOwner')}
        hint={t('policyForm_blanketOwnerHint')}
        value={entry.owner}
        problems={at('owner')}
        onChange={(owner) => set({ owner })}
      />
      <div class="grid-2">
        <TextControl
          id={id('groups')}
          context={name}
          label={t('policyForm_blanketGroups')}
          hint={t('policyForm_blanketGroupsHint')}
          multiline
          value={entry.groups}
          problems={at('groups')}
          onChange={(groups) => setEntry(patchFor(entry, { groups }))}
        />
        <TextControl
          id={id('domains')}
          context={name}
          label={t('policyForm_blanketDomains')}
          hint={t('policyForm_blanketDomainsHint')}
          multiline
          mono
          value={entry.emailDomains}
          problems={at('domains')}
          onChange={(emailDomains) => setEntry(patchFor(entry, { emailDomains }))}
        />
      </div>
      <div class="row-tools">
        <RowButton
          label={t('policyForm_removeRow', t('name_blanketInSentence', index + 1))}
          text={t('policyForm_remove')}
          onClick={() => {
            focusLater('pol-blanket-add');
            onChange(patchDraft(draft, { blanketPos: removeAt(draft.blanketPos, index) }));
          }}
        />
      </div>
    </fieldset>
  );
}
