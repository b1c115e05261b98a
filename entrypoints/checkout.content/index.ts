import { CHECKOUT_MATCHES } from '@/lib/amazon/marketplaces';
import { createGuardSession } from '@/lib/checkout-guard/content/guard-session';
import { initPoGuard } from '@/lib/checkout-guard/content/po-guard';
import { initPopupBridge } from '@/lib/checkout-guard/content/popup-bridge';
import { initSubmitGuard } from '@/lib/checkout-guard/content/submit-guard';

export default defineContentScript({
  matches: CHECKOUT_MATCHES,
  runAt: 'document_idle',
  // The hint brings its own CSS string into its shadow root; nothing is injected into Amazon's page.
  cssInjectionMode: 'manual',
  main(ctx) {
    const session = createGuardSession(ctx);
    // Features fail on their own: one breaking must not take the others (or Amazon's page) down.
    for (const init of [initPoGuard, initSubmitGuard, initPopupBridge]) {
      try {
        init(ctx, session);
      } catch (error) {
        console.error('PO Assist: a checkout feature failed to start', error);
      }
    }
  },
});
