// Per-test-file databases cloned from the run's templates, and a helper that runs a block of
// tests once per storage mode against its own fresh database.
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, inject } from 'vitest';
import type { Db, StorageMode } from '../../src/platform/db/db.ts';
import { openPg } from '../../src/platform/db/pg-driver.ts';
import { openPglite } from '../../src/platform/db/pglite-driver.ts';
import { testModes, templateDatabase } from './modes.ts';

/** A fresh, migrated database with reference data, private to the caller. */
export async function openTestDb(mode: StorageMode): Promise<Db> {
  if (mode === 'embedded') {
    const archive = await readFile(inject('pgliteTemplate'));
    return openPglite({ loadDataDir: new Blob([archive]) });
  }
  return openServerDb(templateDatabase);
}

const serverUrls = new WeakMap<Db, string>();

/**
 * A second, separate pool to the same test database as `db` (server mode): another writer,
 * as another server process or `reclaim import` would be. Close it before `db`.
 */
export function anotherConnection(db: Db): Promise<Db> {
  const url = serverUrls.get(db);
  if (!url) throw new Error('anotherConnection needs a database from openServerDb');
  return openPg({ url, poolMax: 1 });
}

/**
 * A new database on the test server, dropped when closed: cloned from `template`, or empty
 * (not migrated) when `template` is null.
 */
export async function openServerDb(template: string | null): Promise<Db> {
  const adminUrl = inject('pgAdminUrl');
  const name = `reclaim_test_${randomBytes(6).toString('hex')}`;
  const admin = await openPg({ url: adminUrl, poolMax: 1 });
  try {
    await admin.exec(`CREATE DATABASE ${name}${template ? ` TEMPLATE ${template}` : ''}`);
  } finally {
    await admin.close();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const db = await openPg({ url: url.toString(), poolMax: 4 });
  serverUrls.set(db, url.toString());
  const close = db.close.bind(db);
  return Object.assign(db, {
    async close() {
      await close();
      const again = await openPg({ url: adminUrl, poolMax: 1 });
      await again.exec(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await again.close();
    },
  });
}

/**
 * Declares `body` once per storage mode; `db()` returns that mode's database, opened before
 * the block's tests and closed after them.
 */
export function describeEachMode(
  title: string,
  body: (db: () => Db, mode: StorageMode) => void,
): void {
  for (const mode of testModes()) {
    describe(`${title} [${mode}]`, () => {
      let current: Db | undefined;
      beforeAll(async () => {
        current = await openTestDb(mode);
      }, 120_000);
      afterAll(async () => {
        await current?.close();
      });
      body(() => {
        if (!current) throw new Error('database not open yet');
        return current;
      }, mode);
    });
  }
}

/**
 * A database a separate process can open: `env` and `args` to pass to `reclaim`.
 * Embedded: a data directory unpacked from the template; server: a cloned database's URL.
 */
export async function openTestTarget(
  mode: StorageMode,
): Promise<{ env: Record<string, string>; args: string[]; cleanup(): Promise<void> }> {
  if (mode === 'embedded') {
    const dir = await mkdtemp(join(tmpdir(), 'reclaim-cli-'));
    const archive = await readFile(inject('pgliteTemplate'));
    const db = await openPglite({ dataDir: dir, loadDataDir: new Blob([archive]) });
    await db.close();
    return {
      env: {},
      args: ['--data', dir],
      cleanup: () => rm(dir, { recursive: true, force: true }),
    };
  }
  const adminUrl = inject('pgAdminUrl');
  const name = `reclaim_cli_${randomBytes(6).toString('hex')}`;
  const admin = await openPg({ url: adminUrl, poolMax: 1 });
  await admin.exec(`CREATE DATABASE ${name} TEMPLATE ${templateDatabase}`);
  await admin.close();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    env: { DATABASE_URL: url.toString() },
    args: [],
    async cleanup() {
      const again = await openPg({ url: adminUrl, poolMax: 1 });
      await again.exec(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await again.close();
    },
  };
}
