// Embedded mode: PostgreSQL + PostGIS compiled to WebAssembly, data in a directory.
import { mkdir } from 'node:fs/promises';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import { postgis } from '@electric-sql/pglite-postgis';
import { type Db, type Tx, sessionTimeZone } from './db.ts';
import { Mutex } from './mutex.ts';
import { valueParsers } from './type-parsers.ts';

export interface PgliteOptions {
  /** Data directory; omit for an in-memory database (tests). */
  dataDir?: string;
  /** A `dumpDataDir()` archive to start from (test templates). */
  loadDataDir?: Blob | File;
}

class PgliteDb implements Db {
  readonly mode = 'embedded' as const;
  readonly #lock = new Mutex();

  constructor(
    private readonly pg: PGlite,
    readonly description: string,
  ) {}

  query<R>(sql: string, params: readonly unknown[] = []): Promise<R[]> {
    return this.#lock.run(async () => (await this.pg.query<R>(sql, [...params])).rows);
  }

  exec(sql: string): Promise<void> {
    return this.#lock.run(async () => {
      await this.pg.exec(sql);
    });
  }

  transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
    return this.#lock.run(() => this.pg.transaction((t) => fn(wrapTransaction(t))));
  }

  /** Archive of the whole data directory (used to build test templates). */
  dump(): Promise<File | Blob> {
    return this.#lock.run(() => this.pg.dumpDataDir('none'));
  }

  close(): Promise<void> {
    return this.#lock.run(() => this.pg.close());
  }
}

function wrapTransaction(t: Transaction): Tx {
  return {
    query: async <R>(sql: string, params: readonly unknown[] = []) =>
      (await t.query<R>(sql, [...params])).rows,
    exec: async (sql: string) => {
      await t.exec(sql);
    },
  };
}

/** Opens (creating on first use) an embedded database with PostGIS loaded. */
export async function openPglite(options: PgliteOptions = {}): Promise<Db & { dump(): Promise<File | Blob> }> {
  if (options.dataDir) await mkdir(options.dataDir, { recursive: true });
  const pg = await PGlite.create({
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
    extensions: { postgis },
    parsers: valueParsers,
  });
  await pg.exec(`SET TIME ZONE '${sessionTimeZone}'`);
  const where = options.dataDir ? `directory ${options.dataDir}` : 'memory';
  return new PgliteDb(pg, `embedded PGlite+PostGIS (${where})`);
}
