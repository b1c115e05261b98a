import type { TokenProvider } from '@/lib/api/auth';
import type { RateLimiter } from '@/lib/api/scheduler';

export interface RecordedCall {
  url: string;
  method: string;
  headers: Headers;
  body?: string;
  credentials?: RequestCredentials;
}

export type StubHandler = (call: RecordedCall, index: number, signal?: AbortSignal) => Response | Promise<Response>;

/** A `fetch` that records every call and answers with `handler`. */
export function stubFetch(handler: StubHandler): typeof fetch & { calls: RecordedCall[] } {
  const calls: RecordedCall[] = [];
  const fn = async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const call: RecordedCall = {
      url: String(input),
      method: init.method ?? 'GET',
      headers: new Headers(init.headers),
      body: typeof init.body === 'string' ? init.body : undefined,
      credentials: init.credentials,
    };
    calls.push(call);
    if (init.signal?.aborted) throw new DOMException('aborted', 'AbortError');
    return handler(call, calls.length - 1, init.signal ?? undefined);
  };
  return Object.assign(fn as typeof fetch, { calls });
}

/** A stub answer that only settles when its signal aborts (a server that never answers). */
export function hang(signal: AbortSignal | undefined): Promise<Response> {
  return new Promise((_, reject) => {
    signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')), { once: true });
  });
}

export function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', 'x-amzn-RequestId': `req-${status}`, ...headers },
  });
}

export function errorList(
  status: number,
  code: string,
  message: string,
  headers: Record<string, string> = {},
): Response {
  return jsonResponse(status, { errors: [{ code, message }] }, headers);
}

/** A wire order with a NET_TOTAL; `id` makes it distinguishable. */
export function wireOrder(id: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    orderMetadata: { orderDate: '2026-10-01T12:00:00Z', orderId: id, region: 'US' },
    purchaseOrderNumber: 'MKT-202611-0042',
    orderStatus: 'CLOSED',
    charges: [{ type: 'NET_TOTAL', amount: { currencyCode: 'USD', amount: 10 } }],
    ...overrides,
  };
}

export function pageResponse(ids: string[], nextPageToken?: string | null): Response {
  return jsonResponse(200, {
    ordersReport: ids.map((id) => wireOrder(id)),
    ...(nextPageToken !== undefined ? { nextPageToken } : {}),
  });
}

/** Tokens `token-1`, `token-2`, … : a new one after each invalidate, with counters. */
export function countingTokens(): TokenProvider & { issued: number; invalidated: (string | undefined)[] } {
  let current: string | undefined;
  const provider = {
    issued: 0,
    invalidated: [] as (string | undefined)[],
    getToken: async () => {
      if (!current) {
        provider.issued += 1;
        current = `token-${provider.issued}`;
      }
      return current;
    },
    invalidate: (token?: string) => {
      provider.invalidated.push(token);
      if (token === undefined || token === current) current = undefined;
    },
  };
  return provider;
}

/** No rate limit, but counts acquisitions and drains. */
export function openScheduler(): RateLimiter & { acquired: number; drained: (number | undefined)[] } {
  const scheduler = {
    acquired: 0,
    drained: [] as (number | undefined)[],
    acquire: async () => {
      scheduler.acquired += 1;
    },
    drain: (ms?: number) => {
      scheduler.drained.push(ms);
    },
  };
  return scheduler;
}
