/** @vitest-environment happy-dom */
import { afterEach, describe, expect, it } from 'vitest';
import { findPoField } from '@/lib/amazon/checkout-dom';
import type { PickedSelectors, PickerContext } from '@/lib/settings/picker/picked-selectors';
import { startPicker, type PickerHandle } from '@/lib/settings/picker/picker-ui';
import { loadStatic } from '../../amazon/fixture-loader';

/**
 * The element picker on the committed fixtures, as a shopper uses it: the pointer over an element of the page
 * (happy-dom has no layout, so `elementAt` names the element under it), a click, then the panel's buttons and keys.
 */
interface Harness {
  handle: PickerHandle;
  saved: PickedSelectors[];
  copied: string[];
  stopped: () => boolean;
  /** Moves the pointer onto `target` and clicks it (through the overlay). */
  pick: (target: Element) => void;
  text: (testid: string) => string | null;
  button: (name: string) => HTMLButtonElement | null;
  panelText: () => string;
}

let current: Harness | null = null;
afterEach(() => {
  current?.handle.stop();
  current = null;
});

function open(
  doc: Document,
  context: PickerContext = { canSave: true },
  options: { save?: () => Promise<void>; copy?: () => Promise<void> } = {},
): Harness {
  const saved: PickedSelectors[] = [];
  const copied: string[] = [];
  let under: Element | null = null;
  let stopped = false;
  const handle = startPicker(doc, {
    context,
    save: async (picked) => {
      await options.save?.();
      saved.push(picked);
    },
    copy: async (text) => {
      await options.copy?.();
      copied.push(text);
    },
    elementAt: () => under,
    shadowMode: 'open',
    onStop: () => (stopped = true),
  });
  const layer = handle.root.querySelector('.layer')!;
  current = {
    handle,
    saved,
    copied,
    stopped: () => stopped,
    pick: (target) => {
      under = target;
      layer.dispatchEvent(new PointerEvent('pointermove', { bubbles: true }));
      layer.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true }));
    },
    text: (testid) => handle.root.querySelector(`[data-testid="${testid}"]`)?.textContent ?? null,
    button: (name) => Array.from(handle.root.querySelectorAll('button')).find((b) => b.textContent === name) ?? null,
    panelText: () => handle.root.querySelector('[data-testid="picker-panel"]')?.textContent ?? '',
  };
  return current;
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('element picker', () => {
  it('spc-miss.html: the missed field, picked, gets a stable selector that matches it alone and that the guard uses', async () => {
    const doc = loadStatic('spc-miss.html');
    const field = doc.querySelector('#a-autoid-81')!;
    expect(findPoField(doc)).toBeNull();
    const picker = open(doc);
    expect(picker.panelText()).toContain('Click the box where the PO number is typed.');
    picker.pick(field);
    expect(picker.text('picker-po-selector')).toBe('input[name="boiField[0]"]');
    expect(picker.text('picker-po-count')).toBe('It matches 1 element on this page (highlighted).');
    expect(picker.text('picker-po-verdict')).toBe('The checkout guard will check this field.');
    // The match is highlighted; Save has the focus, so Enter saves.
    expect(picker.handle.root.querySelectorAll('.box.match')).toHaveLength(1);
    expect(picker.handle.root.activeElement?.textContent).toBe('Save');
    picker.button('Save')!.click();
    await flush();
    expect(picker.saved).toEqual([{ poField: 'input[name="boiField[0]"]' }]);
    expect(picker.text('picker-status')).toBe('Saved. Reload the page: the checkout guard now uses this field.');
    // What was saved is what the guard then takes.
    expect(findPoField(doc, { poField: ['input[name="boiField[0]"]'] })?.input).toBe(field);
    picker.button('Close')!.click();
    expect(doc.querySelector('po-assist-picker')).toBeNull();
    expect(picker.stopped()).toBe(true);
  });

  it('a click on the label picks its field; a click on something else says what to click', () => {
    const doc = loadStatic('spc-miss.html');
    const picker = open(doc);
    picker.pick(doc.querySelector('h2')!);
    expect(picker.text('picker-status')).toBe('That is not a field: click the box where the PO number is typed.');
    expect(picker.button('Save')).toBeNull();
    picker.pick(doc.querySelector('label[for="a-autoid-81"]')!);
    expect(picker.text('picker-po-selector')).toBe('input[name="boiField[0]"]');
  });

  it('optionally picks the order button too: its text picks the AUI input under it, and both are saved', async () => {
    const doc = loadStatic('spc-miss.html');
    const picker = open(doc);
    picker.pick(doc.querySelector('#a-autoid-81')!);
    picker.button('Also pick the order button')!.click();
    expect(picker.panelText()).toContain('Click the button that places the order');
    picker.pick(doc.querySelector('#submitOrderButtonId-announce')!);
    const submit = picker.text('picker-submit-selector');
    expect(submit).not.toMatch(/a-autoid|\.[a-z]/i);
    expect(doc.querySelectorAll(submit!)).toHaveLength(1);
    expect(doc.querySelector(submit!)).toBe(doc.querySelector('#submitOrderButtonId input'));
    expect(picker.text('picker-submit-verdict')).toBe(
      'The checkout guard will hold this button while the PO is invalid.',
    );
    picker.button('Save')!.click();
    await flush();
    expect(picker.saved).toEqual([{ poField: 'input[name="boiField[0]"]', submit }]);
  });

  it('Esc cancels at any step: the overlay goes, nothing is saved, focus returns to where it was', () => {
    const doc = loadStatic('spc-miss.html');
    const before = doc.querySelector<HTMLInputElement>('#a-autoid-82')!;
    before.focus();
    const picker = open(doc);
    picker.pick(doc.querySelector('#a-autoid-81')!);
    doc.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    expect(doc.querySelector('po-assist-picker')).toBeNull();
    expect(picker.saved).toEqual([]);
    expect(picker.stopped()).toBe(true);
    expect(doc.activeElement).toBe(before);
  });

  it('Tab and Shift+Tab stay in the panel: from the last control to the first and back', () => {
    const doc = loadStatic('spc-miss.html');
    const picker = open(doc);
    picker.pick(doc.querySelector('#a-autoid-81')!);
    const controls = Array.from(picker.handle.root.querySelectorAll('button'));
    expect(controls.map((b) => b.textContent)).toEqual(['Save', 'Also pick the order button', 'Pick again', 'Cancel']);
    controls.at(-1)!.focus();
    doc.dispatchEvent(new KeyboardEvent('keydown', { key: 'Tab', bubbles: true, cancelable: true }));
    expect(picker.handle.root.activeElement).toBe(controls[0]);
    doc.dispatchEvent(new KeyboardEvent('keydown', { key: 'Tab', shiftKey: true, bubbles: true, cancelable: true }));
    expect(picker.handle.root.activeElement).toBe(controls.at(-1));
  });

  it('locked by the admin: no Save; "Copy JSON snippet" copies the selectors the admin adds to the policy', async () => {
    const doc = loadStatic('spc-miss.html');
    const picker = open(doc, { canSave: false, reason: 'locked' });
    picker.pick(doc.querySelector('#a-autoid-81')!);
    expect(picker.button('Save')).toBeNull();
    expect(picker.panelText()).toContain('Your organization sets the PO policy');
    expect(picker.handle.root.activeElement?.textContent).toBe('Copy JSON snippet');
    picker.button('Copy JSON snippet')!.click();
    await flush();
    expect(picker.copied.map((text) => JSON.parse(text))).toEqual([
      { selectors: { poField: ['input[name="boiField[0]"]'] } },
    ]);
    expect(picker.text('picker-status')).toContain('Copied.');
  });

  it('when the browser refuses to copy, the snippet is selected for Ctrl+C', async () => {
    const doc = loadStatic('spc-miss.html');
    const picker = open(doc, { canSave: false, reason: 'no-policy' }, { copy: () => Promise.reject(new Error('no')) });
    picker.pick(doc.querySelector('#a-autoid-81')!);
    expect(picker.panelText()).toContain('Set up a PO policy in the settings first');
    picker.button('Copy JSON snippet')!.click();
    await flush();
    expect(picker.text('picker-status')).toContain('press Ctrl+C');
  });

  it('a refused save shows the background’s words and keeps the picked selector', async () => {
    const doc = loadStatic('spc-miss.html');
    const picker = open(
      doc,
      { canSave: true },
      { save: () => Promise.reject(new Error('Your policy was not saved.')) },
    );
    picker.pick(doc.querySelector('#a-autoid-81')!);
    picker.button('Save')!.click();
    await flush();
    expect(picker.text('picker-status')).toBe('Your policy was not saved.');
    expect(picker.text('picker-po-selector')).toBe('input[name="boiField[0]"]');
  });

  it('a field with only generated ids and no name or label cannot be named: it says so and offers no Save', () => {
    document.body.innerHTML = '<input type="text" id="a-autoid-5">';
    const picker = open(document);
    picker.pick(document.getElementById('a-autoid-5')!);
    expect(picker.text('picker-po-none')).toContain('no stable name');
    expect(picker.button('Save')).toBeNull();
  });

  it('says when a selector matches more than the field, and when the guard could not use what was picked', () => {
    document.body.innerHTML =
      '<input type="text" name="ref" readonly><input type="text" name="ref"><input type="text" name="ref">';
    const picker = open(document);
    picker.pick(document.querySelector('input')!);
    expect(picker.text('picker-po-count')).toBe('It matches 3 elements on this page (highlighted).');
    expect(picker.text('picker-po-verdict')).toContain('cannot use this element');
  });

  it('page text reaches the panel as text only, never as markup', () => {
    document.body.innerHTML = '<input type="text" name="&lt;img src=x onerror=alert(1)&gt;">';
    const picker = open(document);
    picker.pick(document.querySelector('input')!);
    expect(picker.text('picker-po-selector')).toBe('input[name="<img src=x onerror=alert(1)>"]');
    expect(picker.handle.root.querySelector('img')).toBeNull();
  });

  it('a second start replaces the first: one picker at a time', () => {
    const doc = loadStatic('spc-miss.html');
    const first = open(doc);
    open(doc);
    expect(doc.querySelectorAll('po-assist-picker')).toHaveLength(1);
    expect(first.stopped()).toBe(true);
  });
});
