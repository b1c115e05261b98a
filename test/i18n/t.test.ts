import { afterEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { formatMessage, t, tPlural } from '@/lib/i18n';

afterEach(() => {
  vi.resetModules();
});

describe('t()', () => {
  it('answers in English from messages.json when the browser has no i18n (the unit tests)', () => {
    expect(t('form_search')).toBe('Search');
    expect(t('notice_nothingFound_text', ['MKT-1', 'Germany'])).toBe(
      'No orders under PO MKT-1 in Germany in the last 2 years. Check the PO or try another region.',
    );
    expect(t('progress_waiting', 13)).toBe("Waiting for Amazon's rate limit… (13 s)");
  });

  it("uses the browser's message, with the substitutions as strings, when there is one", () => {
    const getMessage = vi
      .spyOn(browser.i18n, 'getMessage')
      .mockImplementation(((name: string, substitutions?: string[]) =>
        name === 'notice_timeout_text'
          ? `Pas de réponse en ${substitutions?.[0]} s.`
          : '') as typeof browser.i18n.getMessage);
    expect(t('notice_timeout_text', 30)).toBe('Pas de réponse en 30 s.');
    expect(getMessage).toHaveBeenCalledWith('notice_timeout_text', ['30']);
    // An empty answer (no such message in that language) falls back to English.
    expect(t('form_search')).toBe('Search');
    expect(getMessage).toHaveBeenLastCalledWith('form_search', undefined);
  });
});

describe('tPlural()', () => {
  it.each([
    [0, '0 orders'],
    [1, '1 order'],
    [2, '2 orders'],
    [1500, '1,500 orders'],
  ])('%i → %s', (count, words) => {
    expect(tPlural('count_orders', count)).toBe(words);
  });

  it('passes further substitutions after the count', () => {
    expect(tPlural('progress_page', 27, [3])).toBe('Page 3 · 27 orders so far');
    expect(tPlural('orders_showMore', 1, [1])).toBe('Show 1 more of 1 order not shown');
  });

  it("picks the plural form of the translation's language, and falls back to _other", async () => {
    const polish: Record<string, string> = {
      locale: 'pl',
      count_orders_one: '$1 zamówienie',
      count_orders_few: '$1 zamówienia',
      count_orders_other: '$1 zamówień',
    };
    vi.spyOn(browser.i18n, 'getMessage').mockImplementation(((name: string, substitutions?: string[]) =>
      (polish[name] ?? '').replace('$1', substitutions?.[0] ?? '')) as typeof browser.i18n.getMessage);
    const fresh = await import('@/lib/i18n');
    expect(fresh.tPlural('count_orders', 1)).toBe('1 zamówienie');
    expect(fresh.tPlural('count_orders', 3)).toBe('3 zamówienia');
    expect(fresh.tPlural('count_orders', 5)).toBe('5 zamówień');
    // Polish "many" has no message here: the _other form answers.
    expect(fresh.tPlural('count_orders', 25)).toBe('25 zamówień');
  });
});

describe('formatNumber() (one formatter, built ahead of the first diagnosis by prepareCounting)', () => {
  it("writes numbers as the messages' language does, the same before and after the formatter is prepared", async () => {
    vi.spyOn(browser.i18n, 'getMessage').mockImplementation(((name: string, substitutions?: string[]) =>
      name === 'locale'
        ? 'de'
        : name === 'count_orders_other'
          ? `${substitutions?.[0] ?? ''} Bestellungen`
          : '') as typeof browser.i18n.getMessage);
    vi.resetModules();
    const fresh = await import('@/lib/i18n');
    expect(fresh.formatNumber(1234.5)).toBe((1234.5).toLocaleString('de'));
    fresh.prepareCounting();
    expect(fresh.formatNumber(1234.5)).toBe('1.234,5');
    expect(fresh.tPlural('count_orders', 1500)).toBe('1.500 Bestellungen');
  });
});

describe("formatMessage (Chrome's substitution rules, for the English fallback)", () => {
  it.each([
    [{ message: 'Hello, $USER$', placeholders: { user: { content: '$1' } } }, ['Cira'], 'Hello, Cira'],
    [
      { message: 'Hi $user$ and $Other$', placeholders: { USER: { content: '$2' }, other: { content: '$1' } } },
      ['A', 'B'],
      'Hi B and A',
    ],
    [{ message: 'Costs $$5 for $1' }, ['you'], 'Costs $5 for you'],
    [{ message: 'Missing: [$1][$2]' }, ['x'], 'Missing: [x][]'],
    [{ message: 'Fixed $SITE$', placeholders: { site: { content: 'example.com' } } }, [], 'Fixed example.com'],
  ])('%j with %j → %s', (entry, substitutions, expected) => {
    expect(formatMessage(entry, substitutions)).toBe(expected);
  });

  it('does not read a substitution as a placeholder', () => {
    expect(t('order_unknownValues', '$PO$ $1')).toBe('Values PO Assist does not recognise: $PO$ $1');
  });
});
