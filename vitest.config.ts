import { configDefaults, defineConfig } from 'vitest/config';

// Each project runs it: a PostgreSQL cluster and migrated templates of its own.
const globalSetup = ['test/support/global-setup.ts'];

/** Measures the map's first paint: run after every other file, alone (see the file). */
const measuredAlone = ['test/e2e/first-paint.e2e.test.ts'];

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    projects: [
      {
        extends: true,
        test: {
          name: 'suite',
          globalSetup,
          include: [
            'src/**/*.test.ts',
            'test/**/*.test.ts',
            'bench/generate/**/*.test.ts',
            'bench/harness/**/*.test.ts',
            'bench/load/**/*.test.ts',
            'bench/map/**/*.test.ts',
          ],
          exclude: [...configDefaults.exclude, ...measuredAlone],
          // Two cores: more workers only fight over them (and each PGlite instance takes ~1 GB).
          maxWorkers: 2,
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: {
          name: 'measured alone',
          globalSetup,
          include: measuredAlone,
          maxWorkers: 1,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
