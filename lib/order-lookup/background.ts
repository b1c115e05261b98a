import { on, type Route } from '@/lib/messaging/router';
import { orderLookupMessages as messages } from './contract';
import type { LookupService } from './lookup-service';

/** The order lookup's background handlers: the lookup service does the work. */
export function orderLookupRoutes(lookups: LookupService): Route[] {
  return [
    on(messages.lookupOrdersByPo, (input) => lookups.lookup(input)),
    on(messages.cancelLookup, async ({ lookupId }) => ({ cancelled: lookups.cancel(lookupId) })),
    on(messages.getCachedLookup, ({ po, region }) => lookups.cached(po, region)),
  ];
}
