/** @vitest-environment happy-dom */
import { afterEach, describe, expect, it } from 'vitest';
import { findPoField, setNativeValue } from '../../lib/amazon/checkout-dom';
import { openLive, type LivePage } from './fixture-loader';

const pages: LivePage[] = [];
afterEach(async () => {
  await Promise.all(pages.splice(0).map((page) => page.close()));
});

describe('setNativeValue', () => {
  it('sets the value and fires bubbling input then change events', () => {
    document.body.innerHTML = '<form id="f"><input type="text" id="po"></form>';
    const input = document.getElementById('po') as HTMLInputElement;
    const events: string[] = [];
    for (const type of ['input', 'change']) {
      document.addEventListener(type, (event) => {
        events.push(`${event.type}:${event.bubbles}:${(event.target as HTMLInputElement).value}`);
      });
    }
    setNativeValue(input, 'PO-2026-0042');
    expect(input.value).toBe('PO-2026-0042');
    expect(events).toEqual(['input:true:PO-2026-0042', 'change:true:PO-2026-0042']);
  });

  it('writes past a value property the page defined on the element itself', () => {
    document.body.innerHTML = '<input type="text" id="po">';
    const input = document.getElementById('po') as HTMLInputElement;
    const writes: string[] = [];
    const native = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!;
    Object.defineProperty(input, 'value', {
      configurable: true,
      get: () => native.get!.call(input),
      set: (value: string) => {
        writes.push(value);
        native.set!.call(input, value);
      },
    });
    setNativeValue(input, 'PO-1');
    expect(writes).toEqual([]);
    expect(input.value).toBe('PO-1');
  });

  // spc-rerender.html tracks values like React: its state (what it would submit) changes only for a real edit.
  describe('on a page with React-style value tracking (spc-rerender.html)', () => {
    function open() {
      const page = openLive('spc-rerender.html');
      pages.push(page);
      return page.document;
    }

    it('a plain value assignment with an input event is ignored by the page', () => {
      const doc = open();
      const input = findPoField(doc)!.input;
      input.value = 'PO-IGNORED';
      input.dispatchEvent(new doc.defaultView!.Event('input', { bubbles: true }));
      expect(doc.body.dataset.statePo).toBeUndefined();
    });

    it('setNativeValue updates the page state, which is what the page submits', () => {
      const doc = open();
      setNativeValue(findPoField(doc)!.input, 'PO-2026-0042');
      expect(doc.body.dataset.statePo).toBe('PO-2026-0042');
      (doc.querySelector('#submitOrderButtonId input') as HTMLElement).click();
      expect(doc.body.dataset.submitted).toBe('1');
      expect(doc.body.dataset.submittedPo).toBe('PO-2026-0042');
    });

    it('the value survives the re-render that replaces the input', async () => {
      const doc = open();
      setNativeValue(findPoField(doc)!.input, 'PO-9');
      (doc.getElementById('update-payment') as HTMLButtonElement).click();
      const input = findPoField(doc)!.input;
      expect(input.dataset.render).toBe('1');
      expect(input.value).toBe('PO-9');
      setNativeValue(input, 'PO-10');
      expect(doc.body.dataset.statePo).toBe('PO-10');
    });
  });
});
