/**
 * Policies coming in (a file or pasted text) and going out (export). Pure: the page reads the file and offers
 * the download; this module decides what the text means and says what is wrong in plain words.
 */

import { t } from '@/lib/i18n';
import { isRecord } from '@/lib/policy/schema';

/** Larger than any policy within the schema's limits, small enough to read at once. */
export const POLICY_FILE_LIMIT = 1_000_000;

export type PolicyTextResult =
  { ok: true; value: Record<string, unknown>; note: string | null } | { ok: false; message: string };

/** Line and column (1-based) of a character offset. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, Math.max(0, offset));
  const lines = before.split('\n');
  return { line: lines.length, column: lines[lines.length - 1]!.length + 1 };
}

const LITERAL = /true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/** Where JSON first goes wrong, found by reading it the way JSON.parse does; null when it is valid. */
export function findJsonError(text: string): { offset: number; reason: string } | null {
  let i = 0;
  class Stop {
    constructor(
      readonly offset: number,
      readonly reason: string,
    ) {}
  }
  const fail = (reason: string, at = i): never => {
    throw new Stop(at, reason);
  };
  const describe = (at: number): string => (at >= text.length ? t('json_endOfText') : t('json_character', text[at]!));
  const space = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
  };
  const string = () => {
    const start = i;
    i++;
    while (i < text.length && text[i] !== '"') {
      const ch = text[i]!;
      if (ch === '\\') {
        const next = text[i + 1];
        if (next === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) fail(t('json_badUnicodeEscape'));
          i += 6;
          continue;
        }
        if (next === undefined || !'"\\/bfnrt'.includes(next)) fail(t('json_badEscape', next ?? ''));
        i += 2;
        continue;
      }
      if (ch.charCodeAt(0) < 0x20) fail(t('json_controlInString'));
      i++;
    }
    if (i >= text.length) fail(t('json_unclosedString'), start);
    i++;
  };
  const value = (): void => {
    space();
    const ch = text[i];
    if (ch === '{') {
      i++;
      space();
      if (text[i] === '}') {
        i++;
        return;
      }
      for (;;) {
        space();
        if (text[i] !== '"') {
          fail(text[i] === '}' ? t('json_trailingCommaObject') : t('json_propertyNameExpected', describe(i)));
        }
        string();
        space();
        if (text[i] !== ':') fail(t('json_colonExpected', describe(i)));
        i++;
        value();
        space();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === '}') {
          i++;
          return;
        }
        fail(t('json_commaOrBraceExpected', describe(i)));
      }
    }
    if (ch === '[') {
      i++;
      space();
      if (text[i] === ']') {
        i++;
        return;
      }
      for (;;) {
        space();
        if (text[i] === ']') fail(t('json_trailingCommaArray'));
        value();
        space();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === ']') {
          i++;
          return;
        }
        fail(t('json_commaOrBracketExpected', describe(i)));
      }
    }
    if (ch === '"') return string();
    LITERAL.lastIndex = i;
    const literal = LITERAL.exec(text);
    if (literal) {
      i += literal[0].length;
      return;
    }
    if (ch === "'") fail(t('json_singleQuotes'));
    fail(t('json_valueExpected', describe(i)));
  };
  try {
    value();
    space();
    if (i < text.length) fail(t('json_trailingText', describe(i)));
    return null;
  } catch (error) {
    if (error instanceof Stop) return { offset: error.offset, reason: error.reason };
    return null; // nested too deep to follow here: the engine's own message is used
  }
}

/** Why JSON.parse refused the text, in words, with the line and column. */
export function describeJsonError(text: string, error: unknown): string {
  const found = findJsonError(text);
  if (!found) return error instanceof Error ? error.message : String(error);
  const { line, column } = lineAndColumn(text, found.offset);
  return t('json_at', [line, column, found.reason]);
}

/**
 * A policy inside a browser policy file (what the deployment section generates), so an admin can import one
 * back: Chrome/Edge `{"3rdparty":{"extensions":{id:{policy}}}}` or Firefox `{"policies":{"3rdparty":{"Extensions":…}}}`.
 */
function policyInsidePolicyFile(
  value: Record<string, unknown>,
): { policy: unknown; note: string } | 'no-policy' | null {
  const firefox = isRecord(value.policies) ? value.policies['3rdparty'] : undefined;
  const thirdParty = isRecord(firefox) ? firefox : isRecord(value['3rdparty']) ? value['3rdparty'] : null;
  if (!thirdParty) return null;
  const extensions = thirdParty.extensions ?? thirdParty.Extensions;
  if (!isRecord(extensions)) return 'no-policy';
  for (const [id, settings] of Object.entries(extensions)) {
    if (isRecord(settings) && settings.policy !== undefined) {
      const kind = t(firefox ? 'policyFile_firefoxPolicyFile' : 'policyFile_chromePolicyFile');
      return { policy: settings.policy, note: t('policyFile_readFromPolicyFile', [kind, id]) };
    }
  }
  return 'no-policy';
}

/**
 * Reads a policy from text: JSON, an object, unwrapped from a browser policy file when it is one. `source` starts
 * the messages: a file name, or the pasted text by default. A refusal says that nothing was changed, unless
 * `sayUnchanged` is false.
 */
export function readPolicyText(
  text: string,
  source = t('policyFile_pastedText'),
  sayUnchanged = true,
): PolicyTextResult {
  const refuse = (message: string): PolicyTextResult => ({
    ok: false,
    message: sayUnchanged ? `${message} ${t('policyFile_nothingChanged')}` : message,
  });
  if (text.trim() === '') return { ok: false, message: t('policyFile_empty', source) };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return refuse(t('policyFile_notJson', [source, describeJsonError(text, error)]));
  }
  if (!isRecord(value)) {
    return refuse(t('policyFile_notAnObject', source));
  }
  if (!('version' in value) && !('formats' in value)) {
    const inside = policyInsidePolicyFile(value);
    if (inside === 'no-policy') {
      return refuse(t('policyFile_noPolicyInside', source));
    }
    if (inside) {
      if (!isRecord(inside.policy)) {
        return refuse(t('policyFile_policyNotAnObject', source));
      }
      return { ok: true, value: inside.policy, note: inside.note };
    }
  }
  return { ok: true, value, note: null };
}

export function fileTooLargeMessage(name: string, size: number): string | null {
  if (size <= POLICY_FILE_LIMIT) return null;
  const megabytes = (size / 1_000_000).toLocaleString(t('locale'), {
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  });
  return t('policyFile_tooLarge', [name, megabytes]);
}

/** The text of an exported policy: the policy as written, indented, with a final newline. */
export function policyExportText(policy: unknown): string {
  return `${JSON.stringify(policy, null, 2)}\n`;
}

export const POLICY_EXPORT_FILE_NAME = 'po-policy.json';
