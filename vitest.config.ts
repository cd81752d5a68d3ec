import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

// Two projects: fast unit/integration tests (Node + happy-dom/jsdom per file, fake IndexedDB,
// WXT's fakeBrowser) and end-to-end tests that drive the built extension in real Chromium.
export default defineConfig({
  test: {
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
    ],
  },
});
