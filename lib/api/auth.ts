import {
  AbortedError,
  ApiResponseError,
  AuthError,
  MalformedResponseError,
  NetworkError,
  ThrottledError,
} from './errors';
import { brokerTokenResponseSchema, lwaErrorSchema, lwaTokenResponseSchema } from './schemas';
import { raceAbort, systemClock, withTimeout, type Clock } from './scheduler';

/**
 * Access tokens for the Reporting API, in one of two modes (set on the options page or by the admin; README, "What it does"):
 *
 * - `broker`: the company's own HTTPS service returns `{ access_token, expires_in }` for the signed-in
 *   employee. We POST with no body and `credentials: 'include'` by default, because the broker can only tell
 *   who the employee is from the company's own session cookie (SSO). A POST without a body and with only an
 *   `accept` header is a CORS "simple request" (no preflight). With credentials the broker must answer with
 *   `Access-Control-Allow-Origin: <the extension's origin>` (not `*`) and
 *   `Access-Control-Allow-Credentials: true`; admins who authenticate the broker another way (network, mTLS)
 *   can set `credentials: 'omit'`, and then `*` is enough.
 * - `direct`: Login with Amazon refresh-token grant with the client id, secret and refresh token one
 *   procurement user stored locally. Sent form-encoded, without cookies.
 *
 * The token is cached until one minute before it expires; concurrent callers share one refresh.
 */
export type AuthConfig =
  | { mode: 'broker'; brokerUrl: string; credentials?: 'include' | 'omit' }
  | { mode: 'direct'; clientId: string; clientSecret: string; refreshToken: string; tokenUrl?: string };

export const DEFAULT_LWA_TOKEN_URL = 'https://api.amazon.com/auth/o2/token';
/** Refresh this long before the token expires, so a request never leaves with a token about to die. */
export const TOKEN_EXPIRY_MARGIN_MS = 60_000;
const DEFAULT_TOKEN_TIMEOUT_MS = 15_000;

export interface TokenProvider {
  /** A valid access token, from the cache or one shared refresh. Rejects with an ApiError. */
  getToken(signal?: AbortSignal): Promise<string>;
  /**
   * Forget the cached token (Amazon refused it). With `rejectedToken`, only when it is still the cached one,
   * so several requests refused at once cause a single refresh.
   */
  invalidate(rejectedToken?: string): void;
}

export interface TokenProviderDeps {
  /** Called as a plain function (never as a method), so the global `fetch` can be passed as it is. */
  fetch: typeof fetch;
  /** Current time in ms; default `clock.now`. */
  now?: () => number;
  /** Timers for the request timeout; default the global ones. */
  clock?: Clock;
  /** Per token request. Default 15 s. */
  timeoutMs?: number;
}

export function createTokenProvider(config: AuthConfig | null | undefined, deps: TokenProviderDeps): TokenProvider {
  const clock = deps.clock ?? systemClock;
  const now = deps.now ?? (() => clock.now());
  const timeoutMs = deps.timeoutMs ?? DEFAULT_TOKEN_TIMEOUT_MS;
  let cached: { token: string; expiresAt: number } | undefined;
  let refreshing: Promise<string> | undefined;

  const refresh = async (): Promise<string> => {
    const missing = missingCredentials(config);
    if (missing) throw missing;
    const started = now();
    const { accessToken, expiresInSeconds } = await withTimeout(timeoutMs, clock, (signal) =>
      requestToken(config!, deps.fetch, signal),
    );
    cached = { token: accessToken, expiresAt: started + expiresInSeconds * 1000 };
    return accessToken;
  };

  return {
    getToken(signal) {
      if (signal?.aborted) return Promise.reject(new AbortedError());
      if (cached && now() < cached.expiresAt - TOKEN_EXPIRY_MARGIN_MS) return Promise.resolve(cached.token);
      if (!refreshing) {
        refreshing = refresh().finally(() => {
          refreshing = undefined;
        });
      }
      // One caller giving up must not cancel the refresh the others wait for.
      return raceAbort(refreshing, signal);
    },
    invalidate(rejectedToken) {
      if (rejectedToken === undefined || cached?.token === rejectedToken) cached = undefined;
    },
  };
}

/** Why the config cannot work, as an AuthError to throw; undefined when it is complete. */
function missingCredentials(config: AuthConfig | null | undefined): AuthError | undefined {
  if (!config || (config.mode === 'broker' && !config.brokerUrl.trim())) {
    return new AuthError({ reason: 'no-credentials' });
  }
  if (config.mode === 'broker') return undefined;
  const absent = (['clientId', 'clientSecret', 'refreshToken'] as const).filter((key) => !config[key].trim());
  if (!absent.length) return undefined;
  return new AuthError({
    reason: 'no-credentials',
    message: `The Amazon Business API credentials are incomplete (${absent.join(', ')} missing).`,
  });
}

async function requestToken(
  config: AuthConfig,
  fetchImpl: typeof fetch,
  signal: AbortSignal,
): Promise<{ accessToken: string; expiresInSeconds: number }> {
  const request: { url: string; init: RequestInit } =
    config.mode === 'broker'
      ? {
          url: config.brokerUrl,
          init: {
            method: 'POST',
            headers: { accept: 'application/json' },
            credentials: config.credentials ?? 'include',
          },
        }
      : {
          url: config.tokenUrl ?? DEFAULT_LWA_TOKEN_URL,
          init: {
            method: 'POST',
            headers: {
              accept: 'application/json',
              'content-type': 'application/x-www-form-urlencoded;charset=UTF-8',
            },
            body: new URLSearchParams({
              grant_type: 'refresh_token',
              refresh_token: config.refreshToken,
              client_id: config.clientId,
              client_secret: config.clientSecret,
            }).toString(),
            credentials: 'omit',
          },
        };
  const service = config.mode === 'broker' ? 'The token service' : 'Login with Amazon';

  let response: Response;
  let body: string;
  try {
    response = await fetchImpl(request.url, { ...request.init, signal, cache: 'no-store' });
    body = await response.text();
  } catch (error) {
    // An abort (timeout or caller) is turned into its typed reason by withTimeout.
    throw new NetworkError({ message: `${service} could not be reached (${errorText(error)}).` });
  }
  const json = parseJson(body);

  if (response.ok) {
    if (config.mode === 'broker') {
      const parsed = brokerTokenResponseSchema.safeParse(json);
      if (!parsed.success) {
        throw new MalformedResponseError({
          message: `${service} did not return { access_token, expires_in }.`,
          status: response.status,
        });
      }
      return { accessToken: parsed.data.access_token, expiresInSeconds: parsed.data.expires_in };
    }
    const parsed = lwaTokenResponseSchema.safeParse(json);
    if (!parsed.success) {
      throw new MalformedResponseError({
        message: `${service} sent an unreadable token response.`,
        status: response.status,
      });
    }
    return { accessToken: parsed.data.access_token, expiresInSeconds: parsed.data.expires_in };
  }

  if (response.status === 429)
    throw new ThrottledError({ message: `${service} is limiting requests; try again shortly.` });
  if (response.status >= 500) {
    throw new ApiResponseError({ status: response.status, message: `${service} failed (HTTP ${response.status}).` });
  }
  const lwaError = lwaErrorSchema.safeParse(json);
  const detail = lwaError.success
    ? `${lwaError.data.error}${lwaError.data.error_description ? `: ${lwaError.data.error_description}` : ''}`
    : `HTTP ${response.status}`;
  throw new AuthError({
    reason: 'refresh-failed',
    status: response.status,
    code: lwaError.success ? lwaError.data.error : undefined,
    message: `${service} refused to issue an access token (${detail}).`,
  });
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
