/** The shared options journey (test/e2e/journeys/options.ts) in Firefox. */
import { optionsJourney } from '../journeys/options';
import { startFirefoxSession } from '../support/driver-firefox';

optionsJourney(startFirefoxSession);
