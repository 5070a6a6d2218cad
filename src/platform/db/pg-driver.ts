// Server mode: a real PostgreSQL 15+ with PostGIS 3, reached through DATABASE_URL.
import { createHash } from 'node:crypto';
import pg from 'pg';
import {
  type Db,
  type Notified,
  type QueryOptions,
  type TransactionOptions,
  type Tx,
  checkedChannel,
  sessionTimeZone,
} from './db.ts';
import { valueParsers } from './type-parsers.ts';

const typeParsers = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    const own = valueParsers[oid];
    if (own && format !== 'binary') return own;
    // pg's own parser table is typed `any`; it returns the library's default conversion.
    return pg.types.getTypeParser(oid, format) as (value: string) => unknown;
  },
};

/** Names of prepared statements, by text: the text's digest, so one name never means two texts. */
const preparedNames = new Map<string, string>();

/** The statement as node-postgres takes it: named (prepared once per connection) when asked. */
function statement(sql: string, params: readonly unknown[], options?: QueryOptions) {
  if (!options?.prepared) return { text: sql, values: [...params] };
  let name = preparedNames.get(sql);
  if (!name) {
    name = `reclaim_${createHash('sha256').update(sql).digest('hex').slice(0, 24)}`;
    preparedNames.set(sql, name);
  }
  return { name, text: sql, values: [...params] };
}

/** How long a lost listening connection waits before it reconnects. */
const relistenDelayMs = 1000;

class PgDb implements Db {
  readonly mode = 'server' as const;
  readonly #listeners = new Set<() => Promise<void>>();
  /** Who listens on which channel (through `listen`). */
  readonly #callbacks = new Map<string, Set<Notified>>();
  /** The channels each pooled connection already LISTENs on. */
  readonly #heard = new WeakMap<pg.PoolClient, Set<string>>();
  /**
   * Server process ids of the pooled connections that listen: their own notifications reach
   * them directly, so the connection of `listen` passes over those.
   */
  readonly #ownBackends = new Set<number>();

  constructor(
    private readonly pool: pg.Pool,
    private readonly clientConfig: pg.ClientConfig,
    readonly description: string,
  ) {}

  async query<R>(
    sql: string,
    params: readonly unknown[] = [],
    options?: QueryOptions,
  ): Promise<R[]> {
    const query = statement(sql, params, options);
    const result =
      this.#callbacks.size === 0
        ? await this.pool.query(query)
        : await this.#withClient((client) => client.query(query));
    return result.rows as R[];
  }

  async exec(sql: string): Promise<void> {
    await this.query(sql);
  }

  /**
   * A pooled connection that listens on every channel someone listens on. PostgreSQL hands a
   * session its own transaction's notifications before the COMMIT returns, so whoever wrote
   * through this pool has been heard by the time the write resolves (read your own writes);
   * the connection of `listen` hears everyone else.
   */
  async #connect(): Promise<pg.PoolClient> {
    const client = await this.pool.connect();
    try {
      let heard = this.#heard.get(client);
      if (!heard) {
        heard = new Set();
        this.#heard.set(client, heard);
        // node-pg keeps the server process id from BackendKeyData, untyped in @types/pg.
        const pid = (client as pg.PoolClient & { processID?: number }).processID;
        // Its own transactions' notifications only: the connection of `listen` hears the rest.
        client.on('notification', (message) => {
          if (pid === undefined || message.processId === pid)
            this.#notify(message.channel, message.payload ?? '');
        });
        if (pid !== undefined) {
          this.#ownBackends.add(pid);
          client.once('end', () => this.#ownBackends.delete(pid));
        }
      }
      for (const channel of this.#callbacks.keys()) {
        if (heard.has(channel)) continue;
        await client.query(`LISTEN ${channel}`);
        heard.add(channel);
      }
      return client;
    } catch (error) {
      client.release(error as Error);
      throw error;
    }
  }

  async #withClient<T>(use: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.#connect();
    try {
      return await use(client);
    } finally {
      client.release();
    }
  }

  #notify(channel: string, payload: string): void {
    for (const callback of this.#callbacks.get(channel) ?? []) callback(payload);
  }

  async transaction<T>(fn: (tx: Tx) => Promise<T>, options: TransactionOptions = {}): Promise<T> {
    const client = await this.#connect();
    const tx: Tx = {
      query: async <R>(sql: string, params: readonly unknown[] = [], options?: QueryOptions) =>
        (await client.query(statement(sql, params, options))).rows as R[],
      exec: async (sql: string) => {
        await client.query(sql);
      },
    };
    let released = false;
    try {
      const begin = options.readOnly ? 'BEGIN READ ONLY' : 'BEGIN';
      // Without parameters, pg sends a simple query: both statements in one round trip.
      await client.query(options.opening ? `${begin}; ${options.opening}` : begin);
      const result = await fn(tx);
      if (options.readOnly) {
        // The answer goes out while the COMMIT travels; a failed COMMIT drops the connection.
        released = true;
        client.query('COMMIT').then(
          () => client.release(),
          (error: Error) => client.release(error),
        );
        return result;
      }
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      if (!released) client.release();
    }
  }

  /**
   * A connection of its own (a pooled one would be handed to other queries), LISTENing on
   * `channel`. When it is lost, `onChange(null)` is called, and again once a new connection listens
   * (notifications sent in between are lost); it retries every second until stopped.
   */
  async listen(channel: string, onChange: Notified): Promise<() => Promise<void>> {
    const name = checkedChannel(channel);
    let stopped = false;
    let client: pg.Client | undefined;
    let retry: NodeJS.Timeout | undefined;
    const connect = async (): Promise<void> => {
      const c = new pg.Client(this.clientConfig);
      c.on('notification', (message) => {
        if (message.channel === name && !this.#ownBackends.has(message.processId))
          onChange(message.payload ?? '');
      });
      c.on('error', () => lost(c));
      c.on('end', () => lost(c));
      await c.connect();
      await c.query(`LISTEN ${name}`);
      client = c;
    };
    const lost = (c: pg.Client): void => {
      if (stopped || client !== c) return;
      client = undefined;
      c.end().catch(() => undefined);
      onChange(null);
      scheduleRetry();
    };
    const scheduleRetry = (): void => {
      retry = setTimeout(() => {
        connect().then(
          () => onChange(null),
          () => {
            if (!stopped) scheduleRetry();
          },
        );
      }, relistenDelayMs);
      retry.unref();
    };
    await connect();
    const callbacks = this.#callbacks.get(name) ?? new Set();
    this.#callbacks.set(name, callbacks.add(onChange));
    const stop = async (): Promise<void> => {
      stopped = true;
      clearTimeout(retry);
      this.#listeners.delete(stop);
      callbacks.delete(onChange);
      await client?.end().catch(() => undefined);
    };
    this.#listeners.add(stop);
    return stop;
  }

  async close(): Promise<void> {
    await Promise.all([...this.#listeners].map((stop) => stop()));
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
  /** Seconds an idle pooled connection is kept (0: until the pool ends; default 300). */
  poolIdleS?: number;
}

/** Connects to a server; fails fast with the server's own message if it cannot. */
export async function openPg(options: PgOptions): Promise<Db> {
  const clientConfig: pg.ClientConfig = {
    connectionString: options.url,
    types: typeParsers,
    options: `-c timezone=${sessionTimeZone}`,
  };
  const pool = new pg.Pool({
    ...clientConfig,
    max: options.poolMax ?? 10,
    // A new connection is a new backend that loads PostGIS and PROJ again on first use (tens
    // of milliseconds each): kept for minutes, not pg's default 10 s, a map opened after a
    // quiet spell does not pay that for each of its tiles. 0 keeps them until the end.
    idleTimeoutMillis: (options.poolIdleS ?? 300) * 1000,
  });
  pool.on('error', () => undefined); // idle-client errors surface on the next query instead
  const db = new PgDb(pool, clientConfig, `server PostgreSQL ${redactUrl(options.url)}`);
  try {
    await db.query('SELECT 1');
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw error;
  }
  return db;
}
