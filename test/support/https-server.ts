import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';

const TLS_DIR = fileURLToPath(new URL('./tls/', import.meta.url));

/** The committed self-signed certificate (see tls/README.md): tests trust it, Chromium ignores cert errors. */
export const TEST_TLS = {
  key: readFileSync(`${TLS_DIR}key.pem`),
  cert: readFileSync(`${TLS_DIR}cert.pem`),
};

export type RequestHandler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

export interface LocalHttpsServer {
  port: number;
  origin: string;
  close(): Promise<void>;
}

/** An HTTPS server on loopback (port chosen by the OS unless given). Tests start and stop their own. */
export async function startHttpsServer(handler: RequestHandler, port = 0): Promise<LocalHttpsServer> {
  const server: Server = createServer(TEST_TLS, (req, res) => {
    Promise.resolve(handler(req, res)).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(String(error));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const actualPort = (server.address() as AddressInfo).port;
  return {
    port: actualPort,
    origin: `https://127.0.0.1:${actualPort}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
