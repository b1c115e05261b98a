/** The shared admin-policy journey (test/e2e/journeys/admin-policy.ts) in Firefox, policy in its managed-storage manifest. */
import { adminPolicyJourney } from '../journeys/admin-policy';
import { startFirefoxSession } from '../support/driver-firefox';

adminPolicyJourney(startFirefoxSession);
