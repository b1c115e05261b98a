import { checkoutGuardRoutes } from '@/lib/checkout-guard/background';
import { checkoutGuardMessages } from '@/lib/checkout-guard/contract';
import { createBrowserGuardState } from '@/lib/checkout-guard/guard-state-browser';
import { createRouter, type Router, type SenderInfo } from '@/lib/messaging/router';
import { orderLookupRoutes } from '@/lib/order-lookup/background';
import { orderLookupMessages } from '@/lib/order-lookup/contract';
import { sessionLookupCache } from '@/lib/order-lookup/lookup-cache';
import { createLookupService, type LookupService } from '@/lib/order-lookup/lookup-service';
import { settingsRoutes } from '@/lib/settings/background';
import { settingsMessages } from '@/lib/settings/contract';
import { readApiAccess } from '@/lib/storage/policy-store';

/** The background's router, wired as entrypoints/background.ts wires it (registering fails on a missing handler). */
export function createHandlers({
  lookups,
  refreshRemote,
}: {
  lookups: LookupService;
  refreshRemote?: () => Promise<{ ok: boolean; message: string }>;
}): Router {
  const router = createRouter();
  router.register(
    checkoutGuardMessages,
    checkoutGuardRoutes({ usage: (po, options) => lookups.usage(po, options), guardState: createBrowserGuardState() }),
  );
  router.register(orderLookupMessages, orderLookupRoutes(lookups));
  router.register(
    settingsMessages,
    settingsRoutes({ testLookup: (access) => lookups.testConnection(access), refreshRemote }),
  );
  return router;
}

/** The background's router with a lookup service whose fetch must not be reached (tests without Amazon's API). */
export function createOfflineHandlers(): Router {
  const lookups = createLookupService({
    fetch: () => Promise.reject(new Error('no network in this test')),
    readAccess: readApiAccess,
    cache: sessionLookupCache,
    broadcast: () => undefined,
  });
  return createHandlers({ lookups });
}

export const dispatchMessage = (router: Router, message: unknown, sender: SenderInfo | null) =>
  router.dispatch(message, sender);
