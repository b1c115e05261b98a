/** The shared order-lookup journey (test/e2e/journeys/order-lookup.ts) in Chromium. */
import { orderLookupJourney } from './journeys/order-lookup';
import { startChromiumSession } from './support/driver-chromium';

orderLookupJourney(startChromiumSession);
