/** @vitest-environment happy-dom */
import { beforeEach, describe, expect, it } from 'vitest';
import { findPoField, normalizeText, poLabelWordIn, splitIdentifier } from '../../lib/amazon/checkout-dom';

/** Puts `html` in a checkout-like page: one unrelated text input before it, so "the first input" is never right. */
function page(html: string): Document {
  document.body.innerHTML = `<form><input type="text" name="field-keywords" aria-label="Search">${html}</form>`;
  return document;
}

function found(html: string): string | null {
  const match = findPoField(page(html));
  return match ? `${match.input.id}|${match.via}` : null;
}

beforeEach(() => {
  document.body.innerHTML = '';
});

describe('label words in every marketplace language', () => {
  it.each([
    ['en', 'PO number', 'po number'],
    ['en', 'Purchase Order Number', 'purchase order'],
    ['en', 'P.O. #', 'p.o.'],
    ['en', 'PO#', 'po'],
    ['en', 'Your PO (optional)', 'po'],
    ['de', 'Auftragsnummer', 'auftragsnummer'],
    ['it', 'Numero ordine di acquisto', 'numero ordine di acquisto'],
    ['ja', '発注書番号', '発注書番号'],
    ['de', 'Bestellreferenz', 'bestellreferenz'],
    ['de', 'PO-Nummer', 'po-nummer'],
    ['de', 'Einkaufsbestellnummer', 'einkaufsbestellnummer'],
    ['fr', 'Numéro de bon de commande', 'numero de bon de commande'],
    ['fr', 'N° de bon de commande', 'bon de commande'],
    ['it', 'Numero d’ordine di acquisto', "numero d'ordine di acquisto"],
    ['it', "Ordine d'acquisto", "ordine d'acquisto"],
    ['es', 'Número de orden de compra', 'numero de orden de compra'],
    ['es', 'Pedido de compra', 'pedido de compra'],
    ['ja', '発注番号', '発注番号'],
    ['ja', '注文書番号', '注文書番号'],
    ['ja', 'ＰＯ番号', 'po番号'],
    ['ja', 'PO番号を入力', 'po番号'],
  ])('%s label "%s" is a PO label (word "%s")', (_lang, label, word) => {
    const html = `<label for="f">${label}</label><input type="text" id="f" name="field-7">`;
    expect(found(html)).toBe(`f|label[for]:${word}`);
  });

  it.each([
    'Report number',
    'Depot',
    'Import reference',
    'Expo badge',
    'Spoon count',
    'Pool number',
    'Photo',
    'Point of sale',
    'Purchased orders',
    'Order number',
    'Numéro de commande',
  ])('"%s" is not a PO label', (label) => {
    expect(found(`<label for="f">${label}</label><input type="text" id="f" name="field-7">`)).toBeNull();
  });

  it.each([
    ['PO Box', 'en'],
    ['P.O. Box', 'en'],
    ['Address line 2 (PO Box)', 'en'],
    ['Promo code (PO)', 'en'],
    ['Gift message with PO', 'en'],
    ['Cost center for this PO', 'en'],
    ['GL code for purchase order', 'en'],
    ['PO notes', 'en'],
    ['Kostenstelle (Bestellnummer)', 'de'],
    ['Postfach / Bestellnummer', 'de'],
    ['Gutscheincode zur Bestellnummer', 'de'],
    ['Centre de coût du bon de commande', 'fr'],
    ['Chèque-cadeau (bon de commande)', 'fr'],
    ['Codice promozionale per ordine di acquisto', 'it'],
    ['Dirección de la orden de compra', 'es'],
    ['Cupón de pedido de compra', 'es'],
    ['発注番号（ギフト用）', 'ja'],
    ['部署の発注番号', 'ja'],
  ])('"%s" (%s) names a PO and another field: refused', (label) => {
    expect(found(`<label for="f">${label}</label><input type="text" id="f" name="field-7">`)).toBeNull();
  });
});

describe('where the label comes from', () => {
  it.each([
    ['label[for]', '<label for="f">PO number</label><input type="text" id="f" name="x">', 'f|label[for]:po number'],
    ['wrapping label', '<label>Purchase order <input type="text" id="f" name="x"></label>', 'f|label:purchase order'],
    ['aria-label', '<input type="text" id="f" name="x" aria-label="PO number">', 'f|aria-label:po number'],
    [
      'aria-labelledby',
      '<span id="l1">Business order</span><span id="l2">Auftragsnummer</span><input id="f" aria-labelledby="l1 l2">',
      'f|aria-labelledby:auftragsnummer',
    ],
    ['placeholder', '<input type="text" id="f" name="x" placeholder="Enter PO number">', 'f|placeholder:po number'],
    ['name words', '<input type="text" id="f" name="orderPoRef">', 'f|name:po ref'],
    ['id words', '<input type="text" id="purchase-order-no" name="x">', 'purchase-order-no|id:purchase order'],
    ['no type attribute', '<input id="f" aria-label="PO">', 'f|aria-label:po'],
    ['type=search (a search box is never the PO field)', '<input type="search" id="f" aria-label="PO">', null],
  ])('%s', (_kind, html, expected) => {
    expect(found(html)).toBe(expected);
  });

  it('a label[for] match wins over an earlier input matched only by its name', () => {
    const html = '<input type="text" id="a" name="poRef"><label for="b">PO number</label><input type="text" id="b">';
    expect(found(html)).toBe('b|label[for]:po number');
  });

  it('a disqualifying word in any of the texts refuses the field, whatever the others say', () => {
    expect(found('<label for="f">PO number</label><input type="text" id="f" name="giftMessage">')).toBeNull();
    expect(found('<label for="f">PO number</label><input type="text" id="f" placeholder="Promo code">')).toBeNull();
    expect(found('<input type="text" id="f" aria-label="PO number" title="Cost center">')).toBeNull();
  });

  it('a field that a built-in selector names is refused too when a disqualifying word is present', () => {
    expect(found('<label for="f">PO Box</label><input type="text" id="f" name="poNumber">')).toBeNull();
    expect(found('<input type="text" id="po-number" name="giftMessage">')).toBeNull();
    expect(found('<input type="text" id="f" name="purchaseOrderNumber" placeholder="Gift card code">')).toBeNull();
  });

  it('an address autofill token refuses the field; autocomplete=off does not', () => {
    expect(
      found('<label for="f">PO</label><input type="text" id="f" autocomplete="shipping address-line2">'),
    ).toBeNull();
    expect(found('<label for="f">PO</label><input type="text" id="f" autocomplete="postal-code">')).toBeNull();
    expect(found('<label for="f">PO</label><input type="text" id="f" autocomplete="off">')).toBe('f|label[for]:po');
  });

  it('the search root limits where fields are looked for', () => {
    const doc = page('<div id="one"><input id="a" name="x"></div><div id="two"><input id="b" aria-label="PO"></div>');
    expect(findPoField(doc.getElementById('one')!)).toBeNull();
    expect(findPoField(doc.getElementById('two')!)?.input.id).toBe('b');
  });
});

describe('name and id words', () => {
  it.each([
    ['order-poNumber', 'po number'],
    ['po_number', 'po number'],
    ['PO-NUMBER', 'po number'],
    ['PONumber', 'po number'],
    ['purchase-order', 'purchase order'],
    ['PurchaseOrderNumber2', 'purchase order'],
    ['ppw-poNum', 'po num'],
    ['orderPoNo', 'po no'],
    ['ponumber', 'ponumber'],
    ['po-input', 'po input'],
  ])('name "%s" is a PO name (%s)', (name, words) => {
    expect(found(`<input type="text" id="f" name="${name}">`)).toBe(`f|name:${words}`);
  });

  it.each([
    'promo',
    'promoCode',
    'promo_po_like',
    'postal',
    'postalCode',
    'position',
    'pos',
    'posNumber',
    'componum',
    'exponumber',
    'report_number',
    'depotNo',
    'spoNumber',
    'poBox',
    'po_box_number',
    'poCostCenter',
  ])('name "%s" is not a PO name', (name) => {
    expect(found(`<input type="text" id="f" name="${name}">`)).toBeNull();
  });

  it('splits identifiers on case changes, digits and punctuation', () => {
    expect(splitIdentifier('ppw-poNumber2')).toEqual(['ppw', 'po', 'number', '2']);
    expect(splitIdentifier('PONumber')).toEqual(['po', 'number']);
    expect(splitIdentifier('boiFeld[0]')).toEqual(['boi', 'feld', '0']);
  });
});

describe('normalization', () => {
  it('folds width, case, accents and apostrophes, and keeps Japanese intact', () => {
    expect(normalizeText('  Numéro\u00a0d’ordre  ＰＯ ')).toBe("numero d'ordre po");
    expect(normalizeText('ギフトカード')).toBe('ギフトカード');
    expect(poLabelWordIn(normalizeText('Depot'))).toBeNull();
    expect(poLabelWordIn(normalizeText('PO-Nummer'))).toBe('po-nummer');
  });
});

describe('admin override selectors', () => {
  it('replace the built-in selectors', () => {
    const doc = page('<input type="text" name="purchaseOrderNumber" id="builtin"><input type="text" id="custom">');
    expect(findPoField(doc)?.input.id).toBe('builtin');
    const match = findPoField(doc, { poField: ['#custom'] });
    expect(match).toEqual({
      input: doc.getElementById('custom'),
      via: 'override:#custom',
      confidence: 'strong',
      reasons: ['override'],
    });
  });

  it('are tried in order', () => {
    const doc = page('<input type="text" id="a"><input type="text" id="b">');
    expect(findPoField(doc, { poField: ['#b', '#a'] })?.input.id).toBe('b');
  });

  it('are trusted: no word check, but the field must still be a shown, editable text input', () => {
    const doc = page(`
      <label for="gift">Gift message</label><input type="text" id="gift">
      <input type="checkbox" id="box"><input type="text" id="off" disabled>
      <div hidden><input type="text" id="hid"></div>`);
    expect(findPoField(doc, { poField: ['#gift'] })?.via).toBe('override:#gift');
    expect(findPoField(doc, { poField: ['#box'] })).toBeNull();
    expect(findPoField(doc, { poField: ['#off'] })).toBeNull();
    expect(findPoField(doc, { poField: ['#hid'] })).toBeNull();
  });

  it('when none match, the heuristics still apply, the built-in selectors do not', () => {
    const named = page('<input type="text" id="b" name="purchaseOrderNumber">');
    expect(findPoField(named, { poField: ['#nope'] })?.via).toBe('name:purchase order');
    const labelled = page('<label for="l">PO number</label><input type="text" id="l">');
    expect(findPoField(labelled, { poField: ['#nope'] })?.via).toBe('label[for]:po number');
  });

  it('an invalid selector is skipped, not thrown; an empty list keeps the built-ins', () => {
    const doc = page('<input type="text" id="b" name="purchaseOrderNumber">');
    expect(findPoField(doc, { poField: ['[[nope', '#b'] })?.via).toBe('override:#b');
    expect(findPoField(doc, { poField: [] })?.via).toBe('selector:input[name="purchaseOrderNumber"]');
  });
});

describe("PO Assist's own UI", () => {
  it('is never a candidate, by selector, label or override', () => {
    const doc = page(`
      <div data-po-assist-ui=""><div><label for="ours">PO number</label>
      <input type="text" id="ours" name="purchaseOrderNumber"></div></div>`);
    expect(findPoField(doc)).toBeNull();
    expect(findPoField(doc, { poField: ['#ours'] })).toBeNull();
  });

  it('is skipped while the page field next to it is found', () => {
    const doc = page(`
      <div data-po-assist-ui=""><input type="text" aria-label="PO number" id="ours"></div>
      <label for="theirs">PO number</label><input type="text" id="theirs">`);
    expect(findPoField(doc)?.input.id).toBe('theirs');
  });
});
