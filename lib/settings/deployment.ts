import {
  assertChromiumExtensionId,
  assertGeckoExtensionId,
  FIREFOX_EXTENSION_ID,
  toManagedObject,
  UNPACKED_CHROMIUM_EXTENSION_ID,
  type ManagedObject,
  type ManagedSettings,
  type ManagedValue,
} from './managed-settings';
import { sha256Hex } from './sha256';

export { FIREFOX_EXTENSION_ID, UNPACKED_CHROMIUM_EXTENSION_ID, type ManagedSettings } from './managed-settings';

/**
 * What an admin deploys to push the current settings to every browser: one file per platform, with plain
 * instructions. Pure and synchronous, so the options page can offer them as downloads.
 */
export interface DeploymentFile {
  /** The download's name; where it goes on the machine is in `instructions`. */
  fileName: string;
  mimeType: string;
  content: string;
  /**
   * The exact bytes to save when they are not the UTF-8 encoding of `content`: the .reg file is UTF-16LE with a
   * byte-order mark, as Registry Editor writes it, so non-ASCII text survives the import.
   */
  contentBytes?: Uint8Array;
  instructions: string;
}

/** Extension ids by browser. Store ids are assigned by the stores, and Edge's may differ from Chrome's. */
export interface ExtensionIds {
  chrome?: string;
  edge?: string;
  firefox?: string;
}

export interface FirefoxOptions {
  id?: string;
  /** Where Firefox downloads the add-on (https: or file:); given, the file also force-installs it. */
  installUrl?: string;
}

interface ChromiumIds {
  chrome: string;
  edge: string;
}

function chromiumIds(ids: Pick<ExtensionIds, 'chrome' | 'edge'>): ChromiumIds {
  return {
    chrome: assertChromiumExtensionId(ids.chrome ?? UNPACKED_CHROMIUM_EXTENSION_ID),
    edge: assertChromiumExtensionId(ids.edge ?? UNPACKED_CHROMIUM_EXTENSION_ID),
  };
}

function describeIds(ids: ChromiumIds): string {
  return ids.chrome === ids.edge
    ? `extension id ${ids.chrome}`
    : `extension id ${ids.chrome} (Chrome, Chromium) and ${ids.edge} (Edge)`;
}

// ---------------------------------------------------------------------------------------------------------
// Linux: Chrome, Chromium and Edge read /etc/…/policies/managed/*.json

const LINUX_FOLDERS = [
  ['Google Chrome', '/etc/opt/chrome/policies'],
  ['Chromium', '/etc/chromium/policies'],
  ['Microsoft Edge', '/etc/opt/edge/policies'],
] as const;

const LINUX_FILE_NAME = 'po-assist.json';

/**
 * One JSON file for the managed policy folders of Chrome, Chromium and Edge on Linux. It names both the Chrome
 * and the Edge id when they differ: a browser ignores policy for an extension it does not have.
 */
export function linuxPolicyFile(
  settings: ManagedSettings,
  ids: Pick<ExtensionIds, 'chrome' | 'edge'> = {},
): DeploymentFile {
  const managed = toManagedObject(settings);
  const resolved = chromiumIds(ids);
  const extensions: ManagedObject = { [resolved.chrome]: managed, [resolved.edge]: managed };
  const content = `${JSON.stringify({ '3rdparty': { extensions } }, null, 2)}\n`;

  const [, chromeFolder] = LINUX_FOLDERS[0];
  const instructions = [
    `Linux: this file sets PO Assist's settings for ${describeIds(resolved)}. Each browser reads every file in its folder:`,
    ...LINUX_FOLDERS.map(([browser, folder]) => `  ${browser.padEnd(15)} ${folder}/managed/${LINUX_FILE_NAME}`),
    'Write the file next to the folder, then rename it in, so the browser never reads a half-written file',
    '(shown for Chrome; for Chromium or Edge use its folder):',
    `  sudo mkdir -p ${chromeFolder}/managed`,
    `  sudo install -m 644 ${LINUX_FILE_NAME} ${chromeFolder}/${LINUX_FILE_NAME}.new`,
    `  sudo mv ${chromeFolder}/${LINUX_FILE_NAME}.new ${chromeFolder}/managed/${LINUX_FILE_NAME}`,
    'Every file in the folder counts: when two files set the same key for this extension, the one whose name',
    'sorts last wins. A running browser applies the change within seconds (chrome://policy or edge://policy,',
    '"Reload policies", applies it at once). Deleting the file removes the settings.',
  ].join('\n');

  return { fileName: LINUX_FILE_NAME, mimeType: 'application/json', content, instructions };
}

// ---------------------------------------------------------------------------------------------------------
// Windows: a .reg file for HKEY_LOCAL_MACHINE\SOFTWARE\Policies\…\3rdparty\extensions\<id>\policy

const REG_HEADER = 'Windows Registry Editor Version 5.00';
const REG_FILE_NAME = 'po-assist.reg';
// Chrome converts a DWORD to a signed int, so larger values go as strings, which it also converts.
const MAX_DWORD_INT = 0x7fffffff;

function registryKeys(ids: ChromiumIds): Array<[browser: string, key: string]> {
  return [
    [
      'Google Chrome',
      `HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Google\\Chrome\\3rdparty\\extensions\\${ids.chrome}\\policy`,
    ],
    [
      'Microsoft Edge',
      `HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Microsoft\\Edge\\3rdparty\\extensions\\${ids.edge}\\policy`,
    ],
  ];
}

/** A REG_SZ in a .reg file: only backslash and double quote are escaped. */
function regQuoted(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

function utf16le(text: string): Uint8Array {
  const bytes = new Uint8Array(text.length * 2);
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    bytes[i * 2] = unit & 0xff;
    bytes[i * 2 + 1] = unit >>> 8;
  }
  return bytes;
}

function regData(value: ManagedValue): string {
  if (typeof value === 'boolean') return `dword:${value ? '00000001' : '00000000'}`;
  if (typeof value === 'number') {
    return Number.isInteger(value) && value >= 0 && value <= MAX_DWORD_INT
      ? `dword:${value.toString(16).padStart(8, '0')}`
      : regQuoted(String(value));
  }
  if (typeof value === 'string') {
    // A line break cannot sit inside a quoted .reg string; hex(1) is the same REG_SZ written as UTF-16LE bytes.
    if (/[\r\n]/.test(value)) {
      return `hex(1):${Array.from(utf16le(`${value}\0`), (byte) => byte.toString(16).padStart(2, '0')).join(',')}`;
    }
    return regQuoted(value);
  }
  // Chrome reads an object or array policy from the registry as a REG_SZ holding JSON.
  return regQuoted(JSON.stringify(value));
}

/**
 * A .reg file that replaces PO Assist's settings for Chrome and Edge on Windows. "Windows Registry Editor
 * Version 5.00" with CRLF lines; save `contentBytes` (UTF-16LE with BOM), because regedit reads a file without
 * a BOM in the ANSI code page and would mangle é or 発注.
 */
export function windowsRegFile(
  settings: ManagedSettings,
  ids: Pick<ExtensionIds, 'chrome' | 'edge'> = {},
): DeploymentFile {
  const managed = toManagedObject(settings);
  const resolved = chromiumIds(ids);
  const valueLines = Object.entries(managed).map(([name, value]) => {
    if (/[\r\n]/.test(name)) throw new TypeError(`settings: the key "${name}" cannot be a registry value name`);
    return `${regQuoted(name)}=${regData(value)}`;
  });

  const lines = [REG_HEADER, ''];
  for (const [browser, key] of registryKeys(resolved)) {
    // Removing the key first leaves exactly the current settings, not stale values from an earlier import.
    lines.push(`; PO Assist settings for ${browser}`, `[-${key}]`, '', `[${key}]`, ...valueLines, '');
  }
  const content = `${lines.join('\r\n')}\r\n`;
  const contentBytes = new Uint8Array(2 + content.length * 2);
  contentBytes.set([0xff, 0xfe]);
  contentBytes.set(utf16le(content), 2);

  const instructions = [
    `Windows: ${REG_FILE_NAME} replaces PO Assist's settings for ${describeIds(resolved)} under`,
    ...registryKeys(resolved).map(([, key]) => `  ${key}`),
    'Import it as an administrator (it writes HKEY_LOCAL_MACHINE): double-click it, or run',
    `  reg import ${REG_FILE_NAME}`,
    'from an elevated prompt. Keep the file as downloaded (UTF-16 text); re-saving it as ANSI breaks accented',
    'and non-Latin characters. To reach many machines, set the same values with Group Policy Preferences',
    '(Registry) or Intune: "policy" is a REG_SZ holding the policy as JSON, which is how Chrome and Edge read',
    'an object from the registry; true/false settings are REG_DWORD 1/0. Check with chrome://policy or',
    'edge://policy, "Reload policies".',
  ].join('\n');

  return { fileName: REG_FILE_NAME, mimeType: 'text/plain;charset=utf-16le', content, contentBytes, instructions };
}

// ---------------------------------------------------------------------------------------------------------
// macOS: a configuration profile with managed preferences

const PROFILE_FILE_NAME = 'po-assist.mobileconfig';
const PROFILE_IDENTIFIER = 'dev.po-assist.policy';

/**
 * Chrome and Edge on macOS read an extension's policy from its own preference domain, `<app bundle
 * id>.extensions.<id>`, one preference per key (Chromium's PolicyLoaderMac); a "3rdparty" key inside
 * com.google.Chrome is read by nobody there.
 */
function macDomains(ids: ChromiumIds): Array<{ browser: string; slug: string; domain: string }> {
  return [
    { browser: 'Google Chrome', slug: 'chrome', domain: `com.google.Chrome.extensions.${ids.chrome}` },
    { browser: 'Microsoft Edge', slug: 'edge', domain: `com.microsoft.Edge.extensions.${ids.edge}` },
  ];
}

/** A UUID (RFC 9562 version 8, "custom") from a hash of the seed, so the same content gives the same profile. */
function uuidFromSeed(seed: string): string {
  const hex = sha256Hex(seed).slice(0, 32).split('');
  hex[12] = '8';
  hex[16] = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  const h = hex.join('').toUpperCase();
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

function xmlEscape(text: string): string {
  // A raw CR would reach the reader as LF (XML end-of-line handling), so it goes as a character reference.
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#13;');
}

function plistLines(value: ManagedValue, indent: string): string[] {
  if (typeof value === 'boolean') return [`${indent}<${value ? 'true' : 'false'}/>`];
  if (typeof value === 'number') {
    return Number.isSafeInteger(value) ? [`${indent}<integer>${value}</integer>`] : [`${indent}<real>${value}</real>`];
  }
  if (typeof value === 'string') return [`${indent}<string>${xmlEscape(value)}</string>`];
  const inner = `${indent}\t`;
  if (Array.isArray(value)) {
    if (value.length === 0) return [`${indent}<array/>`];
    return [`${indent}<array>`, ...value.flatMap((item) => plistLines(item, inner)), `${indent}</array>`];
  }
  const entries = Object.entries(value);
  if (entries.length === 0) return [`${indent}<dict/>`];
  return [
    `${indent}<dict>`,
    ...entries.flatMap(([key, item]) => [`${inner}<key>${xmlEscape(key)}</key>`, ...plistLines(item, inner)]),
    `${indent}</dict>`,
  ];
}

/**
 * A macOS configuration profile (.mobileconfig, XML plist) with one managed-preferences payload each for
 * Chrome and Edge, setting PO Assist's keys as forced preferences in the extension's preference domain.
 */
export function macosConfigProfile(
  settings: ManagedSettings,
  ids: Pick<ExtensionIds, 'chrome' | 'edge'> = {},
): DeploymentFile {
  const managed = toManagedObject(settings);
  const resolved = chromiumIds(ids);
  const settingsJson = JSON.stringify(managed);

  const payloads = macDomains(resolved).map(({ browser, slug, domain }) => {
    const uuid = uuidFromSeed(`${PROFILE_IDENTIFIER}.${slug}\n${domain}\n${settingsJson}`);
    const payload: ManagedObject = {
      PayloadContent: { [domain]: { Forced: [{ mcx_preference_settings: managed }] } },
      PayloadDisplayName: `PO Assist policy for ${browser}`,
      PayloadEnabled: true,
      PayloadIdentifier: `${PROFILE_IDENTIFIER}.${slug}`,
      PayloadType: 'com.apple.ManagedClient.preferences',
      PayloadUUID: uuid,
      PayloadVersion: 1,
    };
    return { uuid, payload };
  });

  const profile: ManagedObject = {
    PayloadContent: payloads.map(({ payload }) => payload),
    PayloadDescription: `Sets PO Assist's purchase-order policy for ${describeIds(resolved)} in Google Chrome and Microsoft Edge.`,
    PayloadDisplayName: 'PO Assist policy',
    PayloadIdentifier: PROFILE_IDENTIFIER,
    PayloadScope: 'System',
    PayloadType: 'Configuration',
    PayloadUUID: uuidFromSeed(`${PROFILE_IDENTIFIER}\n${payloads.map(({ uuid }) => uuid).join('\n')}`),
    PayloadVersion: 1,
  };

  const content = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">',
    '<plist version="1.0">',
    ...plistLines(profile, ''),
    '</plist>',
    '',
  ].join('\n');

  const instructions = [
    `macOS: ${PROFILE_FILE_NAME} sets PO Assist's settings for ${describeIds(resolved)} in the preference domains`,
    ...macDomains(resolved).map(({ browser, domain }) => `  ${domain}  (${browser})`),
    "which is where Chrome and Edge on a Mac read an extension's policy. Upload it to your MDM (Jamf, Kandji,",
    'Intune: a custom configuration profile), or on a test Mac open it and approve it in System Settings,',
    'Privacy & Security, Profiles. Installing a newer download replaces the older one (same identifier',
    `${PROFILE_IDENTIFIER}). The profile is unsigned; many MDMs sign it on upload. Check with chrome://policy or`,
    'edge://policy, "Reload policies".',
  ].join('\n');

  return { fileName: PROFILE_FILE_NAME, mimeType: 'application/x-apple-aspen-config', content, instructions };
}

// ---------------------------------------------------------------------------------------------------------
// Firefox: policies.json

const FIREFOX_FILE_NAME = 'policies.json';

function checkInstallUrl(installUrl: string): string {
  let url: URL;
  try {
    url = new URL(installUrl);
  } catch {
    throw new TypeError(`installUrl: "${installUrl}" is not a URL`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'file:') {
    throw new TypeError('installUrl: Firefox must fetch the add-on over https (or from a file: path)');
  }
  return installUrl;
}

/**
 * Firefox's enterprise policy file: the settings under `3rdparty.Extensions.<id>` (what Firefox hands the
 * add-on as managed storage), and a force-install entry in `ExtensionSettings` only when an install URL is given.
 */
export function firefoxPoliciesFile(settings: ManagedSettings, options: FirefoxOptions = {}): DeploymentFile {
  const managed = toManagedObject(settings);
  const id = assertGeckoExtensionId(options.id ?? FIREFOX_EXTENSION_ID);
  const policies: ManagedObject = { '3rdparty': { Extensions: { [id]: managed } } };
  if (options.installUrl !== undefined) {
    policies.ExtensionSettings = {
      [id]: { installation_mode: 'force_installed', install_url: checkInstallUrl(options.installUrl) },
    };
  }
  const content = `${JSON.stringify({ policies }, null, 2)}\n`;

  const instructions = [
    `Firefox: ${FIREFOX_FILE_NAME} sets PO Assist's settings for the add-on ${id}` +
      (options.installUrl === undefined
        ? '.'
        : ` and force-installs it from ${options.installUrl} (users cannot remove it).`),
    'Firefox reads one policies.json:',
    '  Linux    /etc/firefox/policies/policies.json',
    '  Windows  C:\\Program Files\\Mozilla Firefox\\distribution\\policies.json',
    '  macOS    /Applications/Firefox.app/Contents/Resources/distribution/policies.json',
    'If the machine already has one, merge the "3rdparty" section' +
      (options.installUrl === undefined ? '' : ' and the "ExtensionSettings" entry') +
      ' into it rather than replacing it.',
    'Restart Firefox, then check about:policies.',
  ].join('\n');

  return { fileName: FIREFOX_FILE_NAME, mimeType: 'application/json', content, instructions };
}

/** Every deployment file for the current settings: Linux JSON, Windows .reg, macOS profile, Firefox policies.json. */
export function generateDeploymentFiles(
  settings: ManagedSettings,
  ids: ExtensionIds = {},
  options: { firefoxInstallUrl?: string } = {},
): DeploymentFile[] {
  const chromium = { chrome: ids.chrome, edge: ids.edge };
  return [
    linuxPolicyFile(settings, chromium),
    windowsRegFile(settings, chromium),
    macosConfigProfile(settings, chromium),
    firefoxPoliciesFile(settings, { id: ids.firefox, installUrl: options.firefoxInstallUrl }),
  ];
}
