/** @vitest-environment happy-dom */
import { describe, expect, it } from 'vitest';
import { findPoField } from '../../lib/amazon/checkout-dom';
import {
  buildPageReport,
  deriveSelector,
  explainPoField,
  renderPageReport,
  testSelector,
} from '../../lib/amazon/page-tools';
import { CHECKOUT_FIXTURES, PRIVATE_SEEDS } from '../fixtures/checkout/index';
import { loadStatic } from './fixture-loader';

const seeded = CHECKOUT_FIXTURES.filter((f) => f.seeded && f.expectedPoField);

describe('deriveSelector', () => {
  it.each(seeded)(
    '$file: the selector derived for the PO field matches it alone and no generated id',
    ({ file, expectedPoField }) => {
      const doc = loadStatic(file);
      const field = doc.querySelector(expectedPoField!)!;
      const derived = deriveSelector(field, doc)!;
      expect(derived.unique).toBe(true);
      expect(derived.selector).not.toMatch(/a-autoid/);
      expect(derived.selector).not.toMatch(/\.[a-z]/i);
      expect(testSelector(derived.selector, doc)).toEqual([field]);
    },
  );

  it('a field with only generated ids is named by its label, and an override with that rule finds it', () => {
    document.body.innerHTML =
      '<label for="a-autoid-3">Purchase Order Number</label><input type="text" id="a-autoid-3">' +
      '<label for="a-autoid-4">Cost Center</label><input type="text" id="a-autoid-4">';
    const field = document.getElementById('a-autoid-3')!;
    const derived = deriveSelector(field, document)!;
    expect(derived).toEqual({ selector: 'label-text:purchase order number', kind: 'label-text', unique: true });
    // the ids change on the next load: the rule still finds the field
    field.id = 'a-autoid-99';
    document.querySelector('label')!.setAttribute('for', 'a-autoid-99');
    expect(findPoField(document, { poField: [derived.selector] })?.input).toBe(field);
  });

  it('a Continue with a duplicated id is told apart by its data-testid', () => {
    const doc = loadStatic('spc-dup-continue.html');
    const boi = doc.querySelector('[data-testid="bottom-continue-button"]')!;
    expect(deriveSelector(boi, doc)).toEqual({
      selector: 'input[data-testid="bottom-continue-button"]',
      kind: 'data-testid',
      unique: true,
    });
  });

  it('stable id first, then name', () => {
    document.body.innerHTML = '<input id="po-number" name="po"><input id="a-autoid-1" name="poRef">';
    expect(deriveSelector(document.getElementById('po-number')!)?.selector).toBe('#po-number');
    expect(deriveSelector(document.getElementById('a-autoid-1')!)?.selector).toBe('input[name="poRef"]');
  });

  it('testSelector: an invalid selector matches nothing', () => {
    expect(testSelector('[[bad', document)).toEqual([]);
    expect(testSelector('label-text:', document)).toEqual([]);
  });
});

describe('buildPageReport', () => {
  it.each(CHECKOUT_FIXTURES.filter((f) => f.seeded))('$file: no name, address, price, title or value', ({ file }) => {
    const doc = loadStatic(file);
    const report = buildPageReport(doc);
    const json = JSON.stringify(report);
    const text = renderPageReport(report);
    // the seeds are there to be dropped
    const pageText = doc.documentElement.outerHTML;
    for (const seed of PRIVATE_SEEDS.filter((s) => pageText.includes(s))) {
      expect(json, seed).not.toContain(seed);
      expect(text, seed).not.toContain(seed);
    }
    expect(pageText).toContain('Sam Example');
  });

  it.each(CHECKOUT_FIXTURES.filter((f) => f.seeded))(
    '$file: says which rule chose or refused each field',
    ({ file, expectedPoField }) => {
      const doc = loadStatic(file);
      const report = buildPageReport(doc);
      const chosen = report.fields.filter((f) => f.verdict === 'chosen');
      expect(chosen).toHaveLength(expectedPoField ? 1 : 0);
      for (const field of report.fields) expect(field.reasons.length).toBeGreaterThan(0);
      expect(JSON.parse(JSON.stringify(report))).toEqual(report);
    },
  );

  it('keeps labels, ids, names and button texts; renders deterministically', () => {
    const doc = loadStatic('spc-uk.html');
    const result = explainPoField(doc);
    const report = buildPageReport(doc, result);
    const po = report.fields.find((f) => f.verdict === 'chosen')!;
    expect(po).toMatchObject({
      id: 'a-autoid-21',
      name: 'boiField[0]',
      label: 'purchase order number',
      reasons: ['label-for'],
    });
    expect(report.fields.find((f) => f.id === 'a-autoid-22')).toMatchObject({
      label: 'cost centre',
      reasons: ['not-po:costCenter'],
    });
    expect(report.buttons.filter((b) => b.held).map((b) => b.text)).toEqual(['place your order', 'place your order']);
    expect(report.finder).toEqual({
      chosen: 'input[name="boiField[0]"]',
      via: 'label[for]:purchase order',
      confidence: 'strong',
      standAside: null,
    });
    expect(renderPageReport(report)).toBe(renderPageReport(buildPageReport(loadStatic('spc-uk.html'))));
    expect(renderPageReport(report)).toContain('[chosen: label-for] <input>');
  });

  it('a PO select: the report says stand aside, and lists no option text', () => {
    const report = buildPageReport(loadStatic('spc-po-select.html'));
    expect(report.finder.standAside).toBe('po-is-select');
    expect(report.fields.find((f) => f.tag === 'select')).toMatchObject({ verdict: 'stand-aside', optionCount: 3 });
  });
});
