import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  firefoxPoliciesFile,
  generateDeploymentFiles,
  linuxPolicyFile,
  macosConfigProfile,
  windowsRegFile,
  type DeploymentFile,
  type ManagedSettings,
} from '../../lib/settings/deployment';
import { sha256Hex } from '../../lib/settings/sha256';
import { decodeRegBytes, parseRegFile, type Registry } from './parsers/reg';
import { parsePlist, type PlistValue } from './parsers/plist';

const UNPACKED_ID = 'dclbnbbfkialpdndoahpkankgliacokd';
const STORE_CHROME_ID = 'abcdefghijklmnopabcdefghijklmnop';
const STORE_EDGE_ID = 'ponmlkjihgfedcbaponmlkjihgfedcba';
const GECKO_ID = 'po-assist@po-assist.dev';

/** The sample policy of the README's "The policy format". */
const DESIGN_POLICY = {
  version: 1,
  enforcement: 'block',
  required: true,
  caseInsensitive: true,
  maxLength: 30,
  formats: [
    { id: 'dept', label: 'Department order', template: '{dept}-{yyyy}{mm}-{seq}', example: 'MKT-202611-0042' },
    { id: 'project', label: 'Project order', template: 'PRJ-{proj}-{seq}' },
  ],
  fields: {
    dept: {
      type: 'list',
      values: [
        { code: 'MKT', label: 'Marketing' },
        { code: 'ENG', label: 'Engineering' },
      ],
    },
    proj: { type: 'text', charset: 'A-Z0-9', minLength: 3, maxLength: 8 },
    seq: { type: 'digits', minLength: 4, maxLength: 4 },
  },
  reuse: 'warn',
  help: 'Format DEPT-YYYYMM-NNNN. Ask finance for your department code.',
  blanketPos: [
    {
      po: 'BPO-2026-MKT',
      label: 'Marketing 2026',
      budget: { amount: 5000, currencyCode: 'USD' },
      validFrom: '2026-01-01',
      validTo: '2026-12-31',
    },
  ],
  selectors: { poField: ['#po-input'], submit: ['#placeOrder'] },
};

const TRICKY_TEXT = 'Say "PO" \\ C:\\path\\ <b>&amp;</b> > é 発注 😀\nline two\r\nline three\ttab\rend';

const SETTINGS_CASES: Array<[name: string, settings: ManagedSettings]> = [
  [
    'the README sample policy with every key',
    {
      policy: DESIGN_POLICY,
      policyUrl: 'https://policy.example.com/po-policy.json',
      region: 'UK',
      tokenBrokerUrl: 'https://broker.example.com/token',
      lockUserPolicy: true,
    },
  ],
  ['only policyUrl', { policyUrl: 'https://policy.example.com/po-policy.json?v=2&team=ops' }],
  ['lockUserPolicy false', { lockUserPolicy: false }],
  [
    'strings with quotes, backslashes, markup, non-ASCII and line breaks',
    {
      policy: {
        version: 1,
        help: TRICKY_TEXT,
        formats: [{ id: 'x"<&>\\', label: 'Commande é / 発注書', template: '{{literal}}-{seq}' }],
        fields: { 'key with "quotes" & <angles>': { type: 'digits', minLength: 0, maxLength: 12 } },
        numbers: [0, -5, 1.5, 1e-7, 2 ** 53, 123456789012],
        empty: { list: [], object: {}, text: '' },
        nested: [[['deep']]],
      },
      policyUrl: 'https://policy.example.com/a"b\\c',
      region: 'line one\r\nline two é',
      tokenBrokerUrl: 'https://broker.example.com/発注?x=<y>&z="w"',
      lockUserPolicy: true,
    },
  ],
];

/** The types managed_schema.json declares for the top-level keys; Chrome converts registry values by them. */
const SCHEMA_TYPES: Record<string, 'object' | 'string' | 'boolean'> = {
  policy: 'object',
  policyUrl: 'string',
  region: 'string',
  tokenBrokerUrl: 'string',
  lockUserPolicy: 'boolean',
};

/** What Chrome makes of the registry values, following Chromium's ConvertRegistryValue for these types. */
function readAsChrome(values: Map<string, { type: string; value: string | number }>): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [name, { type, value }] of values) {
    const schemaType = SCHEMA_TYPES[name];
    if (schemaType === 'object' && type === 'REG_SZ') {
      const parsed: unknown = JSON.parse(value as string);
      expect(typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)).toBe(true);
      result[name] = parsed;
    } else if (schemaType === 'boolean' && type === 'REG_DWORD') {
      result[name] = value !== 0;
    } else if (schemaType === 'string' && type === 'REG_SZ') {
      result[name] = value;
    } else {
      throw new Error(`Chrome cannot read ${name} (${schemaType}) from a ${type}`);
    }
  }
  return result;
}

function chromeKey(id: string): string {
  return `HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Google\\Chrome\\3rdparty\\extensions\\${id}\\policy`;
}
function edgeKey(id: string): string {
  return `HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Microsoft\\Edge\\3rdparty\\extensions\\${id}\\policy`;
}

function readReg(file: DeploymentFile): Registry {
  expect(file.contentBytes).toBeInstanceOf(Uint8Array);
  const text = decodeRegBytes(file.contentBytes!);
  expect(text).toBe(file.content);
  return parseRegFile(text);
}

function asDict(value: PlistValue | undefined): { [key: string]: PlistValue } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('expected a dict');
  return value;
}

/** The payloads of a profile, by their preference domain, with the forced settings of each. */
function readProfile(file: DeploymentFile): { profile: Record<string, PlistValue>; forced: Map<string, PlistValue> } {
  const profile = asDict(parsePlist(file.content));
  const payloads = profile.PayloadContent;
  if (!Array.isArray(payloads)) throw new Error('PayloadContent is not an array');
  const forced = new Map<string, PlistValue>();
  for (const payload of payloads.map(asDict)) {
    expect(payload.PayloadType).toBe('com.apple.ManagedClient.preferences');
    expect(payload.PayloadVersion).toBe(1);
    const domains = asDict(payload.PayloadContent);
    expect(Object.keys(domains)).toHaveLength(1);
    const [domain, preferences] = Object.entries(domains)[0]!;
    const forcedList = asDict(preferences).Forced;
    if (!Array.isArray(forcedList) || forcedList.length !== 1) throw new Error('Forced must hold one dict');
    forced.set(domain, asDict(forcedList[0]).mcx_preference_settings!);
  }
  return { profile, forced };
}

const UUID = /^[0-9A-F]{8}-[0-9A-F]{4}-8[0-9A-F]{3}-[89AB][0-9A-F]{3}-[0-9A-F]{12}$/;

describe.each(SETTINGS_CASES)('deployment files for %s', (_name, settings) => {
  it('Linux: the JSON file carries the settings under 3rdparty.extensions.<id>', () => {
    const file = linuxPolicyFile(settings);
    expect(file.fileName).toBe('po-assist.json');
    const parsed = JSON.parse(file.content) as Record<string, unknown>;
    expect(parsed).toStrictEqual({ '3rdparty': { extensions: { [UNPACKED_ID]: settings } } });
  });

  it('Windows: the .reg file, read back as Chrome reads the registry, gives the settings for Chrome and Edge', () => {
    const registry = readReg(windowsRegFile(settings));
    expect([...registry.keys()]).toEqual([chromeKey(UNPACKED_ID), edgeKey(UNPACKED_ID)]);
    expect(readAsChrome(registry.get(chromeKey(UNPACKED_ID))!)).toStrictEqual(settings);
    expect(readAsChrome(registry.get(edgeKey(UNPACKED_ID))!)).toStrictEqual(settings);
  });

  it("macOS: the profile sets the settings as forced preferences in each browser's extension domain", () => {
    const { profile, forced } = readProfile(macosConfigProfile(settings));
    expect(profile.PayloadType).toBe('Configuration');
    expect(profile.PayloadVersion).toBe(1);
    expect(profile.PayloadDisplayName).toBe('PO Assist policy');
    expect(profile.PayloadIdentifier).toBe('dev.po-assist.policy');
    expect([...forced.keys()]).toEqual([
      `com.google.Chrome.extensions.${UNPACKED_ID}`,
      `com.microsoft.Edge.extensions.${UNPACKED_ID}`,
    ]);
    for (const value of forced.values()) expect(value).toStrictEqual(settings);
  });

  it('Firefox: policies.json carries the settings under 3rdparty.Extensions.<gecko id>, installing nothing', () => {
    const parsed = JSON.parse(firefoxPoliciesFile(settings).content) as Record<string, unknown>;
    expect(parsed).toStrictEqual({ policies: { '3rdparty': { Extensions: { [GECKO_ID]: settings } } } });
  });

  it('generateDeploymentFiles returns the four files with instructions', () => {
    const files = generateDeploymentFiles(settings);
    expect(files.map((file) => file.fileName)).toEqual([
      'po-assist.json',
      'po-assist.reg',
      'po-assist.mobileconfig',
      'policies.json',
    ]);
    expect(files.map((file) => file.content)).toEqual([
      linuxPolicyFile(settings).content,
      windowsRegFile(settings).content,
      macosConfigProfile(settings).content,
      firefoxPoliciesFile(settings).content,
    ]);
  });
});

describe('deployment file details', () => {
  const settings = SETTINGS_CASES[0]![1];

  it('targets the store ids given, with a different Edge id where Edge differs', () => {
    const ids = { chrome: STORE_CHROME_ID, edge: STORE_EDGE_ID, firefox: '{12345678-9abc-def0-1234-56789abcdef0}' };
    const [linux, reg, mac, firefox] = generateDeploymentFiles(settings, ids);

    const linuxJson = JSON.parse(linux!.content) as { '3rdparty': { extensions: Record<string, unknown> } };
    expect(linuxJson['3rdparty'].extensions).toStrictEqual({ [STORE_CHROME_ID]: settings, [STORE_EDGE_ID]: settings });
    expect(linux!.instructions).toContain(`${STORE_CHROME_ID} (Chrome, Chromium) and ${STORE_EDGE_ID} (Edge)`);

    expect([...readReg(reg!).keys()]).toEqual([chromeKey(STORE_CHROME_ID), edgeKey(STORE_EDGE_ID)]);
    expect([...readProfile(mac!).forced.keys()]).toEqual([
      `com.google.Chrome.extensions.${STORE_CHROME_ID}`,
      `com.microsoft.Edge.extensions.${STORE_EDGE_ID}`,
    ]);
    const firefoxJson = JSON.parse(firefox!.content) as { policies: { '3rdparty': { Extensions: object } } };
    expect(Object.keys(firefoxJson.policies['3rdparty'].Extensions)).toEqual([ids.firefox]);
  });

  it('keeps a key it does not know, in every format', () => {
    const withExtra = { ...settings, futureKey: 'kept' } as ManagedSettings;
    expect(JSON.parse(linuxPolicyFile(withExtra).content)['3rdparty'].extensions[UNPACKED_ID].futureKey).toBe('kept');
    expect(readReg(windowsRegFile(withExtra)).get(chromeKey(UNPACKED_ID))!.get('futureKey')).toEqual({
      type: 'REG_SZ',
      value: 'kept',
    });
    expect(
      readProfile(macosConfigProfile(withExtra)).forced.get(`com.google.Chrome.extensions.${UNPACKED_ID}`),
    ).toStrictEqual(withExtra);
    expect(JSON.parse(firefoxPoliciesFile(withExtra).content).policies['3rdparty'].Extensions[GECKO_ID]).toStrictEqual(
      withExtra,
    );
  });

  it('leaves out keys whose value is undefined, as JSON does, in every format', () => {
    const partial: ManagedSettings = { policyUrl: 'https://policy.example.com/p.json', region: undefined };
    expect(JSON.parse(linuxPolicyFile(partial).content)['3rdparty'].extensions[UNPACKED_ID]).toStrictEqual({
      policyUrl: 'https://policy.example.com/p.json',
    });
    expect([...readReg(windowsRegFile(partial)).get(chromeKey(UNPACKED_ID))!.keys()]).toEqual(['policyUrl']);
    expect(macosConfigProfile(partial).content).not.toContain('<key>region</key>');
  });

  it('.reg: REGEDIT 5 text with CRLF lines, saved as UTF-16LE with a BOM, removing the old key before writing', () => {
    const file = windowsRegFile(settings);
    expect(file.content.startsWith('Windows Registry Editor Version 5.00\r\n')).toBe(true);
    expect(file.content).not.toMatch(/(?<!\r)\n/);
    expect([...file.contentBytes!.subarray(0, 4)]).toEqual([0xff, 0xfe, 0x57, 0x00]);
    const lines = file.content.split('\r\n');
    expect(lines.indexOf(`[-${chromeKey(UNPACKED_ID)}]`)).toBeLessThan(lines.indexOf(`[${chromeKey(UNPACKED_ID)}]`));
    expect(lines).toContain('"lockUserPolicy"=dword:00000001');
    expect(lines).toContain('"region"="UK"');
    expect(file.instructions).toContain('reg import po-assist.reg');
  });

  it('.reg: a stale value from an earlier import does not survive a re-import', () => {
    const earlier = windowsRegFile({ ...settings, tokenBrokerUrl: 'https://old.example.com/token' }).content;
    const now = windowsRegFile({ policyUrl: 'https://policy.example.com/p.json' }).content;
    // Importing one file after the other: the second file's header line is just another line to skip.
    const both = `${earlier}${now.replace('Windows Registry Editor Version 5.00\r\n', '')}`;
    expect(readAsChrome(parseRegFile(both).get(chromeKey(UNPACKED_ID))!)).toStrictEqual({
      policyUrl: 'https://policy.example.com/p.json',
    });
  });

  it('.reg: a top-level string with a line break is written as hex(1), which a quoted string cannot carry', () => {
    const reg = windowsRegFile({ region: 'a\r\nb' }).content;
    expect(reg).toContain('"region"=hex(1):61,00,0d,00,0a,00,62,00,00,00');
  });

  it('mobileconfig: integers as <integer>, other numbers as <real>, booleans as <true/>/<false/>', () => {
    const xml = macosConfigProfile({
      policy: { a: 3, b: 0.25, c: -7, d: 2 ** 60, e: false },
      lockUserPolicy: true,
    }).content;
    expect(xml).toContain('<key>a</key>\n\t\t\t\t\t\t\t\t\t<integer>3</integer>');
    expect(xml).toContain('<key>b</key>\n\t\t\t\t\t\t\t\t\t<real>0.25</real>');
    expect(xml).toContain('<key>c</key>\n\t\t\t\t\t\t\t\t\t<integer>-7</integer>');
    expect(xml).toContain(`<key>d</key>\n\t\t\t\t\t\t\t\t\t<real>${2 ** 60}</real>`);
    expect(xml).toContain('<key>e</key>\n\t\t\t\t\t\t\t\t\t<false/>');
    expect(xml).toContain('<key>lockUserPolicy</key>\n\t\t\t\t\t\t\t\t<true/>');
  });

  it('mobileconfig: UUIDs are well formed, distinct, the same for the same content, and change with it', () => {
    const uuids = (file: DeploymentFile): string[] => {
      const { profile } = readProfile(file);
      const payloads = (profile.PayloadContent as PlistValue[]).map(asDict);
      return [profile.PayloadUUID as string, ...payloads.map((payload) => payload.PayloadUUID as string)];
    };
    const first = uuids(macosConfigProfile(settings));
    expect(first).toHaveLength(3);
    for (const uuid of first) expect(uuid).toMatch(UUID);
    expect(new Set(first).size).toBe(3);
    expect(macosConfigProfile(settings).content).toBe(macosConfigProfile(settings).content);
    const changed = uuids(macosConfigProfile({ ...settings, lockUserPolicy: false }));
    for (const [index, uuid] of changed.entries()) expect(uuid).not.toBe(first[index]);
  });

  it('Firefox: force-installs from an install URL only when one is given', () => {
    const url = 'https://intranet.example.com/po-assist.xpi';
    const parsed = JSON.parse(firefoxPoliciesFile(settings, { installUrl: url }).content);
    expect(parsed.policies.ExtensionSettings).toStrictEqual({
      [GECKO_ID]: { installation_mode: 'force_installed', install_url: url },
    });
    expect(parsed.policies['3rdparty'].Extensions[GECKO_ID]).toStrictEqual(settings);
    const viaAll = generateDeploymentFiles(settings, {}, { firefoxInstallUrl: url })[3]!;
    expect(JSON.parse(viaAll.content).policies.ExtensionSettings[GECKO_ID].install_url).toBe(url);
    expect(() => firefoxPoliciesFile(settings, { installUrl: 'http://intranet.example.com/a.xpi' })).toThrow(/https/);
  });

  it('instructions say where each file goes and how to put it there', () => {
    const [linux, reg, mac, firefox] = generateDeploymentFiles(settings).map((file) => file.instructions);
    expect(linux).toContain('/etc/opt/chrome/policies/managed/po-assist.json');
    expect(linux).toContain('/etc/chromium/policies/managed/po-assist.json');
    expect(linux).toContain('/etc/opt/edge/policies/managed/po-assist.json');
    expect(linux).toMatch(/rename it in/);
    expect(linux).toMatch(/sorts last wins/);
    expect(reg).toContain(chromeKey(UNPACKED_ID));
    expect(reg).toContain(edgeKey(UNPACKED_ID));
    expect(mac).toContain(`com.google.Chrome.extensions.${UNPACKED_ID}`);
    expect(firefox).toContain('/etc/firefox/policies/policies.json');
    expect(firefox).toContain('distribution\\policies.json');
    expect(firefox).toContain('/Applications/Firefox.app/Contents/Resources/distribution/policies.json');
  });

  it.each<[string, ManagedSettings, RegExp]>([
    ['null', { policy: { maxLength: null } }, /settings\.policy\.maxLength: null/],
    ['NaN', { policy: { maxLength: Number.NaN } }, /settings\.policy\.maxLength: NaN is not a finite number/],
    ['a function', { policy: { f: () => 1 } }, /settings\.policy\.f: a function/],
    ['a hole in an array', { policy: { list: [1, undefined] } }, /settings\.policy\.list\[1\]/],
    ['a control character', { policy: { help: 'a\u0007b' } }, /settings\.policy\.help: contains the character U\+0007/],
    ['a lone surrogate', { region: 'x\uD800' }, /settings\.region: contains the character U\+D800/],
    ['a Date', { policy: { when: new Date(0) } }, /settings\.policy\.when: only plain objects/],
  ])('refuses %s, naming where it is, instead of writing a file that differs', (_what, bad, message) => {
    for (const generate of [linuxPolicyFile, windowsRegFile, macosConfigProfile, firefoxPoliciesFile]) {
      expect(() => generate(bad)).toThrow(message);
    }
  });

  it('refuses ids that are not extension ids', () => {
    expect(() => linuxPolicyFile(settings, { chrome: 'not-an-id' })).toThrow(/not a Chrome or Edge extension id/);
    expect(() => windowsRegFile(settings, { edge: `${UNPACKED_ID}]\r\n[HKEY_LOCAL_MACHINE\\X` })).toThrow(
      /extension id/,
    );
    expect(() => firefoxPoliciesFile(settings, { id: 'no at sign' })).toThrow(/not a Firefox add-on id/);
  });
});

describe('sha256Hex', () => {
  it.each(['', 'abc', 'a'.repeat(55), 'a'.repeat(56), 'b'.repeat(64), 'c'.repeat(1000), 'é 発注 😀'])(
    'matches node:crypto for %j',
    (text) => {
      expect(sha256Hex(text)).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
    },
  );
});
