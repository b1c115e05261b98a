/**
 * Everything PO Assist knows about the markup of Amazon Business checkout pages, as data.
 *
 * Amazon changes these pages without notice, so each array is in priority order and each entry says which page
 * variant it serves. The names are taken from the committed fixtures in `test/fixtures/checkout/` (hand-written
 * from the structure of the pages as of 2026-11); a test fails when an entry no longer matches any fixture.
 * Admins can replace `PO_FIELD_SELECTORS` and `SUBMIT_SELECTORS` through the policy's `selectors` key.
 *
 * Word lists are matched against normalized text (see `normalizeText` in checkout-dom.ts): NFKC, lower case,
 * Latin accents removed, curly apostrophes straightened, whitespace collapsed. Write them in that form.
 */

/** Languages of the 11 marketplaces (see marketplaces.ts). Every list is used on every marketplace, because
 * Amazon lets shoppers switch the display language (amazon.de in English, amazon.com in Spanish). */
export type LabelLanguage = 'en' | 'de' | 'fr' | 'it' | 'es' | 'ja';

/** Marks the extension's own elements; an input inside one is never a candidate. */
export const EXTENSION_UI_ATTRIBUTE = 'data-po-assist-ui';

/** The PO number input, by stable ids and names. A match must still pass the candidate checks and carry no
 * disqualifying word (NOT_PO_WORDS) in its label, name, id or placeholder. */
export const PO_FIELD_SELECTORS: readonly string[] = [
  // current single-page checkout (/checkout/p/…/spc): PO field in the "Business order information" box
  'input[name="purchaseOrderNumber"]',
  // current single-page checkout: PO panel in the payment section, rendered after "Add PO number" / "Change"
  '#po-number',
  // legacy /gp/buy "Business order information" step, seen 2026-11; drop when gone
  'input[name="poNumber"]',
];

/**
 * Words that identify a PO label (label text, aria-label, aria-labelledby, placeholder). Matched as whole words:
 * where a word starts or ends with a Latin letter or digit, the neighbouring character must not be one, so "po"
 * matches "PO #" and "PO-Nummer" but not "Depot" or "Report". CJK edges need no boundary.
 */
export const PO_LABEL_WORDS: Readonly<Record<LabelLanguage, readonly string[]>> = {
  en: ['po', 'p.o.', 'p. o.', 'po number', 'purchase order'],
  // German compounds are not split, so the common compounds are listed whole
  de: ['bestellnummer', 'bestellreferenz', 'einkaufsbestellnummer', 'kundenbestellnummer', 'po-nummer'],
  fr: ['numero de bon de commande', 'bon de commande'],
  it: ["numero d'ordine di acquisto", "ordine d'acquisto", 'ordine di acquisto', 'numero oda'],
  es: ['numero de orden de compra', 'orden de compra', 'pedido de compra'],
  ja: ['発注番号', '注文書番号', '発注書番号', 'po番号'],
};

/**
 * Words that disqualify a field even when a PO word is also present ("PO Box", "PO cost center"). Matched as
 * substrings, so "promo" also catches "promotional" and "gutschein" catches "Gutscheincode": when in doubt,
 * reject, because a wrong field is worse than none. Checked against every text of the input: labels,
 * aria-label(ledby), placeholder, title, and the name and id split into words ("giftMessage" → "gift message").
 */
export const NOT_PO_WORDS: Readonly<Record<string, readonly string[]>> = {
  // promotion, coupon and gift card claim codes (payment section)
  promotion: [
    'promo', 'coupon', 'cupon', 'voucher', 'claim code', 'redeem', 'discount',
    'gutschein', 'aktionscode', 'rabatt', 'einlosen', 'code de reduction', 'reduction', 'bon d\'achat',
    'buono', 'sconto', 'descuento', 'canjear', 'クーポン', 'プロモーション', '割引',
  ],
  // gift options
  gift: ['gift', 'geschenk', 'cadeau', 'regalo', 'ギフト'],
  // the other "Business order information" fields
  businessFields: [
    'cost center', 'cost centre', 'costcenter', 'costcentre', 'kostenstelle', 'centre de cout', 'centro di costo',
    'centro de costo', 'centro de coste', 'コストセンター',
    'gl code', 'glcode', 'gl account', 'g/l', 'general ledger', 'ledger', 'sachkonto', 'compte general',
    'conto contabile', 'cuenta contable', '勘定科目',
    'project', 'projekt', 'projet', 'progetto', 'proyecto', 'プロジェクト',
    'department', 'dept', 'abteilung', 'departement', 'reparto', 'departamento', '部署', '部門',
    'location', 'standort', 'emplacement', 'ubicazione', 'ubicacion', '拠点', '場所',
  ],
  // free text
  freeText: [
    'message', 'nachricht', 'messaggio', 'mensaje', 'メッセージ',
    'note', 'notiz', 'anmerkung', 'bemerkung', 'remarque', 'nota', 'memo', '備考', 'メモ',
    'comment', 'kommentar', 'commento', 'comentario', 'instruction', 'anweisung',
  ],
  // addresses and contact details; "PO Box" is an address line, not a purchase order
  address: [
    'po box', 'po-box', 'p.o. box', 'p.o.box', 'p. o. box', 'pobox', 'post office box',
    'postfach', 'boite postale', 'casella postale', 'apartado de correos', '私書箱',
    'address', 'adresse', 'indirizzo', 'direccion', '住所',
    'street', 'strasse', 'straße', 'calle',
    'zip', 'postal', 'postcode', 'post code', 'plz', 'codigo postal', '郵便番号',
    'phone', 'telefon', 'telephone', 'telefono', '電話', 'email', 'e-mail',
    'position',
  ],
};

/**
 * PO names and ids, as word sequences after splitting on case changes, digits and punctuation
 * ("ppw-poNumber" → ppw po number). "po" must be its own word, so "promo", "postal", "position" and "pos" never
 * count, and concatenated forms are listed whole ("ponum" only as a word of its own, not inside "componum").
 */
export const PO_NAME_TOKENS: readonly (readonly string[])[] = [
  ['po', 'number'],
  ['po', 'num'],
  ['po', 'no'],
  ['po', 'nr'],
  ['po', 'ref'],
  ['po', 'reference'],
  ['po', 'input'],
  ['po', 'field'],
  ['purchase', 'order'],
  ['ponumber'],
  ['ponum'],
  ['pono'],
  ['purchaseorder'],
  ['purchaseordernumber'],
];

/** Autofill tokens (HTML autocomplete) of address, contact and payment fields: such an input is never the PO. */
export const NOT_PO_AUTOCOMPLETE_PREFIXES: readonly string[] = [
  'name', 'given-name', 'family-name', 'additional-name', 'nickname', 'honorific-', 'organization',
  'street-address', 'address-', 'country', 'postal-code', 'cc-', 'transaction-', 'tel', 'email', 'username',
  'new-password', 'current-password', 'one-time-code', 'bday', 'sex', 'url', 'photo', 'impp', 'language',
];

/** Containers that hide their content. Inline `display:none` / `visibility:hidden` are checked as well. */
export const HIDDEN_CONTAINER_SELECTORS: readonly string[] = [
  // HTML hidden attribute: collapsed sections on both page variants
  '[hidden]',
  // content hidden from assistive technology and from the shopper (inactive SPC sections)
  '[aria-hidden="true"]',
  // AUI utility class (display:none !important), used on both page variants
  '.aok-hidden',
  // AUI utility class for collapsed expander content
  '.a-hidden',
];

/**
 * Submit controls: Continue, Use this PO, Place your order. These match the clickable element itself (the
 * input or button), not the AUI wrapper around it; see BUTTON_WRAPPER_SELECTORS for clicks on a wrapper's text.
 */
export const SUBMIT_SELECTORS: readonly string[] = [
  // current single-page checkout: "Place your order" in the order summary (top)
  '#submitOrderButtonId input',
  // current single-page checkout: "Place your order" at the bottom of the page
  '#bottomSubmitOrderButtonId input',
  // current single-page checkout: both "Place your order" buttons by name, when the wrapper ids change
  'input[name="placeYourOrder1"]',
  // current single-page checkout: "Use this PO" in the PO panel opened by "Add PO number"
  'input[name="ppw-usePurchaseOrder"]',
  // legacy /gp/buy "Business order information" step, top "Continue", seen 2026-11; drop when gone
  '#continue-top input',
  // legacy /gp/buy "Business order information" step, bottom "Continue", seen 2026-11; drop when gone
  '#continue-bottom input',
];

/** AUI button wrapper (`<span class="a-button">`): its text span sits next to the real input, not inside it. */
export const BUTTON_WRAPPER_SELECTORS: readonly string[] = [
  // AUI buttons on both page variants
  '.a-button',
];

/** Elements whose text the submit text heuristic reads. */
export const BUTTON_LIKE_SELECTORS: readonly string[] = [
  // plain buttons (both page variants; "Update payment" style controls)
  'button',
  // AUI button inputs, overlaid on their text span (both page variants)
  'input[type="submit"]',
  'input[type="button"]',
  // links styled as buttons ("Add PO number", "Continue shopping")
  '[role="button"]',
];

/**
 * Exact texts (normalized, surrounding punctuation ignored) of submit controls, for buttons none of the selectors
 * name. Exact, not contained: "Continue shopping" leaves checkout and must not be held.
 */
export const SUBMIT_TEXTS: Readonly<Record<LabelLanguage, readonly string[]>> = {
  en: ['place your order', 'place order', 'continue', 'use this po', 'use this purchase order', 'buy now'],
  de: ['jetzt kaufen', 'bestellung aufgeben', 'kaufen', 'weiter', 'diese bestellnummer verwenden'],
  fr: ['passer la commande', 'passer votre commande', 'acheter', 'continuer', 'utiliser ce bon de commande'],
  it: ['acquista ora', 'effettua ordine', 'continua', "usa questo ordine d'acquisto"],
  es: ['realizar pedido', 'tramitar pedido', 'comprar ahora', 'continuar', 'usar esta orden de compra'],
  ja: ['注文を確定する', '注文を確定', '次に進む', '次へ進む', 'この発注番号を使用'],
};
