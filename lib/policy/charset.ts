/**
 * Character sets of `text` fields, written as ranges and single characters: `A-Z0-9`, `A-Z_`, `-A-Z` (a dash
 * first or last is itself). Printable ASCII only.
 */

export type CharsetParseResult = { ok: true; table: Uint8Array; chars: string } | { ok: false; message: string };

/** `table[c]` is 1 for every allowed character code below 128; `chars` lists them in the order written. */
export function parseCharset(spec: string, upperCase: boolean): CharsetParseResult {
  if (!spec) return { ok: false, message: 'the character set is empty' };
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
    if (from === 0x20) return { ok: false, message: 'a space cannot be part of the character set' };
    if (from < 0x20 || from > 0x7e) {
      return { ok: false, message: `character "${spec[i]}" at position ${i + 1} is not plain ASCII` };
    }
    if (spec[i + 1] === '-' && i + 2 < spec.length) {
      const to = spec.charCodeAt(i + 2);
      if (to <= 0x20 || to > 0x7e) {
        return { ok: false, message: `character "${spec[i + 2]}" at position ${i + 3} is not plain ASCII` };
      }
      if (to < from) return { ok: false, message: `range "${spec.slice(i, i + 3)}" runs backwards` };
      for (let c = from; c <= to; c++) add(c);
      i += 2;
      continue;
    }
    add(from);
  }
  return { ok: true, table, chars };
}
