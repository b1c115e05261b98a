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
    // One retry for a real browser on a loaded 2-core machine; a retried test is listed in the run's output, and the
    // two seen (popup reopening, Firefox import outcome) are open work, not accepted flakes.
    retry: 1,
  },
});
