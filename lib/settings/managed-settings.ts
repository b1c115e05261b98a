/**
 * The top-level keys an admin sets in the extension's managed storage, as the deployment generators take them.
 * Values are passed through unchanged (the options page validates them with zod before offering downloads);
 * this module only checks that each value can be carried by every deployment format.
 */
import type { ManagedKey, ManagedValues } from '@/lib/storage/managed';

/**
 * The keys come from the managed schema (lib/storage/managed.ts), besides `policy`; a value is what the extension
 * reads there, or any text (the generators carry it as written, and the extension reports it when it reads it).
 */
export type ManagedSettings = {
  /** The policy object (the README's "The policy format"; parsed by lib/policy/schema.ts). */
  policy?: unknown;
} & { [K in ManagedKey]?: ManagedValues[K] | string };

/** A value every deployment format can carry: JSON without `null`, with finite numbers and XML-safe strings. */
export type ManagedValue = boolean | number | string | ManagedValue[] | { [key: string]: ManagedValue };
export type ManagedObject = { [key: string]: ManagedValue };

/** The Chromium unpacked/test build id (fixed by the manifest `key`); store ids are assigned by the stores. */
export const UNPACKED_CHROMIUM_EXTENSION_ID = 'dclbnbbfkialpdndoahpkankgliacokd';
/** `browser_specific_settings.gecko.id` of the Firefox build. */
export const FIREFOX_EXTENSION_ID = 'po-assist@po-assist.dev';

const CHROMIUM_ID = /^[a-p]{32}$/;
// Firefox add-on ids are either email-like or a GUID in braces.
const GECKO_ID =
  /^(?:\{[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\}|[A-Za-z0-9._+-]+@[A-Za-z0-9.-]+)$/;

export function assertChromiumExtensionId(id: string): string {
  if (!CHROMIUM_ID.test(id)) {
    throw new TypeError(`"${id}" is not a Chrome or Edge extension id (32 letters a-p)`);
  }
  return id;
}

export function assertGeckoExtensionId(id: string): string {
  if (!GECKO_ID.test(id)) {
    throw new TypeError(`"${id}" is not a Firefox add-on id (name@domain or a {GUID})`);
  }
  return id;
}

// XML 1.0 forbids these (a macOS profile is XML); a lone surrogate cannot be encoded as UTF-8 or UTF-16.
// eslint-disable-next-line no-control-regex -- matching the control characters XML forbids is the point
const FORBIDDEN_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|\p{Surrogate}/u;

function describeCharacter(character: string): string {
  return `U+${(character.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}

function isPlainObject(value: object): boolean {
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

function setOwn(target: ManagedObject, key: string, value: ManagedValue): void {
  // defineProperty, so a key named "__proto__" stays an ordinary key.
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

function checkString(text: string, path: string): string {
  const forbidden = FORBIDDEN_CHARACTER.exec(text);
  if (forbidden) {
    throw new TypeError(
      `${path}: contains the character ${describeCharacter(forbidden[0])}, which a policy file cannot carry`,
    );
  }
  return text;
}

function toManagedValue(value: unknown, path: string): ManagedValue {
  switch (typeof value) {
    case 'boolean':
      return value;
    case 'string':
      return checkString(value, path);
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`${path}: ${value} is not a finite number`);
      return value;
    case 'object': {
      if (value === null) {
        throw new TypeError(`${path}: null cannot be delivered by enterprise policy; leave the key out instead`);
      }
      if (Array.isArray(value)) {
        return value.map((item, index) => {
          if (item === undefined) throw new TypeError(`${path}[${index}]: an array item is missing`);
          return toManagedValue(item, `${path}[${index}]`);
        });
      }
      if (!isPlainObject(value)) throw new TypeError(`${path}: only plain objects can be delivered`);
      const result: ManagedObject = {};
      for (const [key, item] of Object.entries(value)) {
        // Like JSON.stringify: an undefined property is an absent one.
        if (item === undefined) continue;
        setOwn(result, checkString(key, `${path} (key "${key}")`), toManagedValue(item, `${path}.${key}`));
      }
      return result;
    }
    default:
      throw new TypeError(`${path}: a ${typeof value} cannot be delivered by enterprise policy`);
  }
}

/**
 * The settings as one object every format can carry, every key kept (undefined ones are absent, as in JSON).
 * Throws a TypeError naming the path of a value no policy format can carry (null, NaN, a function…).
 */
export function toManagedObject(settings: ManagedSettings): ManagedObject {
  const value = toManagedValue(settings, 'settings');
  if (typeof value !== 'object' || Array.isArray(value)) throw new TypeError('settings: must be an object');
  return value;
}
