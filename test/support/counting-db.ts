// A database that records every statement sent through it (BEGIN and COMMIT included), to
// test how many round trips a request costs. It forwards everything to the real database.
import type { Db, Queryable } from '../../src/platform/db/db.ts';

export interface CountingDb {
  db: Db;
  /** The statements since the last `reset()`, whitespace collapsed. */
  statements: string[];
  reset(): void;
}

export function countingDb(inner: Db): CountingDb {
  const statements: string[] = [];
  const note = (sql: string) => statements.push(sql.trim().replace(/\s+/g, ' '));
  const counted = (q: Queryable): Queryable => ({
    query: (sql, params, options) => {
      note(sql);
      return q.query(sql, params, options);
    },
    exec: (sql) => {
      note(sql);
      return q.exec(sql);
    },
  });
  const db: Db = {
    ...counted(inner),
    get mode() {
      return inner.mode;
    },
    get description() {
      return inner.description;
    },
    async transaction(fn, options) {
      // One round trip: the opening statement goes with BEGIN.
      const begin = options?.readOnly ? 'BEGIN READ ONLY' : 'BEGIN';
      note(options?.opening ? `${begin}; ${options.opening}` : begin);
      try {
        const result = await inner.transaction((tx) => fn(counted(tx)), options);
        note('COMMIT');
        return result;
      } catch (error) {
        note('ROLLBACK');
        throw error;
      }
    },
    listen: (channel, onChange) => inner.listen(channel, onChange),
    close: () => inner.close(),
  };
  return { db, statements, reset: () => statements.splice(0) };
}
