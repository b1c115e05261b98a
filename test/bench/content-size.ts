import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

export const CONTENT_SCRIPT = resolve(import.meta.dirname, '../../.output/chrome-mv3/content-scripts/checkout.js');
/**
 * The checkout content script stays small, whatever it grows into. It was 20 KB until the guard learned to hold
 * submits while the policy loads, to tell trusted input from the page's, to announce once after a pause and to
 * hint on weak fields (21.4 KB gzipped, about 3 KB of it webextension-polyfill), then to list each shopper's
 * blanket POs with owner, budget and validity in the Generate panel (22.1 KB); 23 KB is the budget now. The
 * element picker and the page report are injected on demand and stay out of it.
 */
export const CONTENT_SCRIPT_GZIP_BUDGET = 23 * 1024;

export function contentScriptSize(file = CONTENT_SCRIPT): { raw: number; gzip: number } {
  const bytes = readFileSync(file);
  return { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
}

/** The element picker and the page report, injected into a checkout tab only when asked for (issue 9 §3): they
 * cost the checkout nothing until then, so they have no budget of their own; their size is reported. */
export const ON_DEMAND_SCRIPTS = ['picker.js', 'page-report.js'].map((name) =>
  resolve(import.meta.dirname, '../../.output/chrome-mv3', name),
);
