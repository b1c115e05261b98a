/** @vitest-environment happy-dom */
import { afterEach, describe, expect, it } from 'vitest';
import { findSubmitControls, isSubmitControl } from '../../lib/amazon/checkout-dom';
import { SUBMIT_SELECTORS } from '../../lib/amazon/selectors';
import { CHECKOUT_FIXTURES } from '../fixtures/checkout/index';
import { loadStatic, openLive, type LivePage } from './fixture-loader';

const pages: LivePage[] = [];
afterEach(async () => {
  await Promise.all(pages.splice(0).map((page) => page.close()));
});

function open(file: string, click?: string): Document {
  const page = openLive(file);
  pages.push(page);
  if (click) (page.document.querySelector(click) as HTMLElement).click();
  return page.document;
}

/** The controls, described by their wrapper id (AUI) or own id, for readable expectations. */
function describeControls(controls: HTMLElement[]): string[] {
  return controls.map((control) => control.closest('.a-button')?.id ?? control.id);
}

describe('findSubmitControls on the fixtures', () => {
  it.each([
    ['spc-us.html', undefined, ['bottomSubmitOrderButtonId', 'submitOrderButtonId']],
    ['legacy-business-info.html', undefined, ['continue-top', 'continue-bottom']],
    ['spc-accordion.html', '#add-po-number', ['use-po-button', 'submitOrderButtonId']],
    ['spc-rerender.html', undefined, ['submitOrderButtonId']],
    ['spc-de.html', undefined, ['submitOrderButtonId', 'a-autoid-12']],
    ['spc-jp.html', undefined, ['a-autoid-30']],
    ['decoys.html', undefined, ['submitOrderButtonId']],
  ])('%s: exactly the submit controls', (file, click, expected) => {
    expect(describeControls(findSubmitControls(open(file, click)))).toEqual(expected);
  });

  it.each(CHECKOUT_FIXTURES)("$file: the table's submitControl is one of them", ({ file, submitControl }) => {
    const doc = loadStatic(file);
    expect(findSubmitControls(doc)).toContain(doc.querySelector(submitControl));
  });

  it('every built-in submit selector matches a control in some fixture', () => {
    const docs = CHECKOUT_FIXTURES.map(({ file, needsClickSelector }) => open(file, needsClickSelector));
    const unmatched = SUBMIT_SELECTORS.filter((selector) => !docs.some((doc) => doc.querySelector(selector)));
    expect(unmatched).toEqual([]);
  });
});

describe('isSubmitControl', () => {
  it.each([
    ['spc-us.html', '#submitOrderButtonId input', true],
    ['spc-us.html', '#submitOrderButtonId-announce', true],
    ['spc-us.html', '#submitOrderButtonId', true],
    ['spc-us.html', '#bottomSubmitOrderButtonId-announce', true],
    ['spc-us.html', '#gcApplyButtonId input', false],
    ['spc-us.html', '#gcApplyButtonId-announce', false],
    ['spc-us.html', '#address-ui-widgets-form-submit-button input', false],
    ['spc-us.html', '#spc-po-number', false],
    ['spc-us.html', '#page-log', false],
    ['legacy-business-info.html', '#continue-bottom-announce', true],
    ['legacy-business-info.html', '#back-link', false],
    ['spc-rerender.html', '#update-payment', false],
    ['spc-de.html', '#a-autoid-12-announce', true],
    ['spc-de.html', '#a-autoid-5 input', false],
    ['spc-de.html', '#a-autoid-3-announce', false],
    ['spc-jp.html', '#a-autoid-30-announce', true],
    ['spc-jp.html', '#a-autoid-4 input', false],
    ['decoys.html', '#continue-shopping-link', false],
    ['spc-accordion.html', '#add-po-number', false],
  ])('%s: a click on %s is a submit: %s', (file, selector, expected) => {
    const doc = loadStatic(file);
    expect(isSubmitControl(doc.querySelector(selector)!)).toBe(expected);
  });

  it.each([
    'Place your order',
    'Continue',
    'Use this PO',
    'Use this purchase order',
    'Jetzt kaufen',
    'Bestellung aufgeben',
    'Weiter',
    'Passer la commande',
    'Continuer',
    'Acquista ora',
    'Continua',
    'Realizar pedido',
    'Comprar ahora',
    'Continuar',
    '注文を確定する',
    '次に進む',
    '  Place your order › ',
  ])('a button reading "%s" is a submit control', (text) => {
    document.body.innerHTML = `<div><button type="button" id="b"><span>${text}</span></button></div>`;
    expect(isSubmitControl(document.querySelector('#b span')!)).toBe(true);
    expect(findSubmitControls(document).map((c) => c.id)).toEqual(['b']);
  });

  it.each(['Continue shopping', 'Weiter einkaufen', 'Apply', 'Use this address', 'Change', 'Place your order later?'])(
    'a button reading "%s" is not',
    (text) => {
      document.body.innerHTML = `<button type="button" id="b">${text}</button>`;
      expect(isSubmitControl(document.getElementById('b')!)).toBe(false);
      expect(findSubmitControls(document)).toEqual([]);
    },
  );

  it('override selectors replace the built-in ones; the text of a button still counts', () => {
    document.body.innerHTML = `
      <span class="a-button" id="submitOrderButtonId"><span class="a-button-inner">
        <input type="submit" class="a-button-input" aria-label="Buy" id="builtin"></span></span>
      <div id="custom-wrapper"><span id="custom-text">Send to approver</span></div>
      <button type="button" id="by-text">Place your order</button>`;
    const overrides = { submit: ['#custom-wrapper'] };
    expect(isSubmitControl(document.getElementById('builtin')!)).toBe(true);
    expect(isSubmitControl(document.getElementById('builtin')!, overrides)).toBe(false);
    expect(isSubmitControl(document.getElementById('custom-text')!)).toBe(false);
    expect(isSubmitControl(document.getElementById('custom-text')!, overrides)).toBe(true);
    expect(isSubmitControl(document.getElementById('by-text')!, overrides)).toBe(true);
    expect(findSubmitControls(document, overrides).map((c) => c.id)).toEqual(['custom-wrapper', 'by-text']);
    expect(findSubmitControls(document, { submit: ['[[bad'] }).map((c) => c.id)).toEqual(['by-text']);
  });

  it("PO Assist's own buttons are never submit controls", () => {
    document.body.innerHTML = `<div data-po-assist-ui=""><button type="button" id="ours">Continue</button></div>`;
    expect(isSubmitControl(document.getElementById('ours')!)).toBe(false);
    expect(findSubmitControls(document)).toEqual([]);
  });

  it('agrees with findSubmitControls on every control of every fixture', () => {
    for (const { file, needsClickSelector } of CHECKOUT_FIXTURES) {
      const doc = open(file, needsClickSelector);
      const controls = findSubmitControls(doc);
      for (const control of controls) expect(isSubmitControl(control), `${file} ${control.outerHTML}`).toBe(true);
      for (const element of Array.from(doc.querySelectorAll('button, input, a, [role="button"]'))) {
        const inControl = controls.some((control) => control === element || control.contains(element));
        if (!inControl) expect(isSubmitControl(element), `${file} ${element.outerHTML}`).toBe(false);
      }
    }
  });
});

// How the content script uses it: a capture-phase click listener on the window that stops a submit before the
// page's own handlers run. The fixtures record their handlers in data-submitted.
describe('a capture-phase guard built on isSubmitControl, on the live fixtures', () => {
  it.each(CHECKOUT_FIXTURES)('$file: blocks $submitControl; the page records the click once let through', (fixture) => {
    const doc = open(fixture.file, fixture.needsClickSelector);
    const view = doc.defaultView!;
    let block = true;
    view.addEventListener(
      'click',
      (event) => {
        if (block && isSubmitControl(event.target as Element)) {
          event.preventDefault();
          event.stopImmediatePropagation();
        }
      },
      { capture: true },
    );
    const control = doc.querySelector(fixture.submitControl) as HTMLElement;
    control.click();
    expect(doc.body.dataset.submitted).toBeUndefined();
    block = false;
    control.click();
    expect(doc.body.dataset.submitted).toBe('1');
    expect(doc.getElementById('page-log')!.textContent).not.toBe('');
  });
});
