import { cp, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { describeEachMode } from '../../../test/support/test-db.ts';
import { AppError } from '../errors.ts';
import { loadMigrations, migrate, migrationsDir } from './migrate.ts';

async function dirWith(extra: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'reclaim-migrations-'));
  await cp(migrationsDir, dir, { recursive: true });
  for (const [name, sql] of Object.entries(extra)) await writeFile(join(dir, name), sql);
  return dir;
}

const nextId = async () => String((await loadMigrations()).length + 1).padStart(4, '0');

it('refuses gaps and odd names in the migration folder', async () => {
  const gap = await dirWith({ '0099_far_ahead.sql': 'SELECT 1;' });
  await expect(loadMigrations(gap)).rejects.toMatchObject({ code: 'MIGRATION_SEQUENCE' });
  const odd = await dirWith({ 'add-things.sql': 'SELECT 1;' });
  await expect(loadMigrations(odd)).rejects.toMatchObject({ code: 'MIGRATION_NAME' });
});

describeEachMode('migration runner', (db) => {
  it('applies nothing on a migrated database (idempotent)', async () => {
    expect(await migrate(db(), await loadMigrations())).toEqual([]);
    const rows = await db().query<{ n: number }>('SELECT count(*) AS n FROM schema_migration');
    expect(rows[0]?.n).toBe((await loadMigrations()).length);
  });

  it('applies a new migration once, even when two runs race', async () => {
    const id = await nextId();
    const dir = await dirWith({
      [`${id}_add_probe.sql`]: 'CREATE TABLE migration_probe (id int);',
    });
    const migrations = await loadMigrations(dir);
    const [a, b] = await Promise.all([migrate(db(), migrations), migrate(db(), migrations)]);
    expect([...(a ?? []), ...(b ?? [])]).toEqual([`${id}_add_probe`]);
    expect(await migrate(db(), migrations)).toEqual([]);
  });

  it('rolls a failing migration back completely and names the file', async () => {
    const id = String(Number(await nextId()) + 1).padStart(4, '0');
    const dir = await dirWith({
      [`${String(Number(id) - 1).padStart(4, '0')}_add_probe.sql`]:
        'CREATE TABLE migration_probe (id int);',
      [`${id}_broken.sql`]: 'CREATE TABLE half_done (id int); SELECT no_such_function();',
    });
    const error = await migrate(db(), await loadMigrations(dir)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('MIGRATION_FAILED');
    expect((error as AppError).problems[0]?.location?.file).toBe(`${id}_broken.sql`);
    const tables = await db().query(`SELECT 1 FROM pg_tables WHERE tablename = 'half_done'`);
    expect(tables).toEqual([]);
    const recorded = await db().query('SELECT 1 FROM schema_migration WHERE id = $1', [Number(id)]);
    expect(recorded).toEqual([]);
  });

  it('refuses to run when an applied migration was edited', async () => {
    const id = await nextId();
    const dir = await dirWith({
      [`${id}_add_probe.sql`]: 'CREATE TABLE migration_probe (id int, edited int);',
    });
    await expect(migrate(db(), await loadMigrations(dir))).rejects.toMatchObject({
      code: 'MIGRATION_EDITED',
    });
  });
});

describeEachMode('transactions', (db) => {
  it('refuses to use the database itself inside a transaction instead of deadlocking (embedded)', async () => {
    const attempt = db().transaction(async () => db().query('SELECT 1'));
    if (db().mode === 'embedded') await expect(attempt).rejects.toThrow(/inside a transaction/);
    else await expect(attempt).resolves.toEqual([{ '?column?': 1 }]);
  });
});
