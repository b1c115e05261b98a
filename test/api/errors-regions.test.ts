import { describe, expect, it } from 'vitest';
import {
  AbortedError,
  ApiResponseError,
  AuthError,
  MalformedResponseError,
  NetworkError,
  PagingError,
  ThrottledError,
  TimeoutError,
  apiErrorFromJSON,
  serializeApiError,
  serializedApiErrorSchema,
  type ApiError,
} from '@/lib/api/errors';
import { ENDPOINT_REGIONS, REGIONS, orderDetailsUrl, regionHost } from '@/lib/api/regions';

describe('errors cross the messaging boundary and come back', () => {
  const samples: ApiError[] = [
    new AuthError({ reason: 'forbidden', status: 403, code: 'Unauthorized', requestId: 'r1' }),
    new AuthError({ reason: 'no-credentials' }),
    new ThrottledError({ retryAfterMs: 2000, requestId: 'r2' }),
    new NetworkError(),
    new TimeoutError({ timeoutMs: 15_000 }),
    new ApiResponseError({
      status: 400,
      code: 'INVALID_REQUEST_PARAMETER',
      details: 'd',
      requestId: 'r3',
      message: 'm',
    }),
    new MalformedResponseError({ path: 'ordersReport[3].orderMetadata.orderId', requestId: 'r4', status: 200 }),
    new PagingError({ reason: 'repeated-token', pages: 2 }),
    new AbortedError(),
  ];

  it.each(samples.map((error) => [error.kind, error] as const))('%s', (kind, error) => {
    const wire = JSON.parse(JSON.stringify(error)) as unknown;
    const parsed = serializedApiErrorSchema.parse(wire);
    expect(parsed.kind).toBe(kind);
    const back = apiErrorFromJSON(parsed);
    expect(back).toBeInstanceOf(error.constructor);
    expect(back.toJSON()).toEqual(error.toJSON());
    expect(back.message).toBe(error.message);
  });

  it('serializes anything thrown, mapping DOM aborts to aborted', () => {
    expect(serializeApiError(new DOMException('x', 'AbortError'))).toEqual(new AbortedError().toJSON());
    expect(serializeApiError(new Error('boom'))).toEqual({
      kind: 'api',
      status: 0,
      code: 'ClientError',
      message: 'boom',
    });
  });

  it('the messaging schema refuses an unknown kind', () => {
    expect(serializedApiErrorSchema.safeParse({ kind: 'weird', message: 'x' }).success).toBe(false);
  });
});

describe('regions', () => {
  it('every marketplace has exactly one endpoint', () => {
    expect(Object.values(ENDPOINT_REGIONS).flat().sort()).toEqual([...REGIONS].sort());
  });

  it.each([
    ['US', 'na.business-api.amazon.com'],
    ['CA', 'na.business-api.amazon.com'],
    ['MX', 'na.business-api.amazon.com'],
    ['UK', 'eu.business-api.amazon.com'],
    ['DE', 'eu.business-api.amazon.com'],
    ['FR', 'eu.business-api.amazon.com'],
    ['IT', 'eu.business-api.amazon.com'],
    ['ES', 'eu.business-api.amazon.com'],
    ['IN', 'eu.business-api.amazon.com'],
    ['JP', 'jp.business-api.amazon.com'],
    ['AU', 'jp.business-api.amazon.com'],
  ] as const)('%s → %s', (region, host) => {
    expect(regionHost(region)).toBe(host);
    expect(regionHost(region, { sandbox: true })).toBe(`sandbox.${host}`);
  });

  it.each([
    ['US', 'https://www.amazon.com/gp/your-account/order-details?orderID=114-0575598-4117065'],
    ['UK', 'https://www.amazon.co.uk/gp/your-account/order-details?orderID=114-0575598-4117065'],
    ['JP', 'https://www.amazon.co.jp/gp/your-account/order-details?orderID=114-0575598-4117065'],
    ['MX', 'https://www.amazon.com.mx/gp/your-account/order-details?orderID=114-0575598-4117065'],
  ] as const)('order link in %s', (region, url) => {
    expect(orderDetailsUrl(region, '114-0575598-4117065')).toBe(url);
  });

  it('encodes the order id in the link', () => {
    expect(orderDetailsUrl('DE', 'a&b=c')).toBe(
      'https://www.amazon.de/gp/your-account/order-details?orderID=a%26b%3Dc',
    );
  });

  it('throws on a region that is not a marketplace', () => {
    expect(() => regionHost('GB' as never)).toThrow(RangeError);
  });
});

describe('API_HOST_PERMISSIONS', () => {
  it('covers every host the client calls, each by name, and nothing else', async () => {
    const { API_HOST_PERMISSIONS, regionHost, REGIONS } = await import('@/lib/api/regions');
    const hosts = new Set(API_HOST_PERMISSIONS.map((pattern) => new URL(pattern.replace('/*', '/')).host));
    const called = new Set(REGIONS.flatMap((region) => [regionHost(region), regionHost(region, { sandbox: true })]));
    expect([...hosts].sort()).toEqual(['api.amazon.com', ...called].sort());
    for (const pattern of API_HOST_PERMISSIONS) expect(pattern).not.toContain('*.');
  });
});
