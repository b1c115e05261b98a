/** @vitest-environment happy-dom */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { setNativeValue, watchPoField, type PoFieldMatch } from '../../lib/amazon/checkout-dom';
import { PO_FIELD_SELECTORS } from '../../lib/amazon/selectors';
import { fixtureByFile, openLive, type LivePage } from './fixture-loader';

const controllers: AbortController[] = [];
const pages: LivePage[] = [];
afterEach(async () => {
  for (const controller of controllers.splice(0)) controller.abort();
  await Promise.all(pages.splice(0).map((page) => page.close()));
});

function watch(doc: Document, overrides?: { poField?: string[] }) {
  const controller = new AbortController();
  controllers.push(controller);
  const seen: PoFieldMatch[] = [];
  watchPoField(doc, (match) => seen.push(match), { signal: controller.signal, overrides });
  return { seen, controller };
}

/** Counts findPoField runs on `doc` (each starts by querying the first built-in selector). */
function countChecks(doc: Document) {
  const spy = vi.spyOn(doc, 'querySelectorAll');
  return () => spy.mock.calls.filter(([selector]) => selector === PO_FIELD_SELECTORS[0]).length;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function poRow(id: string): HTMLElement {
  const row = document.createElement('div');
  row.innerHTML = `<label for="${id}">PO number</label><input type="text" id="${id}" name="purchaseOrderNumber">`;
  return row;
}

describe('watchPoField on a page that changes', () => {
  it('reports a field already in the page before returning, once', async () => {
    document.body.innerHTML = '<form></form>';
    document.forms[0]!.append(poRow('po'));
    const { seen } = watch(document);
    expect(seen.map((m) => m.input.id)).toEqual(['po']);
    document.body.append(document.createElement('div'));
    await sleep(30);
    expect(seen).toHaveLength(1);
  });

  it('reports a field rendered late', async () => {
    document.body.innerHTML = '<div id="section"></div>';
    const { seen } = watch(document);
    expect(seen).toEqual([]);
    document.getElementById('section')!.append(poRow('late'));
    await vi.waitFor(() => expect(seen.map((m) => m.input.id)).toEqual(['late']));
    expect(seen[0]!.via).toBe('selector:input[name="purchaseOrderNumber"]');
  });

  it('reports a field that becomes visible, without anything being added', async () => {
    document.body.innerHTML = '<div id="section" hidden></div>';
    document.getElementById('section')!.append(poRow('shown'));
    const { seen } = watch(document);
    expect(seen).toEqual([]);
    document.getElementById('section')!.removeAttribute('hidden');
    await vi.waitFor(() => expect(seen.map((m) => m.input.id)).toEqual(['shown']));
  });

  it('reports the new input when the page replaces the field, once', async () => {
    document.body.innerHTML = '<div id="section"></div>';
    const section = document.getElementById('section')!;
    section.append(poRow('po'));
    const checks = countChecks(document);
    const { seen } = watch(document);
    const first = seen[0]!.input;
    section.replaceChildren(poRow('po'));
    await vi.waitFor(() => expect(seen).toHaveLength(2));
    expect(seen[1]!.input).not.toBe(first);
    expect(seen[1]!.input).toBe(document.getElementById('po'));
    const afterReplace = checks();
    document.body.append(document.createElement('p'));
    section.append(document.createElement('span'));
    await sleep(30);
    expect(checks()).toBe(afterReplace);
    expect(seen).toHaveLength(2);
  });

  it('never reports the same element twice: moved, hidden and shown again', async () => {
    document.body.innerHTML = '<div id="a"></div><div id="b"></div>';
    const row = poRow('po');
    document.getElementById('a')!.append(row);
    const checks = countChecks(document);
    const { seen } = watch(document);
    expect(seen).toHaveLength(1);

    document.getElementById('b')!.append(row);
    await vi.waitFor(() => expect(checks()).toBe(2));
    row.hidden = true;
    await sleep(20);
    row.hidden = false;
    await vi.waitFor(() => expect(checks()).toBeGreaterThanOrEqual(3));
    expect(seen).toHaveLength(1);
  });

  it('runs no check for mutations that cannot hold a field', async () => {
    document.body.innerHTML = '<div id="section"></div>';
    const section = document.getElementById('section')!;
    const checks = countChecks(document);
    const { seen } = watch(document);
    expect(checks()).toBe(1);
    for (let i = 0; i < 50; i++) {
      const div = document.createElement('div');
      div.className = `row-${i}`;
      div.textContent = `item ${i}`;
      section.append(div);
    }
    section.setAttribute('data-state', 'loaded');
    section.firstElementChild!.className = 'changed';
    await sleep(40);
    expect(checks()).toBe(1);
    section.append(poRow('po'));
    await vi.waitFor(() => expect(seen).toHaveLength(1));
    expect(checks()).toBe(2);
  });

  it('batches a burst of additions into one check', async () => {
    document.body.innerHTML = '<div id="section"></div>';
    const section = document.getElementById('section')!;
    const checks = countChecks(document);
    const { seen } = watch(document);
    for (let i = 0; i < 20; i++) {
      const input = document.createElement('input');
      input.name = `unrelated-${i}`;
      section.append(input);
      await Promise.resolve();
    }
    section.append(poRow('po'));
    await vi.waitFor(() => expect(seen).toHaveLength(1));
    expect(checks()).toBe(2);
  });

  it('stops when the signal aborts', async () => {
    document.body.innerHTML = '<div id="section"></div>';
    const stopped = watch(document);
    const witness = watch(document);
    stopped.controller.abort();
    document.getElementById('section')!.append(poRow('po'));
    await vi.waitFor(() => expect(witness.seen).toHaveLength(1));
    await sleep(20);
    expect(stopped.seen).toEqual([]);
  });

  it('does nothing with a signal that is already aborted', async () => {
    document.body.innerHTML = '';
    document.body.append(poRow('po'));
    const controller = new AbortController();
    controller.abort();
    const onField = vi.fn();
    watchPoField(document, onField, { signal: controller.signal });
    document.body.append(poRow('po2'));
    await sleep(30);
    expect(onField).not.toHaveBeenCalled();
  });

  it('uses the override selectors', async () => {
    document.body.innerHTML = '<input type="text" name="purchaseOrderNumber" id="builtin">';
    const { seen } = watch(document, { poField: ['#custom'] });
    expect(seen.map((m) => m.via)).toEqual(['name:purchase order']);
    const custom = document.createElement('input');
    custom.id = 'custom';
    document.body.prepend(custom);
    await vi.waitFor(() => expect(seen.map((m) => m.via)).toEqual(['name:purchase order', 'override:#custom']));
  });
});

describe('watchPoField on the fixtures, with their own scripts running', () => {
  function open(file: string) {
    const page = openLive(file);
    pages.push(page);
    return page.document;
  }

  it('spc-rerender.html: reports each new node of the re-rendered field, which keeps the value', async () => {
    const doc = open('spc-rerender.html');
    const expected = fixtureByFile('spc-rerender.html').expectedPoField!;
    const seen: PoFieldMatch[] = [];
    const controller = new AbortController();
    controllers.push(controller);
    watchPoField(
      doc,
      (match) => {
        expect(match.input).toBe(doc.querySelector(expected));
        seen.push(match);
      },
      { signal: controller.signal },
    );
    expect(seen.map((m) => m.input.dataset.render)).toEqual(['0']);
    setNativeValue(seen[0]!.input, 'PO-2026-0042');

    await vi.waitFor(() => expect(seen.map((m) => m.input.dataset.render)).toEqual(['0', '1']), { timeout: 2000 });
    expect(seen[1]!.input.value).toBe('PO-2026-0042');

    (doc.getElementById('update-payment') as HTMLButtonElement).click();
    await vi.waitFor(() => expect(seen.map((m) => m.input.dataset.render)).toEqual(['0', '1', '2']));
    expect(new Set(seen.map((m) => m.input)).size).toBe(3);
    expect(seen[2]!.input.value).toBe('PO-2026-0042');
  });

  it('spc-accordion.html: reports the field "Add PO number" opens, and the new one after "Change"', async () => {
    const doc = open('spc-accordion.html');
    const { seen } = watch(doc);
    expect(seen).toEqual([]);

    (doc.querySelector('#add-po-number') as HTMLElement).click();
    await vi.waitFor(() => expect(seen).toHaveLength(1));
    expect(seen[0]!.input).toBe(doc.querySelector('#po-number'));
    setNativeValue(seen[0]!.input, 'PO-7');

    (doc.querySelector('#use-po-button input') as HTMLElement).click();
    expect(doc.querySelector('#po-number')).toBeNull();
    expect(doc.getElementById('add-po-number')!.textContent).toBe('Change');

    (doc.querySelector('#add-po-number') as HTMLElement).click();
    await vi.waitFor(() => expect(seen).toHaveLength(2));
    expect(seen[1]!.input).not.toBe(seen[0]!.input);
    expect(seen[1]!.input.value).toBe('PO-7');
  });
});
