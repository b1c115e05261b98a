import { browser } from 'wxt/browser';
import english from '@/public/_locales/en/messages.json';

/**
 * User-visible strings from `public/_locales/<language>/messages.json`, through the browser's i18n API (which picks
 * the user's language and falls back to English). The English file is the source of truth for the key set: a key
 * that is not in it fails the typecheck.
 */
export type MessageKey = keyof typeof english;

/** The keys of plural families: `<base>_one`, `<base>_other` (and `_zero`, `_two`, `_few`, `_many` in translations). */
export type PluralBase = { [K in MessageKey]: K extends `${infer Base}_other` ? Base : never }[MessageKey];

export type Substitution = string | number;

/** A message as messages.json holds it. */
export interface CatalogMessage {
  message: string;
  description?: string;
  placeholders?: Record<string, { content: string; example?: string }>;
}

// The fake browser of the unit tests has no i18n, so outside production builds the English file answers instead.
// Production builds drop it: the checkout content script must not carry every message of the extension.
// (`import.meta.env` is absent outside Vite, e.g. scripts run with tsx: the English file answers there too.)
const fallback: Record<string, CatalogMessage> | null = import.meta.env?.PROD ? null : english;

const getMessage = (name: string, substitutions?: string[]): string =>
  (browser.i18n.getMessage as (name: string, substitutions?: string[]) => string)(name, substitutions);

/** Stands for substitution N in a kept message (a private-use character, never in a catalogue). */
const SLOT = '\uE000';
const SLOTS = Array.from({ length: 9 }, (_, index) => `${SLOT}${index + 1}`);
/**
 * Messages as the browser gave them while the extension was there, with slots for their substitutions. A content
 * script outlives its extension (updated, reloaded): browser.i18n then answers '' or throws, and the checkout guard
 * still has to say why it refused an order.
 */
const kept = new Map<string, string>();

function keep(key: string): string {
  let text = kept.get(key);
  if (text !== undefined) return text;
  try {
    text = getMessage(key, SLOTS);
  } catch {
    text = '';
  }
  if (text) kept.set(key, text);
  return text;
}

/** Keep these messages now, so they can still be said once the extension is gone (see `kept`). */
export function keepMessages(keys: readonly MessageKey[]): void {
  for (const key of keys) keep(key);
}

/** The message in the user's language, or '' when no catalogue has it. */
function lookup(key: string, substitutions: string[]): string {
  let text = '';
  try {
    text = getMessage(key, substitutions.length ? substitutions : undefined);
  } catch {
    // No i18n API: the unit tests' fake browser, or an orphaned content script.
  }
  if (text) {
    keep(key);
    return text;
  }
  const known = kept.get(key);
  if (known) return known.replace(/\uE000([1-9])/g, (_slot, n: string) => substitutions[Number(n) - 1] ?? '');
  const entry = fallback?.[key];
  return entry ? formatMessage(entry, substitutions) : '';
}

/** The message for `key`, with `$1`… (and the named placeholders that point at them) replaced by `substitutions`. */
export function t(key: MessageKey, substitutions?: Substitution | readonly Substitution[]): string {
  return (
    lookup(key, substitutions === undefined ? [] : ([] as Substitution[]).concat(substitutions).map(String)) || key
  );
}

let pluralRules: Intl.PluralRules | undefined;
let numberFormat: Intl.NumberFormat | undefined;

/** A number in the language of the messages in use. One formatter: building one costs ICU about 15 ms the first time. */
export function formatNumber(value: number): string {
  numberFormat ??= new Intl.NumberFormat(t('locale'));
  return numberFormat.format(value);
}

/** Builds the plural rules and the number formatter now, so the first message that counts does not pay for them. */
export function prepareCounting(): void {
  pluralRules ??= new Intl.PluralRules(t('locale'));
  formatNumber(0);
}

/**
 * `3 orders`: the message `<base>_<category>` for the plural category of `count` in the language of the messages
 * in use (the `locale` message), else `<base>_other`. `$1` is the count; `more` are `$2`, `$3`…
 */
export function tPlural(base: PluralBase, count: number, more: readonly Substitution[] = []): string {
  pluralRules ??= new Intl.PluralRules(t('locale'));
  const substitutions = [formatNumber(count), ...more.map(String)];
  return lookup(`${base}_${pluralRules.select(count)}`, substitutions) || t(`${base}_other`, substitutions);
}

/**
 * Chrome's substitution rules, for the English fallback: `$name$` becomes its placeholder's content (names ignore
 * case), then `$1`…`$9` the substitutions (missing ones become empty) and `$$` a dollar sign.
 */
export function formatMessage(entry: CatalogMessage, substitutions: readonly string[]): string {
  const placeholders = new Map(
    Object.entries(entry.placeholders ?? {}).map(([name, value]) => [name.toLowerCase(), value.content]),
  );
  return entry.message
    .replace(/\$([A-Za-z0-9_@]+)\$/g, (whole, name: string) => placeholders.get(name.toLowerCase()) ?? whole)
    .replace(/\$(\$|[1-9])/g, (_whole, what: string) => (what === '$' ? '$' : (substitutions[Number(what) - 1] ?? '')));
}

/**
 * The browser's UI language (`de-DE`, `ja`): what browser.i18n picks messages by, and what admin texts given per
 * language and Intl formats follow. Outside a browser (unit tests) the language of the messages in use.
 */
export function uiLanguage(): string {
  try {
    const language = browser.i18n.getUILanguage();
    if (language) return language;
  } catch {
    // No i18n API: the unit tests' fake browser.
  }
  return t('locale');
}
