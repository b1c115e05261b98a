/**
 * A `fetch` for Node tests that sends every `https://<any host>/…` request to the simulator on 127.0.0.1,
 * keeping the real host where it matters: the `Host` header (the simulator dispatches on it) and TLS SNI,
 * and trusting the test certificate, whose SANs cover the Amazon hosts.
 *
 * Why not Node's own fetch: it cannot set `Host`, and the undici `Agent` it would need for a custom DNS lookup
 * is not importable without adding the `undici` package. `node:https` does both with nothing to install, and
 * the client under test still gets a standard `Response`.
 */
import { readFileSync } from 'node:fs';
import { request as httpsRequest, type Agent } from 'node:https';
import { isIP } from 'node:net';
import { checkServerIdentity } from 'node:tls';
import { SIM_TLS } from './server';

export interface SimFetchOptions {
  /** Extra CA to trust; default test/support/tls/cert.pem. */
  ca?: string | Buffer;
  /** Sees every request as it leaves (for assertions on URL and headers). */
  onRequest?: (info: { url: string; method: string; headers: Headers }) => void;
  /**
   * Connections to reuse, as a browser keeps its connection to an API host open (a keep-alive `https.Agent`, which
   * the caller destroys when done); default none: a new connection, and TLS handshake, per request.
   */
  agent?: Agent;
}

export function createSimFetch(target: { port: number }, options: SimFetchOptions = {}): typeof fetch {
  const ca = options.ca ?? readFileSync(SIM_TLS.certPath);
  const simFetch = async (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    if (url.protocol !== 'https:') throw new TypeError(`sim fetch: only https URLs (${request.url})`);
    const headers = new Headers(request.headers);
    const body = request.body ? Buffer.from(await request.arrayBuffer()) : undefined;
    options.onRequest?.({ url: request.url, method: request.method, headers });
    const signal = init.signal ?? undefined;
    if (signal?.aborted) throw abortError(signal);

    return new Promise<Response>((resolve, reject) => {
      const outgoing: Record<string, string> = {};
      headers.forEach((value, key) => {
        outgoing[key] = value;
      });
      outgoing.host = url.host;
      if (body) outgoing['content-length'] = String(body.length);
      const req = httpsRequest(
        {
          host: '127.0.0.1',
          port: target.port,
          method: request.method,
          path: `${url.pathname}${url.search}`,
          headers: outgoing,
          servername: isIP(url.hostname) ? undefined : url.hostname,
          ca,
          checkServerIdentity,
          agent: options.agent ?? false,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('error', reject);
          res.on('end', () => {
            signal?.removeEventListener('abort', onAbort);
            const responseHeaders = new Headers();
            for (let i = 0; i + 1 < res.rawHeaders.length; i += 2) {
              responseHeaders.append(res.rawHeaders[i]!, res.rawHeaders[i + 1]!);
            }
            const status = res.statusCode ?? 500;
            const nullBody = status === 204 || status === 304 || request.method === 'HEAD';
            resolve(
              new Response(nullBody ? null : Buffer.concat(chunks), {
                status,
                statusText: res.statusMessage,
                headers: responseHeaders,
              }),
            );
          });
        },
      );
      const onAbort = () => {
        req.destroy();
        reject(abortError(signal!));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      req.on('error', (error) => {
        signal?.removeEventListener('abort', onAbort);
        reject(new TypeError(`fetch failed: ${error.message}`, { cause: error }));
      });
      req.end(body);
    });
  };
  return simFetch as typeof fetch;
}

function abortError(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('This operation was aborted', 'AbortError');
}
