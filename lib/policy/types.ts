/** Result types shared by the zod-free modules (validate, fix, generate, describe). */

export type { Policy, PolicyInput, PolicyProblem } from './schema';

/** Why a PO is invalid. */
export type PoInvalidCode = 'empty' | 'too-long' | 'mismatch' | 'blanket-expired';

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
      /** One plain sentence for a shopper. */
      message: string;
      /** The format the diagnosis is about (the one that matched furthest), if any. */
      formatId: string | null;
      /** Index in the normalised input where it went wrong. */
      position?: number;
      /** What was expected there, in words (`4 digits`, `-`, `one of MKT, ENG, FIN`). */
      expected?: string;
      /** What was found there. */
      found?: string;
      /** A safe corrected value (see fixPo), or null. */
      fix: string | null;
    };

export interface ValidateOptions {
  /** "Today" for blanket PO validity: the local calendar date of this Date is used. */
  now: Date;
}

export type GenerateResult = { ok: true; po: string } | { ok: false; missing: string[]; message: string };

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
  | { name: string; label: string; type: 'text'; values?: undefined; charset: string; minLength: number; maxLength: number };

export interface FormatDescription {
  id: string;
  label: string;
  template: string;
  /** The policy's own example, or one generated for today (first list code, sequence 1). */
  example: string;
}
