import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

// Three projects: fast unit/integration tests (Node + happy-dom/jsdom per file, fake IndexedDB,
// WXT's fakeBrowser), end-to-end tests that drive the built extension in real Chromium, and the
// content-script paths in real Firefox (puppeteer-core over WebDriver BiDi).
/**
 * PouchDB 9.0.0's replicator asks the source for `info()` after each batch only to update its
 * task progress, with no rejection handler (pouchdb-browser lib/index.js, `src.info().then(…)` in
 * `finishBatch`): when a test stops the server mid-replication that promise rejects unhandled,
 * although the replication itself reports the error and retries. Only that rejection is ignored.
 */
const isPouchProgressInfo = (error: { message?: string; stack?: string }) =>
  error.message === 'fetch failed' && /HttpPouch\.api\._info/.test(error.stack ?? '');

export default defineConfig({
  test: {
    onUnhandledError: (error) => !isPouchProgressInfo(error),
    // `npm run coverage`: the unit and integration tests' V8 coverage of the extension's code,
    // a summary on the terminal and an HTML report in coverage/ (git-ignored).
    coverage: {
      provider: 'v8',
      include: ['utils/**', 'components/**', 'entrypoints/**'],
      reporter: ['text-summary', 'html'],
      reportsDirectory: 'coverage',
    },
    projects: [
      {
        plugins: [WxtVitest()],
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.{ts,tsx}', 'tests/integration/**/*.test.{ts,tsx}'],
          setupFiles: ['tests/support/setup-unit.ts'],
          restoreMocks: true,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'firefox',
          include: ['tests/e2e-firefox/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
