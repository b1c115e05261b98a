/**
 * The element picker, injected on demand into a checkout tab (entrypoints/picker.ts): the shopper clicks the PO
 * field (and optionally the order button), sees the selector PO Assist derives for it and what it matches on the
 * page, and saves it into their policy overrides, or copies the JSON snippet for the admin when the policy is
 * locked. Modelled on uBlock Origin's element picker (src/js/scriptlets/epicker.js: a full-page overlay that takes
 * every pointer event, the element under the pointer found with elementsFromPoint, Esc quits).
 *
 * Everything lives in a closed shadow root; page text reaches it through textContent and input values only.
 */
import { findPoFieldResult, isSubmitControl, UI_SELECTOR } from '@/lib/amazon/checkout-dom';
import { deriveSelector, testSelector, type DerivedSelector } from '@/lib/amazon/page-tools';
import { BUTTON_LIKE_SELECTORS, BUTTON_WRAPPER_SELECTORS, EXTENSION_UI_ATTRIBUTE } from '@/lib/amazon/selectors';
import { t, tPlural } from '@/lib/i18n';
import { adminSnippet, type PickedSelectors, type PickerContext } from './picked-selectors';

export interface PickerDeps {
  context: PickerContext;
  /** Saves the picked selectors into the user's policy; rejects with words to show. */
  save: (picked: PickedSelectors) => Promise<void>;
  /** Puts text on the clipboard; rejects when the browser refuses. */
  copy: (text: string) => Promise<void>;
  /** The page element under the pointer (default: elementsFromPoint, skipping the picker's own host). */
  elementAt?: (x: number, y: number) => Element | null;
  /** `closed` in the product; tests read an open root. */
  shadowMode?: ShadowRootMode;
  /** Called once the picker is gone (cancelled, closed). */
  onStop?: () => void;
}

export interface PickerHandle {
  root: ShadowRoot;
  stop: () => void;
}

type Step = 'po' | 'submit' | 'review';

const HOST_TAG = 'po-assist-picker';
/** A second injection stops the first: the event reaches the old instance's listener on its host. */
const STOP_EVENT = 'po-assist-picker-stop';
const BUTTON_LIKE = BUTTON_LIKE_SELECTORS.join(',');
const BUTTON_WRAPPER = BUTTON_WRAPPER_SELECTORS.join(',');

const CSS = `
:host { all: initial; }
.layer { position: fixed; inset: 0; z-index: 2147483646; cursor: crosshair; }
.layer.review { cursor: default; }
.box { position: fixed; pointer-events: none; box-sizing: border-box; border: 2px solid #007185;
  background: rgba(0, 113, 133, 0.15); border-radius: 3px; }
.box.match { border-color: #c45500; background: rgba(255, 153, 0, 0.2); }
.panel { position: fixed; right: 16px; bottom: 16px; z-index: 2147483647; width: min(440px, calc(100vw - 32px));
  font: 13px/1.4 "Amazon Ember", Arial, sans-serif; color: #0f1111; background: #fff; border: 1px solid #888c8c;
  border-radius: 8px; box-shadow: 0 4px 16px rgba(0,0,0,.25); padding: 12px; box-sizing: border-box; }
h2 { font-size: 15px; margin: 0 0 6px; }
p { margin: 0 0 6px; }
.muted { color: #565959; }
.warning { color: #8a5300; }
.ok { color: #067d62; }
textarea, output { display: block; width: 100%; box-sizing: border-box; font: 12px ui-monospace, Menlo, Consolas,
  monospace; background: #f7fafa; border: 1px solid #d5d9d9; border-radius: 4px; padding: 4px; margin: 2px 0 6px;
  overflow-wrap: anywhere; }
textarea { resize: vertical; min-height: 4em; }
.actions { display: flex; flex-wrap: wrap; gap: 6px; margin-top: 8px; }
button { font: inherit; cursor: pointer; border: 1px solid #888c8c; background: #fff; border-radius: 6px;
  padding: 3px 10px; color: #0f1111; }
button.primary { background: #ffd814; border-color: #fcd200; }
button:focus-visible, textarea:focus-visible { outline: 2px solid #007185; outline-offset: 2px; }
`;

function el<K extends keyof HTMLElementTagNameMap>(
  doc: Document,
  tag: K,
  props: { class?: string; text?: string; testid?: string } = {},
): HTMLElementTagNameMap[K] {
  const node = doc.createElement(tag);
  if (props.class) node.className = props.class;
  if (props.text !== undefined) node.textContent = props.text;
  if (props.testid) node.setAttribute('data-testid', props.testid);
  return node;
}

/** The form control a click on `element` means: the control itself, or the one its label names. */
function fieldFor(element: Element): Element | null {
  if (['input', 'textarea', 'select'].includes(element.localName)) return element;
  const label = element.closest('label');
  return label ? ((label as HTMLLabelElement).control ?? label.querySelector('input,select,textarea')) : null;
}

/** The button a click on `element` means: the button itself, or the AUI wrapper's input under its text. */
function buttonFor(element: Element): Element | null {
  return element.closest(BUTTON_LIKE) ?? element.closest(BUTTON_WRAPPER)?.querySelector(BUTTON_LIKE) ?? null;
}

export function startPicker(doc: Document, deps: PickerDeps): PickerHandle {
  for (const old of Array.from(doc.querySelectorAll(HOST_TAG))) old.dispatchEvent(new Event(STOP_EVENT));
  const view = doc.defaultView ?? window;
  const host = doc.createElement(HOST_TAG);
  host.setAttribute(EXTENSION_UI_ATTRIBUTE, '');
  const root = host.attachShadow({ mode: deps.shadowMode ?? 'closed' });
  const style = el(doc, 'style', { text: CSS });
  const layer = el(doc, 'div', { class: 'layer' });
  const boxes = el(doc, 'div');
  const panel = el(doc, 'div', { class: 'panel', testid: 'picker-panel' });
  panel.setAttribute('role', 'dialog');
  panel.setAttribute('aria-labelledby', 'picker-title');
  root.append(style, layer, boxes, panel);

  let step: Step = 'po';
  let hovered: Element | null = null;
  let po: { element: Element; derived: DerivedSelector | null } | null = null;
  let submit: { element: Element; derived: DerivedSelector | null } | null = null;
  let stopped = false;
  const previousFocus = doc.activeElement as HTMLElement | null;

  const elementAt =
    deps.elementAt ??
    ((x: number, y: number) =>
      doc.elementsFromPoint(x, y).find((found) => found !== host && !found.closest(UI_SELECTOR)) ?? null);

  const drawBox = (target: Element, kind: 'hover' | 'match') => {
    const rect = target.getBoundingClientRect();
    const box = el(doc, 'div', { class: kind === 'match' ? 'box match' : 'box' });
    box.style.left = `${rect.left - 2}px`;
    box.style.top = `${rect.top - 2}px`;
    box.style.width = `${rect.width + 4}px`;
    box.style.height = `${rect.height + 4}px`;
    boxes.append(box);
  };

  /** Hover box while picking; every match of the derived selectors once picked. */
  const draw = () => {
    boxes.replaceChildren();
    if (step !== 'review') {
      if (hovered) drawBox(hovered, 'hover');
      return;
    }
    for (const picked of [po, submit]) {
      if (!picked?.derived) continue;
      for (const match of testSelector(picked.derived.selector, doc)) drawBox(match, 'match');
    }
  };

  const targetFor = (element: Element | null): Element | null =>
    element ? (step === 'po' ? fieldFor(element) : buttonFor(element)) : null;

  const onMove = (event: PointerEvent) => {
    if (step === 'review') return;
    const next = targetFor(elementAt(event.clientX, event.clientY));
    if (next !== hovered) {
      hovered = next;
      draw();
    }
  };

  const onClick = (event: MouseEvent) => {
    event.preventDefault();
    event.stopPropagation();
    if (step === 'review') return;
    const target = targetFor(elementAt(event.clientX, event.clientY));
    if (!target) {
      render(t(step === 'po' ? 'picker_notAField' : 'picker_notAButton'));
      return;
    }
    if (step === 'po') po = { element: target, derived: deriveSelector(target, doc) };
    else submit = { element: target, derived: deriveSelector(target, doc) };
    step = 'review';
    hovered = null;
    render();
    draw();
  };

  const picked = (): PickedSelectors | null =>
    po?.derived
      ? { poField: po.derived.selector, ...(submit?.derived ? { submit: submit.derived.selector } : {}) }
      : null;

  const button = (text: string, onPress: () => void, options: { primary?: boolean; testid?: string } = {}) => {
    const node = el(doc, 'button', {
      class: options.primary ? 'primary' : '',
      text,
      ...(options.testid ? { testid: options.testid } : {}),
    });
    node.type = 'button';
    node.addEventListener('click', (event) => {
      event.stopPropagation();
      onPress();
    });
    return node;
  };

  /** Lines about one picked element: its selector, how many elements it matches, whether the guard will use it. */
  const describe = (kind: 'po' | 'submit', pick: { element: Element; derived: DerivedSelector | null }) => {
    const lines: HTMLElement[] = [
      el(doc, 'p', { text: t(kind === 'po' ? 'picker_poSelector' : 'picker_submitSelector') }),
    ];
    if (!pick.derived) {
      lines.push(el(doc, 'p', { class: 'warning', text: t('picker_noSelector'), testid: `picker-${kind}-none` }));
      return lines;
    }
    const output = el(doc, 'output', { text: pick.derived.selector, testid: `picker-${kind}-selector` });
    const count = testSelector(pick.derived.selector, doc).length;
    lines.push(output, el(doc, 'p', { text: tPlural('picker_matches', count), testid: `picker-${kind}-count` }));
    const used =
      kind === 'po'
        ? findPoFieldResult(doc, { poField: [pick.derived.selector] }).match?.input === pick.element
        : isSubmitControl(pick.element, { submit: [pick.derived.selector] });
    lines.push(
      el(doc, 'p', {
        class: used ? 'ok' : 'warning',
        text: t(used ? (kind === 'po' ? 'picker_guardUsesField' : 'picker_guardHoldsButton') : 'picker_guardCannotUse'),
        testid: `picker-${kind}-verdict`,
      }),
    );
    return lines;
  };

  const status = el(doc, 'p', { testid: 'picker-status' });
  status.setAttribute('role', 'status');

  const render = (message?: string, tone: 'ok' | 'warning' | '' = 'warning') => {
    const title = el(doc, 'h2', { text: t('picker_title') });
    title.id = 'picker-title';
    const parts: HTMLElement[] = [title];
    const actions = el(doc, 'div', { class: 'actions' });
    let first: HTMLElement | null = null;
    if (step !== 'review') {
      parts.push(el(doc, 'p', { text: t(step === 'po' ? 'picker_stepPo' : 'picker_stepSubmit') }));
      if (step === 'submit') actions.append(button(t('picker_skipSubmit'), () => goTo('review')));
    } else {
      if (po) parts.push(...describe('po', po));
      if (submit) parts.push(...describe('submit', submit));
      const selectors = picked();
      if (selectors && deps.context.canSave) {
        first = button(t('picker_save'), () => void save(selectors), { primary: true, testid: 'picker-save' });
        actions.append(first);
      } else if (selectors) {
        const snippet = el(doc, 'textarea', { testid: 'picker-snippet' });
        snippet.readOnly = true;
        snippet.value = adminSnippet(selectors);
        snippet.setAttribute('aria-label', t('picker_snippetLabel'));
        parts.push(
          el(doc, 'p', {
            class: 'muted',
            text: t(deps.context.reason === 'locked' ? 'picker_locked' : 'picker_noPolicy'),
          }),
          snippet,
        );
        first = button(t('picker_copySnippet'), () => void copy(snippet), { primary: true, testid: 'picker-copy' });
        actions.append(first);
      }
      if (!submit) actions.append(button(t('picker_pickSubmit'), () => goTo('submit')));
      actions.append(
        button(t('picker_pickAgain'), () => {
          po = null;
          submit = null;
          goTo('po');
        }),
      );
    }
    const cancel = button(t('picker_cancel'), stop, { testid: 'picker-cancel' });
    actions.append(cancel);
    status.className = tone;
    status.textContent = message ?? '';
    parts.push(status, actions, el(doc, 'p', { class: 'muted', text: t('picker_escHint') }));
    panel.replaceChildren(...parts);
    layer.className = step === 'review' ? 'layer review' : 'layer';
    (first ?? cancel).focus();
  };

  const goTo = (next: Step) => {
    step = next;
    render();
    draw();
  };

  const save = async (selectors: PickedSelectors) => {
    try {
      await deps.save(selectors);
      showDone(t('picker_saved'));
    } catch (error) {
      render(error instanceof Error ? error.message : String(error));
    }
  };

  const copy = async (snippet: HTMLTextAreaElement) => {
    try {
      await deps.copy(snippet.value);
      render(t('picker_copied'), 'ok');
    } catch {
      render(t('picker_copyFailed'));
      snippet.select();
    }
  };

  /** After saving: one line and a Close button; the highlights stay until it closes. */
  const showDone = (message: string) => {
    const close = button(t('picker_close'), stop, { primary: true, testid: 'picker-close' });
    status.className = 'ok';
    status.textContent = message;
    const actions = el(doc, 'div', { class: 'actions' });
    actions.append(close);
    panel.replaceChildren(panel.firstChild ?? el(doc, 'h2', { text: t('picker_title') }), status, actions);
    close.focus();
  };

  const onKey = (event: KeyboardEvent) => {
    if (event.key === 'Tab') return keepFocusInPanel(event);
    if (event.key !== 'Escape') return;
    event.preventDefault();
    event.stopPropagation();
    stop();
  };
  /** Tab and Shift+Tab cycle through the panel's controls: the page behind the overlay takes no clicks either. */
  const keepFocusInPanel = (event: KeyboardEvent) => {
    const controls = Array.from(panel.querySelectorAll<HTMLElement>('button, textarea'));
    if (controls.length === 0) return;
    const at = controls.indexOf(root.activeElement as HTMLElement);
    const wrapTo = event.shiftKey
      ? at <= 0
        ? controls.length - 1
        : -1
      : at === -1 || at === controls.length - 1
        ? 0
        : -1;
    if (wrapTo === -1) return;
    event.preventDefault();
    controls[wrapTo]!.focus();
  };
  const redraw = () => draw();

  function stop() {
    if (stopped) return;
    stopped = true;
    view.removeEventListener('keydown', onKey, true);
    view.removeEventListener('scroll', redraw, true);
    view.removeEventListener('resize', redraw);
    host.remove();
    if (previousFocus?.isConnected) previousFocus.focus();
    deps.onStop?.();
  }

  layer.addEventListener('pointermove', onMove);
  layer.addEventListener('click', onClick);
  host.addEventListener(STOP_EVENT, stop);
  view.addEventListener('keydown', onKey, true);
  view.addEventListener('scroll', redraw, { capture: true, passive: true });
  view.addEventListener('resize', redraw);
  doc.documentElement.append(host);
  render();
  return { root, stop };
}
