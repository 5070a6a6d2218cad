// Embedded mode: PostgreSQL + PostGIS compiled to WebAssembly, data in a directory.
import { AsyncLocalStorage } from 'node:async_hooks';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import { slimPostgis } from './postgis-bundle.ts';
import {
  type Db,
  type Notified,
  type TransactionOptions,
  type Tx,
  checkedChannel,
  sessionTimeZone,
} from './db.ts';
import { lockDataDir } from './data-dir-lock.ts';
import { Mutex } from './mutex.ts';
import { valueParsers } from './type-parsers.ts';

export interface PgliteOptions {
  /**
   * Reclaim's data directory; the database lives in its `pgdata` folder beside the lock file.
   * Omit for an in-memory database (tests).
   */
  dataDir?: string;
  /** A `dumpDataDir()` archive to start from (test templates). */
  loadDataDir?: Blob | File;
}

/**
 * Marks code running inside one of our transactions. A query through the database (not the
 * transaction handle) from there would wait for the lock its own transaction holds: a
 * silent deadlock. It fails at once instead.
 */
const insideTransaction = new AsyncLocalStorage<boolean>();

function refuseReentry(): void {
  if (insideTransaction.getStore()) {
    throw new Error(
      'embedded database used directly inside a transaction: pass the transaction handle (tx) instead',
    );
  }
}

class PgliteDb implements Db {
  readonly mode = 'embedded' as const;
  readonly #lock = new Mutex();

  constructor(
    private readonly pg: PGlite,
    readonly description: string,
    private readonly release: () => void,
  ) {}

  query<R>(sql: string, params: readonly unknown[] = []): Promise<R[]> {
    refuseReentry();
    return this.#lock.run(async () => (await this.pg.query<R>(sql, [...params])).rows);
  }

  exec(sql: string): Promise<void> {
    refuseReentry();
    return this.#lock.run(async () => {
      await this.pg.exec(sql);
    });
  }

  transaction<T>(fn: (tx: Tx) => Promise<T>, options: TransactionOptions = {}): Promise<T> {
    refuseReentry();
    const opening = [
      ...(options.readOnly ? ['SET TRANSACTION READ ONLY'] : []),
      ...(options.opening ? [options.opening] : []),
    ].join('; ');
    return this.#lock.run(() =>
      this.pg.transaction(async (t) => {
        if (opening) await t.exec(opening);
        return insideTransaction.run(true, () => fn(wrapTransaction(t)));
      }),
    );
  }

  /** One connection, never lost: notifications arrive after the statement that commits. */
  listen(channel: string, onChange: Notified): Promise<() => Promise<void>> {
    refuseReentry();
    const name = checkedChannel(channel);
    return this.#lock.run(async () => {
      const stop = await this.pg.listen(name, (payload) => onChange(payload));
      return () => this.#lock.run(() => stop());
    });
  }

  /** Archive of the whole data directory (used to build test templates). */
  dump(): Promise<File | Blob> {
    return this.#lock.run(() => this.pg.dumpDataDir('none'));
  }

  close(): Promise<void> {
    return this.#lock.run(async () => {
      await this.pg.close();
      this.release();
    });
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
export async function openPglite(
  options: PgliteOptions = {},
): Promise<Db & { dump(): Promise<File | Blob> }> {
  if (options.dataDir) await mkdir(options.dataDir, { recursive: true });
  const release = options.dataDir ? lockDataDir(options.dataDir) : () => undefined;
  let pg: PGlite;
  try {
    pg = await PGlite.create({
      ...(options.dataDir ? { dataDir: join(options.dataDir, 'pgdata') } : {}),
      ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
      extensions: { postgis: slimPostgis },
      parsers: valueParsers,
    });
  } catch (error) {
    release();
    throw error;
  }
  await pg.exec(`SET TIME ZONE '${sessionTimeZone}'`);
  const where = options.dataDir ? `directory ${options.dataDir}` : 'memory';
  return new PgliteDb(pg, `embedded PGlite+PostGIS (${where})`, release);
}
