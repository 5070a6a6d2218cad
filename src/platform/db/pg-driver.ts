// Server mode: a real PostgreSQL 15+ with PostGIS 3, reached through DATABASE_URL.
import pg from 'pg';
import { type Db, type Tx, sessionTimeZone } from './db.ts';
import { valueParsers } from './type-parsers.ts';

const typeParsers = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    const own = valueParsers[oid];
    if (own && format !== 'binary') return own;
    // pg's own parser table is typed `any`; it returns the library's default conversion.
    return pg.types.getTypeParser(oid, format) as (value: string) => unknown;
  },
};

class PgDb implements Db {
  readonly mode = 'server' as const;

  constructor(
    private readonly pool: pg.Pool,
    readonly description: string,
  ) {}

  async query<R>(sql: string, params: readonly unknown[] = []): Promise<R[]> {
    const result = await this.pool.query(sql, [...params]);
    return result.rows as R[];
  }

  async exec(sql: string): Promise<void> {
    await this.pool.query(sql);
  }

  async transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    const tx: Tx = {
      query: async <R>(sql: string, params: readonly unknown[] = []) =>
        (await client.query(sql, [...params])).rows as R[],
      exec: async (sql: string) => {
        await client.query(sql);
      },
    };
    try {
      await client.query('BEGIN');
      const result = await fn(tx);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

/** Describes a connection string without its password. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres://(unparseable URL)';
  }
}

export interface PgOptions {
  url: string;
  poolMax?: number;
}

/** Connects to a server; fails fast with the server's own message if it cannot. */
export async function openPg(options: PgOptions): Promise<Db> {
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.poolMax ?? 10,
    types: typeParsers,
    options: `-c timezone=${sessionTimeZone}`,
  });
  pool.on('error', () => undefined); // idle-client errors surface on the next query instead
  const db = new PgDb(pool, `server PostgreSQL ${redactUrl(options.url)}`);
  try {
    await db.query('SELECT 1');
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw error;
  }
  return db;
}
