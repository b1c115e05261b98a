import { SAMPLE_POLICY } from '@/lib/policy/sample-policy';
import { CHECKOUT_FIXTURES } from '../fixtures/checkout/index';
import { startCheckoutSession } from '../e2e/support/session';

/**
 * Time from the PO field appearing in the page to the hint being shown, measured inside Chromium with the built
 * extension: a page-side MutationObserver stamps both moments with performance.now().
 */
export async function measureHintLatency(runs = 15): Promise<number[]> {
  const accordion = CHECKOUT_FIXTURES.find((f) => f.file === 'spc-accordion.html')!;
  const session = await startCheckoutSession();
  try {
    await session.setUserPolicy(SAMPLE_POLICY);
    const page = await session.browser.context.newPage();
    await page.addInitScript((fieldSelector: string) => {
      const marks: { field?: number; hint?: number } = {};
      (window as unknown as { __poMarks: typeof marks }).__poMarks = marks;
      new MutationObserver(() => {
        if (marks.field === undefined && document.querySelector(fieldSelector)) marks.field = performance.now();
        if (marks.hint === undefined && document.querySelector('po-assist-hint')) marks.hint = performance.now();
      }).observe(document, { childList: true, subtree: true });
    }, accordion.expectedPoField!);
    const samples: number[] = [];
    // Run 0 warms up the service worker (a cold start is a browser-start cost, not the guard's); it is not counted.
    for (let i = 0; i <= runs; i++) {
      await page.goto(session.server.urlOf(accordion.file));
      await page.waitForTimeout(300); // content script settled and policy loaded before the field appears
      await page.click(accordion.needsClickSelector!);
      await page.waitForSelector('po-assist-hint', { state: 'attached' });
      const marks = await page.evaluate(
        () => (window as unknown as { __poMarks: { field: number; hint: number } }).__poMarks,
      );
      if (i > 0) samples.push(marks.hint - marks.field);
    }
    return samples;
  } finally {
    await session.close();
  }
}
