import { CHECKOUT_MATCHES } from '@/lib/amazon/marketplaces';

export default defineContentScript({
  matches: CHECKOUT_MATCHES,
  main() {
    console.log('PO Assist checkout');
  },
});
