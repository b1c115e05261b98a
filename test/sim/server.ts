/**
 * A local Amazon Business API simulator (tests, e2e and the demo; never shipped).
 *
 * One HTTPS server answers for every host, dispatching on the `Host` header (or `x-sim-host`, for clients that
 * cannot set Host), because the e2e tests map all Amazon hosts to it with Chromium's `--host-resolver-rules`:
 * - `api.amazon.com`                          POST /auth/o2/token  (Login with Amazon, refresh-token grant)
 * - `(sandbox.)(na|eu|jp).business-api.amazon.com`
 *                                             GET /reports/2025-06-09/purchaseOrders/{po}/orderReports
 * - any host                                  POST /broker/token   (a reference token broker)
 * - any host                                  /__sim/faults, /__sim/stats, /__sim/reset, /__sim/revoke-tokens
 * - `localhost` / `127.0.0.1` (not a mapped host) serve LWA and the reports of every region.
 * Sandbox hosts serve the same data as production ones.
 *
 * Every response carries CORS headers (the requester's origin, or `*`), and OPTIONS preflights are answered,
 * so an extension service worker can call it with or without host permissions.
 */
import { createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import {
  DEFAULT_SEED,
  SIM_ENDPOINT_REGIONS,
  SIM_REGIONS,
  buildDataset,
  describeDataset,
  type SimDataset,
  type SimPoInfo,
  type SimRegion,
  type WireOrder,
} from './data';
import { buildBulkDataset, type BulkDataset } from './order-report-data';
import { handleOrderReports, ORDER_REPORTS_PATH } from './order-reports-route';

export const SIM_TLS = {
  certPath: fileURLToPath(new URL('../support/tls/cert.pem', import.meta.url)),
  keyPath: fileURLToPath(new URL('../support/tls/key.pem', import.meta.url)),
};

/** The LWA credentials the simulator accepts unless told otherwise. */
export const SIM_CREDENTIALS = {
  clientId: 'amzn1.application-oa2-client.po-assist-sim',
  clientSecret: 'po-assist-sim-secret',
  refreshToken: 'Atzr|po-assist-sim-refresh-token',
} as const;

export const REPORTS_PATH = /^\/reports\/2025-06-09\/purchaseOrders\/([^/]*)\/orderReports$/;

export interface SimulatorOptions {
  /** 0 (default) picks a free port. The server listens on `host` only. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  tls?: { cert: string | Buffer; key: string | Buffer };
  seed?: number;
  /** "Today" of the data set (orders fall in the 2 years before). Default: when the simulator starts. */
  now?: number;
  /** The time token expiry and the rate limit run on. Default Date.now. */
  clock?: () => number;
  /** Orders per page. Default 10 (Amazon does not document it; small pages exercise paging). */
  pageSize?: number;
  /** Orders per page of getOrderReports (a date range). Default 100. */
  orderReportsPageSize?: number;
  /** Lifetime of issued access tokens. Default 3600. */
  tokenTtlSeconds?: number;
  /** Per operation. Default 0.5 requests/second, burst 10, as Amazon's usage plan. */
  rateLimit?: { ratePerSecond: number; burst: number };
  /**
   * What `region` selects: the orders placed in that marketplace ('marketplace', the default and the literal
   * reading of the API), or every order of the endpoint serving it ('endpoint': US also returns CA and MX).
   */
  regionScope?: 'marketplace' | 'endpoint';
  /** The LWA credentials accepted. Default SIM_CREDENTIALS. */
  credentials?: { clientId: string; clientSecret: string; refreshToken: string };
  /** One line per request, e.g. console.log in the CLI. */
  log?: (line: string) => void;
}

export type ResolvedSimulatorOptions = Required<Omit<SimulatorOptions, 'tls' | 'log'>> & Pick<SimulatorOptions, 'log'>;

/** Faults for the reports endpoint. Counted ones apply to the next N report requests. */
export const simFaultsSchema = z
  .object({
    /** The next `count` report requests answer 500 or 503 with an ErrorList. */
    serverErrors: z.object({
      count: z.number().int().positive(),
      status: z.union([z.literal(500), z.literal(503)]).optional(),
    }),
    /** The next `count` report requests answer 502 with an HTML page (a gateway in the way). */
    htmlErrors: z.object({ count: z.number().int().positive() }),
    /** The next `count` report requests answer 429, whatever the bucket holds; with Retry-After when given. */
    throttle: z.object({
      count: z.number().int().positive(),
      retryAfterSeconds: z.number().int().nonnegative().optional(),
    }),
    /** Page k (1-based) of every lookup is cut off in the middle of its JSON. */
    truncateJsonOnPage: z.number().int().positive(),
    /** Every report response waits this long. */
    delayMs: z.number().int().nonnegative(),
    /** From page 2 on, the next page token is the very token the client sent (a server that loops). */
    repeatPageToken: z.boolean(),
    /** Every page has an order with an unknown status and an unknown charge type. */
    unknownValues: z.boolean(),
    /** On page `page`, the order at `index` (default 0) has no `orderMetadata.orderId`. */
    missingOrderId: z.object({ page: z.number().int().positive(), index: z.number().int().nonnegative().optional() }),
    /** The next access token issued (LWA or broker) is already expired, though `expires_in` says otherwise. */
    expireNextToken: z.boolean(),
  })
  .partial();
export type SimFaults = z.infer<typeof simFaultsSchema>;
/** `setFaults` merges; `null` clears one fault. */
export type SimFaultsPatch = { [K in keyof SimFaults]?: SimFaults[K] | null };
const simFaultsPatchSchema = z.object(
  Object.fromEntries(
    Object.entries(simFaultsSchema.shape).map(([key, schema]) => [key, schema.unwrap().nullable().optional()]),
  ),
);

export interface SimStats {
  /** Every request but the /__sim control endpoints. */
  requests: number;
  /** 429s answered (bucket and faults). */
  throttled: number;
  /** Requests per raw path, e.g. `/reports/2025-06-09/purchaseOrders/PO-BIG-0001/orderReports`. */
  byPath: Record<string, number>;
  /** Responses per HTTP status. */
  byStatus: Record<string, number>;
  tokensIssued: number;
}

export interface Simulator {
  port: number;
  /** `https://127.0.0.1:<port>`. */
  url: string;
  close(): Promise<void>;
  setFaults(faults: SimFaultsPatch): void;
  readonly faults: SimFaults;
  /** Clears faults and stats and refills the rate bucket; issued tokens stay valid. */
  reset(): void;
  /** Every access token issued so far becomes invalid. */
  revokeTokens(): void;
  /** A valid access token without going through LWA. */
  issueToken(): string;
  readonly stats: SimStats;
  readonly options: ResolvedSimulatorOptions;
  readonly dataset: SimDataset;
  /** What getOrderReports serves: the by-PO orders and the bulk (order-report-data.ts). */
  readonly bulk: BulkDataset;
  /** Expected counts and totals of the sample POs for this seed. */
  readonly pos: readonly SimPoInfo[];
}

interface IssuedToken {
  expiresAt: number;
}

export interface PageCursor {
  po: string;
  region: string;
  offset: number;
}

export class SimResponse {
  constructor(
    readonly status: number,
    readonly body: string,
    readonly headers: Record<string, string> = {},
  ) {}
  static json(status: number, value: unknown, headers: Record<string, string> = {}): SimResponse {
    return new SimResponse(status, JSON.stringify(value), { 'content-type': 'application/json', ...headers });
  }
  static errorList(status: number, code: string, message: string, details?: string): SimResponse {
    return SimResponse.json(status, { errors: [{ code, message, ...(details ? { details } : {}) }] });
  }
  withHeaders(headers: Record<string, string>): SimResponse {
    return new SimResponse(this.status, this.body, { ...this.headers, ...headers });
  }
}

const WILDCARD_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);
const API_HOST = /^(sandbox\.)?(na|eu|jp)\.business-api\.amazon\.com$/;

export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const clock = options.clock ?? (() => Date.now());
  const resolved: ResolvedSimulatorOptions = {
    port: options.port ?? 0,
    host: options.host ?? '127.0.0.1',
    seed: options.seed ?? DEFAULT_SEED,
    now: options.now ?? clock(),
    clock,
    pageSize: options.pageSize ?? 10,
    orderReportsPageSize: options.orderReportsPageSize ?? 100,
    tokenTtlSeconds: options.tokenTtlSeconds ?? 3600,
    rateLimit: options.rateLimit ?? { ratePerSecond: 0.5, burst: 10 },
    regionScope: options.regionScope ?? 'marketplace',
    credentials: options.credentials ?? { ...SIM_CREDENTIALS },
    log: options.log,
  };
  const dataset = buildDataset({ seed: resolved.seed, now: resolved.now });
  const bulk = buildBulkDataset(dataset);
  const pos = describeDataset(dataset);
  const signingKey = randomBytes(32);
  const tokens = new Map<string, IssuedToken>();
  let faults: SimFaults = {};
  let stats = emptyStats();
  const bucket = new Bucket(resolved.rateLimit, clock);
  const pendingTimers = new Set<ReturnType<typeof setTimeout>>();

  const issueToken = (): { token: string; expiresIn: number } => {
    const token = `Atza|sim-${randomBytes(18).toString('base64url')}`;
    const expired = faults.expireNextToken === true;
    if (expired) delete faults.expireNextToken;
    tokens.set(token, { expiresAt: expired ? clock() - 1000 : clock() + resolved.tokenTtlSeconds * 1000 });
    stats.tokensIssued += 1;
    return { token, expiresIn: resolved.tokenTtlSeconds };
  };

  const signCursor = (cursor: PageCursor): string => {
    const payload = Buffer.from(JSON.stringify(cursor)).toString('base64url');
    return `${payload}.${createHmac('sha256', signingKey).update(payload).digest('base64url')}`;
  };
  const readCursor = (token: string): PageCursor | undefined => {
    const [payload, signature, extra] = token.split('.');
    if (!payload || !signature || extra !== undefined) return undefined;
    const expected = createHmac('sha256', signingKey).update(payload).digest();
    const given = Buffer.from(signature, 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
    try {
      return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as PageCursor;
    } catch {
      return undefined;
    }
  };

  /** Takes one from a counted fault: the fault when it applies to this request. */
  const takeCounted = <K extends 'serverErrors' | 'htmlErrors' | 'throttle'>(key: K): SimFaults[K] => {
    const fault = faults[key];
    if (!fault) return undefined;
    if (fault.count <= 1) delete faults[key];
    else (faults as Record<string, unknown>)[key] = { ...fault, count: fault.count - 1 };
    return fault;
  };

  const throttled = (retryAfterSeconds: number | undefined): SimResponse => {
    stats.throttled += 1;
    return SimResponse.errorList(
      429,
      'QuotaExceeded',
      'You exceeded your quota for the requested resource.',
    ).withHeaders(retryAfterSeconds === undefined ? {} : { 'retry-after': String(retryAfterSeconds) });
  };

  const handleToken = (body: string, contentType: string): SimResponse => {
    if (!/^application\/x-www-form-urlencoded/i.test(contentType)) {
      return SimResponse.json(400, { error: 'invalid_request', error_description: 'Expected a form-encoded body' });
    }
    const form = new URLSearchParams(body);
    if (form.get('grant_type') !== 'refresh_token') {
      return SimResponse.json(400, {
        error: 'unsupported_grant_type',
        error_description: 'Only grant_type=refresh_token is supported',
      });
    }
    const { clientId, clientSecret, refreshToken } = resolved.credentials;
    if (form.get('client_id') !== clientId || form.get('client_secret') !== clientSecret) {
      return SimResponse.json(401, { error: 'invalid_client', error_description: 'Client authentication failed' });
    }
    if (form.get('refresh_token') !== refreshToken) {
      return SimResponse.json(400, {
        error: 'invalid_grant',
        error_description: 'The request has an invalid grant parameter : refresh_token',
      });
    }
    const { token, expiresIn } = issueToken();
    return SimResponse.json(200, {
      access_token: token,
      refresh_token: refreshToken,
      token_type: 'bearer',
      expires_in: expiresIn,
    });
  };

  /** Faults and token checks every reports operation applies first; undefined when the request may go on. */
  const reportsPrologue = (accessToken: string | undefined): SimResponse | undefined => {
    const throttleFault = takeCounted('throttle');
    if (throttleFault) return throttled(throttleFault.retryAfterSeconds);
    const serverError = takeCounted('serverErrors');
    if (serverError) {
      const status = serverError.status ?? 500;
      return SimResponse.errorList(
        status,
        status === 503 ? 'ServiceUnavailable' : 'InternalFailure',
        status === 503 ? 'Service temporarily unavailable' : 'We encountered an internal error. Please try again.',
      );
    }
    if (takeCounted('htmlErrors')) {
      return new SimResponse(
        502,
        '<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>',
        { 'content-type': 'text/html; charset=utf-8' },
      );
    }

    const denied = (why: string) =>
      SimResponse.errorList(403, 'Unauthorized', `Access to requested resource is denied: ${why}.`, why);
    if (!accessToken) return denied('the x-amz-access-token header is missing');
    const issued = tokens.get(accessToken);
    if (!issued) return denied('the access token is invalid or was revoked');
    if (issued.expiresAt <= clock()) return denied('the access token has expired');
    return undefined;
  };

  const handleReports = (url: URL, host: string, accessToken: string | undefined, rawPo: string): SimResponse => {
    const refused = reportsPrologue(accessToken);
    if (refused) return refused;
    let po: string;
    try {
      po = decodeURIComponent(rawPo);
    } catch {
      return SimResponse.errorList(
        400,
        'INVALID_REQUEST_PARAMETER',
        'The purchaseOrderNumber is not validly percent-encoded.',
      );
    }
    if (!po) {
      return SimResponse.errorList(
        400,
        'INVALID_REQUEST_PARAMETER',
        'The required parameter purchaseOrderNumber is missing or invalid.',
        'Please provide a valid purchase order number.',
      );
    }
    const region = url.searchParams.get('region');
    if (!region) {
      return SimResponse.errorList(400, 'INVALID_REQUEST_PARAMETER', 'The required parameter region is missing.');
    }
    if (!(SIM_REGIONS as readonly string[]).includes(region)) {
      return SimResponse.errorList(
        400,
        'INVALID_REQUEST_PARAMETER',
        `Unknown region ${region}.`,
        `Valid regions: ${SIM_REGIONS.join(' ')}`,
      );
    }
    const endpoint = API_HOST.exec(host)?.[2] as keyof typeof SIM_ENDPOINT_REGIONS | undefined;
    if (endpoint && !SIM_ENDPOINT_REGIONS[endpoint].includes(region as SimRegion)) {
      return SimResponse.errorList(
        400,
        'INVALID_REQUEST_PARAMETER',
        `Region ${region} is not served by ${host}.`,
        `This endpoint serves ${SIM_ENDPOINT_REGIONS[endpoint].join(', ')}.`,
      );
    }

    if (!bucket.take()) return throttled(undefined);

    let offset = 0;
    const pageToken = url.searchParams.get('nextPageToken');
    if (pageToken) {
      const cursor = readCursor(pageToken);
      if (!cursor || cursor.po !== po || cursor.region !== region) {
        return SimResponse.errorList(
          400,
          'INVALID_REQUEST_PARAMETER',
          'The nextPageToken is invalid or does not belong to this query.',
          'Send the same purchaseOrderNumber and region as the request that returned the token.',
        );
      }
      offset = cursor.offset;
    }

    const scope =
      resolved.regionScope === 'endpoint'
        ? SIM_ENDPOINT_REGIONS[endpointOf(region as SimRegion)]
        : [region as SimRegion];
    const all = (dataset.byPo.get(po) ?? []).filter((order) => scope.includes(order.region));
    const pageNumber = Math.floor(offset / resolved.pageSize) + 1;
    const pageOrders: WireOrder[] = all
      .slice(offset, offset + resolved.pageSize)
      .map((order) => structuredClone(order.wire));
    const nextOffset = offset + resolved.pageSize;
    let nextPageToken: string | undefined =
      nextOffset < all.length ? signCursor({ po, region, offset: nextOffset }) : undefined;
    if (faults.repeatPageToken && pageToken && nextPageToken) nextPageToken = pageToken;

    if (faults.unknownValues && pageOrders[0]) {
      pageOrders[0].orderStatus = 'ON_HOLD_FOR_REVIEW';
      const currencyCode = pageOrders[0].charges[0]?.amount.currencyCode ?? 'USD';
      pageOrders[0].charges.push({ type: 'GIFT_WRAP', amount: { currencyCode, amount: 0 } });
    }
    if (faults.missingOrderId && faults.missingOrderId.page === pageNumber) {
      const target = pageOrders[faults.missingOrderId.index ?? 0];
      if (target) delete target.orderMetadata.orderId;
    }

    const body: Record<string, unknown> = { ordersReport: pageOrders, size: pageOrders.length };
    if (nextPageToken) body.nextPageToken = nextPageToken;
    else lastPageTokenVariant(po, body);
    const json = JSON.stringify(body);
    if (faults.truncateJsonOnPage === pageNumber) {
      return new SimResponse(200, json.slice(0, Math.floor(json.length / 2)), { 'content-type': 'application/json' });
    }
    return new SimResponse(200, json, { 'content-type': 'application/json' });
  };

  const route = async (req: IncomingMessage, body: string): Promise<SimResponse> => {
    const url = new URL(req.url ?? '/', 'https://sim.invalid');
    const host = effectiveHost(req);
    const method = req.method ?? 'GET';
    const wildcard = WILDCARD_HOSTS.has(host);

    if (url.pathname.startsWith('/__sim/')) return control(method, url.pathname, body);

    stats.requests += 1;
    stats.byPath[url.pathname] = (stats.byPath[url.pathname] ?? 0) + 1;
    if (method === 'OPTIONS') return new SimResponse(204, '');

    if (url.pathname === '/broker/token') {
      if (method !== 'POST') return methodNotAllowed('POST');
      const { token, expiresIn } = issueToken();
      return SimResponse.json(200, { access_token: token, token_type: 'bearer', expires_in: expiresIn });
    }
    if (url.pathname === '/auth/o2/token' && (host === 'api.amazon.com' || wildcard)) {
      if (method !== 'POST') return methodNotAllowed('POST');
      return handleToken(body, req.headers['content-type'] ?? '');
    }
    const reports = REPORTS_PATH.exec(url.pathname);
    if (reports && (API_HOST.test(host) || wildcard)) {
      if (method !== 'GET') return methodNotAllowed('GET');
      const header = req.headers['x-amz-access-token'];
      const response = handleReports(url, host, Array.isArray(header) ? header[0] : header, reports[1]!);
      const delay = faults.delayMs ?? 0;
      if (delay > 0) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(() => {
            pendingTimers.delete(timer);
            resolve();
          }, delay);
          pendingTimers.add(timer);
        });
      }
      return response.withHeaders({
        'x-amzn-RateLimit-Limit': String(resolved.rateLimit.ratePerSecond),
      });
    }
    // getOrderReports (a date range): served by order-reports-route.ts with the same faults, tokens and bucket.
    if (url.pathname === ORDER_REPORTS_PATH && (API_HOST.test(host) || wildcard)) {
      if (method !== 'GET') return methodNotAllowed('GET');
      const header = req.headers['x-amz-access-token'];
      const response =
        reportsPrologue(Array.isArray(header) ? header[0] : header) ??
        handleOrderReports(url, host, {
          bulk,
          pageSize: resolved.orderReportsPageSize,
          regionScope: resolved.regionScope,
          faults,
          takeBucket: () => bucket.take(),
          throttled: () => throttled(undefined),
          signCursor,
          readCursor,
          endpointRegions: (region) => SIM_ENDPOINT_REGIONS[endpointOf(region)],
          hostEndpoint: API_HOST.exec(host)?.[2],
        });
      const delay = faults.delayMs ?? 0;
      if (delay > 0) await new Promise<void>((resolve) => setTimeout(resolve, delay));
      return response.withHeaders({ 'x-amzn-RateLimit-Limit': String(resolved.rateLimit.ratePerSecond) });
    }
    return SimResponse.errorList(404, 'NotFound', `No such resource: ${method} ${host}${url.pathname}`);
  };

  const control = (method: string, pathname: string, body: string): SimResponse => {
    if (method === 'OPTIONS') return new SimResponse(204, '');
    if (pathname === '/__sim/stats' && method === 'GET') return SimResponse.json(200, stats);
    if (pathname === '/__sim/faults' && method === 'GET') return SimResponse.json(200, faults);
    if (pathname === '/__sim/faults' && method === 'POST') {
      let patch: unknown;
      try {
        patch = JSON.parse(body || '{}');
      } catch {
        return SimResponse.errorList(400, 'InvalidInput', 'The body is not JSON.');
      }
      const parsed = simFaultsPatchSchema.safeParse(patch);
      if (!parsed.success) return SimResponse.errorList(400, 'InvalidInput', z.prettifyError(parsed.error));
      simulator.setFaults(parsed.data as SimFaultsPatch);
      return SimResponse.json(200, faults);
    }
    if (pathname === '/__sim/reset' && method === 'POST') {
      simulator.reset();
      return SimResponse.json(200, { ok: true });
    }
    if (pathname === '/__sim/revoke-tokens' && method === 'POST') {
      simulator.revokeTokens();
      return SimResponse.json(200, { ok: true });
    }
    return SimResponse.errorList(404, 'NotFound', `No such control endpoint: ${method} ${pathname}`);
  };

  const tls = options.tls ?? { cert: readFileSync(SIM_TLS.certPath), key: readFileSync(SIM_TLS.keyPath) };
  const sockets = new Set<Socket>();
  const server: Server = createServer({ cert: tls.cert, key: tls.key }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      route(req, body)
        .catch((error: unknown) => SimResponse.errorList(500, 'InternalFailure', `Simulator bug: ${String(error)}`))
        .then((response) => send(req, res, response));
    });
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  const send = (req: IncomingMessage, res: ServerResponse, response: SimResponse) => {
    if (res.destroyed || res.writableEnded) return;
    if (!req.url?.startsWith('/__sim/')) stats.byStatus[response.status] = (stats.byStatus[response.status] ?? 0) + 1;
    resolved.log?.(`${response.status} ${req.method} ${effectiveHost(req)}${req.url}`);
    res.writeHead(response.status, {
      ...corsHeaders(req),
      'x-amzn-RequestId': randomUUID(),
      ...response.headers,
      ...(response.status === 204 ? {} : { 'content-length': Buffer.byteLength(response.body) }),
    });
    res.end(response.status === 204 ? undefined : response.body);
  };

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(resolved.port, resolved.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;

  const simulator: Simulator = {
    port,
    url: `https://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const timer of pendingTimers) clearTimeout(timer);
        pendingTimers.clear();
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      }),
    setFaults(patch) {
      const next: Record<string, unknown> = { ...faults };
      for (const [key, value] of Object.entries(patch)) {
        if (value === null || value === undefined) delete next[key];
        else next[key] = value;
      }
      faults = simFaultsSchema.parse(next);
    },
    get faults() {
      return structuredClone(faults);
    },
    reset() {
      faults = {};
      stats = emptyStats();
      bucket.refill();
    },
    revokeTokens() {
      tokens.clear();
    },
    issueToken: () => issueToken().token,
    get stats() {
      return structuredClone(stats);
    },
    options: resolved,
    dataset,
    bulk,
    pos,
  };
  return simulator;
}

function emptyStats(): SimStats {
  return { requests: 0, throttled: 0, byPath: {}, byStatus: {}, tokensIssued: 0 };
}

function endpointOf(region: SimRegion): keyof typeof SIM_ENDPOINT_REGIONS {
  return (Object.keys(SIM_ENDPOINT_REGIONS) as (keyof typeof SIM_ENDPOINT_REGIONS)[]).find((endpoint) =>
    SIM_ENDPOINT_REGIONS[endpoint].includes(region),
  )!;
}

/** The last page says "no more" in one of the three ways Amazon's documents show, fixed per PO. */
function lastPageTokenVariant(po: string, body: Record<string, unknown>): void {
  const variant = [...po].reduce((sum, ch) => sum + ch.charCodeAt(0), 0) % 3;
  if (variant === 1) body.nextPageToken = null;
  else if (variant === 2) body.nextPageToken = '';
}

function methodNotAllowed(allowed: string): SimResponse {
  return SimResponse.errorList(405, 'MethodNotAllowed', `Use ${allowed}.`).withHeaders({
    allow: `${allowed}, OPTIONS`,
  });
}

function effectiveHost(req: IncomingMessage): string {
  const override = req.headers['x-sim-host'];
  const raw = (Array.isArray(override) ? override[0] : override) ?? req.headers.host ?? '';
  return raw.toLowerCase().replace(/:\d+$/, '');
}

function corsHeaders(req: IncomingMessage): Record<string, string> {
  const origin = req.headers.origin;
  const headers: Record<string, string> = {
    'access-control-allow-methods': 'GET, POST, OPTIONS',
    'access-control-allow-headers':
      req.headers['access-control-request-headers'] ?? 'x-amz-access-token, accept, content-type, x-sim-host',
    'access-control-expose-headers': 'x-amzn-RequestId, x-amzn-RateLimit-Limit, Retry-After',
    'access-control-max-age': '600',
  };
  if (req.headers['access-control-request-private-network'] === 'true') {
    headers['access-control-allow-private-network'] = 'true';
  }
  if (origin) {
    // Echoing the origin (rather than `*`) also allows credentialed requests, as a company's broker must.
    headers['access-control-allow-origin'] = origin;
    headers['access-control-allow-credentials'] = 'true';
    headers.vary = 'Origin';
  } else {
    headers['access-control-allow-origin'] = '*';
  }
  return headers;
}

/** The server side of the usage plan: a plain token bucket, answering 429 when empty. */
class Bucket {
  private tokens: number;
  private updatedAt: number;
  constructor(
    private readonly limit: { ratePerSecond: number; burst: number },
    private readonly clock: () => number,
  ) {
    this.tokens = limit.burst;
    this.updatedAt = clock();
  }
  take(): boolean {
    const now = this.clock();
    this.tokens = Math.min(this.limit.burst, this.tokens + ((now - this.updatedAt) / 1000) * this.limit.ratePerSecond);
    this.updatedAt = now;
    if (this.tokens < 1 - 1e-9) return false;
    this.tokens -= 1;
    return true;
  }
  refill(): void {
    this.tokens = this.limit.burst;
    this.updatedAt = this.clock();
  }
}
