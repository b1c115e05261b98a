import { connect, type Socket } from 'node:net';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ConnectProxy {
  port: number;
  /** `host:port` of every CONNECT refused (not mapped), for a test to explain a failure. */
  refused: string[];
  close(): Promise<void>;
}

/**
 * A CONNECT proxy on loopback for Firefox, which has no `--host-resolver-rules`: each mapped host is tunnelled to
 * its local HTTPS server (TLS stays end to end, so Firefox sees the test certificate), everything else is refused,
 * so nothing leaves the machine. Plain HTTP requests are refused too.
 */
export async function startConnectProxy(hosts: Record<string, number>): Promise<ConnectProxy> {
  const refused: string[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((req, res) => {
    refused.push(req.url ?? '');
    res.writeHead(403).end();
  });
  server.on('connect', (req: IncomingMessage, client: Socket, head: Buffer) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    const [host = '', port = '443'] = (req.url ?? '').split(':');
    const target = port === '443' ? hosts[host] : undefined;
    if (target === undefined) {
      refused.push(req.url ?? '');
      client.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    const upstream = connect(target, '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    sockets.add(upstream);
    upstream.on('close', () => sockets.delete(upstream));
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    refused,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
