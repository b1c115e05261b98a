/** The picker-from-the-hint journey (test/e2e/journeys/picker.ts) in Firefox: tabs.executeScript on MV2. */
import { pickerFromHintJourney } from '../journeys/picker';
import { startFirefoxSession } from '../support/driver-firefox';

pickerFromHintJourney(startFirefoxSession);
