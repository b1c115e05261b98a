import { on, type Route } from '@/lib/messaging/router';
import { orderLookupMessages as messages, reconcileMessages } from './contract';
import type { LookupService } from './lookup-service';
import type { ReconcileService } from './reconcile/background';

/** The order lookup's background handlers: the lookup service does the work. */
export function orderLookupRoutes(lookups: LookupService): Route[] {
  return [
    on(messages.lookupOrdersByPo, (input) => lookups.lookup(input)),
    on(messages.cancelLookup, async ({ lookupId }) => ({ cancelled: lookups.cancel(lookupId) })),
    on(messages.getCachedLookup, ({ po, region }) => lookups.cached(po, region)),
  ];
}

/** The Reconcile page's background handlers (issue 13): the fetch job runs in the reconcile service. */
export function reconcileRoutes(reconcile: ReconcileService): Route[] {
  return [
    on(reconcileMessages.startReconcileFetch, ({ from, to, regions }) =>
      reconcile.start({ from, to }, [...new Set(regions)]),
    ),
    on(reconcileMessages.resumeReconcileFetch, () => reconcile.resume()),
    on(reconcileMessages.cancelReconcileFetch, async () => ({ cancelled: await reconcile.cancel() })),
    on(reconcileMessages.getReconcileStatus, () => reconcile.status()),
  ];
}
