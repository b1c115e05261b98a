import { z } from 'zod';

/**
 * Typed errors of the Reporting API client. Every failure the background can meet ends as one of these, so
 * the popup and the checkout guard can switch on `kind`. They cross the messaging boundary as plain objects
 * (`toJSON()` / `serializeApiError`) and come back with `apiErrorFromJSON` after a zod parse.
 */
export type ApiErrorKind = 'auth' | 'throttled' | 'network' | 'timeout' | 'api' | 'malformed' | 'paging' | 'aborted';

/** Why authentication failed: nothing configured, the token service refused, or Amazon refused the token. */
export type AuthReason = 'no-credentials' | 'refresh-failed' | 'forbidden';
export type PagingReason = 'repeated-token' | 'page-cap';

const authSchema = z.object({
  kind: z.literal('auth'),
  message: z.string(),
  reason: z.enum(['no-credentials', 'refresh-failed', 'forbidden']),
  status: z.number().optional(),
  code: z.string().optional(),
  requestId: z.string().optional(),
});
const throttledSchema = z.object({
  kind: z.literal('throttled'),
  message: z.string(),
  retryAfterMs: z.number().optional(),
  requestId: z.string().optional(),
});
const networkSchema = z.object({ kind: z.literal('network'), message: z.string() });
const timeoutSchema = z.object({ kind: z.literal('timeout'), message: z.string(), timeoutMs: z.number() });
const apiSchema = z.object({
  kind: z.literal('api'),
  message: z.string(),
  /** HTTP status; 0 when the client refused the request before sending it. */
  status: z.number(),
  code: z.string().optional(),
  details: z.string().optional(),
  requestId: z.string().optional(),
});
const malformedSchema = z.object({
  kind: z.literal('malformed'),
  message: z.string(),
  /** Where the first problem is, e.g. `ordersReport[3].orderMetadata.orderId`; absent when the body is not JSON. */
  path: z.string().optional(),
  status: z.number().optional(),
  requestId: z.string().optional(),
});
const pagingSchema = z.object({
  kind: z.literal('paging'),
  message: z.string(),
  reason: z.enum(['repeated-token', 'page-cap']),
  pages: z.number(),
});
const abortedSchema = z.object({ kind: z.literal('aborted'), message: z.string() });

/** The plain-object form of every API error, parsed on arrival by whoever receives it over messaging. */
export const serializedApiErrorSchema = z.discriminatedUnion('kind', [
  authSchema,
  throttledSchema,
  networkSchema,
  timeoutSchema,
  apiSchema,
  malformedSchema,
  pagingSchema,
  abortedSchema,
]);
export type SerializedApiError = z.infer<typeof serializedApiErrorSchema>;

type Fields<K extends ApiErrorKind> = Omit<Extract<SerializedApiError, { kind: K }>, 'kind' | 'message'> & {
  message?: string;
};

export abstract class ApiError extends Error {
  abstract readonly kind: ApiErrorKind;
  abstract toJSON(): SerializedApiError;
}

export class AuthError extends ApiError {
  readonly kind = 'auth';
  readonly reason: AuthReason;
  readonly status?: number;
  readonly code?: string;
  readonly requestId?: string;
  constructor(fields: Fields<'auth'>) {
    super(fields.message ?? AUTH_MESSAGES[fields.reason]);
    this.name = 'AuthError';
    this.reason = fields.reason;
    this.status = fields.status;
    this.code = fields.code;
    this.requestId = fields.requestId;
  }
  toJSON(): SerializedApiError {
    return clean({
      kind: this.kind,
      message: this.message,
      reason: this.reason,
      status: this.status,
      code: this.code,
      requestId: this.requestId,
    });
  }
}

const AUTH_MESSAGES: Record<AuthReason, string> = {
  'no-credentials':
    'No Amazon Business API access is set up. Ask your administrator, or add credentials on the options page.',
  'refresh-failed': 'Could not get an access token for the Amazon Business API.',
  forbidden: 'Amazon refused the access token. The account may lack the Reporting API role.',
};

export class ThrottledError extends ApiError {
  readonly kind = 'throttled';
  readonly retryAfterMs?: number;
  readonly requestId?: string;
  constructor(fields: Fields<'throttled'> = {}) {
    super(fields.message ?? 'Amazon is limiting how fast orders can be looked up. Try again in a moment.');
    this.name = 'ThrottledError';
    this.retryAfterMs = fields.retryAfterMs;
    this.requestId = fields.requestId;
  }
  toJSON(): SerializedApiError {
    return clean({
      kind: this.kind,
      message: this.message,
      retryAfterMs: this.retryAfterMs,
      requestId: this.requestId,
    });
  }
}

export class NetworkError extends ApiError {
  readonly kind = 'network';
  constructor(fields: Fields<'network'> = {}) {
    super(fields.message ?? 'Could not reach Amazon. Check the network connection.');
    this.name = 'NetworkError';
  }
  toJSON(): SerializedApiError {
    return { kind: this.kind, message: this.message };
  }
}

export class TimeoutError extends ApiError {
  readonly kind = 'timeout';
  readonly timeoutMs: number;
  constructor(fields: Fields<'timeout'>) {
    super(fields.message ?? `Amazon did not answer within ${Math.round(fields.timeoutMs / 1000)} s.`);
    this.name = 'TimeoutError';
    this.timeoutMs = fields.timeoutMs;
  }
  toJSON(): SerializedApiError {
    return { kind: this.kind, message: this.message, timeoutMs: this.timeoutMs };
  }
}

/** Amazon answered with an error status (or the client refused the input: status 0). */
export class ApiResponseError extends ApiError {
  readonly kind = 'api';
  readonly status: number;
  readonly code?: string;
  readonly details?: string;
  readonly requestId?: string;
  constructor(fields: Fields<'api'>) {
    super(fields.message ?? `Amazon answered with HTTP ${fields.status}.`);
    this.name = 'ApiResponseError';
    this.status = fields.status;
    this.code = fields.code;
    this.details = fields.details;
    this.requestId = fields.requestId;
  }
  toJSON(): SerializedApiError {
    return clean({
      kind: this.kind,
      message: this.message,
      status: this.status,
      code: this.code,
      details: this.details,
      requestId: this.requestId,
    });
  }
}

export class MalformedResponseError extends ApiError {
  readonly kind = 'malformed';
  readonly path?: string;
  readonly status?: number;
  readonly requestId?: string;
  constructor(fields: Fields<'malformed'> = {}) {
    super(fields.message ?? 'Amazon sent a response PO Assist cannot read.');
    this.name = 'MalformedResponseError';
    this.path = fields.path;
    this.status = fields.status;
    this.requestId = fields.requestId;
  }
  toJSON(): SerializedApiError {
    return clean({
      kind: this.kind,
      message: this.message,
      path: this.path,
      status: this.status,
      requestId: this.requestId,
    });
  }
}

export class PagingError extends ApiError {
  readonly kind = 'paging';
  readonly reason: PagingReason;
  readonly pages: number;
  constructor(fields: Fields<'paging'>) {
    super(
      fields.message ??
        (fields.reason === 'repeated-token'
          ? `Amazon sent the same page token twice after ${fields.pages} pages; stopped to avoid a loop.`
          : `Stopped after ${fields.pages} pages; the results are incomplete.`),
    );
    this.name = 'PagingError';
    this.reason = fields.reason;
    this.pages = fields.pages;
  }
  toJSON(): SerializedApiError {
    return { kind: this.kind, message: this.message, reason: this.reason, pages: this.pages };
  }
}

export class AbortedError extends ApiError {
  readonly kind = 'aborted';
  constructor(fields: Fields<'aborted'> = {}) {
    super(fields.message ?? 'The lookup was cancelled.');
    this.name = 'AbortedError';
  }
  toJSON(): SerializedApiError {
    return { kind: this.kind, message: this.message };
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

/**
 * Any thrown value as an ApiError. Abort and timeout DOMExceptions keep their meaning; anything else that is
 * not already typed becomes a client-side `api` error with status 0, so nothing escapes untyped.
 */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  const name = error instanceof Error || isDomException(error) ? (error as { name: string }).name : '';
  if (name === 'AbortError') return new AbortedError();
  const message = error instanceof Error ? error.message : String(error);
  return new ApiResponseError({ status: 0, code: 'ClientError', message });
}

function isDomException(value: unknown): boolean {
  return typeof DOMException !== 'undefined' && value instanceof DOMException;
}

export function serializeApiError(error: unknown): SerializedApiError {
  return toApiError(error).toJSON();
}

/** Rebuilds the class from its plain form (after `serializedApiErrorSchema.parse` on the receiving side). */
export function apiErrorFromJSON(json: SerializedApiError): ApiError {
  switch (json.kind) {
    case 'auth':
      return new AuthError(json);
    case 'throttled':
      return new ThrottledError(json);
    case 'network':
      return new NetworkError(json);
    case 'timeout':
      return new TimeoutError(json);
    case 'api':
      return new ApiResponseError(json);
    case 'malformed':
      return new MalformedResponseError(json);
    case 'paging':
      return new PagingError(json);
    case 'aborted':
      return new AbortedError(json);
  }
}

/** Drops undefined members so the plain form survives structured cloning and deep equality unchanged. */
function clean<T extends Record<string, unknown>>(value: T): T & SerializedApiError {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T & SerializedApiError;
}
