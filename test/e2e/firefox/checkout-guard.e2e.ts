/** The shared checkout-guard journey (test/e2e/journeys/checkout-guard.ts) in Firefox. */
import { checkoutGuardJourney } from '../journeys/checkout-guard';
import { startFirefoxSession } from '../support/driver-firefox';

checkoutGuardJourney(startFirefoxSession);
