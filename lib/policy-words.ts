/**
 * The words for lib/policy's codes: one renderer per kind (a verdict's reason, what was expected, where), for
 * every UI. lib/policy returns codes with parameters; the sentences come from messages.json here, in the UI
 * language, with the policy's own names (field labels, codes, format labels) inserted unchanged.
 */
import { formatNumber, prepareCounting, t, tPlural, type MessageKey } from '@/lib/i18n';
import type { CharsetProblem } from '@/lib/policy/charset';
import type { SchemaRule, ValueKind } from '@/lib/policy/schema';
import type { TemplateParseResult, TemplateProblem } from '@/lib/policy/template';
import type {
  GenerateProblem,
  PoExpectation,
  PoPosition,
  PoReason,
  PoVerdict,
  PolicyProblem,
} from '@/lib/policy/types';

const MAX_SHOWN_CODES = 8;
const SEPARATOR_KEYS: Record<string, MessageKey> = {
  '-': 'sep_dash',
  '/': 'sep_slash',
  _: 'sep_underscore',
  '.': 'sep_dot',
  ' ': 'sep_space',
};
const ORDINAL_KEYS: readonly MessageKey[] = [
  'ordinal_1',
  'ordinal_2',
  'ordinal_3',
  'ordinal_4',
  'ordinal_5',
  'ordinal_6',
  'ordinal_7',
  'ordinal_8',
  'ordinal_9',
  'ordinal_10',
];
const PART_WHERE: Record<string, MessageKey> = {
  yyyy: 'where_afterYear',
  yy: 'where_afterYear',
  mm: 'where_afterMonth',
  dd: 'where_afterDay',
  q: 'where_afterQuarter',
};
const PART_EXPECTED: Record<string, MessageKey> = {
  yyyy: 'expect_year4',
  yy: 'expect_year2',
  mm: 'expect_month',
  dd: 'expect_day',
  q: 'expect_quarter',
};

const english = () => t('locale') === 'en';
const startsWithVowel = (word: string) => english() && /^[aeiou]/i.test(word);
/** English writes "a department code"; other languages keep the policy's label as written. */
const asKind = (label: string) => (english() ? label.toLowerCase() : label);

function clip(text: string, length: number): string {
  const chars = [...text.slice(0, 2 * length + 2)];
  return chars.length > length ? `${chars.slice(0, length).join('')}…` : text;
}

/** What was found, as it reads in a sentence: bare when letters and digits, quoted otherwise. */
function shown(found: string): string {
  const text = clip(found, 24);
  return /^[A-Za-z0-9]+$/.test(found) ? text : `"${text}"`;
}

function lengthText(min: number, max: number, unit: 'digits' | 'characters'): string {
  if (min === max) return tPlural(unit === 'digits' ? 'expect_digits' : 'expect_characters', min);
  return tPlural(unit === 'digits' ? 'expect_digitsRange' : 'expect_charactersRange', max, [min]);
}

function textRule(min: number, max: number, charset: string): string {
  return t('expect_textRule', [lengthText(min, max, 'characters'), charset]);
}

/** Where in the PO: "at the start", "after the second dash", `after "PRJ-"`, "after MKT", "after the date". */
export function positionText(where: PoPosition): string {
  switch (where.at) {
    case 'start':
      return t('where_start');
    case 'separator': {
      const separator = t(SEPARATOR_KEYS[where.separator] ?? 'sep_dash');
      const ordinal = ORDINAL_KEYS[where.count - 1];
      return ordinal
        ? t('where_separatorNth', [t(ordinal), separator])
        : t('where_separatorNumber', [separator, where.count]);
    }
    case 'literal':
      return t('where_literal', where.text);
    case 'typed':
      return t('where_after', where.text);
    case 'field':
      return t('where_after', where.field);
    case 'date-part':
      return t(PART_WHERE[where.part]!);
    case 'date':
      return t('where_afterDate');
  }
}

/** What was expected, short, for a "Expected:" line: "4 digits", "one of MKT, ENG, FIN", "PRJ-", "yyyymm". */
export function expectedText(expected: PoExpectation): string {
  switch (expected.kind) {
    case 'list':
      return expected.codes.length <= MAX_SHOWN_CODES
        ? t('expect_oneOf', expected.codes.join(', '))
        : t('expect_listCode', asKind(expected.field));
    case 'text':
      return textRule(expected.min, expected.max, expected.charset);
    case 'digits':
      return lengthText(expected.min, expected.max, 'digits');
    case 'literal':
      return expected.text;
    case 'date':
      return expected.pattern;
    case 'quarter':
      return '1-4';
    case 'end':
      return t('expect_end');
    case 'max-length':
      return tPlural('expect_atMost', expected.max);
  }
}

/** What was expected, inside a sentence: "Department (MKT, ENG, FIN)", `"-"`, "a month (01-12)". */
function expectedInSentence(expected: PoExpectation): string {
  switch (expected.kind) {
    case 'list':
      if (expected.codes.length <= MAX_SHOWN_CODES)
        return t('expect_fieldWith', [expected.field, expected.codes.join(', ')]);
      return t(startsWithVowel(expected.field) ? 'expect_listCodeAn' : 'expect_listCode', asKind(expected.field));
    case 'text':
      return t('expect_fieldWith', [expected.field, textRule(expected.min, expected.max, expected.charset)]);
    case 'literal':
      return t('expect_literal', expected.text);
    case 'date':
      return expected.part ? t(PART_EXPECTED[expected.part]!) : t('expect_dateAs', expected.pattern);
    default:
      return expectedText(expected);
  }
}

let monthFormat: Intl.DateTimeFormat | undefined;

function monthName(month: number): string {
  if (month < 1 || month > 12) return String(month);
  monthFormat ??= new Intl.DateTimeFormat(t('locale'), { month: 'long', timeZone: 'UTC' });
  return monthFormat.format(new Date(Date.UTC(2000, month - 1, 1)));
}

/**
 * Sets up the ICU formatters the diagnoses use (counts, month names: about 20 ms the first time in a worker), so the
 * first diagnosis a shopper waits for does not pay for them (issue 7 §7). The background calls it when a checkout
 * tab opens its message port, before the shopper types.
 */
export function prepareVerdictWords(): void {
  prepareCounting();
  monthName(1);
}

/** One sentence for a shopper, without a final full stop: "Department must be one of MKT, ENG, FIN — found MKTG". */
export function reasonText(reason: PoReason): string {
  switch (reason.code) {
    case 'empty-required':
      return t('guard_emptyRequired');
    case 'too-long':
      return t('why_tooLong', [reason.length, reason.max]);
    case 'blanket-outside-dates': {
      const { po, validFrom, validTo } = reason;
      if (validFrom && validTo) return t('why_blanketFromTo', [po, validFrom, validTo]);
      if (validFrom) return t('why_blanketFrom', [po, validFrom]);
      if (validTo) return t('why_blanketUntil', [po, validTo]);
      return t('why_blanketNotToday', po);
    }
    case 'ends-early':
      return t('why_endsEarly', [expectedInSentence(reason.expected), positionText(reason.where)]);
    case 'list-mismatch':
      return reason.expected.length <= MAX_SHOWN_CODES
        ? t('why_listMismatch', [reason.field, reason.expected.join(', '), shown(reason.found)])
        : t('why_listMismatchMany', [
            reason.field,
            asKind(reason.field),
            reason.expected.slice(0, 3).join(', '),
            shown(reason.found),
          ]);
    case 'text-mismatch':
      return t('why_textMismatch', [
        reason.field,
        textRule(reason.min, reason.max, reason.charset),
        shown(reason.found),
      ]);
    case 'unexpected': {
      // A literal's found text is always quoted: it is the characters where the literal should be.
      const found = reason.expected.kind === 'literal' ? `"${reason.found}"` : shown(reason.found);
      return t('why_unexpected', [expectedInSentence(reason.expected), positionText(reason.where), found]);
    }
    case 'trailing':
      return t(startsWithVowel(reason.format) ? 'why_trailingAn' : 'why_trailing', [
        reason.found,
        reason.format,
        reason.example,
      ]);
    case 'no-such-quarter':
      return t('why_noSuchQuarter', reason.found);
    case 'no-such-month':
      return t('why_noSuchMonth', [reason.date, reason.month]);
    case 'no-such-day':
      return t('why_noSuchDay', [reason.date, reason.day]);
    case 'month-too-short': {
      const month = monthName(reason.month);
      if (reason.anyYear) return t('why_monthAtMost', [reason.date, month, reason.days]);
      return t('why_monthDays', [reason.date, reason.year ? `${month} ${reason.year}` : month, reason.days]);
    }
  }
}

/** The sentence for an invalid verdict. */
export function verdictMessage(verdict: Extract<PoVerdict, { valid: false }>): string {
  return reasonText(verdict.reason);
}

const TEMPLATE_PROBLEMS: Record<TemplateProblem['code'], MessageKey> = {
  'brace-in-name': 'templateProblem_braceInName',
  'bad-name-char': 'templateProblem_badNameChar',
  unclosed: 'templateProblem_unclosed',
  'empty-placeholder': 'templateProblem_emptyPlaceholder',
  repeated: 'templateProblem_repeated',
  'year-twice': 'templateProblem_yearTwice',
  'unmatched-close': 'templateProblem_unmatchedClose',
  'not-ascii': 'templateProblem_notAscii',
  empty: 'templateProblem_empty',
  'leading-space': 'templateProblem_leadingSpace',
  'trailing-space': 'templateProblem_trailingSpace',
};

/** Why a template cannot be read, with the column where it goes wrong: `unclosed "{" at column 3`. */
export function templateProblemText(failure: Extract<TemplateParseResult, { ok: false }>): string {
  const { problem, column } = failure;
  const key = TEMPLATE_PROBLEMS[problem.code];
  const what =
    problem.code === 'bad-name-char' || problem.code === 'not-ascii'
      ? t(key, problem.char)
      : problem.code === 'repeated'
        ? t(key, problem.name)
        : t(key);
  return problem.code === 'empty' ? what : t('templateProblem_at', [what, column]);
}

function charsetText(problem: CharsetProblem): string {
  switch (problem.code) {
    case 'empty':
      return t('charset_empty');
    case 'space':
      return t('charset_space');
    case 'not-ascii':
      return t('charset_notAscii', [problem.char, problem.position]);
    case 'backwards':
      return t('charset_backwards', problem.range);
  }
}

/** zod's type names, as the value an admin should have written. */
const TYPE_WORDS: Record<string, MessageKey> = {
  string: 'type_string',
  number: 'type_number',
  int: 'type_int',
  boolean: 'type_boolean',
  object: 'type_object',
  record: 'type_object',
  array: 'type_array',
};

const KIND_WORDS: Record<ValueKind, MessageKey> = {
  null: 'kind_null',
  list: 'kind_list',
  'whole-number': 'kind_wholeNumber',
  number: 'kind_number',
  text: 'kind_text',
  boolean: 'kind_boolean',
  object: 'kind_object',
  other: 'kind_unknown',
};

const RULE_WORDS: Record<SchemaRule, MessageKey> = {
  'language-tag': 'rule_languageTag',
  'no-languages': 'rule_noLanguages',
  'code-chars': 'rule_codeChars',
  'field-name': 'rule_fieldName',
  'date-format': 'rule_dateFormat',
  'not-a-date': 'rule_notADate',
  'blanket-chars': 'rule_blanketChars',
  'currency-code': 'rule_currencyCode',
};

const number = formatNumber;

function sizeText({ of, bound, limit }: Extract<PolicyProblem, { code: 'size' }>['params']): string {
  if (of === 'text') {
    if (bound === 'min' && limit === 1) return t('problem_notEmpty');
    return tPlural(bound === 'max' ? 'problem_lengthAtMost' : 'problem_lengthAtLeast', limit);
  }
  if (of === 'list') return tPlural(bound === 'max' ? 'problem_entriesAtMost' : 'problem_entriesAtLeast', limit);
  return t(bound === 'max' ? 'problem_numberAtMost' : 'problem_numberAtLeast', number(limit));
}

/** A policy problem in words, in the UI language, with the policy's own names (codes, ids, labels) unchanged. */
export function problemText(problem: PolicyProblem): string {
  switch (problem.code) {
    case 'not-json':
      return t('problem_notJson', problem.params.detail);
    case 'too-large': {
      const { bytes, limit } = problem.params;
      return t('problem_tooLarge', [number(bytes), number(limit), number(limit / 1024)]);
    }
    case 'required':
      return t('problem_required');
    case 'wrong-type': {
      const { expected, found } = problem.params;
      const wanted = TYPE_WORDS[expected];
      return t('problem_wrongType', [wanted ? t(wanted) : expected, t(KIND_WORDS[found])]);
    }
    case 'unknown-property':
      return t('problem_unknownProperty', problem.params.key);
    case 'one-of': {
      const { values } = problem.params;
      return values.length === 1 ? t('problem_mustBe', values[0]!) : t('problem_mustBeOneOf', values.join(', '));
    }
    case 'not-accepted':
      return t('problem_notAccepted');
    case 'size':
      return sizeText(problem.params);
    case 'multiple-of':
      return t('problem_multipleOf', number(problem.params.divisor));
    case 'rule':
      return t(RULE_WORDS[problem.params.rule]);
    case 'too-many-fields':
      return t('problem_tooManyFields', problem.params.max);
    case 'reserved-name':
      return t('problem_reservedName', problem.params.name);
    case 'builtin-name':
      return t('problem_builtinName', problem.params.name);
    case 'charset':
      return charsetText(problem.params);
    case 'template':
      return templateProblemText({ ok: false, ...problem.params });
    case 'unknown-field': {
      const { name, column, builtin } = problem.params;
      return builtin
        ? t('problem_unknownFieldBuiltin', [name, column, builtin])
        : t('problem_unknownField', [name, column]);
    }
    case 'too-complex':
      return t('problem_tooComplex', [number(problem.params.work), number(problem.params.limit)]);
    case 'too-many-states':
      return t('problem_tooManyStates', [number(problem.params.states), number(problem.params.limit)]);
    case 'example-invalid': {
      const { example, format, reason } = problem.params;
      return format
        ? t('problem_exampleInvalidFor', [example, format, reasonText(reason)])
        : t('problem_exampleInvalid', [example, reasonText(reason)]);
    }
    case 'duplicate-code': {
      const { value, first, ignoringCase } = problem.params;
      return t(ignoringCase ? 'problem_duplicateCodeIgnoringCase' : 'problem_duplicateCode', [value, first + 1]);
    }
    case 'duplicate-format-id':
      return t('problem_duplicateFormatId', [problem.params.id, problem.params.first + 1]);
    case 'min-over-max':
      return t('problem_minOverMax', [problem.params.min, problem.params.max]);
    case 'valid-to-before-from':
      return t('problem_validToBeforeFrom', [problem.params.validTo, problem.params.validFrom]);
  }
}

/**
 * Problems that say what the value at their place must be or is ("is required", "must be at most 64"): a
 * sentence puts the control's name before them. The others are sentences of their own.
 */
function isPredicate(problem: PolicyProblem): boolean {
  switch (problem.code) {
    case 'required':
    case 'wrong-type':
    case 'one-of':
    case 'not-accepted':
    case 'size':
    case 'multiple-of':
    case 'too-large':
      return true;
    case 'rule':
      return problem.params.rule !== 'field-name';
    default:
      return false;
  }
}

function capitalised(text: string): string {
  return text.charAt(0).toLocaleUpperCase(t('locale')) + text.slice(1);
}

/** A whole sentence: "Template must not be empty.", `Unclosed "{" at column 3.`, "Must be an object.". */
export function problemSentence(control: string, problem: PolicyProblem): string {
  const words = problemText(problem);
  return control && isPredicate(problem)
    ? t('problem_sentenceOf', [control, words])
    : t('problem_sentence', capitalised(words));
}

/** A template's own problem as a sentence, for the live check under the template input. */
export function templateProblemSentence(failure: Extract<TemplateParseResult, { ok: false }>): string {
  return t('problem_sentence', capitalised(templateProblemText(failure)));
}

/** Why a PO could not be generated, as one sentence. */
function generateProblemText(problem: GenerateProblem): string {
  switch (problem.code) {
    case 'no-format':
      return t('generate_noFormat', problem.formatId);
    case 'not-a-code':
      return t(startsWithVowel(problem.field) ? 'generate_notACodeAn' : 'generate_notACode', [
        problem.value,
        problem.field,
      ]);
    case 'text-rule':
      return t('generate_mustBe', [problem.field, textRule(problem.min, problem.max, problem.charset)]);
    case 'digits-rule':
      return t('generate_mustBe', [problem.field, lengthText(problem.min, problem.max, 'digits')]);
    case 'sequence-used':
      return problem.prefix
        ? t('generate_sequenceUsed', [problem.digits, problem.prefix])
        : t('generate_sequenceUsedAtStart', problem.digits);
    case 'choose-first':
      return t(
        'generate_chooseFirst',
        new Intl.ListFormat(t('locale'), { type: 'conjunction' }).format(problem.fields),
      );
    case 'too-long':
      return t('generate_tooLong', [problem.length, problem.max]);
    case 'no-valid-po':
      return t('generate_noValidPo', problem.format);
  }
}

/** Why generatePo gave no PO, in words: each problem a sentence. */
export function generateText(problems: readonly GenerateProblem[]): string {
  const sentences = problems.map(generateProblemText);
  return sentences.length ? sentences.reduce((first, next) => t('generate_twoSentences', [first, next])) : '';
}
