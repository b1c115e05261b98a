/**
 * Admin texts (help, format, field and list value labels) given once or per language: `"Department"` or
 * `{ "en": "Department", "de": "Abteilung" }`. Pure: callers pass the UI language (browser.i18n.getUILanguage()).
 */
import type { Policy } from './schema';

export type LocalizedText = string | Readonly<Record<string, string>>;

/** The primary subtag, lower-cased: `de-DE` → `de`, `zh_Hant` → `zh`. */
function primary(tag: string): string {
  return tag.toLowerCase().split(/[-_]/)[0] ?? '';
}

/**
 * The text for `lang`: an exact tag, then the same primary language (`de-AT` for `de`), then `en`, then the first
 * given. A plain string is the text in every language.
 */
export function pickText(text: LocalizedText, lang: string): string;
export function pickText(text: LocalizedText | undefined, lang: string): string | undefined;
export function pickText(text: LocalizedText | undefined, lang: string): string | undefined {
  if (text === undefined || typeof text === 'string') return text;
  const entries = Object.entries(text);
  const wanted = lang.toLowerCase().replace('_', '-');
  const find = (match: (tag: string) => boolean) => entries.find(([tag]) => match(tag))?.[1];
  return (
    find((tag) => tag.toLowerCase().replace('_', '-') === wanted) ??
    find((tag) => primary(tag) === primary(lang)) ??
    find((tag) => primary(tag) === 'en') ??
    entries[0]?.[1]
  );
}

/**
 * The policy with every admin text picked for `lang` (plain strings only), for the code that shows or compiles
 * it. Everything else is shared with the input, so a policy without localized texts comes back as it is.
 */
export function localizePolicy<P extends Policy>(policy: P, lang: string): P {
  if (!hasLocalizedText(policy)) return policy;
  return {
    ...policy,
    help: pickText(policy.help, lang),
    formats: policy.formats.map((format) => ({ ...format, label: pickText(format.label, lang) })),
    fields: Object.fromEntries(
      Object.entries(policy.fields).map(([name, field]) => [
        name,
        field.type === 'list'
          ? {
              ...field,
              label: pickText(field.label, lang),
              values: field.values.map((value) => ({ ...value, label: pickText(value.label, lang) })),
            }
          : { ...field, label: pickText(field.label, lang) },
      ]),
    ),
  };
}

function hasLocalizedText(policy: Policy): boolean {
  const isObject = (text: LocalizedText | undefined) => typeof text === 'object';
  return (
    isObject(policy.help) ||
    policy.formats.some((format) => isObject(format.label)) ||
    Object.values(policy.fields).some(
      (field) =>
        isObject(field.label) || (field.type === 'list' && field.values.some((value) => isObject(value.label))),
    )
  );
}
