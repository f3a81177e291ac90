import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Browser tests start Chromium; two cores are enough for two files at a time.
    maxWorkers: 2,
    globalSetup: ['test/global-setup.ts'],
  },
});
