/**
 * Finding, watching and writing the PO number field on Amazon Business checkout pages, and recognising the
 * controls that submit it. Plain DOM: every function takes the document (or an element) it works on, and uses
 * that document's own window, so it works in a content script, in happy-dom and in a separate test window.
 */
import {
  BUTTON_LIKE_SELECTORS,
  BUTTON_WRAPPER_SELECTORS,
  EXTENSION_UI_ATTRIBUTE,
  HIDDEN_CONTAINER_SELECTORS,
  NOT_PO_AUTOCOMPLETE_PREFIXES,
  NOT_PO_WORDS,
  PO_FIELD_SELECTORS,
  PO_LABEL_WORDS,
  PO_NAME_TOKENS,
  SUBMIT_SELECTORS,
  SUBMIT_TEXTS,
} from './selectors';

export interface PoFieldMatch {
  input: HTMLInputElement;
  /** What found it, for diagnostics: `override:<sel>`, `selector:<sel>`, `label[for]:<word>`, `label:<word>`,
   * `aria-label:<word>`, `aria-labelledby:<word>`, `placeholder:<word>`, `name:<words>` or `id:<words>`. */
  via: string;
  /** `strong`: an override, a built-in selector or the field's own label; `weak`: only its placeholder, name or
   * id. The guard hints on a weak field but does not block on it. */
  confidence: FieldConfidence;
  /** Rule codes that chose it (`selector`, `override`, `label-for`, `wrapping-label`, `aria-label`,
   * `aria-labelledby`, `placeholder`, `name`, `id`). */
  reasons: AcceptCode[];
}

export type FieldConfidence = 'strong' | 'weak';
export type AcceptCode =
  | 'override'
  | 'selector'
  | 'label-for'
  | 'wrapping-label'
  | 'aria-label'
  | 'aria-labelledby'
  | 'placeholder'
  | 'name'
  | 'id';
/** Why a candidate was refused. `not-po:<category>` names the NOT_PO_WORDS category its own texts hit. */
export type RefuseCode =
  | `not-po:${string}`
  | 'autocomplete'
  | 'search-box'
  | 'hidden'
  | 'disabled'
  | 'read-only'
  | 'extension-ui'
  | 'not-text'
  | 'no-po-signal'
  | 'lower-priority'
  | 'po-is-select';
export type StandAsideCode = 'po-is-select';

/** One input, select or textarea the finder looked at, and what it decided. */
export interface CandidateVerdict {
  element: Element;
  accepted: boolean;
  /** Accept codes (for the chosen field) or refuse codes (for every other candidate). */
  reasons: (AcceptCode | RefuseCode)[];
}

export interface PoFieldResult {
  /** The PO field, or null. */
  match: PoFieldMatch | null;
  /** Set when the guard must not take any field: the PO is Amazon's "List of defined options" (a select). */
  standAside?: StandAsideCode;
  /** The select that is the PO field, when standing aside. */
  standAsideElement?: HTMLSelectElement;
}

/** The admin policy's `selectors`. A non-empty list replaces the built-in one; an empty list is ignored. */
export interface SelectorOverrides {
  poField?: readonly string[] | undefined;
  submit?: readonly string[] | undefined;
}

export interface WatchPoFieldOptions {
  signal: AbortSignal;
  overrides?: SelectorOverrides | undefined;
  /** Called (once per reason) when the finder stands aside: the PO is a select, nothing is guarded. */
  onStandAside?: (reason: StandAsideCode) => void;
}

export const UI_SELECTOR = `[${EXTENSION_UI_ATTRIBUTE}]`;
const HIDDEN_SELECTOR = HIDDEN_CONTAINER_SELECTORS.join(',');
const BUTTON_LIKE_SELECTOR = BUTTON_LIKE_SELECTORS.join(',');
const BUTTON_WRAPPER_SELECTOR = BUTTON_WRAPPER_SELECTORS.join(',');
const ALL_PO_LABEL_WORDS = Object.values(PO_LABEL_WORDS).flat();
const ALL_SUBMIT_TEXTS = new Set(Object.values(SUBMIT_TEXTS).flat());
/** Backstop for background tabs, where animation frames do not run. */
const WATCH_FALLBACK_DELAY_MS = 250;

/**
 * The form all word lists are written in: NFKC (full-width "ＰＯ" → "po"), lower case, Latin accents removed,
 * curly apostrophes straightened, whitespace collapsed.
 */
export function normalizeText(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .normalize('NFC')
    .replace(/[\u2018\u2019\u02bc]/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
}

/** Splits a name or id into lower-case words: "ppw-poNumber2" → ppw, po, number, 2. */
export function splitIdentifier(value: string): string[] {
  return (
    value
      // one pass, a space after: lower/digit before upper, an upper run before Upper-lower, letter↔digit
      .replace(/[\p{Ll}\p{N}](?=\p{Lu})|\p{Lu}(?=\p{Lu}\p{Ll})|\p{L}(?=\p{N})|\p{N}(?=\p{L})/gu, '$& ')
      .toLowerCase()
      .split(/[^\p{L}\p{N}]+/u)
      .filter(Boolean)
  );
}

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
const LATIN_LETTER_OR_DIGIT = /[a-z0-9]/;

/** Whether normalized `text` contains `word` as a whole word (boundaries only at Latin letter/digit edges). */
function containsWord(text: string, word: string): boolean {
  const needsLeft = LATIN_LETTER_OR_DIGIT.test(word.charAt(0));
  const needsRight = LATIN_LETTER_OR_DIGIT.test(word.charAt(word.length - 1));
  for (let at = text.indexOf(word); at !== -1; at = text.indexOf(word, at + 1)) {
    const before = text.charAt(at - 1);
    const after = text.charAt(at + word.length);
    if (needsLeft && before && LETTER_OR_DIGIT.test(before)) continue;
    if (needsRight && after && LETTER_OR_DIGIT.test(after)) continue;
    return true;
  }
  return false;
}

/** The longest PO label word in normalized `text`, or null. */
export function poLabelWordIn(text: string): string | null {
  let best: string | null = null;
  for (const word of ALL_PO_LABEL_WORDS) {
    if ((best === null || word.length > best.length) && containsWord(text, word)) best = word;
  }
  return best;
}

/** The first disqualifying word in normalized `text`, or null. */
export function notPoWordIn(text: string): string | null {
  return (
    Object.values(NOT_PO_WORDS)
      .flat()
      .find((word) => text.includes(word)) ?? null
  );
}

/** The PO word sequence found in a name/id's words, joined with spaces, or null. */
function poNameTokensIn(words: readonly string[]): string | null {
  for (const pattern of PO_NAME_TOKENS) {
    for (let start = 0; start + pattern.length <= words.length; start++) {
      if (pattern.every((token, offset) => words[start + offset] === token)) return pattern.join(' ');
    }
  }
  return null;
}

/** The text of a label wrapping the field, without the texts of other controls inside it (select options). */
function wrappingLabelText(field: Element): string {
  const label = field.closest('label');
  if (!label) return '';
  const copy = label.cloneNode(true) as Element;
  for (const control of Array.from(copy.querySelectorAll('select,textarea'))) control.remove();
  return textOf(copy);
}

export interface FieldTexts {
  labelFor: string;
  wrappingLabel: string;
  ariaLabel: string;
  ariaLabelledby: string;
  placeholder: string;
  title: string;
  nameWords: string[];
  idWords: string[];
  autocomplete: string[];
}

function textOf(element: Element | null | undefined): string {
  return element ? normalizeText(element.textContent ?? '') : '';
}

/**
 * The element an `aria-labelledby` id names, looked up from the element's own wrapper outwards: Amazon's checkout
 * reuses the same button and `-announce` ids in several steps, so `getElementById` would return another step's
 * label. The nearest ancestor holding an element with that id wins; the document is the last resort.
 */
export function resolveIdRef(element: Element, id: string): Element | null {
  const selector = `[id="${id.replace(/["\\]/g, '\\$&')}"]`;
  for (let node = element.parentElement; node; node = node.parentElement) {
    const found = node.querySelector(selector);
    if (found) return found;
  }
  return element.ownerDocument.getElementById(id);
}

function labelledbyText(element: Element): string {
  const ids = element.getAttribute('aria-labelledby')?.split(/\s+/).filter(Boolean) ?? [];
  return ids
    .map((id) => textOf(resolveIdRef(element, id)))
    .filter(Boolean)
    .join(' ');
}

function fieldTexts(
  input: HTMLInputElement | HTMLSelectElement,
  labelsByFor: () => Map<string, Element[]>,
): FieldTexts {
  const id = input.getAttribute('id') ?? '';
  return {
    labelFor: id ? (labelsByFor().get(id) ?? []).map(textOf).join(' ') : '',
    wrappingLabel: wrappingLabelText(input),
    ariaLabel: normalizeText(input.getAttribute('aria-label') ?? ''),
    ariaLabelledby: labelledbyText(input),
    placeholder: normalizeText(input.getAttribute('placeholder') ?? ''),
    title: normalizeText(input.getAttribute('title') ?? ''),
    nameWords: splitIdentifier(input.getAttribute('name') ?? ''),
    idWords: splitIdentifier(id),
    autocomplete: (input.getAttribute('autocomplete') ?? '').toLowerCase().split(/\s+/).filter(Boolean),
  };
}

/** The NOT_PO_WORDS category of the first disqualifying word in normalized `text`, or null. */
function notPoCategoryIn(text: string): string | null {
  for (const [category, words] of Object.entries(NOT_PO_WORDS)) {
    if (words.some((word) => text.includes(word))) return category;
  }
  return null;
}

/** Why a field is not the PO field, whatever else it says, as a refuse code: a word of another field in its own
 * texts, or an address autofill token. */
export function refusal(texts: FieldTexts): RefuseCode | null {
  const all = [
    texts.labelFor,
    texts.wrappingLabel,
    texts.ariaLabel,
    texts.ariaLabelledby,
    texts.placeholder,
    texts.title,
    texts.nameWords.join(' '),
    texts.idWords.join(' '),
  ].join('\n');
  const category = notPoCategoryIn(all);
  if (category) return `not-po:${category}`;
  return texts.autocomplete.some((t) => NOT_PO_AUTOCOMPLETE_PREFIXES.some((prefix) => t.startsWith(prefix)))
    ? 'autocomplete'
    : null;
}

export function isTextInput(element: Element): element is HTMLInputElement {
  return element.localName === 'input' && (element as HTMLInputElement).type === 'text';
}

/** A text input the shopper can type into, that is not part of PO Assist's own UI. Visibility is checked apart,
 * being the costly part. Read-only fields are left alone: the shopper cannot change them, so there is nothing to
 * hold (a punch-out system may fill the PO itself). */
function isEditableTextInput(element: Element): element is HTMLInputElement {
  return (
    isTextInput(element) &&
    !element.disabled &&
    !element.readOnly &&
    element.closest('fieldset[disabled]') === null &&
    element.closest(UI_SELECTOR) === null
  );
}

/** Not inside a hidden container, not hidden by inline style, and (where the browser can tell) rendered. */
export function isShown(element: Element): boolean {
  if (!element.isConnected || element.closest(HIDDEN_SELECTOR)) return false;
  for (let node: Element | null = element; node; node = node.parentElement) {
    const style = (node as HTMLElement).style as CSSStyleDeclaration | undefined;
    if (style && (style.display === 'none' || style.visibility === 'hidden')) return false;
  }
  return typeof element.checkVisibility !== 'function' || element.checkVisibility({ visibilityProperty: true });
}

/** Prefix of a label-based rule: `label-text:Purchase Order Number` names the field whose own label reads that
 * (normalized). Lets a picked field with only generated ids be named by its label. */
export const LABEL_TEXT_PREFIX = 'label-text:';

export function quoteAttribute(value: string): string {
  return `"${value.replace(/["\\]/g, '\\$&').replace(/\n/g, '\\a ')}"`;
}

/** The normalized text of a field's own label: label[for], wrapping label, aria-labelledby (in its wrapper). */
export function ownLabelText(element: Element, textsOf = createTextsOf(element.ownerDocument)): string {
  const texts = textsOf(element as HTMLInputElement);
  return normalizeText(`${texts.labelFor} ${texts.wrappingLabel} ${texts.ariaLabelledby}`);
}

/** A CSS selector's matches, or, for a `label-text:` rule, the form controls whose own label equals it. */
export function selectAll(root: Document | Element, selector: string): Element[] {
  if (selector.startsWith(LABEL_TEXT_PREFIX)) {
    const wanted = normalizeText(selector.slice(LABEL_TEXT_PREFIX.length));
    if (!wanted) return [];
    const textsOf = createTextsOf(documentOf(root));
    return Array.from(root.querySelectorAll('input,select,textarea')).filter(
      (el) => ownLabelText(el, textsOf) === wanted,
    );
  }
  return queryAll(root, selector);
}

function queryAll(root: Document | Element, selector: string): Element[] {
  try {
    return Array.from(root.querySelectorAll(selector));
  } catch {
    // An admin's override may not be a valid selector; the policy editor reports it, the page must not break.
    return [];
  }
}

function documentOf(root: Document | Element): Document {
  return root.nodeType === 9 ? (root as Document) : (root as Element).ownerDocument;
}

function activeList(override: readonly string[] | undefined, builtIn: readonly string[]): readonly string[] {
  return override && override.length > 0 ? override : builtIn;
}

type LabelSource = 'labelFor' | 'wrappingLabel' | 'ariaLabel' | 'ariaLabelledby' | 'placeholder';

/** Label heuristics, in priority order: the diagnostics prefix, the text read, the reason code, the confidence. */
const LABEL_HEURISTICS: readonly [string, LabelSource, AcceptCode, FieldConfidence][] = [
  ['label[for]', 'labelFor', 'label-for', 'strong'],
  ['label', 'wrappingLabel', 'wrapping-label', 'strong'],
  ['aria-label', 'ariaLabel', 'aria-label', 'strong'],
  ['aria-labelledby', 'ariaLabelledby', 'aria-labelledby', 'strong'],
  ['placeholder', 'placeholder', 'placeholder', 'weak'],
];

/** A site search box: never the PO field, whatever its placeholder ("Item, order or PO number"). */
export function isSearchBox(element: Element): boolean {
  const type = element.getAttribute('type')?.toLowerCase();
  if (type === 'search' || element.getAttribute('role') === 'searchbox') return true;
  if (element.closest('[role="search"]')) return true;
  const names = `${element.getAttribute('name') ?? ''} ${element.getAttribute('id') ?? ''}`.toLowerCase();
  return names.includes('search');
}

/** A cached reader of each field's own texts in `doc` (label[for] map built once, on first need). */
export function createTextsOf(doc: Document): (field: HTMLInputElement | HTMLSelectElement) => FieldTexts {
  let labelMap: Map<string, Element[]> | null = null;
  const labelsByFor = () => {
    if (!labelMap) {
      labelMap = new Map();
      for (const label of Array.from(doc.querySelectorAll('label[for]'))) {
        const target = label.getAttribute('for') ?? '';
        labelMap.set(target, [...(labelMap.get(target) ?? []), label]);
      }
    }
    return labelMap;
  };
  const textsCache = new Map<Element, FieldTexts>();
  const textsOf = (field: HTMLInputElement | HTMLSelectElement) => {
    let texts = textsCache.get(field);
    if (!texts) {
      texts = fieldTexts(field, labelsByFor);
      textsCache.set(field, texts);
    }
    return texts;
  };
  return textsOf;
}

/** The strongest PO signal in a field's own texts: a label word, else name/id tokens. */
export function poSignal(
  texts: FieldTexts,
): { via: string; code: AcceptCode; confidence: FieldConfidence; rank: number } | null {
  let rank = 0;
  for (const [kind, source, code, confidence] of LABEL_HEURISTICS) {
    const word = poLabelWordIn(texts[source]);
    if (word) return { via: `${kind}:${word}`, code, confidence, rank };
    rank++;
  }
  for (const [kind, source] of [
    ['name', 'nameWords'],
    ['id', 'idWords'],
  ] as const) {
    const tokens = poNameTokensIn(texts[source]);
    if (tokens) return { via: `${kind}:${tokens}`, code: kind, confidence: 'weak', rank };
    rank++;
  }
  return null;
}

/**
 * The PO number field with how sure the finder is, or a reason to stand aside (a verdict for every candidate:
 * `explainPoField` in page-tools.ts, kept out of the content script). In order: the admin's override selectors (trusted: any shown, editable text input they name), else the
 * built-in selectors; a PO configured as a select ("List of defined options") makes the finder stand aside and take
 * nothing; then label heuristics (label[for], wrapping label, aria-label, aria-labelledby: strong; placeholder,
 * name and id words: weak). Apart from overrides, a field whose own texts name another field (NOT_PO_WORDS, address
 * autofill) or that is a search box is never taken. Help texts (aria-describedby) are never read.
 */
export function findPoFieldResult(root: Document | Element, overrides?: SelectorOverrides): PoFieldResult {
  const textsOf = createTextsOf(documentOf(root));
  const done = (match: PoFieldMatch | null, extra: Partial<PoFieldResult> = {}): PoFieldResult => ({ match, ...extra });

  const overriding = Boolean(overrides?.poField?.length);
  for (const selector of activeList(overrides?.poField, PO_FIELD_SELECTORS)) {
    for (const element of selectAll(root, selector)) {
      if (!isEditableTextInput(element)) continue;
      if (!overriding && (isSearchBox(element) || refusal(textsOf(element)))) continue;
      if (isShown(element)) {
        const code = overriding ? 'override' : 'selector';
        return done({ input: element, via: `${code}:${selector}`, confidence: 'strong', reasons: [code] });
      }
    }
  }

  // A PO kept as Amazon's "List of defined options": nothing to type, and no other field may be taken instead.
  for (const select of Array.from(root.querySelectorAll('select'))) {
    if (select.disabled || select.closest(UI_SELECTOR) || isSearchBox(select)) continue;
    const texts = textsOf(select);
    if (refusal(texts)) continue;
    const signal = poSignal(texts);
    if (signal && (signal.confidence === 'strong' || signal.code === 'name') && isShown(select)) {
      return done(null, { standAside: 'po-is-select', standAsideElement: select });
    }
  }

  const candidates = Array.from(root.querySelectorAll('input')).filter(
    (input) => isEditableTextInput(input) && !isSearchBox(input) && refusal(textsOf(input)) === null,
  );
  let best: { input: HTMLInputElement; signal: NonNullable<ReturnType<typeof poSignal>> } | null = null;
  for (const input of candidates) {
    const signal = poSignal(textsOf(input));
    if (!signal || (best && signal.rank >= best.signal.rank)) continue;
    if (isShown(input)) best = { input, signal };
  }
  if (!best) return done(null);
  const { input, signal } = best;
  return done({ input, via: signal.via, confidence: signal.confidence, reasons: [signal.code] });
}

/**
 * The PO number field, or null: never a guess. See `findPoFieldResult`; this is its match alone (null also when
 * the finder stands aside), kept for the watch path and existing callers.
 */
export function findPoField(root: Document | Element, overrides?: SelectorOverrides): PoFieldMatch | null {
  return findPoFieldResult(root, overrides).match;
}

/** The visible text of a button-like control: aria-label, aria-labelledby, value, or its text; for an AUI input
 * without any of these, the text of its wrapper. */
function controlText(control: Element): string {
  const aria = normalizeText(control.getAttribute('aria-label') ?? '') || labelledbyText(control);
  if (aria) return aria;
  const own = control.localName === 'input' ? normalizeText((control as HTMLInputElement).value) : textOf(control);
  if (own) return own;
  return textOf(control.closest(BUTTON_WRAPPER_SELECTOR));
}

function hasSubmitText(control: Element): boolean {
  const text = controlText(control).replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
  return ALL_SUBMIT_TEXTS.has(text);
}

/** A disabled control cannot submit: the review step carries several `placeYourOrder1` inputs, some disabled. */
function isDisabledControl(element: Element): boolean {
  return (element as HTMLInputElement).disabled === true || element.closest('fieldset[disabled]') !== null;
}

/** Whether `element` (or, with `closest`, an ancestor) matches one of `selectors`; an invalid override matches
 * nothing. */
function matchesAny(element: Element, selectors: readonly string[], closest = false): boolean {
  return selectors.some((selector) => {
    try {
      return closest ? element.closest(selector) !== null : element.matches(selector);
    } catch {
      return false;
    }
  });
}

/**
 * The submit controls (Continue, Use this PO, Place your order) in the page, in document order, whether shown or
 * not: the override selectors if given, else the built-in ones, plus buttons whose text is a submit text.
 */
export function findSubmitControls(root: Document | Element, overrides?: SelectorOverrides): HTMLElement[] {
  const selectors = activeList(overrides?.submit, SUBMIT_SELECTORS);
  const found = new Set<Element>();
  for (const selector of selectors) for (const element of queryAll(root, selector)) found.add(element);
  for (const element of Array.from(root.querySelectorAll(BUTTON_LIKE_SELECTOR))) {
    if (!found.has(element) && hasSubmitText(element)) found.add(element);
  }
  return [...found]
    .filter((element) => element.closest(UI_SELECTOR) === null && !isDisabledControl(element))
    .sort((a, b) => (a.compareDocumentPosition(b) & 4 ? -1 : 1)) as HTMLElement[];
}

/**
 * Whether a click on `target` is a click on a submit control: `target` or an ancestor matches a submit selector,
 * or `target` belongs to a button (or AUI button wrapper) that matches one or carries a submit text.
 */
export function isSubmitControl(target: Element, overrides?: SelectorOverrides): boolean {
  if (target.closest(UI_SELECTOR)) return false;
  const own = target.closest(BUTTON_LIKE_SELECTOR);
  if (own && isDisabledControl(own)) return false;
  const selectors = activeList(overrides?.submit, SUBMIT_SELECTORS);
  if (matchesAny(target, selectors, true)) return true;
  const control =
    target.closest(BUTTON_LIKE_SELECTOR) ??
    target.closest(BUTTON_WRAPPER_SELECTOR)?.querySelector(BUTTON_LIKE_SELECTOR) ??
    null;
  return control !== null && (matchesAny(control, selectors) || hasSubmitText(control));
}

/**
 * Writes `value` the way typing would look to the page's framework: through the native value setter (React and
 * others track values set through the element's own property and would ignore the change), then bubbling
 * `input` and `change` events.
 */
export function setNativeValue(input: HTMLInputElement, value: string): void {
  const view = input.ownerDocument.defaultView;
  const prototype = view?.HTMLInputElement.prototype ?? Object.getPrototypeOf(input);
  const setter = Object.getOwnPropertyDescriptor(prototype, 'value')?.set;
  if (setter) setter.call(input, value);
  else input.value = value;
  const { InputEvent, Event } = view ?? globalThis;
  input.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertReplacementText', data: value }));
  input.dispatchEvent(new Event('change', { bubbles: true }));
}

/** Whether an added or changed node could hold (or label) the PO field. */
function mayHoldField(node: Node): boolean {
  if (node.nodeType !== 1) return false;
  const element = node as Element;
  if (element.localName === 'input' || element.localName === 'label') return true;
  return element.querySelector('input,label') !== null;
}

/**
 * Calls `onField` for each new PO field: the one already in the page (before returning), one rendered late
 * (an accordion opened by a click, a section un-hidden), and a new input node that replaces it on a re-render.
 * The same element is never reported twice. Checks run at most once per animation frame, only when added nodes
 * could hold an input or label, or when visibility-related attributes change while no reported field is live.
 * Stops when `signal` aborts.
 */
export function watchPoField(root: Document, onField: (match: PoFieldMatch) => void, opts: WatchPoFieldOptions): void {
  const { signal, overrides, onStandAside } = opts;
  let stoodAside = false;
  if (signal.aborted) return;
  const view = root.defaultView ?? globalThis;
  const reported = new WeakSet<HTMLInputElement>();
  let current: HTMLInputElement | null = null;
  let frame: number | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;

  const check = () => {
    cancelScheduled();
    if (signal.aborted) return;
    const { match, standAside } = findPoFieldResult(root, overrides);
    if (standAside && !stoodAside) {
      stoodAside = true;
      onStandAside?.(standAside);
    }
    if (!match || reported.has(match.input)) return;
    reported.add(match.input);
    current = match.input;
    onField(match);
  };

  const cancelScheduled = () => {
    if (frame !== null) view.cancelAnimationFrame?.(frame);
    if (timer !== null) view.clearTimeout(timer);
    frame = null;
    timer = null;
  };

  const schedule = () => {
    if (timer !== null) return;
    if (typeof view.requestAnimationFrame === 'function') frame = view.requestAnimationFrame(check);
    timer = view.setTimeout(check, WATCH_FALLBACK_DELAY_MS);
  };

  const currentIsLive = () => current !== null && current.isConnected && isShown(current);

  const observer = new view.MutationObserver((records) => {
    if (timer !== null) return;
    let live: boolean | null = null;
    for (const record of records) {
      if (record.type === 'childList') {
        for (const node of Array.from(record.addedNodes)) {
          if (mayHoldField(node)) return schedule();
        }
      } else {
        live ??= currentIsLive();
        if (!live && mayHoldField(record.target)) return schedule();
      }
    }
  });
  observer.observe(root, {
    subtree: true,
    childList: true,
    attributes: true,
    attributeFilter: [
      'hidden',
      'style',
      'class',
      'aria-hidden',
      'disabled',
      'readonly',
      'type',
      'id',
      'name',
      'placeholder',
      'aria-label',
      'aria-labelledby',
      'for',
    ],
  });
  signal.addEventListener(
    'abort',
    () => {
      observer.disconnect();
      cancelScheduled();
    },
    { once: true },
  );
  check();
}
