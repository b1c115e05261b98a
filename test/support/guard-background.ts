import { TokenBucketScheduler, type RateLimit } from '@/lib/api/scheduler';
import { createAmazonUsedPos } from '@/lib/checkout-guard/amazon-used-pos';
import { checkoutGuardRoutes } from '@/lib/checkout-guard/background';
import { createBlanketSpendLookup } from '@/lib/checkout-guard/blanket-spend';
import { checkoutGuardMessages } from '@/lib/checkout-guard/contract';
import { createBrowserGuardState } from '@/lib/checkout-guard/guard-state-browser';
import { createRouter, type Router } from '@/lib/messaging/router';
import { sessionLookupCache } from '@/lib/order-lookup/lookup-cache';
import { createLookupService } from '@/lib/order-lookup/lookup-service';
import { readApiAccess } from '@/lib/storage/policy-store';

/**
 * The checkout guard's background handlers against an Amazon API `fetch` (the simulator's), wired as
 * entrypoints/background.ts wires them: Amazon's usage by PO, its used POs by prefix and blanket PO spend.
 */
export function guardBackgroundRouter({
  fetch,
  rate,
  scheduler = new TokenBucketScheduler(rate),
}: {
  fetch: typeof globalThis.fetch;
  rate: RateLimit;
  scheduler?: TokenBucketScheduler;
}): Router {
  const lookups = createLookupService({
    fetch,
    readAccess: readApiAccess,
    cache: sessionLookupCache,
    broadcast: () => undefined,
    scheduler,
  });
  const router = createRouter();
  router.register(
    checkoutGuardMessages,
    checkoutGuardRoutes({
      usage: (po, options) => lookups.usage(po, options),
      guardState: createBrowserGuardState(),
      usedPosOnAmazon: createAmazonUsedPos({ readAccess: readApiAccess, reportsDeps: lookups.reportsDeps }),
      blanketSpend: createBlanketSpendLookup({ readAccess: readApiAccess, reportsDeps: lookups.reportsDeps }),
    }),
  );
  return router;
}
