import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['packages/*/src/**/*.test.ts', 'packages/*/test/**/*.test.ts', 'worker/test/**/*.test.ts', 'tests/**/*.test.ts', 'scripts/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    // Socket tests bind real ports; forks keep each file's servers in their own process.
    pool: 'forks',
    reporters: ['default', './scripts/summary-reporter.ts'],
  },
});
