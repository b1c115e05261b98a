import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { CHECKOUT_MATCHES } from '../../lib/amazon/marketplaces';
import { API_HOST_PERMISSIONS } from '../../lib/api/regions';
import { EXTENSION_ID } from '../e2e/support/chromium';
import { CONTENT_SCRIPT, CONTENT_SCRIPT_GZIP_BUDGET, contentScriptSize } from '../bench/content-size';

const OUTPUT = resolve(import.meta.dirname, '../../.output/chrome-mv3');

// Size is deterministic, so a budget is a test; speed figures live in `npm run bench`.
describe('built extension (.output/chrome-mv3)', () => {
  beforeAll(() => {
    if (!existsSync(CONTENT_SCRIPT)) throw new Error('No build to check: run `npx wxt build` first (npm test does).');
  });

  it(`keeps the checkout content script under ${CONTENT_SCRIPT_GZIP_BUDGET / 1024} KB gzipped`, () => {
    expect(contentScriptSize().gzip).toBeLessThanOrEqual(CONTENT_SCRIPT_GZIP_BUDGET);
  });

  it('keeps zod out of the content script (the background parses policies)', () => {
    const code = readFileSync(CONTENT_SCRIPT, 'utf8');
    expect(code).not.toMatch(/ZodError|safeParse/);
  });

  it('asks for no more than it needs: storage, alarms, scripting, the Amazon API hosts and the checkout pages; no tabs, no <all_urls>', () => {
    const manifest = JSON.parse(readFileSync(`${OUTPUT}/manifest.json`, 'utf8'));
    // scripting: the element picker and the page report are injected into a checkout tab on demand (issue 9 §3).
    expect(manifest.permissions).toEqual(['storage', 'alarms', 'scripting']);
    // The named regional and sandbox hosts only, no wildcard subdomain (issue 7 §6), and the checkout pages the
    // content script runs on anyway (the picker is injected there).
    expect([...manifest.host_permissions].sort()).toEqual([...API_HOST_PERMISSIONS, ...CHECKOUT_MATCHES].sort());
    expect(manifest.host_permissions.join(' ')).not.toContain('*.');
    const matches: string[] = manifest.content_scripts.flatMap((script: { matches: string[] }) => script.matches);
    expect(matches).toHaveLength(22);
    for (const match of matches) expect(match).toMatch(/^https:\/\/www\.amazon\.[a-z.]+\/(checkout|gp\/buy)\/\*$/);
  });

  it('has a stable id through its manifest key and ships a managed storage schema', () => {
    const manifest = JSON.parse(readFileSync(`${OUTPUT}/manifest.json`, 'utf8'));
    const digest = createHash('sha256').update(Buffer.from(manifest.key, 'base64')).digest('hex');
    const id = [...digest.slice(0, 32)].map((c) => String.fromCharCode(97 + parseInt(c, 16))).join('');
    expect(id).toBe(EXTENSION_ID);
    expect(manifest.storage.managed_schema).toBe('managed_schema.json');
    expect(existsSync(`${OUTPUT}/managed_schema.json`)).toBe(true);
  });
});
