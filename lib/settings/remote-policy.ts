/**
 * Fetching the policy an admin publishes at `policyUrl`. Pure apart from the injected `fetch` and clock, so the
 * background can call it from an alarm and tests can drive it. It returns the parsed JSON without judging its
 * shape: the caller parses it with the policy schema, which can name the path of a problem.
 */
import { checkHttpsUrl, type HttpsUrlProblem } from '@/lib/api/https-url';
import { untilAborted } from '@/lib/api/until-aborted';

export const DEFAULT_MAX_POLICY_BYTES = 256 * 1024;
export const DEFAULT_REMOTE_TIMEOUT_MS = 15_000;

export type RemotePolicyResult =
  | { status: 'updated'; body: unknown; etag?: string; fetchedAt: string }
  | { status: 'not-modified'; fetchedAt: string }
  | { status: 'error'; message: string; fetchedAt: string };

/** What the caller kept from the last successful fetch. */
export interface PreviousRemotePolicy {
  etag?: string;
  body?: unknown;
}

export interface RemotePolicyDeps {
  fetch: typeof fetch;
  now: () => Date;
  /** Largest body accepted, counted while reading; default 256 KiB. */
  maxBytes?: number;
  /** For the whole exchange, body included; default 15 s. */
  timeoutMs?: number;
}

type Outcome =
  | { status: 'updated'; body: unknown; etag?: string }
  | { status: 'not-modified' }
  | { status: 'error'; message: string };

/** A failure whose message is already in plain words for the options page. */
class RemotePolicyError extends Error {}

function formatBytes(bytes: number): string {
  return bytes % 1024 === 0 ? `${bytes / 1024} KB` : `${bytes} bytes`;
}

function formatSeconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(3))} s`;
}

/** The URL to fetch, or why it cannot be fetched. */
const POLICY_URL_PROBLEM: Record<HttpsUrlProblem, string> = {
  'not-url': 'policyUrl is not a valid URL',
  'not-https': 'policyUrl must use https',
  // fetch refuses such URLs anyway; saying so is clearer than its TypeError.
  credentials: 'policyUrl must not contain a user name or password',
};

function checkPolicyUrl(url: string): URL | string {
  const checked = checkHttpsUrl(url);
  return checked.ok ? checked.url : POLICY_URL_PROBLEM[checked.problem];
}

function discardBody(response: Response): void {
  response.body?.cancel().catch(() => undefined);
}

/** The body, refused past `maxBytes` while it streams in: a declared length can be wrong or absent. */
async function readCapped(response: Response, maxBytes: number, signal: AbortSignal): Promise<Uint8Array> {
  const tooLarge = new RemotePolicyError(`the policy is larger than ${formatBytes(maxBytes)}`);
  const declared = response.headers.get('content-length');
  if (declared !== null && /^\s*\d+\s*$/.test(declared) && Number(declared) > maxBytes) {
    discardBody(response);
    throw tooLarge;
  }
  if (!response.body) return new Uint8Array(0);

  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    while (true) {
      const { done, value } = await untilAborted(reader.read(), signal);
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) throw tooLarge;
      chunks.push(value);
    }
  } catch (error) {
    // Stops the download (and the connection) instead of draining the rest.
    reader.cancel().catch(() => undefined);
    throw error;
  }
  const body = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

function parseJson(bytes: Uint8Array): unknown {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new RemotePolicyError('not valid JSON: the response is not UTF-8 text');
  }
  if (text.trim() === '') throw new RemotePolicyError('not valid JSON: the response is empty');
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new RemotePolicyError(`not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
}

async function exchange(
  target: URL,
  previous: PreviousRemotePolicy | null,
  deps: RemotePolicyDeps,
  maxBytes: number,
  signal: AbortSignal,
): Promise<Outcome> {
  // A conditional request only makes sense when there is a copy to keep on 304.
  const etag = previous?.body !== undefined ? previous.etag : undefined;
  const headers: Record<string, string> = { accept: 'application/json' };
  if (etag !== undefined) headers['if-none-match'] = etag;

  const response = await untilAborted(
    deps.fetch(target.href, {
      method: 'GET',
      headers,
      cache: 'no-store',
      credentials: 'omit',
      redirect: 'follow',
      referrerPolicy: 'no-referrer',
      signal,
    }),
    signal,
  );

  // fetch follows redirects itself; a hop to plain http would hand over a policy anyone on the way could change.
  if (response.url !== '' && new URL(response.url).protocol !== 'https:') {
    discardBody(response);
    return { status: 'error', message: 'the server redirected to an address that is not https' };
  }
  if (response.status === 304) {
    if (etag !== undefined) return { status: 'not-modified' };
    return { status: 'error', message: 'the server answered 304 (not modified), but there is no earlier copy' };
  }
  if (!response.ok) {
    discardBody(response);
    return { status: 'error', message: `the server answered ${response.status}` };
  }

  const body = parseJson(await readCapped(response, maxBytes, signal));
  const newEtag = response.headers.get('etag');
  return newEtag === null ? { status: 'updated', body } : { status: 'updated', body, etag: newEtag };
}

function describeNetworkError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  // Node's fetch says only "fetch failed" and puts the reason (refused, certificate…) in `cause`.
  const cause = error.cause instanceof Error ? ` (${error.cause.message})` : '';
  return `${error.message}${cause}`;
}

/**
 * Fetches the policy JSON at `url` over HTTPS: conditional on the previous ETag, without cookies or cache,
 * refusing bodies over `maxBytes` and anything slower than `timeoutMs`. Never throws: failures come back as
 * `{ status: 'error', message }` in plain words.
 */
export async function fetchRemotePolicy(
  url: string,
  previous: PreviousRemotePolicy | null,
  deps: RemotePolicyDeps,
): Promise<RemotePolicyResult> {
  const maxBytes = deps.maxBytes ?? DEFAULT_MAX_POLICY_BYTES;
  const timeoutMs = deps.timeoutMs ?? DEFAULT_REMOTE_TIMEOUT_MS;
  const finish = (outcome: Outcome): RemotePolicyResult => ({ ...outcome, fetchedAt: deps.now().toISOString() });

  const target = checkPolicyUrl(url);
  if (typeof target === 'string') return finish({ status: 'error', message: target });

  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  try {
    return finish(await exchange(target, previous, deps, maxBytes, controller.signal));
  } catch (error) {
    if (timedOut) return finish({ status: 'error', message: `timed out after ${formatSeconds(timeoutMs)}` });
    if (error instanceof RemotePolicyError) return finish({ status: 'error', message: error.message });
    return finish({ status: 'error', message: `could not reach the server: ${describeNetworkError(error)}` });
  } finally {
    clearTimeout(timer);
    // Ends a download still running after an error (the body of a refused response, a stalled stream).
    controller.abort();
  }
}
