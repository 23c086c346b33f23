import { defineConfig } from 'vitest/config';

const integration = ['server/test/**/*.test.ts'];
// Browser tests need a built web client and Chromium, so they run only when asked for: `npm run e2e -w web`.
const e2e = process.argv.some((a, i, all) => a === '--project=e2e' || (a === '--project' && all[i + 1] === 'e2e'));

export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['server/src/**/*.test.ts', 'web/src/**/*.test.ts'], environment: 'node' } },
      {
        test: {
          name: 'pglite', include: integration, environment: 'node', testTimeout: 60_000, hookTimeout: 120_000,
          env: { TEST_ENGINE: 'pglite' }, globalSetup: ['server/test/global-setup.ts'],
        },
      },
      {
        test: {
          name: 'postgres', include: integration, environment: 'node', testTimeout: 60_000, hookTimeout: 120_000,
          env: { TEST_ENGINE: 'postgres' }, globalSetup: ['server/test/global-setup.ts'],
        },
      },
      ...(e2e ? [{
        test: {
          name: 'e2e', include: ['web/e2e/**/*.e2e.ts'], environment: 'node', testTimeout: 180_000, hookTimeout: 300_000,
          fileParallelism: false, maxWorkers: 1, globalSetup: ['web/e2e/global-setup.ts'],
        },
      }] : []),
    ],
  },
});
