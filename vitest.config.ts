import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

// Unit, DOM and integration tests. E2E tests of the built extension have their own config.
export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    include: ['test/**/*.test.{ts,tsx}'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    restoreMocks: true,
    // Vitest runs one worker per core less one: a single worker on this 2-core machine, the other core mostly idle.
    maxWorkers: 2,
    // Two workers share the cores with the main process, so a CPU-heavy property test takes up to twice its 2–4 s;
    // this timeout only catches a hang (speed is measured by `npm run bench`, not here).
    testTimeout: 20_000,
  },
});
