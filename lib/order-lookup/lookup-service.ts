import { createTokenProvider, type TokenProvider } from '@/lib/api/auth';
import { AuthError, serializeApiError } from '@/lib/api/errors';
import { lookupOrdersByPo } from '@/lib/api/reports';
import { REPORTS_RATE_LIMIT, TokenBucketScheduler, type RateLimiter } from '@/lib/api/scheduler';
import type { Region } from '@/lib/amazon/marketplaces';
import { t } from '@/lib/i18n';
import type { PoUsage } from '@/lib/api/summary';
import type { LookupProgressEvent, LookupResponse } from './contract';
import { authConfigOf } from '@/lib/storage/api-access';
import type { ApiAccess } from '@/lib/storage/items';

/** Cached lookups: the last few answers, so reopening the popup is instant. */
export interface LookupCache {
  get(key: string): Promise<LookupResponse | undefined>;
  set(key: string, value: LookupResponse): Promise<void>;
}

export interface LookupServiceDeps {
  fetch: typeof fetch;
  /** The API access in force (admin overlay applied). */
  readAccess(): Promise<ApiAccess | null>;
  cache: LookupCache;
  broadcast(event: LookupProgressEvent): void;
  now?: () => number;
  scheduler?: RateLimiter;
}

/** A usage check at checkout reuses a lookup this recent instead of spending Amazon's rate limit again. */
export const USAGE_CACHE_MS = 10 * 60_000;
/** Usage checks need a count, not every order: they stop paging here. */
const USAGE_MAX_PAGES = 10;

export const lookupCacheKey = (region: Region, po: string) => `${region}|${po}`;

/**
 * Runs every Reporting API call of the extension: one token provider (rebuilt when the access changes) and one
 * scheduler shared by popup lookups and checkout usage checks, so together they stay inside Amazon's rate limit.
 */
export function createLookupService(deps: LookupServiceDeps) {
  const scheduler = deps.scheduler ?? new TokenBucketScheduler(REPORTS_RATE_LIMIT);
  const now = deps.now ?? Date.now;
  const running = new Map<string, AbortController>();
  let provider: { key: string; tokens: TokenProvider } | null = null;

  const tokensFor = (access: ApiAccess) => {
    const config = authConfigOf(access);
    const key = JSON.stringify(config);
    if (provider?.key !== key) provider = { key, tokens: createTokenProvider(config, { fetch: deps.fetch, now }) };
    return provider.tokens;
  };
  // The access in force keeps its provider (and its token) while an options-page test tries another one.
  const trialTokens = (access: ApiAccess) => {
    const config = authConfigOf(access);
    if (provider?.key === JSON.stringify(config)) return provider.tokens;
    return createTokenProvider(config, { fetch: deps.fetch, now });
  };

  const notConnected = (po: string, region: Region): LookupResponse => ({
    po,
    region,
    orders: [],
    pages: 0,
    complete: false,
    error: serializeApiError(
      new AuthError({
        reason: 'no-credentials',
        message: t('lookup_notConnected'),
      }),
    ),
    fetchedAt: new Date(now()).toISOString(),
    fromCache: false,
  });

  async function fetchLookup(
    po: string,
    region: Region,
    lookupId: string | null,
    maxPages?: number,
    background?: { signal?: AbortSignal },
    /** An access to try (the options form's, maybe unsaved): its token provider and answer are not kept. */
    trial?: ApiAccess,
  ) {
    const access = trial ?? (await deps.readAccess());
    if (!access || !authConfigOf(access)) return notConnected(po, region);
    const controller = new AbortController();
    background?.signal?.addEventListener('abort', () => controller.abort(), { once: true });
    if (lookupId) running.set(lookupId, controller);
    const progress = { pages: 0, orders: 0 };
    try {
      const result = await lookupOrdersByPo(
        {
          po,
          region,
          sandbox: access.sandbox,
          signal: controller.signal,
          maxPages,
          onPage: ({ pages, orders }) => {
            Object.assign(progress, { pages, orders });
            if (lookupId) deps.broadcast({ poAssistEvent: 'lookupProgress', lookupId, ...progress });
          },
        },
        {
          fetch: deps.fetch,
          tokens: trial ? trialTokens(trial) : tokensFor(access),
          scheduler,
          retry: {
            // Checkout usage checks wait behind the popup's lookups in the shared scheduler.
            priority: background ? 'background' : 'interactive',
            onRetry: ({ delayMs }) => {
              if (lookupId)
                deps.broadcast({ poAssistEvent: 'lookupProgress', lookupId, ...progress, waitingMs: delayMs });
            },
          },
        },
      );
      const response: LookupResponse = {
        po,
        region,
        ...result,
        fetchedAt: new Date(now()).toISOString(),
        fromCache: false,
      };
      if (result.complete && !trial) await deps.cache.set(lookupCacheKey(region, po), response);
      return response;
    } finally {
      if (lookupId) running.delete(lookupId);
    }
  }

  return {
    /** What other Reporting API callers (the Reconcile fetch job) need: the same token provider and scheduler. */
    reportsDeps: (access: ApiAccess) => ({ fetch: deps.fetch, tokens: tokensFor(access), scheduler }),

    async lookup(input: { po: string; region: Region; refresh?: boolean; lookupId: string }): Promise<LookupResponse> {
      const po = input.po.trim();
      if (!input.refresh) {
        const cached = await deps.cache.get(lookupCacheKey(input.region, po));
        if (cached) return { ...cached, fromCache: true };
      }
      return fetchLookup(po, input.region, input.lookupId);
    },

    async cached(po: string, region: Region): Promise<LookupResponse | null> {
      const cached = await deps.cache.get(lookupCacheKey(region, po.trim()));
      return cached ? { ...cached, fromCache: true } : null;
    },

    cancel(lookupId: string): boolean {
      const controller = running.get(lookupId);
      controller?.abort();
      return Boolean(controller);
    },

    /** For the options page's connection test: a PO nobody uses, fetched afresh with `access` (saved or not). */
    testConnection(access: ApiAccess): Promise<LookupResponse> {
      return fetchLookup('PO-ASSIST-CONNECTION-TEST', access.region, 'connection-test', undefined, undefined, access);
    },

    /** For the checkout guard: only a count and the last date, never the orders themselves. */
    async usage(po: string, options: { signal?: AbortSignal } = {}): Promise<PoUsage> {
      const access = await deps.readAccess();
      if (!access || !authConfigOf(access)) return { configured: false, orders: 0, lastOrderDate: null };
      const key = lookupCacheKey(access.region, po);
      const cached = await deps.cache.get(key);
      const fresh = cached && now() - Date.parse(cached.fetchedAt) < USAGE_CACHE_MS ? cached : null;
      const answer = fresh ?? (await fetchLookup(po, access.region, null, USAGE_MAX_PAGES, { signal: options.signal }));
      if (answer.error && answer.orders.length === 0) {
        return { configured: true, orders: 0, lastOrderDate: null, failed: true };
      }
      const dates = answer.orders.map((order) => order.orderMetadata.orderDate).sort();
      return { configured: true, orders: answer.orders.length, lastOrderDate: dates.at(-1) ?? null };
    },
  };
}

export type LookupService = ReturnType<typeof createLookupService>;
