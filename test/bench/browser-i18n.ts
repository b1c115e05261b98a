import english from '@/public/_locales/en/messages.json';

/**
 * `browser.i18n` as the extension page has it, from the English catalogue: Chrome reads messages.json once and
 * answers getMessage synchronously, substituting `$1`…`$9` (placeholders resolved when loaded). Without it, every
 * t() outside a browser throws a TypeError first (lib/i18n.ts falls back on the English file then), a cost the
 * page does not have. lib/i18n.ts takes `browser` when it loads, so run.ts imports this module first: any bench
 * module may import lib/i18n (through lib/policy-words, say) after it.
 */
function installBrowserI18n(): { calls: number } {
  const counter = { calls: 0 };
  const messages = new Map<string, string>();
  for (const [key, entry] of Object.entries(english as Record<string, CatalogEntry>)) {
    const placeholders = new Map(
      Object.entries(entry.placeholders ?? {}).map(([name, value]) => [name.toLowerCase(), value.content]),
    );
    messages.set(
      key.toLowerCase(),
      entry.message.replace(
        /\$([A-Za-z0-9_@]+)\$/g,
        (whole, name: string) => placeholders.get(name.toLowerCase()) ?? whole,
      ),
    );
  }
  const getMessage = (name: string, substitutions?: string | string[]) => {
    counter.calls += 1;
    const message = messages.get(name.toLowerCase());
    if (message === undefined) return '';
    const values = substitutions === undefined ? [] : ([] as string[]).concat(substitutions);
    return message.includes('$')
      ? message.replace(/\$(\$|[1-9])/g, (_whole, what: string) =>
          what === '$' ? '$' : (values[Number(what) - 1] ?? ''),
        )
      : message;
  };
  const chrome = { runtime: { id: 'bench' }, i18n: { getMessage, getUILanguage: () => 'en-US' } };
  Object.defineProperty(globalThis, 'chrome', { value: chrome, configurable: true, writable: true });
  return counter;
}
interface CatalogEntry {
  message: string;
  placeholders?: Record<string, { content: string }>;
}

/** How often the page's getMessage was asked: a bench checks its t() calls reach it (and do not throw first). */
export const browserI18nCalls = installBrowserI18n();
