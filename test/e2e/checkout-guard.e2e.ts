/** The shared checkout-guard journey (test/e2e/journeys/checkout-guard.ts) in Chromium. */
import { checkoutGuardJourney } from './journeys/checkout-guard';
import { startChromiumSession } from './support/driver-chromium';

checkoutGuardJourney(startChromiumSession);
