import { describe, expect, it } from 'vitest';
import { decodeRegBytes, parseRegFile } from './parsers/reg';
import { parsePlist } from './parsers/plist';

// The deployment round trips are only as good as these readers: they must refuse what regedit or an XML plist
// reader would refuse or read differently.

const HEADER = 'Windows Registry Editor Version 5.00\r\n\r\n';
const KEY = 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Test\\policy';

describe('strict .reg reader', () => {
  it('reads quoted strings with \\\\ and \\" escapes, dwords and hex(1)', () => {
    const registry = parseRegFile(
      `${HEADER}[${KEY}]\r\n"a"="x\\\\y\\"z"\r\n"b"=dword:0000000a\r\n"c"=hex(1):68,00,0a,00,69,00,00,00\r\n\r\n`,
    );
    expect(registry.get(KEY)).toEqual(
      new Map([
        ['a', { type: 'REG_SZ', value: 'x\\y"z' }],
        ['b', { type: 'REG_DWORD', value: 10 }],
        ['c', { type: 'REG_SZ', value: 'h\ni' }],
      ]),
    );
  });

  it.each([
    ['a lone LF', `${HEADER}[${KEY}]\n"a"="b"\r\n`, /CRLF/],
    ['no header', `REGEDIT4\r\n[${KEY}]\r\n`, /first line/],
    ['an unknown escape', `${HEADER}[${KEY}]\r\n"a"="b\\n"\r\n`, /unknown escape/],
    ['an unescaped quote', `${HEADER}[${KEY}]\r\n"a"="b"c"\r\n`, /after the closing quote/],
    ['an unterminated string', `${HEADER}[${KEY}]\r\n"a"="b\r\n`, /unterminated/],
    ['a value outside a key', `${HEADER}"a"="b"\r\n`, /outside a key/],
    ['a short dword', `${HEADER}[${KEY}]\r\n"a"=dword:1\r\n`, /unsupported value data/],
    ['a value set twice', `${HEADER}[${KEY}]\r\n"a"="b"\r\n"a"="c"\r\n`, /set twice/],
    ['no final line ending', `${HEADER}[${KEY}]`, /last line/],
  ])('refuses %s', (_what, text, message) => {
    expect(() => parseRegFile(text)).toThrow(message);
  });

  it('needs the UTF-16LE byte-order mark', () => {
    expect(() => decodeRegBytes(new TextEncoder().encode(HEADER))).toThrow(/byte-order mark/);
  });
});

const PROLOG =
  '<?xml version="1.0" encoding="UTF-8"?>\n' +
  '<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">\n';
const plist = (body: string): string => `${PROLOG}<plist version="1.0">\n${body}\n</plist>\n`;

describe('strict plist reader', () => {
  it('reads every type the generator writes, decoding entities', () => {
    expect(
      parsePlist(
        plist(
          '<dict><key>s</key><string>a &lt;&amp;&gt; &#13;&#x1F600;</string><key>i</key><integer>-3</integer>' +
            '<key>r</key><real>0.5</real><key>t</key><true/><key>f</key><false/><key>a</key><array/><key>d</key><dict/></dict>',
        ),
      ),
    ).toStrictEqual({ s: 'a <&> \r😀', i: -3, r: 0.5, t: true, f: false, a: [], d: {} });
  });

  it('turns a raw CR into LF, as an XML parser does', () => {
    expect(parsePlist(plist('<string>a\rb\r\nc</string>'))).toBe('a\nb\nc');
  });

  it.each([
    ['a bare &', '<string>a & b</string>', /bare &/],
    ['an unknown entity', '<string>&nbsp;</string>', /unknown entity/],
    ['a decimal in <integer>', '<integer>1.5</integer>', /not an integer/],
    ['an unsupported element', '<date>2026-01-01T00:00:00Z</date>', /unsupported element/],
    ['a duplicate key', '<dict><key>a</key><true/><key>a</key><false/></dict>', /duplicate key/],
    ['a value without a key', '<dict><true/></dict>', /expected <key>/],
    ['a mismatched close', '<array><string>x</string></dict>', /unexpected <\/dict>|expected <\/array>/],
    ['a control character', '<string>\u0001</string>', /not allowed/],
  ])('refuses %s', (_what, body, message) => {
    expect(() => parsePlist(plist(body))).toThrow(message);
  });

  it('refuses a document without the plist prolog', () => {
    expect(() => parsePlist('<plist version="1.0"><true/></plist>')).toThrow(/DOCTYPE/);
  });
});
