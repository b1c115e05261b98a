/** @vitest-environment happy-dom */
import { afterEach, describe, expect, it } from 'vitest';
import { findPoField, notPoWordIn } from '../../lib/amazon/checkout-dom';
import { PO_FIELD_SELECTORS, PO_LABEL_WORDS } from '../../lib/amazon/selectors';
import { CHECKOUT_FIXTURES } from '../fixtures/checkout/index';
import { loadStatic, openLive, type LivePage } from './fixture-loader';

const withField = CHECKOUT_FIXTURES.filter((f) => f.expectedPoField !== null);
const live: LivePage[] = [];
afterEach(async () => {
  await Promise.all(live.splice(0).map((page) => page.close()));
});

/** The fixture with its scripts run and its click (if any) done: the state in which the field must be found. */
function openReady(file: string, click?: string): Document {
  const page = openLive(file);
  live.push(page);
  if (click) (page.document.querySelector(click) as HTMLElement).click();
  return page.document;
}

describe('findPoField on the committed fixtures', () => {
  it.each(withField.filter((f) => !f.needsClickSelector))(
    '$file: finds $expectedPoField in the markup as served',
    ({ file, expectedPoField, expectedVia }) => {
      const doc = loadStatic(file);
      const match = findPoField(doc);
      expect(match?.input).toBe(doc.querySelector(expectedPoField!));
      expect(match?.via.startsWith(expectedVia!)).toBe(true);
    },
  );

  it.each(withField)(
    '$file: finds $expectedPoField once the page scripts ran',
    ({ file, expectedPoField, expectedVia, needsClickSelector }) => {
      const doc = openReady(file, needsClickSelector);
      const expected = doc.querySelector(expectedPoField!);
      expect(expected).not.toBeNull();
      const match = findPoField(doc);
      expect(match?.input).toBe(expected);
      expect(match?.via).toBe(expectedVia);
    },
  );

  it.each(CHECKOUT_FIXTURES.filter((f) => f.needsClickSelector))(
    '$file: finds nothing before $needsClickSelector is clicked',
    ({ file }) => {
      expect(findPoField(loadStatic(file))).toBeNull();
      expect(findPoField(openReady(file))).toBeNull();
    },
  );

  // Zero false positives: with the right field gone, every other input in the page (decoys included) is refused.
  it.each(CHECKOUT_FIXTURES)('$file: takes no other input when the PO field is removed', (fixture) => {
    const doc = openReady(fixture.file, fixture.needsClickSelector);
    if (fixture.expectedPoField) {
      const right = Array.from(doc.querySelectorAll(fixture.expectedPoField));
      expect(right.length).toBeGreaterThan(0);
      for (const element of right) element.remove();
    }
    expect(doc.querySelectorAll('input[type="text"]').length).toBeGreaterThan(0);
    expect(findPoField(doc)).toBeNull();
  });

  it('decoys.html finds nothing, although it is full of PO-looking inputs', () => {
    const doc = loadStatic('decoys.html');
    expect(doc.querySelectorAll('input[name="purchaseOrderNumber"]').length).toBeGreaterThanOrEqual(6);
    expect(findPoField(doc)).toBeNull();
  });

  // Each unusable PO input in decoys.html is refused for its stated reason only: undo the reason and it is found.
  const up = (input: HTMLElement) => input.parentElement!;
  it.each<[string, string, (input: HTMLElement) => void]>([
    ['[hidden] container', '#po-number', (input) => up(input).removeAttribute('hidden')],
    ['aria-hidden container', '#d-aria-hidden-po', (input) => up(input).removeAttribute('aria-hidden')],
    ['.aok-hidden container', '#d-aok-hidden-po', (input) => up(input).classList.remove('aok-hidden')],
    ['.a-hidden container', '#d-a-hidden-po', (input) => up(input).classList.remove('a-hidden')],
    ['display:none container', '#d-display-none-po', (input) => up(input).style.removeProperty('display')],
    ['visibility:hidden container', '#d-visibility-hidden-po', (input) => up(input).style.removeProperty('visibility')],
    ['disabled', '#d-disabled-po', (input) => input.removeAttribute('disabled')],
    ['disabled fieldset', '#d-fieldset-po', (input) => up(input).removeAttribute('disabled')],
    ['read-only', '#d-readonly-po', (input) => input.removeAttribute('readonly')],
    ['type=password', '#d-password-po', (input) => input.setAttribute('type', 'text')],
    ['type=number', '#d-number-po', (input) => input.setAttribute('type', 'text')],
    ["PO Assist's own UI", '#d-ui-po', (input) => up(input).removeAttribute('data-po-assist-ui')],
  ])('decoys.html: the PO input refused as %s is found once that is undone', (_reason, selector, undo) => {
    const doc = loadStatic('decoys.html');
    const input = doc.querySelector(selector) as HTMLElement;
    expect(findPoField(doc)).toBeNull();
    undo(input);
    expect(findPoField(doc)?.input).toBe(input);
  });

  it('every built-in PO selector finds the expected field of some fixture', () => {
    const served = new Set<string>();
    for (const fixture of withField) {
      const match = findPoField(openReady(fixture.file, fixture.needsClickSelector));
      if (match?.via.startsWith('selector:')) served.add(match.via.slice('selector:'.length));
    }
    expect([...served].sort()).toEqual([...PO_FIELD_SELECTORS].sort());
  });
});

describe('word lists', () => {
  it.each(Object.values(PO_LABEL_WORDS).flat())('PO word "%s" contains no disqualifying word', (word) => {
    expect(notPoWordIn(word)).toBeNull();
  });
});
