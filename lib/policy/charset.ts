/**
 * Character sets of `text` fields, written as ranges and single characters: `A-Z0-9`, `A-Z_`, `-A-Z` (a dash
 * first or last is itself). Printable ASCII only.
 */

/** Why a character set cannot be read, as a code with parameters (lib/policy-words.ts puts it in words). */
export type CharsetProblem =
  | { code: 'empty' }
  | { code: 'space' }
  /** `position` is 1-based. */
  | { code: 'not-ascii'; char: string; position: number }
  | { code: 'backwards'; range: string };

export type CharsetParseResult =
  { ok: true; table: Uint8Array; chars: string } | { ok: false; problem: CharsetProblem };

/** `table[c]` is 1 for every allowed character code below 128; `chars` lists them in the order written. */
export function parseCharset(spec: string, upperCase: boolean): CharsetParseResult {
  if (!spec) return { ok: false, problem: { code: 'empty' } };
  const table = new Uint8Array(128);
  let chars = '';
  const add = (code: number) => {
    let c = code;
    if (upperCase && c >= 0x61 && c <= 0x7a) c -= 0x20;
    if (!table[c]) {
      table[c] = 1;
      chars += String.fromCharCode(c);
    }
  };
  for (let i = 0; i < spec.length; i++) {
    const from = spec.charCodeAt(i);
    if (from === 0x20) return { ok: false, problem: { code: 'space' } };
    if (from < 0x20 || from > 0x7e) {
      return { ok: false, problem: { code: 'not-ascii', char: spec[i]!, position: i + 1 } };
    }
    if (spec[i + 1] === '-' && i + 2 < spec.length) {
      const to = spec.charCodeAt(i + 2);
      if (to <= 0x20 || to > 0x7e) {
        return { ok: false, problem: { code: 'not-ascii', char: spec[i + 2]!, position: i + 3 } };
      }
      if (to < from) return { ok: false, problem: { code: 'backwards', range: spec.slice(i, i + 3) } };
      for (let c = from; c <= to; c++) add(c);
      i += 2;
      continue;
    }
    add(from);
  }
  return { ok: true, table, chars };
}
