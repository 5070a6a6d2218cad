// Migration runner: numbered .sql files applied in order, each in its own transaction,
// recorded in schema_migration with a checksum. Safe to run on every start and from
// several processes at once (an advisory lock serialises them).
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError } from '../errors.ts';
import type { Progress } from '../progress.ts';
import type { Db } from './db.ts';

export interface Migration {
  id: number;
  name: string;
  sql: string;
  checksum: string;
}

const fileNamePattern = /^(\d{4})_([a-z0-9_]+)\.sql$/;
/** Arbitrary constant: the advisory-lock key that serialises migration runs. */
const migrationLockKey = 72_656_301;

export const migrationsDir = new URL('../../../migrations/', import.meta.url).pathname;

/** Reads and orders the migration files; refuses gaps, duplicates and odd names. */
export async function loadMigrations(dir: string = migrationsDir): Promise<Migration[]> {
  const names = (await readdir(dir)).filter((n) => n.endsWith('.sql')).sort();
  const migrations: Migration[] = [];
  for (const file of names) {
    const match = fileNamePattern.exec(file);
    if (!match) {
      throw new AppError('invalid', {
        code: 'MIGRATION_NAME',
        messageZh: `迁移文件名不合规：${file}（应为 NNNN_名称.sql）`,
        messageEn: `migration file ${file} is not named NNNN_name.sql`,
        location: { file },
      });
    }
    const id = Number(match[1]);
    const expected = migrations.length + 1;
    if (id !== expected) {
      throw new AppError('invalid', {
        code: 'MIGRATION_SEQUENCE',
        messageZh: `迁移编号不连续：期望 ${expected}，实际为 ${file}`,
        messageEn: `migration ${file} breaks the sequence: expected number ${expected}`,
        location: { file },
      });
    }
    const sql = await readFile(join(dir, file), 'utf8');
    const checksum = createHash('sha256').update(sql).digest('hex');
    migrations.push({ id, name: match[2] ?? file, sql, checksum });
  }
  return migrations;
}

interface AppliedRow {
  id: number;
  name: string;
  checksum: string;
}

/**
 * Applies every migration not yet recorded. A recorded migration whose file changed is an
 * error: migrations are never edited after they land; write a new one instead.
 * @returns the names of the migrations applied by this call.
 */
export async function migrate(
  db: Db,
  migrations: readonly Migration[],
  progress?: Progress,
): Promise<string[]> {
  await db.exec(`CREATE TABLE IF NOT EXISTS schema_migration (
    id integer PRIMARY KEY,
    name text NOT NULL,
    checksum text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
  )`);
  const applied: string[] = [];
  const recorded = await db.query<AppliedRow>('SELECT id, name, checksum FROM schema_migration');
  checkRecorded(recorded, migrations);
  const pending = migrations.filter((m) => !recorded.some((r) => r.id === m.id));
  const task = progress?.start('migrate', pending.length);
  for (const migration of pending) {
    const label = `${String(migration.id).padStart(4, '0')}_${migration.name}`;
    const ran = await db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [migrationLockKey]);
      const again = await tx.query('SELECT 1 FROM schema_migration WHERE id = $1', [migration.id]);
      if (again.length > 0) return false; // another process applied it while we waited
      try {
        await tx.exec(migration.sql);
      } catch (error) {
        throw new AppError('invalid', {
          code: 'MIGRATION_FAILED',
          messageZh: `数据库迁移 ${label} 执行失败：${(error as Error).message}`,
          messageEn: `migration ${label} failed: ${(error as Error).message}`,
          location: { file: `${label}.sql` },
        });
      }
      await tx.query('INSERT INTO schema_migration (id, name, checksum) VALUES ($1, $2, $3)', [
        migration.id,
        migration.name,
        migration.checksum,
      ]);
      return true;
    });
    if (ran) applied.push(label);
    task?.tick(label);
  }
  task?.done();
  return applied;
}

function checkRecorded(recorded: readonly AppliedRow[], migrations: readonly Migration[]): void {
  for (const row of recorded) {
    const file = migrations.find((m) => m.id === row.id);
    const label = `${String(row.id).padStart(4, '0')}_${row.name}`;
    if (!file) {
      throw new AppError('invalid', {
        code: 'MIGRATION_UNKNOWN',
        messageZh: `数据库已应用迁移 ${label}，但本程序中没有该文件（程序版本过旧？）`,
        messageEn: `the database has migration ${label}, which this program does not know (older release?)`,
      });
    }
    if (file.checksum !== row.checksum) {
      throw new AppError('invalid', {
        code: 'MIGRATION_EDITED',
        messageZh: `迁移 ${label} 在应用后被修改；请新增迁移而不是修改旧迁移`,
        messageEn: `migration ${label} was edited after it was applied; add a new migration instead`,
        location: { file: `${label}.sql` },
      });
    }
  }
}
