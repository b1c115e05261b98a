import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// E2E: the built extension (.output/chrome-mv3) in Debian's Chromium through playwright-core.
export default defineConfig({
  resolve: { alias: { '@': fileURLToPath(new URL('.', import.meta.url)) } },
  test: {
    include: ['test/e2e/**/*.e2e.ts'],
    // Firefox's runners: vitest.firefox.config.ts.
    exclude: ['test/e2e/firefox/**'],
    // A loaded 2-core machine answers in seconds, not the default 1 s of expect.poll.
    expect: { poll: { timeout: 5_000 } },
    testTimeout: 60_000,
    hookTimeout: 120_000,
    fileParallelism: false,
    // No retry: the two flakes once retried had causes (the popup remembered its answer after showing it; the Firefox
    // driver removed a chosen file before Firefox read it), fixed there.
  },
});
