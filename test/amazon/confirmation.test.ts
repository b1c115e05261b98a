/** @vitest-environment happy-dom */
import { describe, expect, it } from 'vitest';
import { isOrderConfirmationPath, isPlaceOrderControl } from '@/lib/amazon/confirmation';

/** Where a PO use is recorded (issue 7 §2): the thank-you pages public scripts detect (sources in confirmation.ts). */
describe('isOrderConfirmationPath', () => {
  it.each([
    // Legacy and Business checkout, every marketplace (same path on amazon.com, .ca, .co.jp, .in).
    '/gp/buy/thankyou/handlers/display.html',
    '/gp/buy/thankyou',
    '/GP/BUY/THANKYOU/handlers/display.html',
    // Current checkout: under the pipeline's /checkout/p/p-<purchase id>/ (VineHelper's checkout monitor).
    '/checkout/p/p-733-6232317-0987411/buy/thankyou',
    '/checkout/p/p-106-7044535-6467434/thankyou',
    '/checkout/thankyou',
  ])('%s is a confirmation page', (path) => {
    expect(isOrderConfirmationPath(path)).toBe(true);
  });

  it.each([
    // The steps before the order exists.
    '/gp/buy/spc/handlers/display.html',
    '/gp/buy/payselect/handlers/display.html',
    '/gp/buy/shipoptionselect/handlers/display.html',
    '/checkout/p/p-106-7044535-6467434/spc',
    '/checkout/p/p-106-7044535-6467434/pay',
    '/checkout/p/p-106-7044535-6467434/spc/place-order',
    '/checkout/entry/cart',
    // Look-alikes.
    '/gp/buy/thankyounot',
    '/checkout/p/p-1/thankyoux',
    '/gp/cart/view.html',
  ])('%s is not', (path) => {
    expect(isOrderConfirmationPath(path)).toBe(false);
  });
});

describe('isPlaceOrderControl', () => {
  const control = (html: string) => {
    document.body.innerHTML = html;
    return document.querySelector('[data-click]')!;
  };

  it.each([
    '<span id="submitOrderButtonId"><span><input data-click type="submit" name="placeYourOrder1"></span></span>',
    '<span id="bottomSubmitOrderButtonId"><input data-click type="submit"></span>',
    '<input data-click type="submit" name="placeYourOrder1" aria-labelledby="submitOrderButtonId-announce">',
    '<span id="placeYourOrder"><span><input data-click type="submit"></span></span>',
    '<span id="placeOrder"><input data-click type="submit"></span>',
    '<span id="orderSummaryPrimaryActionBtn"><input data-click type="submit"></span>',
  ])('Place your order: %s', (html) => {
    expect(isPlaceOrderControl(control(html))).toBe(true);
  });

  it.each([
    '<span id="continue-top"><input data-click type="submit"></span>',
    '<input data-click type="submit" name="ppw-usePurchaseOrder">',
  ])('Continue / Use this PO: %s', (html) => {
    expect(isPlaceOrderControl(control(html))).toBe(false);
  });
});
