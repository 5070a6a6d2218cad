import { expect, it } from 'vitest';
import { AppError } from '../errors.ts';
import { describeConfig, loadConfig, settings } from './config.ts';

it('gives sensible defaults', () => {
  const config = loadConfig({});
  expect(config).toMatchObject({
    host: '127.0.0.1',
    port: 3000,
    databaseUrl: undefined,
    sessionTtlHours: 12,
    cookieSecure: false,
    uploadMaxBytes: 50 * 1024 * 1024,
  });
  expect(config.dataDir).toMatch(/\/data$/);
  expect(Object.isFrozen(config)).toBe(true);
});

it('reports every bad setting at once, naming each', () => {
  const error = (() => {
    try {
      loadConfig({
        RECLAIM_PORT: 'eighty',
        DATABASE_URL: 'mysql://x',
        RECLAIM_COOKIE_SECURE: 'maybe',
      });
    } catch (e) {
      return e as AppError;
    }
    throw new Error('no error');
  })();
  expect(error).toBeInstanceOf(AppError);
  expect(error.problems.map((p) => p.location?.field)).toEqual([
    'RECLAIM_PORT',
    'DATABASE_URL',
    'RECLAIM_COOKIE_SECURE',
  ]);
  expect(error.problems[1]?.messageEn).toContain('postgres://');
});

it('masks secrets when described', () => {
  const described = describeConfig(
    loadConfig({
      DATABASE_URL: 'postgres://reclaim:s3cret@db:5432/reclaim',
      RECLAIM_TIANDITU_TK: 'abc',
    }),
  );
  expect(JSON.stringify(described)).not.toContain('s3cret');
  expect(JSON.stringify(described)).not.toContain('abc');
});

it('documents every setting in docs/operations.md', async () => {
  const { readFile } = await import('node:fs/promises');
  const doc = await readFile(new URL('../../../docs/operations.md', import.meta.url), 'utf8');
  for (const s of settings) expect(doc, `docs/operations.md lacks ${s.env}`).toContain(s.env);
});
