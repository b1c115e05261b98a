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

/** A word list written as one string, `|` between words: the content script ships it compactly. */
const w = (words: string): string[] => words.split('|');

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

/*
 * Sources (dated list in README.md). Short keys used in the comments below:
 * [BOI-US] https://business.amazon.com/en/find-solutions/business-order-information (checked 2026-12-02)
 * [BOI-CA] https://business.amazon.ca/en/find-solutions/business-order-information
 * [BOI-CAfr] https://business.amazon.ca/fr/solutions/spend-insights/business-order-information
 * [BOI-DE] https://business.amazon.de/de/funktionen-entdecken/business-order-information
 * [BOI-IT] https://business.amazon.it/it/trova-soluzioni/business-order-information
 * [BOI-ES] https://business.amazon.es/es/solutions/spend-insights/business-order-information
 * [SC-DE] https://sellercentral.amazon.de/gp/help/external/help.html?itemID=QBDHEYGMALGGASA&language=de_DE
 * [SC-ES] https://sellercentral-europe.amazon.com/gp/help/external/help.html?itemID=QBDHEYGMALGGASA&language=es_ES
 * [SC-JP] https://sellercentral.amazon.co.jp/gp/help/external/help.html?itemID=QBDHEYGMALGGASA&language=ja_JP
 * [SPAPI-JP] https://developer-docs.amazon.com/sp-api/lang-ja_JP/docs/tutorial-retrieve-and-pass-purchase-order-number-to-carrier
 * [BIZ-JP] https://business.amazon.co.jp/ja/find-solutions/streamline-procurement-process/line-item-transaction-details
 * [GH-sagami] github.com/sagami1991/amazon-premo-tampermonkey-script amazon-auto-buy-gift.js (co.jp /gp/buy steps)
 * [GH-tracker] code-search excerpt of an "Amazon Spending Tracker" extension, content_scripts/amazon_checkout_interceptor.js
 * Words for Amazon's OWN order number, which are not PO labels: "Bestellnummer" [SC-DE: the buyer's PO is the
 * "Auftragsnummer", shown under the "Bestellnummer"], "Número de pedido" [SC-ES], "注文番号" [SC-JP].
 */

/**
 * Words that identify a PO label (label text, aria-label, aria-labelledby, placeholder). Matched as whole words:
 * where a word starts or ends with a Latin letter or digit, the neighbouring character must not be one, so "po"
 * matches "PO #" and "PO-Nummer" but not "Depot" or "Report". CJK edges need no boundary.
 */
export const PO_LABEL_WORDS: Readonly<Record<LabelLanguage, readonly string[]>> = {
  en: w(
    'purchase order|' + // [BOI-US], [BOI-CA] "Purchase Order Number"
      'po number|' + // [BOI-US] FAQ "PO numbers"
      'po|p.o.|p. o.',
  ), // unconfirmed: common abbreviation, not seen in Amazon's own field list
  de: w(
    'auftragsnummer|' + // [BOI-DE] predefined field "Auftragsnummer"; [SC-DE] "Auftragsnummer des Käufers"
      'po-nummer|' + // unconfirmed
      'einkaufsbestellnummer|bestellreferenz',
  ), // unconfirmed; "Bestellnummer" alone is Amazon's order number
  fr: w('numero de bon de commande|bon de commande'), // unconfirmed: [BOI-CAfr] names the box only
  it: w(
    'numero ordine di acquisto|' + // [BOI-IT] predefined field "Numero ordine di acquisto"
      "ordine di acquisto|ordine d'acquisto|" + // [BOI-IT]; second form unconfirmed
      "numero d'ordine di acquisto|numero oda",
  ), // unconfirmed
  es: w(
    'numero de orden de compra|orden de compra|' + // [SC-ES] "número de orden de compra"
      'pedido de compra',
  ), // unconfirmed
  ja: w(
    '発注番号|' + // [SC-JP] "発注番号", "購入者発注番号"
      '発注書番号|' + // [SPAPI-JP]
      '注文書番号|po番号',
  ), // unconfirmed
};

/**
 * Words that disqualify a field even when a PO word is also present ("PO Box", "PO cost center"). Matched as
 * substrings, so "promo" also catches "promotional" and "gutschein" catches "Gutscheincode": when in doubt,
 * reject, because a wrong field is worse than none. A word another one contains is left out ("ledger" serves
 * "general ledger", "phone" "telephone", "comment" "commento"). Checked against the input's own texts: labels,
 * aria-label(ledby), placeholder, title, and the name and id split into words ("giftMessage" → "gift message").
 * Help texts (aria-describedby, notes under the field) are never read. The key is the refusal code.
 */
export const NOT_PO_WORDS: Readonly<Record<string, readonly string[]>> = {
  // promotion, coupon and gift card claim codes (payment section); unconfirmed except English
  promotion: w(
    'promo|coupon|cupon|voucher|claim code|redeem|discount|' +
      "gutschein|aktionscode|rabatt|einlosen|reduction|bon d'achat|" +
      'buono|sconto|descuento|canjear|クーポン|プロモーション|割引',
  ),
  // gift options; unconfirmed except English
  gift: w('gift|geschenk|cadeau|regalo|ギフト'),
  // the other "Business order information" fields
  costCenter: w(
    'cost center|costcenter|' + // [BOI-US]
      'cost centre|costcentre|' + // [BOI-CA] (also UK, IN, AU spelling)
      'kostenstelle|' + // [BOI-DE]
      'centre de cout|centres de couts|' + // [BOI-CAfr]
      'centro di costo|' + // [BOI-IT]
      'centro de coste|centros de costes|' + // [BOI-ES]
      'centro de costo|' + // unconfirmed (MX)
      'コストセンター',
  ), // unconfirmed
  glCode: w(
    'gl code|glcode|gl account|g/l|ledger|' + // [BOI-US] "GL Code"; rest unconfirmed
      'sachkonto|' + // [BOI-DE]
      'codice gl|conto contabile|' + // [BOI-IT] "Codice GL"; second unconfirmed
      'code gl|compte general|cuenta contable|codigo contable|' + // unconfirmed
      '勘定科目',
  ), // [BIZ-JP]
  project: w(
    'project|' + // [BOI-US] "Project Code"
      'projekt|' + // [BOI-DE] "Projektcode"
      'projet|' + // [BOI-CAfr] "codes de projet"
      'progetto|' + // [BOI-IT] "Codice del progetto"
      'proyecto|' + // [BOI-ES] "códigos de proyecto"
      'プロジェクト|' + // unconfirmed
      'job code|jobcode',
  ), // [BOI-US], [BOI-DE] "Jobcodes"
  department: w(
    'department|dept|' + // [BOI-US]
      'abteilung|' + // [BOI-DE]
      'dipartimento|' + // [BOI-IT]
      'departement|reparto|departamento|部署|部門',
  ), // unconfirmed
  location: w(
    'location|' + // [BOI-US]
      'standort|' + // [BOI-DE]
      'emplacement|' + // [BOI-CAfr]
      'sede|' + // [BOI-IT]
      'ubicacion|' + // [BOI-ES]
      'ubicazione|拠点|場所',
  ), // unconfirmed
  // a number that is the account or Amazon order, not the PO ([BOI-US] blog "Account Number"; [SC-*] order number)
  otherNumber: w('account number|kontonummer'),
  // free text
  freeText: w(
    'message|nachricht|messaggio|mensaje|メッセージ|' +
      'note|notiz|anmerkung|bemerkung|remarque|nota|memo|備考|メモ|' +
      'comment|kommentar|comentario|instruction|anweisung',
  ),
  // site search ("Search Amazon", "Item, order or PO number" search boxes)
  search: w('search|suche|recherche|cerca|buscar|busqueda|検索'),
  // addresses and contact details; "PO Box" is an address line, not a purchase order
  address: w(
    'po box|po-box|p.o. box|p.o.box|p. o. box|pobox|post office box|' +
      'postfach|boite postale|casella postale|apartado de correos|私書箱|' +
      'address|adresse|indirizzo|direccion|住所|' +
      'street|strasse|straße|calle|' +
      'zip|postal|postcode|post code|plz|郵便番号|' +
      'phone|telefon|電話|email|e-mail|' +
      'position',
  ),
};

/**
 * PO names and ids, as word sequences after splitting on case changes, digits and punctuation
 * ("ppw-poNumber" → ppw po number). "po" must be its own word, so "promo", "postal", "position" and "pos" never
 * count, and concatenated forms are listed whole ("ponum" only as a word of its own, not inside "componum").
 */
export const PO_NAME_TOKENS: readonly (readonly string[])[] = w(
  'po number|po num|po no|po nr|po ref|po reference|po input|po field|purchase order|' +
    'ponumber|ponum|pono|purchaseorder|purchaseordernumber',
).map((tokens) => tokens.split(' '));

/** Autofill tokens (HTML autocomplete) of address, contact and payment fields: such an input is never the PO. */
export const NOT_PO_AUTOCOMPLETE_PREFIXES: readonly string[] = w(
  'name|given-name|family-name|additional-name|nickname|honorific-|organization|street-address|address-|country|postal-code|cc-|' +
    'transaction-|tel|email|username|new-password|current-password|one-time-code|bday|sex|url|photo|impp|language',
);

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
 * Never generated ids (`a-autoid-N` changes per page load). Disabled controls are never held (see checkout-dom).
 */
export const SUBMIT_SELECTORS: readonly string[] = [
  // current single-page checkout: "Place your order" in the order summary (top) [GH-tracker]
  '#submitOrderButtonId input',
  // current single-page checkout: "Place your order" at the bottom of the page [GH-tracker]
  '#bottomSubmitOrderButtonId input',
  // current checkout: every "Place your order" input by name; the review step carries several, some disabled
  // [GH-tracker]
  'input[name="placeYourOrder1"]',
  // current checkout: Place your order labelled by its announce span [GH-tracker]
  'input[aria-labelledby="submitOrderButtonId-announce"]',
  // current checkout: test id variant [GH-tracker]; unconfirmed
  '[data-testid="placeYourOrderButtonTestId"] button',
  // current single-page checkout: "Use this PO" in the PO panel opened by "Add PO number"; unconfirmed name
  'input[name="ppw-usePurchaseOrder"]',
  // legacy /gp/buy steps, top "Continue" (seen on co.jp /gp/buy/payselect [GH-sagami]); drop when gone
  '#continue-top input',
  'input#continue-top',
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
 * name. Exact, not contained: "Continue shopping" leaves checkout and must not be held. Step buttons of the current
 * checkout are `input[type=submit]` labelled by an `aria-labelledby` span; their text is read from that span in the
 * button's own wrapper (ids repeat across steps).
 */
export const SUBMIT_TEXTS: Readonly<Record<LabelLanguage, readonly string[]>> = {
  en: w(
    'place your order|continue|' + // [GH-tracker] "Place your order"; "Continue" on legacy steps [GH-sagami]
      'place order|buy now|use this po|use this purchase order',
  ), // unconfirmed
  de: w('jetzt kaufen|bestellung aufgeben|kaufen|weiter'), // unconfirmed
  fr: w('passer la commande|passer votre commande|acheter|continuer'), // unconfirmed
  it: w("acquista ora|effettua ordine|effettua l'ordine|continua"), // unconfirmed
  es: w('realizar pedido|tramitar pedido|comprar ahora|continuar'), // unconfirmed
  ja: w('注文を確定する|注文を確定|次に進む|次へ進む'), // unconfirmed
};
