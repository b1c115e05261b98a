import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Firefox e2e: the built add-on (.output/firefox-mv2) in Debian's firefox-esr through puppeteer-core (WebDriver
// BiDi). The journeys are the shared ones in test/e2e/journeys/, run in Chromium by vitest.e2e.config.ts.
export default defineConfig({
  resolve: { alias: { '@': fileURLToPath(new URL('.', import.meta.url)) } },
  test: {
    include: ['test/e2e/firefox/**/*.e2e.ts'],
    // A loaded 2-core machine answers in seconds, not the default 1 s of expect.poll.
    expect: { poll: { timeout: 5_000 } },
    testTimeout: 60_000,
    hookTimeout: 120_000,
    fileParallelism: false,
    // No retry: the two flakes once retried had causes (the popup remembered its answer after showing it; the Firefox
    // driver removed a chosen file before Firefox read it), fixed there.
  },
});
