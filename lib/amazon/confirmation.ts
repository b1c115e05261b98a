/**
 * Amazon's order confirmation ("thank you") pages, where an order really exists. Both path families are inside the
 * checkout content script's matches (/checkout/*, /gp/buy/*, every marketplace's host). Evidence for each pattern is
 * next to it (checked 2026-12 with public code search; sources named where the index names them, otherwise what the
 * scripts do). A use is recorded on the page whatever its query says: public scripts that need the order id read
 * `purchaseId` (FMaz008/VineHelper scripts/checkoutMonitoring.js, sxu1671/shopahol content.js), we do not.
 */
const CONFIRMATION_PATHS: readonly RegExp[] = [
  // Legacy and Business checkout (/gp/buy/spc/…): /gp/buy/thankyou/handlers/display.html?purchaseId=…, and the
  // shorter /gp/buy/thankyou. Seen in public scripts and extensions on amazon.com, .ca, .co.jp and .in (code search
  // "thankyou/handlers", "gp/buy/thankyou": content scripts keyed on the URL, Selenium/Playwright order bots waiting
  // for `**/gp/buy/thankyou/**` after Place your order, one parser documenting both the handlers/display.html and the
  // bare /gp/buy/thankyou path).
  /^\/gp\/buy\/thankyou(\/|$)/i,
  // Current single-page checkout (/checkout/p/p-<purchase id>/spc): its thank-you page stays under /checkout/p/ —
  // FMaz008/VineHelper (manifest_chrome.json runs its checkout monitor on `*://*.amazon.<tld>/checkout/p/*` only, in
  // 12 marketplaces, and scripts/checkoutMonitoring.js takes a URL containing "/buy/thankyou" with a purchaseId as
  // the placed order): /checkout/p/p-…/buy/thankyou and /checkout/p/p-…/thankyou. /checkout/thankyou (no pipeline
  // id) is listed as a confirmation route by one public extension's tests; kept, unconfirmed by a second source.
  /^\/checkout\/(.+\/)?thankyou(\/|$)/i,
  // Not matched, on purpose: /hz/checkout/thankyou and /checkout/order-confirmation appear in that same single
  // extension's list only, and /hz/* is outside the content script's matches (lib/amazon/marketplaces.ts).
];

export function isOrderConfirmationPath(pathname: string): boolean {
  return CONFIRMATION_PATHS.some((pattern) => pattern.test(pathname));
}

/**
 * The final step's button (Place your order), as opposed to Continue / Use this PO: a use is recorded at it only
 * when no confirmation page is seen. All four were found in public order bots and extensions (code search
 * "bottomSubmitOrderButtonId", "#placeYourOrder"): `#submitOrderButtonId input` / `#bottomSubmitOrderButtonId input`
 * and `input[name="placeYourOrder1"]` (current checkout, top and bottom: ishan22/fiscal test.js uses
 * `#submitOrderButtonId, #bottomSubmitOrderButtonId`), `#placeYourOrder` (older checkout; one public extension notes
 * it and `#submitOrderButtonId` as pre-2021 markup, others still list both). `#placeOrder` and
 * `#orderSummaryPrimaryActionBtn` come from one order bot each (a Playwright bot that then waits for
 * /gp/buy/thankyou); unconfirmed.
 */
const PLACE_ORDER_SELECTORS = [
  '#submitOrderButtonId',
  '#bottomSubmitOrderButtonId',
  'input[name="placeYourOrder1"]',
  '#placeYourOrder',
  '#placeOrder',
  '#orderSummaryPrimaryActionBtn',
];

export function isPlaceOrderControl(target: Element): boolean {
  return PLACE_ORDER_SELECTORS.some((selector) => target.closest(selector) !== null);
}
