import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CHECKOUT_FIXTURES } from '../fixtures/checkout/index';
import { startHttpsServer, type LocalHttpsServer } from './https-server';

const FIXTURE_DIR = fileURLToPath(new URL('../fixtures/checkout/', import.meta.url));

export interface CheckoutServer extends LocalHttpsServer {
  /** `https://www.amazon.<tld><urlPath>` of a fixture file, as Chromium (with host mapping) must open it. */
  urlOf(file: string): string;
}

/**
 * Serves the committed checkout fixtures at their Amazon paths, for any Amazon host mapped to it. Every response
 * is the fixture as committed: the page's own scripts are the "Amazon" the extension runs against.
 */
export async function startCheckoutServer(): Promise<CheckoutServer> {
  const server = await startHttpsServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    const fixture = CHECKOUT_FIXTURES.find((entry) => entry.urlPath === path);
    if (!fixture) {
      res.writeHead(404, { 'content-type': 'text/html; charset=utf-8' });
      res.end('<!doctype html><title>Not found</title><h1>No fixture at this path</h1>');
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end(readFileSync(`${FIXTURE_DIR}${fixture.file}`));
  });
  return {
    ...server,
    urlOf(file) {
      const fixture = CHECKOUT_FIXTURES.find((entry) => entry.file === file);
      if (!fixture) throw new Error(`No checkout fixture named ${file}`);
      return `https://www.amazon.${fixture.tld}${fixture.urlPath}`;
    },
  };
}
