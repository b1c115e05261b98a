/**
 * Amazon's order confirmation ("thank you") pages, where an order really exists. Same paths in every marketplace:
 * - legacy checkout: /gp/buy/thankyou/handlers/display.html?purchaseId=…
 * - current single-page checkout: /checkout/p/p-<purchase id>/thankyou?… and /checkout/thankyou…
 * - Business orders placed through /gp/buy/spc/… end on the same /gp/buy/thankyou/ page.
 * Both path families are already inside the checkout content script's matches (/checkout/*, /gp/buy/*).
 */
const CONFIRMATION_PATHS: readonly RegExp[] = [/^\/gp\/buy\/thankyou(\/|$)/i, /^\/checkout\/(.+\/)?thankyou(\/|$)/i];

export function isOrderConfirmationPath(pathname: string): boolean {
  return CONFIRMATION_PATHS.some((pattern) => pattern.test(pathname));
}

/** The final step's button (Place your order), as opposed to Continue / Use this PO. */
const PLACE_ORDER_SELECTORS = [
  '#submitOrderButtonId',
  '#placeYourOrder',
  'input[name="placeYourOrder1"]',
  '#bottomSubmitOrderButtonId',
];

export function isPlaceOrderControl(target: Element): boolean {
  return PLACE_ORDER_SELECTORS.some((selector) => target.closest(selector) !== null);
}
