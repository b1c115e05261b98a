/**
 * Helpers for fixing a miss without a release: derive a robust selector for an element the shopper picked, test a
 * selector on the page, and describe the checkout page's structure (with every value and free text removed) for a
 * page report. Plain DOM, like checkout-dom.ts: no extension APIs.
 */
export { LABEL_TEXT_PREFIX, ownLabelText };
import {
  createTextsOf,
  findPoFieldResult,
  isSearchBox,
  isTextInput,
  poSignal,
  refusal,
  UI_SELECTOR,
  type CandidateVerdict,
  type FieldTexts,
  type PoFieldMatch,
  type RefuseCode,
  findSubmitControls,
  isShown,
  isSubmitControl,
  LABEL_TEXT_PREFIX,
  normalizeText,
  ownLabelText,
  quoteAttribute as quote,
  resolveIdRef,
  selectAll,
  type PoFieldResult,
  type SelectorOverrides,
} from './checkout-dom';

export interface ExplainedPoFieldResult extends PoFieldResult {
  /** Every form control considered, in document order, with its verdict. */
  candidates: CandidateVerdict[];
}

/** `findPoFieldResult` plus a verdict for every candidate, for the page report and diagnostics tests. */
export function explainPoField(root: Document | Element, overrides?: SelectorOverrides): ExplainedPoFieldResult {
  const result = findPoFieldResult(root, overrides);
  const doc = root.nodeType === 9 ? (root as Document) : (root as Element).ownerDocument;
  const candidates = explainAll(root, result.match, result.standAsideElement ?? null, createTextsOf(doc));
  return { ...result, candidates };
}

/** A verdict for every form control in `root`, for the page report. */
function explainAll(
  root: Document | Element,
  match: PoFieldMatch | null,
  standAsideElement: HTMLSelectElement | null,
  textsOf: (field: HTMLInputElement | HTMLSelectElement) => FieldTexts,
): CandidateVerdict[] {
  const verdicts: CandidateVerdict[] = [];
  for (const element of Array.from(root.querySelectorAll('input,select,textarea'))) {
    const type = element.getAttribute('type')?.toLowerCase() ?? '';
    if (element.localName === 'input' && ['hidden', 'submit', 'button', 'image', 'reset'].includes(type)) continue;
    if (element === match?.input) {
      verdicts.push({ element, accepted: true, reasons: match.reasons });
      continue;
    }
    if (element === standAsideElement) {
      verdicts.push({ element, accepted: false, reasons: ['po-is-select'] });
      continue;
    }
    verdicts.push({ element, accepted: false, reasons: [refuseReason(element, textsOf)] });
  }
  return verdicts;
}

function refuseReason(
  element: Element,
  textsOf: (field: HTMLInputElement | HTMLSelectElement) => FieldTexts,
): RefuseCode {
  if (element.closest(UI_SELECTOR)) return 'extension-ui';
  if (isSearchBox(element)) return 'search-box';
  const isSelect = element.localName === 'select';
  if (!isSelect && !isTextInput(element)) return 'not-text';
  const field = element as HTMLInputElement | HTMLSelectElement;
  if (field.disabled || field.closest('fieldset[disabled]')) return 'disabled';
  if (!isSelect && (field as HTMLInputElement).readOnly) return 'read-only';
  const refused = refusal(textsOf(field));
  if (refused) return refused;
  if (!isShown(field)) return 'hidden';
  return poSignal(textsOf(field)) ? 'lower-priority' : 'no-po-signal';
}

/** Ids that change per page load or per render, never used in a derived selector. */
const GENERATED_ID = /^(a-autoid-\d+|a-popover-\d+|:r[0-9a-z]*:|ember\d+|react-|uid[-_]|\d)|[-_]\d{4,}$/i;

export function isGeneratedId(id: string): boolean {
  return GENERATED_ID.test(id);
}

export type DerivedSelectorKind =
  'id' | 'name' | 'data-testid' | 'aria-label' | 'aria-labelledby' | 'placeholder' | 'label-text';

export interface DerivedSelector {
  selector: string;
  kind: DerivedSelectorKind;
  /** Whether it matches exactly the picked element in this document. */
  unique: boolean;
}

/**
 * The elements a selector names: a CSS selector, or a label-based rule (`label-text:<label>`, matching form
 * controls whose own label, normalized, equals it). An invalid selector matches nothing. Policy overrides are read
 * the same way, so what this matches is what the guard will use.
 */
export function testSelector(selector: string, root: Document | Element): Element[] {
  return selectAll(root, selector);
}

/**
 * A robust selector for `element`, in order of preference: a stable id, its name, its data-testid, aria-label,
 * aria-labelledby (stable ids only), placeholder, then its own label text as a label-based rule. Never generated ids
 * (`a-autoid-N`), never classes. The first candidate that matches only `element` wins; if none is unique, the
 * first candidate prefixed by the nearest ancestor with a stable id; else the first candidate, marked not unique.
 */
export function deriveSelector(element: Element, doc: Document = element.ownerDocument): DerivedSelector | null {
  const tag = element.localName;
  const candidates: [DerivedSelectorKind, string][] = [];
  const id = element.getAttribute('id');
  if (id && !isGeneratedId(id)) {
    candidates.push(['id', /^[A-Za-z][\w-]*$/.test(id) ? `#${id}` : `[id=${quote(id)}]`]);
  }
  for (const [kind, attribute] of [
    ['name', 'name'],
    ['data-testid', 'data-testid'],
    ['aria-label', 'aria-label'],
  ] as const) {
    const value = element.getAttribute(attribute);
    if (value) candidates.push([kind, `${tag}[${attribute}=${quote(value)}]`]);
  }
  const labelledby = element.getAttribute('aria-labelledby');
  if (labelledby && !labelledby.split(/\s+/).some(isGeneratedId)) {
    candidates.push(['aria-labelledby', `${tag}[aria-labelledby=${quote(labelledby)}]`]);
  }
  const placeholder = element.getAttribute('placeholder');
  if (placeholder) candidates.push(['placeholder', `${tag}[placeholder=${quote(placeholder)}]`]);
  const label = ownLabelText(element);
  if (label) candidates.push(['label-text', `${LABEL_TEXT_PREFIX}${label}`]);
  if (candidates.length === 0) return null;

  const matchesOnly = (selector: string) => {
    const found = testSelector(selector, doc);
    return found.length === 1 && found[0] === element;
  };
  for (const [kind, selector] of candidates) {
    if (matchesOnly(selector)) return { selector, kind, unique: true };
  }
  for (let node = element.parentElement; node; node = node.parentElement) {
    const ancestorId = node.getAttribute('id');
    if (!ancestorId || isGeneratedId(ancestorId) || !/^[A-Za-z][\w-]*$/.test(ancestorId)) continue;
    if (doc.querySelectorAll(`[id=${quote(ancestorId)}]`).length !== 1) continue;
    for (const [kind, selector] of candidates) {
      if (kind === 'label-text' || kind === 'id') continue;
      const scoped = `#${ancestorId} ${selector}`;
      if (matchesOnly(scoped)) return { selector: scoped, kind, unique: true };
    }
  }
  const [kind, selector] = candidates[0]!;
  return { selector, kind, unique: false };
}

// ---------------------------------------------------------------------------------------------------------------
// Page report

export interface ReportField {
  tag: string;
  type: string | null;
  id: string | null;
  name: string | null;
  role: string | null;
  ariaLabel: string | null;
  ariaLabelledby: string | null;
  ariaDescribedby: string | null;
  /** The field's own label (normalized, digits masked), or null. */
  label: string | null;
  placeholder: string | null;
  autocomplete: string | null;
  dataTestid: string | null;
  disabled: boolean;
  readOnly: boolean;
  shown: boolean;
  /** Options of a select: their number only, never their texts. */
  optionCount?: number;
  /** The selector deriveSelector gives it. */
  selector: string | null;
  verdict: 'chosen' | 'refused' | 'stand-aside';
  reasons: string[];
}

export interface ReportButton {
  tag: string;
  type: string | null;
  id: string | null;
  name: string | null;
  role: string | null;
  ariaLabelledby: string | null;
  dataTestid: string | null;
  /** The button's text as the guard reads it (normalized, digits masked). */
  text: string;
  disabled: boolean;
  /** Whether the guard treats it as a submit control. */
  held: boolean;
  selector: string | null;
}

export interface PageReport {
  format: 'po-assist-page-report/1';
  lang: string;
  /** The path with digits masked (purchase ids). */
  path: string;
  finder: {
    chosen: string | null;
    via: string | null;
    confidence: 'strong' | 'weak' | null;
    standAside: string | null;
  };
  fields: ReportField[];
  buttons: ReportButton[];
}

const MAX_TEXT = 80;

/** Free text kept in a report (labels, button texts): normalized, digits masked, length capped. */
function scrub(text: string | null | undefined): string | null {
  if (!text) return null;
  const clean = normalizeText(text).replace(/\p{N}/gu, '0');
  if (!clean) return null;
  return clean.length > MAX_TEXT ? `${clean.slice(0, MAX_TEXT)}…` : clean;
}

function attr(element: Element, name: string): string | null {
  return element.getAttribute(name);
}

function buttonText(control: Element): string {
  const aria = control.getAttribute('aria-label');
  if (aria) return aria;
  const labelledby = control.getAttribute('aria-labelledby');
  if (labelledby) {
    return labelledby
      .split(/\s+/)
      .map((ref) => resolveIdRef(control, ref)?.textContent ?? '')
      .join(' ');
  }
  if (control.localName === 'input') return (control as HTMLInputElement).value;
  return control.textContent ?? '';
}

const BUTTONS = 'button,input[type="submit"],input[type="button"],[role="button"]';

/**
 * The checkout page's structure for a page report: every form field and button with its labels, ids, names, roles,
 * aria attributes and button text, and the rule that chose or refused each field; no values and no free text
 * (addresses, names, prices and item titles are not read; digits in kept texts are masked). JSON-serialisable.
 */
export function buildPageReport(
  doc: Document,
  finderResult?: ExplainedPoFieldResult,
  overrides?: SelectorOverrides,
): PageReport {
  const result = finderResult && finderResult.candidates.length > 0 ? finderResult : explainPoField(doc, overrides);
  const fields: ReportField[] = result.candidates.map(({ element, accepted, reasons }) => {
    const isSelect = element.localName === 'select';
    const standAside = element === result.standAsideElement;
    return {
      tag: element.localName,
      type: attr(element, 'type'),
      id: attr(element, 'id'),
      name: attr(element, 'name'),
      role: attr(element, 'role'),
      ariaLabel: scrub(attr(element, 'aria-label')),
      ariaLabelledby: attr(element, 'aria-labelledby'),
      ariaDescribedby: attr(element, 'aria-describedby'),
      label: scrub(ownLabelText(element)),
      placeholder: scrub(attr(element, 'placeholder')),
      autocomplete: attr(element, 'autocomplete'),
      dataTestid: attr(element, 'data-testid'),
      disabled: element.hasAttribute('disabled'),
      readOnly: element.hasAttribute('readonly'),
      shown: isShown(element),
      ...(isSelect ? { optionCount: (element as HTMLSelectElement).options.length } : {}),
      selector: deriveSelector(element, doc)?.selector ?? null,
      verdict: accepted ? 'chosen' : standAside ? 'stand-aside' : 'refused',
      reasons: [...reasons],
    };
  });
  const submitControls = new Set<Element>(findSubmitControls(doc, overrides));
  const buttons: ReportButton[] = Array.from(doc.querySelectorAll(BUTTONS)).map((control) => ({
    tag: control.localName,
    type: attr(control, 'type'),
    id: attr(control, 'id'),
    name: attr(control, 'name'),
    role: attr(control, 'role'),
    ariaLabelledby: attr(control, 'aria-labelledby'),
    dataTestid: attr(control, 'data-testid') ?? control.closest('[data-testid]')?.getAttribute('data-testid') ?? null,
    text: scrub(buttonText(control)) ?? '',
    disabled: control.hasAttribute('disabled'),
    held: submitControls.has(control) || isSubmitControl(control, overrides),
    selector: deriveSelector(control, doc)?.selector ?? null,
  }));
  const match = result.match;
  return {
    format: 'po-assist-page-report/1',
    lang: doc.documentElement.getAttribute('lang') ?? '',
    path: (doc.location?.pathname ?? '').replace(/\d/g, '0'),
    finder: {
      chosen: match ? (deriveSelector(match.input, doc)?.selector ?? null) : null,
      via: match?.via.replace(/\d/g, '0') ?? null,
      confidence: match?.confidence ?? null,
      standAside: result.standAside ?? null,
    },
    fields,
    buttons,
  };
}

function describe(values: Record<string, string | number | boolean | null | undefined>): string {
  return Object.entries(values)
    .filter(([, value]) => value !== null && value !== undefined && value !== false && value !== '')
    .map(([key, value]) => (value === true ? key : `${key}=${JSON.stringify(value)}`))
    .join(' ');
}

/** A deterministic plain-text rendering of a page report, one line per field and button. */
export function renderPageReport(report: PageReport): string {
  const lines = [
    `PO Assist page report (${report.format})`,
    `lang=${report.lang} path=${report.path}`,
    `finder: ${describe({ ...report.finder }) || 'nothing found'}`,
    `fields (${report.fields.length}):`,
    ...report.fields.map(
      (f) =>
        `  [${f.verdict}: ${f.reasons.join(',')}] <${f.tag}> ` +
        describe({
          type: f.type,
          id: f.id,
          name: f.name,
          role: f.role,
          label: f.label,
          ariaLabel: f.ariaLabel,
          ariaLabelledby: f.ariaLabelledby,
          ariaDescribedby: f.ariaDescribedby,
          placeholder: f.placeholder,
          autocomplete: f.autocomplete,
          dataTestid: f.dataTestid,
          disabled: f.disabled,
          readOnly: f.readOnly,
          hidden: !f.shown,
          options: f.optionCount,
          selector: f.selector,
        }),
    ),
    `buttons (${report.buttons.length}):`,
    ...report.buttons.map(
      (b) =>
        `  [${b.held ? 'held' : 'not held'}] <${b.tag}> ` +
        describe({
          type: b.type,
          id: b.id,
          name: b.name,
          role: b.role,
          text: b.text,
          ariaLabelledby: b.ariaLabelledby,
          dataTestid: b.dataTestid,
          disabled: b.disabled,
          selector: b.selector,
        }),
    ),
  ];
  return `${lines.join('\n')}\n`;
}
