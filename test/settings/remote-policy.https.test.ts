import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import tls from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchRemotePolicy } from '../../lib/settings/remote-policy';
import { startHttpsServer, TEST_TLS, type LocalHttpsServer } from '../support/https-server';

// Node's own fetch against a real HTTPS server on loopback. Node's fetch does not take a CA per request, so the
// test certificate is added to this worker's default trust store for the duration of the file.

const POLICY = {
  version: 1,
  help: 'Format DEPT-YYYYMM-NNNN. é 発注',
  formats: [{ id: 'dept', template: '{dept}-{seq}' }],
};
const BODY = JSON.stringify(POLICY);
const deps = { fetch: globalThis.fetch, now: () => new Date() };

interface HugeDownload {
  written: number;
  closedEarly: Promise<boolean>;
}

let https: LocalHttpsServer;
let http: Server;
let httpOrigin: string;
let originalCAs: string[];
const seen: Array<{ path: string; ifNoneMatch?: string; cookie?: string }> = [];
const huge: HugeDownload[] = [];

beforeAll(async () => {
  originalCAs = tls.getCACertificates('default');
  tls.setDefaultCACertificates([...originalCAs, TEST_TLS.cert.toString('utf8')]);

  http = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(BODY);
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  httpOrigin = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;

  https = await startHttpsServer((req, res) => {
    const path = req.url ?? '';
    seen.push({ path, ifNoneMatch: req.headers['if-none-match'], cookie: req.headers.cookie });
    switch (path) {
      case '/policy.json':
        if (req.headers['if-none-match'] === '"v1"') {
          res.writeHead(304, { etag: '"v1"' });
          res.end();
          return;
        }
        res.writeHead(200, { 'content-type': 'application/json', etag: '"v1"' });
        res.end(BODY);
        return;
      case '/moved':
        res.writeHead(302, { location: '/policy.json' });
        res.end();
        return;
      case '/to-http':
        res.writeHead(302, { location: `${httpOrigin}/policy.json` });
        res.end();
        return;
      case '/missing':
        res.writeHead(404, { 'content-type': 'text/plain' });
        res.end('not here');
        return;
      case '/huge': {
        // Streams up to 64 MiB without a Content-Length; a client that stops reading closes the connection early.
        const chunk = Buffer.alloc(64 * 1024, 0x20);
        const download: HugeDownload = {
          written: 0,
          closedEarly: new Promise((resolve) => res.on('close', () => resolve(!res.writableFinished))),
        };
        huge.push(download);
        res.writeHead(200, { 'content-type': 'application/json' });
        const pump = (): void => {
          while (!res.destroyed) {
            if (download.written >= 64 * 1024 * 1024) {
              res.end();
              return;
            }
            download.written += chunk.length;
            if (!res.write(chunk)) {
              res.once('drain', pump);
              return;
            }
          }
        };
        pump();
        return;
      }
      case '/slow':
        // Headers only; the body never comes.
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write('{"version":');
        return;
      default:
        res.writeHead(500);
        res.end();
    }
  });
});

afterAll(async () => {
  tls.setDefaultCACertificates(originalCAs);
  await https?.close();
  await new Promise<void>((resolve) => {
    http?.closeAllConnections();
    http?.close(() => resolve());
  });
});

describe('fetchRemotePolicy against a local HTTPS server with Node fetch', () => {
  it('fetches the policy with its ETag, then gets 304 with If-None-Match, sending no cookie', async () => {
    const first = await fetchRemotePolicy(`${https.origin}/policy.json`, null, deps);
    expect(first).toMatchObject({ status: 'updated', body: POLICY, etag: '"v1"' });
    const second = await fetchRemotePolicy(`${https.origin}/policy.json`, { etag: '"v1"', body: POLICY }, deps);
    expect(second.status).toBe('not-modified');
    const requests = seen.filter((request) => request.path === '/policy.json');
    expect(requests.map((request) => request.ifNoneMatch)).toEqual([undefined, '"v1"']);
    expect(requests.every((request) => request.cookie === undefined)).toBe(true);
  });

  it('follows a redirect that stays on https', async () => {
    expect(await fetchRemotePolicy(`${https.origin}/moved`, null, deps)).toMatchObject({
      status: 'updated',
      body: POLICY,
    });
  });

  it('refuses the policy when a redirect leads to plain http', async () => {
    expect(await fetchRemotePolicy(`${https.origin}/to-http`, null, deps)).toMatchObject({
      status: 'error',
      message: 'the server redirected to an address that is not https',
    });
  });

  it('reports the status of a missing policy', async () => {
    expect(await fetchRemotePolicy(`${https.origin}/missing`, null, deps)).toMatchObject({
      status: 'error',
      message: 'the server answered 404',
    });
  });

  it('stops a huge download at the cap and drops the connection', async () => {
    const result = await fetchRemotePolicy(`${https.origin}/huge`, null, deps);
    expect(result).toMatchObject({ status: 'error', message: 'the policy is larger than 256 KB' });
    const download = huge.at(-1)!;
    expect(await download.closedEarly).toBe(true);
    // Socket buffers let the server write ahead of the reader, but nowhere near the 64 MiB it offers.
    expect(download.written).toBeLessThan(16 * 1024 * 1024);
  });

  it('times out a body that never finishes', async () => {
    expect(await fetchRemotePolicy(`${https.origin}/slow`, null, { ...deps, timeoutMs: 300 })).toMatchObject({
      status: 'error',
      message: 'timed out after 0.3 s',
    });
  });

  it('reports a server it cannot reach', async () => {
    // A port that was just free: nothing listens there any more.
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as AddressInfo;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const result = await fetchRemotePolicy(`https://127.0.0.1:${port}/policy.json`, null, deps);
    expect(result.status).toBe('error');
    expect(result.status === 'error' && result.message).toMatch(
      /^could not reach the server: fetch failed \(.*ECONNREFUSED/,
    );
  });
});
