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
    // One retry for a real browser on a loaded 2-core machine; a retried test is listed in the run's output, and the
    // two seen (popup reopening, Firefox import outcome) are open work, not accepted flakes.
    retry: 1,
  },
});
