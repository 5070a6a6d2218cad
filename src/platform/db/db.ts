// The storage port: one interface, two drivers (embedded PGlite+PostGIS, server PostgreSQL+PostGIS).
// Repositories talk only to these types, so the same SQL runs in both modes.

/** How a statement is sent. */
export interface QueryOptions {
  /**
   * Keep it prepared on the server connection and skip parsing and planning when it comes again
   * (PostgreSQL may then run a generic plan). For a few hot statements of fixed text — every
   * distinct text stays prepared for the connection's life. The embedded mode ignores it.
   */
  prepared?: boolean;
}

/** How a transaction starts and ends. */
export interface TransactionOptions {
  /**
   * SQL without parameters (values quoted with `sqlLiteral`) run first, sent with BEGIN in one
   * round trip where the driver talks to a server.
   */
  opening?: string;
  /**
   * The transaction only reads (a write in it fails). A reading transaction has nothing to lose
   * at COMMIT, so its result is returned while the COMMIT is still on its way; the connection
   * goes back to the pool once the COMMIT is done.
   */
  readOnly?: boolean;
}

/** Something that runs parameterised SQL ($1, $2 …) and returns rows as plain objects. */
export interface Queryable {
  query<R = Record<string, unknown>>(
    sql: string,
    params?: readonly unknown[],
    options?: QueryOptions,
  ): Promise<R[]>;
  /** Runs one or more statements without parameters (DDL, migrations). */
  exec(sql: string): Promise<void>;
}

/** A transaction handle: everything run through it commits or rolls back together. */
export type Tx = Queryable;

export type StorageMode = 'embedded' | 'server';

/** A NOTIFY's payload, or null: notifications may have been missed. */
export type Notified = (payload: string | null) => void;

export interface Db extends Queryable {
  readonly mode: StorageMode;
  /** A short description for logs and `/readyz` (never contains a password). */
  readonly description: string;
  /** Runs `fn` in one transaction; rolls back if it throws. Do not nest. */
  transaction<T>(fn: (tx: Tx) => Promise<T>, options?: TransactionOptions): Promise<T>;
  /**
   * Calls `onChange` with the payload of every NOTIFY on `channel` (PostgreSQL delivers it when
   * the notifying transaction commits), and with `null` whenever listening was interrupted and
   * has resumed, since notifications may have been missed meanwhile: a cache can drop what it
   * can no longer trust. Resolves once listening; the returned function stops. `channel` is a
   * lower-case identifier.
   */
  listen(channel: string, onChange: Notified): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

/**
 * A string as an SQL literal, for statements that cannot take parameters (several statements in
 * one round trip). The `E'…'` form with backslashes and quotes doubled reads the same whatever
 * `standard_conforming_strings` says; a NUL, which no PostgreSQL text holds, is refused.
 */
export function sqlLiteral(value: string): string {
  if (value.includes('\0')) throw new Error('an SQL literal cannot hold a NUL character');
  return `E'${value.replaceAll('\\', '\\\\').replaceAll("'", "''")}'`;
}

/** A NOTIFY channel name, checked because LISTEN takes an identifier, not a parameter. */
export function checkedChannel(channel: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(channel)) {
    throw new Error(`not a channel name: ${JSON.stringify(channel)}`);
  }
  return channel;
}

/**
 * Session settings every connection gets. Dates are interpreted in Asia/Shanghai, the
 * time zone of every deadline in RULES.md.
 */
export const sessionTimeZone = 'Asia/Shanghai';

/**
 * Runs `fn` inside a savepoint of the current transaction: if it fails, only its own work is
 * undone and the transaction stays usable (a failed statement otherwise aborts it).
 */
export async function withSavepoint<T>(
  tx: Queryable,
  name: string,
  fn: () => Promise<T>,
): Promise<T> {
  await tx.exec(`SAVEPOINT ${name}`);
  try {
    const result = await fn();
    await tx.exec(`RELEASE SAVEPOINT ${name}`);
    return result;
  } catch (error) {
    await tx.exec(`ROLLBACK TO SAVEPOINT ${name}`);
    throw error;
  }
}
