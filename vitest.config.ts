import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'src/**/*.test.ts',
      'test/**/*.test.ts',
      'bench/generate/**/*.test.ts',
      'bench/harness/**/*.test.ts',
      'bench/load/**/*.test.ts',
      'bench/map/**/*.test.ts',
    ],
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Two cores: more workers only fight over them (and each PGlite instance takes ~1 GB).
    maxWorkers: 2,
  },
});
