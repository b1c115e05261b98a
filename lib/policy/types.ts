/** Result types shared by the zod-free modules (validate, fix, generate, describe). */

export type { Policy, PolicyInput, PolicyProblem } from './schema';

/** Why a PO is invalid. */
export type PoInvalidCode = 'empty' | 'too-long' | 'mismatch' | 'blanket-expired';

/** A date part of a template. */
export type DatePartName = 'yyyy' | 'yy' | 'mm' | 'dd' | 'q';

/** Where in the PO something was expected. */
export type PoPosition =
  | { at: 'start' }
  /** After the `count`th occurrence of a one-character separator (`-`, `/`, `_`, `.`, ` `). */
  | { at: 'separator'; separator: string; count: number }
  /** After a literal of the template (`PRJ-`). */
  | { at: 'literal'; text: string }
  /** After what was typed for the segment before (`MKT`, `202611`). */
  | { at: 'typed'; text: string }
  | { at: 'field'; field: string }
  | { at: 'date-part'; part: DatePartName }
  | { at: 'date' };

/** What a segment of a format wants. `field` is the policy's own label, shown unchanged. */
export type PoExpectation =
  | { kind: 'list'; field: string; codes: string[] }
  | { kind: 'text'; field: string; min: number; max: number; charset: string }
  | { kind: 'digits'; min: number; max: number }
  | { kind: 'literal'; text: string }
  /** `part` when the date is one part alone, else the group's pattern (`yyyymm`). */
  | { kind: 'date'; part: DatePartName | null; pattern: string }
  | { kind: 'quarter' }
  | { kind: 'end' }
  | { kind: 'max-length'; max: number };

/** Why a PO is invalid, as a code with parameters (never a sentence). */
export type PoReason =
  | { code: 'empty-required' }
  | { code: 'too-long'; length: number; max: number }
  | { code: 'blanket-outside-dates'; po: string; validFrom?: string; validTo?: string }
  /** The PO stops before `expected`. */
  | { code: 'ends-early'; expected: PoExpectation; where: PoPosition }
  | { code: 'list-mismatch'; field: string; expected: string[]; found: string }
  | { code: 'text-mismatch'; field: string; min: number; max: number; charset: string; found: string }
  /** Something else where digits, a literal or a date should be. */
  | { code: 'unexpected'; expected: PoExpectation; where: PoPosition; found: string }
  /** Characters after a complete PO of `format` (its label), e.g. `example`. */
  | { code: 'trailing'; found: string; format: string; example: string }
  | { code: 'no-such-quarter'; found: string }
  | { code: 'no-such-month'; date: string; month: string }
  | { code: 'no-such-day'; date: string; day: string }
  /** The day is past the end of `month` (1-12); `year` null when the date has none; `leap` unknown → at most. */
  | { code: 'month-too-short'; date: string; month: number; year: string | null; days: number; anyYear: boolean };

export type PoVerdict =
  | {
      valid: true;
      /** The PO as it should be stored and sent: trimmed, and upper-cased when the policy is case-insensitive. */
      value: string;
      /** The first format that matched; null for a blanket PO or an allowed empty PO. */
      formatId: string | null;
      blanket?: boolean;
      empty?: boolean;
    }
  | {
      valid: false;
      code: PoInvalidCode;
      /** Why, as a code with parameters: the words come from lib/policy-words.ts (messages.json). */
      reason: PoReason;
      /** The format the diagnosis is about (the one that matched furthest), if any. */
      formatId: string | null;
      /** Index in the normalised input where it went wrong. */
      position?: number;
      /** What was expected there (`4 digits`, `-`, `one of MKT, ENG, FIN` once put in words). */
      expected?: PoExpectation;
      /** What was found there. */
      found?: string;
      /** A safe corrected value (see fixPo), or null. */
      fix: string | null;
    };

export interface ValidateOptions {
  /** "Today" for blanket PO validity: the local calendar date of this Date is used. */
  now: Date;
}

/** Why generatePo gave no PO, as a code with parameters; `field` and `format` are the policy's own labels. */
export type GenerateProblem =
  | { code: 'no-format'; formatId: string }
  | { code: 'not-a-code'; value: string; field: string }
  | { code: 'text-rule'; field: string; min: number; max: number; charset: string }
  | { code: 'digits-rule'; field: string; min: number; max: number }
  /** Every number of `digits` digits after `prefix` ('' at the start of the PO) is in the history. */
  | { code: 'sequence-used'; digits: number; prefix: string }
  | { code: 'choose-first'; fields: string[] }
  | { code: 'too-long'; length: number; max: number }
  | { code: 'no-valid-po'; format: string };

export type GenerateResult = { ok: true; po: string } | { ok: false; missing: string[]; problems: GenerateProblem[] };

export interface GenerateOptions {
  /** Date placeholders take the local calendar date of this Date. */
  now: Date;
  /** What the user chose: list codes and text values by field name (digits fields may be given too). */
  values?: Readonly<Record<string, string>>;
  /** POs used before on this browser, for the next number in a sequence. */
  history?: readonly string[];
}

/** A list or text field the user must fill in before a PO can be generated. */
export type ChoiceField =
  | { name: string; label: string; type: 'list'; values: { code: string; label: string }[] }
  | {
      name: string;
      label: string;
      type: 'text';
      values?: undefined;
      charset: string;
      minLength: number;
      maxLength: number;
    };

export interface FormatDescription {
  id: string;
  label: string;
  template: string;
  /** The policy's own example, or one generated for today (first list code, sequence 1). */
  example: string;
}
