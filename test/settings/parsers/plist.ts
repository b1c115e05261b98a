/**
 * A strict reader for the XML property lists the deployment generator writes: the XML declaration and Apple's
 * DOCTYPE, then <plist version="1.0"> holding one value of dict, array, key/string, integer, real, true or
 * false. XML rules that matter for round trips are applied as an XML parser would: end-of-line normalization
 * (a raw CR arrives as LF), the five predefined entities and numeric character references, and the characters
 * XML 1.0 forbids. Anything unexpected is an error.
 */
export type PlistValue = boolean | number | string | PlistValue[] | { [key: string]: PlistValue };

const PROLOG =
  '<?xml version="1.0" encoding="UTF-8"?>\n' +
  '<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">\n';

type Token = { kind: 'open' | 'close' | 'empty'; name: string } | { kind: 'text'; text: string };

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeText(raw: string): string {
  if (raw.includes('<')) throw new Error('raw < in text');
  return raw.replace(/&([^;]*);|&/g, (match, body: string | undefined) => {
    if (body === undefined) throw new Error('bare & in text');
    if (body in ENTITIES) return ENTITIES[body]!;
    const numeric = /^#(?:([0-9]+)|x([0-9a-fA-F]+))$/.exec(body);
    if (!numeric) throw new Error(`unknown entity ${match}`);
    const code = numeric[1] !== undefined ? parseInt(numeric[1], 10) : parseInt(numeric[2]!, 16);
    return String.fromCodePoint(code);
  });
}

function tokenize(xml: string): Token[] {
  const tokens: Token[] = [];
  const pattern = /<(\/?)([A-Za-z]+)( version="1\.0")?(\/?)>|([^<]+)/gy;
  let match: RegExpExecArray | null;
  let position = 0;
  while ((match = pattern.exec(xml)) !== null) {
    position = pattern.lastIndex;
    if (match[5] !== undefined) {
      tokens.push({ kind: 'text', text: match[5] });
      continue;
    }
    const [, slash, name, attribute, selfClose] = match;
    if (slash && selfClose) throw new Error(`malformed tag ${match[0]}`);
    if (Boolean(attribute) !== (name === 'plist' && !slash)) throw new Error(`malformed tag ${match[0]}`);
    tokens.push({ kind: slash ? 'close' : selfClose ? 'empty' : 'open', name: name! });
  }
  if (position !== xml.length)
    throw new Error(`cannot read XML at offset ${position}: ${xml.slice(position, position + 30)}`);
  return tokens;
}

class Reader {
  private index = 0;
  constructor(private readonly tokens: Token[]) {}

  private skipSpace(): void {
    while (true) {
      const token = this.tokens[this.index];
      if (token?.kind !== 'text' || token.text.trim() !== '') return;
      this.index++;
    }
  }

  peek(): Token | undefined {
    this.skipSpace();
    return this.tokens[this.index];
  }

  next(): Token {
    this.skipSpace();
    const token = this.tokens[this.index++];
    if (!token) throw new Error('unexpected end of document');
    return token;
  }

  expectClose(name: string): void {
    const token = this.next();
    if (token.kind !== 'close' || token.name !== name) throw new Error(`expected </${name}>`);
  }

  /** The decoded text of an element whose open tag was just read (empty when it closes at once). */
  textUntilClose(name: string): string {
    const token = this.tokens[this.index];
    let text = '';
    if (token?.kind === 'text') {
      text = decodeText(token.text);
      this.index++;
    }
    const close = this.tokens[this.index++];
    if (close?.kind !== 'close' || close.name !== name) throw new Error(`expected </${name}> after text`);
    return text;
  }

  value(): PlistValue {
    const token = this.next();
    if (token.kind === 'text') throw new Error(`unexpected text ${JSON.stringify(token.text.slice(0, 20))}`);
    if (token.kind === 'close') throw new Error(`unexpected </${token.name}>`);
    if (token.kind === 'empty') {
      switch (token.name) {
        case 'true':
          return true;
        case 'false':
          return false;
        case 'dict':
          return {};
        case 'array':
          return [];
        case 'string':
          return '';
        default:
          throw new Error(`unexpected <${token.name}/>`);
      }
    }
    switch (token.name) {
      case 'string':
        return this.textUntilClose('string');
      case 'integer': {
        const text = this.textUntilClose('integer');
        if (!/^[+-]?[0-9]+$/.test(text)) throw new Error(`not an integer: ${text}`);
        return Number(text);
      }
      case 'real': {
        const text = this.textUntilClose('real');
        if (!/^[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$/.test(text))
          throw new Error(`not a real: ${text}`);
        return Number(text);
      }
      case 'array': {
        const items: PlistValue[] = [];
        while (this.peek()?.kind !== 'close') items.push(this.value());
        this.expectClose('array');
        return items;
      }
      case 'dict': {
        const dict: { [key: string]: PlistValue } = {};
        while (this.peek()?.kind !== 'close') {
          const keyToken = this.next();
          if (keyToken.kind !== 'open' || keyToken.name !== 'key') throw new Error('expected <key> in <dict>');
          const key = this.textUntilClose('key');
          if (Object.prototype.hasOwnProperty.call(dict, key)) throw new Error(`duplicate key ${key}`);
          Object.defineProperty(dict, key, {
            value: this.value(),
            enumerable: true,
            writable: true,
            configurable: true,
          });
        }
        this.expectClose('dict');
        return dict;
      }
      default:
        throw new Error(`unsupported element <${token.name}>`);
    }
  }
}

export function parsePlist(document: string): PlistValue {
  if (!document.startsWith(PROLOG)) throw new Error('missing XML declaration or plist DOCTYPE');
  // XML 1.0 section 2.11: a parser passes CRLF and lone CR on as LF.
  const xml = document.slice(PROLOG.length).replace(/\r\n?/g, '\n');
  // eslint-disable-next-line no-control-regex -- the control characters XML 1.0 forbids, on purpose
  if (/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/.test(xml)) throw new Error('character not allowed in XML');
  const reader = new Reader(tokenize(xml));
  const plist = reader.next();
  if (plist.kind !== 'open' || plist.name !== 'plist') throw new Error('expected <plist version="1.0">');
  const value = reader.value();
  reader.expectClose('plist');
  if (reader.peek() !== undefined) throw new Error('content after </plist>');
  return value;
}
