import { defineConfig } from 'vitest/config';

/**
 * One runner, four projects: fast unit tests, the integration suite against
 * the real server on SQLite and again on PostgreSQL, and the Chromium
 * end-to-end journeys. `npm test` runs them all.
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['shared/src/**/*.test.ts', 'server/src/**/*.test.ts', 'client/**/*.test.ts', 'e2e/support/**/*.test.ts', 'scripts/**/*.test.ts'],
          exclude: ['**/node_modules/**', '**/dist/**'],
        },
      },
      {
        test: {
          name: 'integration-sqlite',
          include: ['server/test/**/*.test.ts'],
          env: { TSUNAGI_TEST_DB: 'sqlite' },
          testTimeout: 20_000,
        },
      },
      {
        test: {
          name: 'integration-postgres',
          include: ['server/test/**/*.test.ts'],
          env: { TSUNAGI_TEST_DB: 'postgres' },
          testTimeout: 20_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['e2e/**/*.test.ts'],
          // The helpers' own tests are fast and need no browser: they run as unit tests.
          exclude: ['e2e/support/**', '**/node_modules/**'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
