/** The shared order-lookup journey (test/e2e/journeys/order-lookup.ts) in Firefox. */
import { orderLookupJourney } from '../journeys/order-lookup';
import { startFirefoxSession } from '../support/driver-firefox';

orderLookupJourney(startFirefoxSession);
