/** The shared admin-policy journey (test/e2e/journeys/admin-policy.ts) in Chromium, policy in its managed folder. */
import { adminPolicyJourney } from './journeys/admin-policy';
import { startChromiumSession } from './support/driver-chromium';
import { managedPolicyDirProblem } from './support/managed-policy';

adminPolicyJourney(startChromiumSession, managedPolicyDirProblem());
