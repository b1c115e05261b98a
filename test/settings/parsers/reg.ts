/**
 * A strict reader for the .reg files the deployment generator writes: "Windows Registry Editor Version 5.00",
 * UTF-16LE with a byte-order mark, CRLF lines, `[key]` and `[-key]` sections, and `"name"=` values that are
 * quoted REG_SZ, `dword:`, or `hex(1):` (REG_SZ as UTF-16LE bytes). Anything else is an error, so a generator
 * bug shows up as a failed parse instead of a silently different registry.
 */
export type RegValue = { type: 'REG_SZ'; value: string } | { type: 'REG_DWORD'; value: number };
export type Registry = Map<string, Map<string, RegValue>>;

const HEADER = 'Windows Registry Editor Version 5.00';

export function decodeRegBytes(bytes: Uint8Array): string {
  if (bytes[0] !== 0xff || bytes[1] !== 0xfe) throw new Error('no UTF-16LE byte-order mark');
  if (bytes.length % 2 !== 0) throw new Error('odd number of bytes for UTF-16');
  return new TextDecoder('utf-16le', { fatal: true, ignoreBOM: true }).decode(bytes.subarray(2));
}

/** A quoted .reg string starting at `text[start] === '"'`; returns the value and the index after the quote. */
function readQuoted(text: string, start: number, where: string): { value: string; end: number } {
  if (text[start] !== '"') throw new Error(`${where}: expected '"'`);
  let value = '';
  for (let i = start + 1; i < text.length; i++) {
    const char = text[i]!;
    if (char === '"') return { value, end: i + 1 };
    if (char === '\\') {
      const next = text[i + 1];
      if (next !== '\\' && next !== '"') throw new Error(`${where}: unknown escape \\${next ?? ''}`);
      value += next;
      i++;
      continue;
    }
    value += char;
  }
  throw new Error(`${where}: unterminated string`);
}

function readHexSz(hex: string, where: string): string {
  if (!/^[0-9a-f]{2}(,[0-9a-f]{2})*$/.test(hex)) throw new Error(`${where}: malformed hex(1) bytes`);
  const bytes = Uint8Array.from(hex.split(','), (pair) => parseInt(pair, 16));
  if (bytes.length % 2 !== 0 || bytes.length < 2) throw new Error(`${where}: hex(1) is not UTF-16LE`);
  const text = new TextDecoder('utf-16le', { fatal: true }).decode(bytes);
  if (!text.endsWith('\0')) throw new Error(`${where}: hex(1) string is not NUL-terminated`);
  const body = text.slice(0, -1);
  if (body.includes('\0')) throw new Error(`${where}: hex(1) string holds a NUL`);
  return body;
}

function readData(data: string, where: string): RegValue {
  if (data.startsWith('"')) {
    const { value, end } = readQuoted(data, 0, where);
    if (end !== data.length) throw new Error(`${where}: text after the closing quote`);
    return { type: 'REG_SZ', value };
  }
  const dword = /^dword:([0-9a-f]{8})$/.exec(data);
  if (dword) return { type: 'REG_DWORD', value: parseInt(dword[1]!, 16) };
  const hexSz = /^hex\(1\):(.*)$/.exec(data);
  if (hexSz) return { type: 'REG_SZ', value: readHexSz(hexSz[1]!, where) };
  throw new Error(`${where}: unsupported value data ${JSON.stringify(data.slice(0, 20))}`);
}

/** Applies the file to an empty registry and returns what it leaves (keys by exact path). */
export function parseRegFile(text: string): Registry {
  if (/\r(?!\n)|(?<!\r)\n/.test(text)) throw new Error('line ending other than CRLF');
  if (!text.endsWith('\r\n')) throw new Error('the last line has no line ending');
  const lines = text.slice(0, -2).split('\r\n');
  if (lines[0] !== HEADER) throw new Error(`first line is not "${HEADER}"`);

  const registry: Registry = new Map();
  let current: Map<string, RegValue> | null = null;
  lines.slice(1).forEach((line, index) => {
    const where = `line ${index + 2}`;
    if (line === '' || line.startsWith(';')) return;
    const section = /^\[(-?)([^\]]+)\]$/.exec(line);
    if (section) {
      const key = section[2]!;
      if (!/^HKEY_LOCAL_MACHINE(\\[^\\]+)+$/.test(key)) throw new Error(`${where}: malformed key ${key}`);
      if (section[1] === '-') {
        for (const existing of [...registry.keys()]) {
          if (existing === key || existing.startsWith(`${key}\\`)) registry.delete(existing);
        }
        current = null;
      } else {
        current = registry.get(key) ?? new Map();
        registry.set(key, current);
      }
      return;
    }
    if (!line.startsWith('"')) throw new Error(`${where}: not a section, value or comment`);
    if (!current) throw new Error(`${where}: value outside a key`);
    const { value: name, end } = readQuoted(line, 0, where);
    if (line[end] !== '=') throw new Error(`${where}: expected '=' after the value name`);
    if (current.has(name)) throw new Error(`${where}: value "${name}" set twice`);
    current.set(name, readData(line.slice(end + 1), where));
  });
  return registry;
}
