/** The shared options journey (test/e2e/journeys/options.ts) in Chromium: build, test, save, export, import. */
import { optionsJourney } from './journeys/options';
import { startChromiumSession } from './support/driver-chromium';

optionsJourney(startChromiumSession);
