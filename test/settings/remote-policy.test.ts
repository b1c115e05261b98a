import { afterEach, describe, expect, it, vi } from 'vitest';
import { fetchRemotePolicy, type RemotePolicyDeps } from '../../lib/settings/remote-policy';

const URL_ = 'https://policy.example.com/po-policy.json';
const NOW = new Date('2026-11-24T08:00:00.000Z');
const FETCHED_AT = NOW.toISOString();
const POLICY = { version: 1, help: 'Ask finance: é 発注', formats: [{ id: 'dept', template: '{dept}-{seq}' }] };

type FetchStub = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

function depsWith(fetchImpl: FetchStub, extra: Partial<RemotePolicyDeps> = {}) {
  const fetchSpy = vi.fn(fetchImpl);
  return { fetchSpy, deps: { fetch: fetchSpy as unknown as typeof fetch, now: () => NOW, ...extra } };
}

function jsonResponse(body: unknown, headers: Record<string, string> = {}, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
}

/** A Response as fetch returns it after following redirects: `url` is where it ended up. */
function arrivedFrom(url: string, response: Response): Response {
  Object.defineProperty(response, 'url', { value: url });
  return response;
}

function sentHeaders(fetchSpy: ReturnType<typeof vi.fn>, call = 0): Record<string, string> {
  const init = fetchSpy.mock.calls[call]![1] as RequestInit;
  return init.headers as Record<string, string>;
}

/** A 32 MiB body, 64 KiB per pull (bounded, so a reader without a cap fails instead of exhausting memory). */
function hugeBody() {
  const state = { pulls: 0, cancelled: false };
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      state.pulls++;
      controller.enqueue(new Uint8Array(64 * 1024).fill(0x20));
      if (state.pulls === 512) controller.close();
    },
    cancel() {
      state.cancelled = true;
    },
  });
  return { stream, state };
}

/** Rejects when the request's signal aborts, as fetch does, and otherwise never settles. */
function hangingFetch(): FetchStub {
  return (_input, init) =>
    new Promise<Response>((_resolve, reject) => {
      init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
    });
}

afterEach(() => {
  vi.useRealTimers();
});

describe('fetchRemotePolicy: which URLs it asks', () => {
  it.each([
    ['http:', 'http://policy.example.com/p.json', 'policyUrl must use https'],
    ['ftp:', 'ftp://policy.example.com/p.json', 'policyUrl must use https'],
    ['not a URL', 'policy.example.com/p.json', 'policyUrl is not a valid URL'],
    ['empty', '', 'policyUrl is not a valid URL'],
    [
      'with credentials',
      'https://admin:secret@policy.example.com/p.json',
      'policyUrl must not contain a user name or password',
    ],
  ])('refuses %s without sending a request', async (_what, url, message) => {
    const { fetchSpy, deps } = depsWith(async () => jsonResponse(POLICY));
    expect(await fetchRemotePolicy(url, null, deps)).toStrictEqual({ status: 'error', message, fetchedAt: FETCHED_AT });
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  it('asks without cookies or HTTP cache, and with a signal to abort', async () => {
    const { fetchSpy, deps } = depsWith(async () => jsonResponse(POLICY));
    await fetchRemotePolicy(URL_, null, deps);
    expect(fetchSpy).toHaveBeenCalledTimes(1);
    const [input, init] = fetchSpy.mock.calls[0]!;
    expect(input).toBe(URL_);
    expect(init).toMatchObject({ method: 'GET', cache: 'no-store', credentials: 'omit', redirect: 'follow' });
    expect(init?.signal).toBeInstanceOf(AbortSignal);
    expect(sentHeaders(fetchSpy)).toStrictEqual({ accept: 'application/json' });
  });
});

describe('fetchRemotePolicy: ETag round trip', () => {
  it('returns the body and ETag, then keeps the previous copy on 304, then takes a new version', async () => {
    const responses = [
      () => jsonResponse(POLICY, { etag: '"v1"' }),
      () => new Response(null, { status: 304, headers: { etag: '"v1"' } }),
      () => jsonResponse({ ...POLICY, version: 2 }, { etag: 'W/"v2"' }),
    ];
    const { fetchSpy, deps } = depsWith(async () => responses.shift()!());

    const first = await fetchRemotePolicy(URL_, null, deps);
    expect(first).toStrictEqual({ status: 'updated', body: POLICY, etag: '"v1"', fetchedAt: FETCHED_AT });
    expect(sentHeaders(fetchSpy, 0)['if-none-match']).toBeUndefined();

    const previous = { etag: '"v1"', body: POLICY };
    expect(await fetchRemotePolicy(URL_, previous, deps)).toStrictEqual({
      status: 'not-modified',
      fetchedAt: FETCHED_AT,
    });
    expect(sentHeaders(fetchSpy, 1)['if-none-match']).toBe('"v1"');

    expect(await fetchRemotePolicy(URL_, previous, deps)).toStrictEqual({
      status: 'updated',
      body: { ...POLICY, version: 2 },
      etag: 'W/"v2"',
      fetchedAt: FETCHED_AT,
    });
  });

  it('leaves the ETag out of the result when the server sends none', async () => {
    const { deps } = depsWith(async () => jsonResponse(POLICY));
    const result = await fetchRemotePolicy(URL_, null, deps);
    expect(result).toStrictEqual({ status: 'updated', body: POLICY, fetchedAt: FETCHED_AT });
    expect('etag' in result).toBe(false);
  });

  it('asks unconditionally when there is an ETag but no copy to keep', async () => {
    const { fetchSpy, deps } = depsWith(async () => jsonResponse(POLICY, { etag: '"v1"' }));
    await fetchRemotePolicy(URL_, { etag: '"v1"' }, deps);
    expect(sentHeaders(fetchSpy)['if-none-match']).toBeUndefined();
  });

  it('treats a 304 to an unconditional request as an error, since there is nothing to keep', async () => {
    const { deps } = depsWith(async () => new Response(null, { status: 304 }));
    expect(await fetchRemotePolicy(URL_, null, deps)).toStrictEqual({
      status: 'error',
      message: 'the server answered 304 (not modified), but there is no earlier copy',
      fetchedAt: FETCHED_AT,
    });
  });
});

describe('fetchRemotePolicy: what it refuses', () => {
  it.each([404, 500, 403])('says which status the server answered (%i)', async (status) => {
    const { deps } = depsWith(async () => new Response('<html>nope</html>', { status }));
    expect(await fetchRemotePolicy(URL_, null, deps)).toStrictEqual({
      status: 'error',
      message: `the server answered ${status}`,
      fetchedAt: FETCHED_AT,
    });
  });

  it.each([
    ['HTML', '<!doctype html><p>Sign in</p>', /^not valid JSON: .*Unexpected token/],
    ['truncated JSON', '{"version": 1, "formats": [', /^not valid JSON: /],
    ['an empty body', '', /^not valid JSON: the response is empty$/],
  ])('refuses %s as not valid JSON', async (_what, body, message) => {
    const { deps } = depsWith(async () => new Response(body, { status: 200 }));
    const result = await fetchRemotePolicy(URL_, null, deps);
    expect(result.status).toBe('error');
    expect(result.status === 'error' && result.message).toMatch(message);
  });

  it('refuses a body that is not UTF-8', async () => {
    const { deps } = depsWith(async () => new Response(new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]), { status: 200 }));
    expect(await fetchRemotePolicy(URL_, null, deps)).toMatchObject({
      status: 'error',
      message: 'not valid JSON: the response is not UTF-8 text',
    });
  });

  it('accepts a UTF-8 byte-order mark and non-ASCII text', async () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(JSON.stringify(POLICY))]);
    const { deps } = depsWith(async () => new Response(bytes, { status: 200 }));
    expect(await fetchRemotePolicy(URL_, null, deps)).toMatchObject({ status: 'updated', body: POLICY });
  });

  it('stops reading a body that would be huge, past the cap, and cancels the download', async () => {
    const huge = hugeBody();
    const { deps } = depsWith(async () => new Response(huge.stream, { status: 200 }), { timeoutMs: 5_000 });
    expect(await fetchRemotePolicy(URL_, null, deps)).toStrictEqual({
      status: 'error',
      message: 'the policy is larger than 256 KB',
      fetchedAt: FETCHED_AT,
    });
    // 256 KiB is four 64 KiB chunks; the fifth goes over. A stream source may be pulled once ahead.
    expect(huge.state.pulls).toBeLessThanOrEqual(6);
    expect(huge.state.cancelled).toBe(true);
  });

  it('does not trust a Content-Length that says the body is small', async () => {
    const huge = hugeBody();
    const response = new Response(huge.stream, { status: 200, headers: { 'content-length': '10' } });
    const { deps } = depsWith(async () => response, { maxBytes: 100_000 });
    expect(await fetchRemotePolicy(URL_, null, deps)).toMatchObject({
      status: 'error',
      message: 'the policy is larger than 100000 bytes',
    });
    expect(huge.state.cancelled).toBe(true);
  });

  it('refuses at once a Content-Length over the cap, without reading the body', async () => {
    const huge = hugeBody();
    const response = new Response(huge.stream, {
      status: 200,
      headers: { 'content-length': String(10 * 1024 * 1024) },
    });
    const { deps } = depsWith(async () => response);
    expect(await fetchRemotePolicy(URL_, null, deps)).toMatchObject({
      status: 'error',
      message: 'the policy is larger than 256 KB',
    });
    expect(huge.state.cancelled).toBe(true);
    expect(huge.state.pulls).toBeLessThanOrEqual(1);
  });

  it('accepts a body of exactly the cap and refuses one byte more', async () => {
    const padded = (size: number): string => {
      const json = JSON.stringify(POLICY);
      return json.slice(0, -1) + ' '.repeat(size - new TextEncoder().encode(json).length) + '}';
    };
    const atCap = depsWith(async () => new Response(padded(1000), { status: 200 }), { maxBytes: 1000 });
    expect(await fetchRemotePolicy(URL_, null, atCap.deps)).toMatchObject({ status: 'updated', body: POLICY });
    const over = depsWith(async () => new Response(padded(1001), { status: 200 }), { maxBytes: 1000 });
    expect(await fetchRemotePolicy(URL_, null, over.deps)).toMatchObject({
      status: 'error',
      message: 'the policy is larger than 1000 bytes',
    });
  });

  it('refuses a response that a redirect brought from plain http', async () => {
    const { deps } = depsWith(async () =>
      arrivedFrom('http://policy.example.com/po-policy.json', jsonResponse(POLICY)),
    );
    expect(await fetchRemotePolicy(URL_, null, deps)).toStrictEqual({
      status: 'error',
      message: 'the server redirected to an address that is not https',
      fetchedAt: FETCHED_AT,
    });
  });

  it('accepts a redirect to another https address', async () => {
    const { deps } = depsWith(async () => arrivedFrom('https://cdn.example.com/p.json', jsonResponse(POLICY)));
    expect(await fetchRemotePolicy(URL_, null, deps)).toMatchObject({ status: 'updated', body: POLICY });
  });

  it('reports a network failure with its cause', async () => {
    const { deps } = depsWith(async () => {
      throw new TypeError('fetch failed', { cause: new Error('getaddrinfo ENOTFOUND policy.example.com') });
    });
    expect(await fetchRemotePolicy(URL_, null, deps)).toStrictEqual({
      status: 'error',
      message: 'could not reach the server: fetch failed (getaddrinfo ENOTFOUND policy.example.com)',
      fetchedAt: FETCHED_AT,
    });
  });
});

describe('fetchRemotePolicy: timeouts', () => {
  it('gives up after 15 s by default, aborting the request', async () => {
    vi.useFakeTimers();
    let signal: AbortSignal | undefined;
    const hanging = hangingFetch();
    const { deps } = depsWith((input, init) => {
      signal = init?.signal ?? undefined;
      return hanging(input, init);
    });
    let settled = false;
    const pending = fetchRemotePolicy(URL_, null, deps).finally(() => {
      settled = true;
    });
    await vi.advanceTimersByTimeAsync(14_999);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(await pending).toStrictEqual({ status: 'error', message: 'timed out after 15 s', fetchedAt: FETCHED_AT });
    expect(signal?.aborted).toBe(true);
  });

  it('times out a body that stalls, even when fetch ignores the signal', async () => {
    const stalled = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{"version":'));
      },
    });
    const { deps } = depsWith(async () => new Response(stalled, { status: 200 }), { timeoutMs: 50 });
    expect(await fetchRemotePolicy(URL_, null, deps)).toMatchObject({
      status: 'error',
      message: 'timed out after 0.05 s',
    });
  });

  it('stamps fetchedAt from the injected clock when it finishes', async () => {
    let clock = new Date('2026-01-01T00:00:00.000Z');
    const { deps } = depsWith(async () => {
      clock = new Date('2026-01-01T00:00:02.000Z');
      return jsonResponse(POLICY);
    });
    const result = await fetchRemotePolicy(URL_, null, { ...deps, now: () => clock });
    expect(result.fetchedAt).toBe('2026-01-01T00:00:02.000Z');
  });
});
