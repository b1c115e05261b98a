import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
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

  it('asks for no more than it needs: storage, alarms and the Amazon API hosts; no tabs, no <all_urls>', () => {
    const manifest = JSON.parse(readFileSync(`${OUTPUT}/manifest.json`, 'utf8'));
    expect(manifest.permissions).toEqual(['storage', 'alarms']);
    // The named regional and sandbox hosts only, no wildcard subdomain (issue 7 §6).
    expect(manifest.host_permissions).toEqual(API_HOST_PERMISSIONS);
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
