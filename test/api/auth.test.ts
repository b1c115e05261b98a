import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_LWA_TOKEN_URL, createTokenProvider, type AuthConfig } from '@/lib/api/auth';
import { AbortedError, ApiResponseError, AuthError, MalformedResponseError, TimeoutError } from '@/lib/api/errors';
import { hang, jsonResponse, stubFetch } from './support';

const direct: AuthConfig = {
  mode: 'direct',
  clientId: 'amzn1.application-oa2-client.test',
  clientSecret: 's3cret&=',
  refreshToken: 'Atzr|refresh',
};

/** LWA that issues `Atza|1`, `Atza|2`, … valid for `expiresIn` seconds. */
function lwa(expiresIn = 3600) {
  return stubFetch((_, index) =>
    jsonResponse(200, { access_token: `Atza|${index + 1}`, token_type: 'bearer', expires_in: expiresIn }),
  );
}

beforeEach(() => {
  vi.useFakeTimers({ now: new Date('2026-11-24T08:00:00Z') });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('direct mode (Login with Amazon)', () => {
  it('posts the refresh-token grant form-encoded, without cookies', async () => {
    const fetch = lwa();
    const token = await createTokenProvider(direct, { fetch }).getToken();
    expect(token).toBe('Atza|1');
    const [call] = fetch.calls;
    expect(call?.url).toBe(DEFAULT_LWA_TOKEN_URL);
    expect(call?.method).toBe('POST');
    expect(call?.credentials).toBe('omit');
    expect(call?.headers.get('content-type')).toMatch(/^application\/x-www-form-urlencoded/);
    expect(Object.fromEntries(new URLSearchParams(call?.body))).toEqual({
      grant_type: 'refresh_token',
      refresh_token: 'Atzr|refresh',
      client_id: 'amzn1.application-oa2-client.test',
      client_secret: 's3cret&=',
    });
  });

  it('uses the configured token URL', async () => {
    const fetch = lwa();
    await createTokenProvider({ ...direct, tokenUrl: 'https://lwa.example.test/token' }, { fetch }).getToken();
    expect(fetch.calls[0]?.url).toBe('https://lwa.example.test/token');
  });

  it('caches the token until one minute before it expires', async () => {
    const fetch = lwa(3600);
    const provider = createTokenProvider(direct, { fetch });
    expect(await provider.getToken()).toBe('Atza|1');
    await vi.advanceTimersByTimeAsync(3539_000);
    expect(await provider.getToken()).toBe('Atza|1');
    expect(fetch.calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1000);
    expect(await provider.getToken()).toBe('Atza|2');
    expect(fetch.calls).toHaveLength(2);
  });

  it('runs on an injected now() as well', async () => {
    let now = 1_000_000;
    const fetch = lwa(600);
    const provider = createTokenProvider(direct, { fetch, now: () => now });
    await provider.getToken();
    now += 539_000;
    await provider.getToken();
    expect(fetch.calls).toHaveLength(1);
    now += 1000;
    expect(await provider.getToken()).toBe('Atza|2');
  });

  it('shares one refresh between concurrent callers', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const fetch = stubFetch(async () => {
      await gate;
      return jsonResponse(200, { access_token: 'Atza|shared', expires_in: 3600 });
    });
    const provider = createTokenProvider(direct, { fetch });
    const tokens = Promise.all([provider.getToken(), provider.getToken(), provider.getToken()]);
    release();
    expect(await tokens).toEqual(['Atza|shared', 'Atza|shared', 'Atza|shared']);
    expect(fetch.calls).toHaveLength(1);
  });

  it('one caller giving up does not cancel the refresh the others wait for', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const fetch = stubFetch(async () => {
      await gate;
      return jsonResponse(200, { access_token: 'Atza|shared', expires_in: 3600 });
    });
    const provider = createTokenProvider(direct, { fetch });
    const controller = new AbortController();
    const impatient = provider.getToken(controller.signal);
    const patient = provider.getToken();
    controller.abort();
    await expect(impatient).rejects.toBeInstanceOf(AbortedError);
    release();
    await expect(patient).resolves.toBe('Atza|shared');
  });

  it('invalidate(token) drops only that token, so refused requests in flight cause one refresh', async () => {
    const fetch = lwa();
    const provider = createTokenProvider(direct, { fetch });
    const first = await provider.getToken();
    provider.invalidate(first);
    const second = await provider.getToken();
    expect(second).toBe('Atza|2');
    provider.invalidate(first); // a late 403 for the old token
    expect(await provider.getToken()).toBe('Atza|2');
    provider.invalidate();
    expect(await provider.getToken()).toBe('Atza|3');
    expect(fetch.calls).toHaveLength(3);
  });

  it('reports invalid_grant as refresh-failed with Amazon’s words', async () => {
    const fetch = stubFetch(() =>
      jsonResponse(400, { error: 'invalid_grant', error_description: 'The request has an invalid grant parameter' }),
    );
    const error = await createTokenProvider(direct, { fetch })
      .getToken()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthError);
    expect(error).toMatchObject({ reason: 'refresh-failed', status: 400, code: 'invalid_grant' });
    expect((error as Error).message).toContain('The request has an invalid grant parameter');
  });

  it('a 5xx from LWA is an api error (retryable), not an auth failure', async () => {
    const fetch = stubFetch(() => new Response('<html>oops</html>', { status: 503 }));
    const error = await createTokenProvider(direct, { fetch })
      .getToken()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiResponseError);
    expect(error).toMatchObject({ status: 503 });
  });

  it('times out a token request that never answers', async () => {
    const fetch = stubFetch((_, __, signal) => hang(signal));
    const pending = createTokenProvider(direct, { fetch, timeoutMs: 5000 }).getToken();
    const assertion = expect(pending).rejects.toBeInstanceOf(TimeoutError);
    await vi.advanceTimersByTimeAsync(5000);
    await assertion;
  });

  it('does not cache a failure: the next call tries again', async () => {
    const fetch = stubFetch((_, index) =>
      index === 0
        ? jsonResponse(401, { error: 'invalid_client' })
        : jsonResponse(200, { access_token: 'Atza|ok', expires_in: 3600 }),
    );
    const provider = createTokenProvider(direct, { fetch });
    await expect(provider.getToken()).rejects.toMatchObject({ reason: 'refresh-failed', code: 'invalid_client' });
    await expect(provider.getToken()).resolves.toBe('Atza|ok');
  });
});

describe('missing credentials', () => {
  it.each([
    ['no config', null, /No Amazon Business API access is set up/],
    ['an empty broker URL', { mode: 'broker', brokerUrl: ' ' }, /No Amazon Business API access is set up/],
    [
      'an incomplete direct config',
      { mode: 'direct', clientId: 'id', clientSecret: '', refreshToken: '' },
      /clientSecret, refreshToken missing/,
    ],
  ] as const)('%s → auth error "no-credentials", nothing sent', async (_, config, message) => {
    const fetch = lwa();
    const error = await createTokenProvider(config as AuthConfig | null, { fetch })
      .getToken()
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'auth', reason: 'no-credentials' });
    expect((error as Error).message).toMatch(message);
    expect(fetch.calls).toHaveLength(0);
  });
});

describe('broker mode', () => {
  const broker: AuthConfig = { mode: 'broker', brokerUrl: 'https://broker.example.com/token' };

  it('posts with the session cookie (credentials: include) and no body', async () => {
    const fetch = stubFetch(() => jsonResponse(200, { access_token: 'Atza|broker', expires_in: 900 }));
    expect(await createTokenProvider(broker, { fetch }).getToken()).toBe('Atza|broker');
    expect(fetch.calls[0]).toMatchObject({
      url: 'https://broker.example.com/token',
      method: 'POST',
      credentials: 'include',
    });
    expect(fetch.calls[0]?.body).toBeUndefined();
    expect(fetch.calls[0]?.headers.get('accept')).toBe('application/json');
    // A simple CORS request: no content-type, so no preflight.
    expect(fetch.calls[0]?.headers.has('content-type')).toBe(false);
  });

  it('can be told to send no cookies', async () => {
    const fetch = stubFetch(() => jsonResponse(200, { access_token: 'Atza|broker', expires_in: 900 }));
    await createTokenProvider({ ...broker, credentials: 'omit' }, { fetch }).getToken();
    expect(fetch.calls[0]?.credentials).toBe('omit');
  });

  it('caches by the broker’s expires_in', async () => {
    const fetch = stubFetch((_, i) => jsonResponse(200, { access_token: `Atza|${i}`, expires_in: 300 }));
    const provider = createTokenProvider(broker, { fetch });
    await provider.getToken();
    await vi.advanceTimersByTimeAsync(239_000);
    await provider.getToken();
    expect(fetch.calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1000);
    expect(await provider.getToken()).toBe('Atza|1');
  });

  it('a response without access_token is malformed', async () => {
    const fetch = stubFetch(() => jsonResponse(200, { token: 'x' }));
    await expect(createTokenProvider(broker, { fetch }).getToken()).rejects.toBeInstanceOf(MalformedResponseError);
  });

  it('a 401 from the broker (not signed in) is refresh-failed', async () => {
    const fetch = stubFetch(() => new Response('', { status: 401 }));
    await expect(createTokenProvider(broker, { fetch }).getToken()).rejects.toMatchObject({
      kind: 'auth',
      reason: 'refresh-failed',
      status: 401,
    });
  });
});
