/** @vitest-environment happy-dom */
import { describe, expect, it } from 'vitest';
import { findPoFieldResult, findSubmitControls, isSubmitControl } from '../../lib/amazon/checkout-dom';
import { explainPoField } from '../../lib/amazon/page-tools';
import { CHECKOUT_FIXTURES } from '../fixtures/checkout/index';
import { loadStatic } from './fixture-loader';

// Issue 9: the guard on pages rebuilt from public evidence of Amazon's markup.

describe('the finder result on every fixture', () => {
  it.each(CHECKOUT_FIXTURES.filter((f) => !f.needsClickSelector))(
    '$file: $expectedPoField ($expectedConfidence), stand aside: $expectedStandAside',
    ({ file, expectedPoField, expectedConfidence, expectedStandAside }) => {
      const doc = loadStatic(file);
      const result = explainPoField(doc);
      expect(result.match?.input ?? null).toBe(expectedPoField ? doc.querySelector(expectedPoField) : null);
      if (expectedPoField) expect(result.match?.confidence).toBe(expectedConfidence ?? 'strong');
      expect(result.standAside).toBe(expectedStandAside);
      // every other candidate is refused, each with a reason code
      const accepted = result.candidates.filter((c) => c.accepted);
      expect(accepted.map((c) => c.element)).toEqual(result.match ? [result.match.input] : []);
      for (const candidate of result.candidates) expect(candidate.reasons.length).toBeGreaterThan(0);
    },
  );
});

describe('never the wrong field', () => {
  it('a field whose own label names another field is refused whatever its placeholder says', () => {
    const doc = loadStatic('spc-po-placeholder-decoys.html');
    const result = explainPoField(doc);
    const reasonOf = (id: string) => result.candidates.find((c) => c.element.id === id)?.reasons;
    expect(reasonOf('a-autoid-81')).toEqual(['not-po:costCenter']);
    expect(reasonOf('a-autoid-82')).toEqual(['not-po:glCode']);
    expect(reasonOf('a-autoid-83')).toEqual(['not-po:project']);
    expect(reasonOf('a-autoid-84')).toEqual(['not-po:department']);
    expect(reasonOf('a-autoid-85')).toEqual(['not-po:location']);
    expect(reasonOf('a-autoid-87')).toEqual(['not-po:gift']);
    expect(reasonOf('a-autoid-88')).toEqual(['not-po:promotion']);
    expect(reasonOf('a-autoid-89')).toEqual(['not-po:address']);
  });

  it('a help text (aria-describedby) that mentions the PO is not a label', () => {
    const doc = loadStatic('spc-po-placeholder-decoys.html');
    const result = explainPoField(doc);
    expect(result.candidates.find((c) => c.element.id === 'a-autoid-86')?.reasons).toEqual(['no-po-signal']);
    expect(result.match).toBeNull();
  });

  it('search boxes are never the PO field, even labelled "PO number"', () => {
    const doc = loadStatic('spc-search-box.html');
    const result = explainPoField(doc);
    expect(result.match).toBeNull();
    for (const id of ['searchOrdersInput', 'a-autoid-91', 'a-autoid-92', 'a-autoid-93', 'twotabsearchtextbox']) {
      expect(result.candidates.find((c) => c.element.id === id)?.reasons, id).toEqual(['search-box']);
    }
  });

  it('a PO kept as a list of defined options: stands aside and takes no other field', () => {
    const doc = loadStatic('spc-po-select.html');
    const result = explainPoField(doc);
    expect(result.match).toBeNull();
    expect(result.standAside).toBe('po-is-select');
    expect(result.standAsideElement).toBe(doc.getElementById('a-autoid-61'));
    // the weak "Reference (e.g. PO)" field would be taken without the select
    doc.getElementById('a-autoid-61')!.remove();
    expect(findPoFieldResult(doc).match?.input).toBe(doc.getElementById('a-autoid-63'));
    expect(findPoFieldResult(doc).match?.confidence).toBe('weak');
  });

  it('a field found by its placeholder only is weak, with its reason', () => {
    const result = findPoFieldResult(loadStatic('spc-weak.html'));
    expect(result.match).toMatchObject({ confidence: 'weak', reasons: ['placeholder'], via: 'placeholder:po number' });
  });

  it('"Bestellnummer" (Amazon\'s own order number) is not a PO label; "Auftragsnummer" is', () => {
    const doc = loadStatic('legacy-de-spc.html');
    const result = explainPoField(doc);
    expect(result.match?.input.id).toBe('a-autoid-101');
    doc.getElementById('a-autoid-101')!.remove();
    expect(findPoFieldResult(doc).match).toBeNull();
  });
});

describe('labels per language', () => {
  it.each([
    ['spc-uk.html', 'purchase order'],
    ['spc-ca.html', 'purchase order'],
    ['spc-in.html', 'purchase order'],
    ['spc-au.html', 'purchase order'],
    ['spc-fr.html', 'numero de bon de commande'],
    ['spc-fr-ca.html', 'numero de bon de commande'],
    ['spc-it.html', 'numero ordine di acquisto'],
    ['spc-es.html', 'numero de orden de compra'],
    ['spc-mx.html', 'numero de orden de compra'],
    ['spc-de.html', 'auftragsnummer'],
    ['spc-jp.html', '発注番号'],
  ])('%s: the PO field is found by the word "%s"', (file, word) => {
    expect(findPoFieldResult(loadStatic(file)).match?.via.endsWith(`:${word}`)).toBe(true);
  });
});

describe('real-style submit buttons', () => {
  it('a Continue whose wrapper and -announce ids repeat another step is held; the other step is not', () => {
    const doc = loadStatic('spc-dup-continue.html');
    const address = doc.querySelector('[data-testid="Address_selectShipToThisAddress"]')!;
    const boi = doc.querySelector('[data-testid="bottom-continue-button"]')!;
    // the document resolves the shared -announce id to the first step's label
    expect(doc.getElementById('checkout-primary-continue-button-id-announce')!.textContent).toBe(
      'Deliver to this address',
    );
    expect(isSubmitControl(boi)).toBe(true);
    expect(isSubmitControl(address)).toBe(false);
    expect(findSubmitControls(doc)).toEqual([boi]);
  });

  it('disabled placeYourOrder1 inputs are ignored; the enabled ones and the data-testid button are held', () => {
    const doc = loadStatic('spc-place-order-multi.html');
    const all = Array.from(doc.querySelectorAll('input[name="placeYourOrder1"]'));
    expect(all).toHaveLength(4);
    const enabled = all.filter((input) => !(input as HTMLInputElement).disabled);
    expect(enabled).toHaveLength(2);
    expect(findSubmitControls(doc)).toEqual([...enabled, doc.getElementById('pyo-testid-button')]);
    for (const input of all) expect(isSubmitControl(input)).toBe(!(input as HTMLInputElement).disabled);
  });

  it.each(CHECKOUT_FIXTURES.filter((f) => f.seeded))('$file: no disabled control is held', ({ file }) => {
    const doc = loadStatic(file);
    for (const control of findSubmitControls(doc)) expect((control as HTMLInputElement).disabled).not.toBe(true);
  });
});
