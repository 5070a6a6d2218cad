// Where an import spends its time: a Db wrapper that times every statement run through a
// transaction handle, grouped by the statement's text (parameters aside), so that the report
// can list round trips per record and the statements that cost most.
import type { Db, Tx } from '../../src/platform/db/db.ts';

export interface StatementCost {
  statement: string;
  calls: number;
  totalMs: number;
}

export interface Profile {
  statements(): StatementCost[];
  /** Total time inside the database driver, ms. */
  databaseMs(): number;
  calls(): number;
}

const key = (sql: string) => sql.replace(/\s+/g, ' ').trim().slice(0, 90);

export function profiled(db: Db): { db: Db; profile: Profile } {
  const costs = new Map<string, StatementCost>();
  const timed = async <T>(sql: string, work: () => Promise<T>): Promise<T> => {
    const start = process.hrtime.bigint();
    try {
      return await work();
    } finally {
      const k = key(sql);
      const cost = costs.get(k) ?? { statement: k, calls: 0, totalMs: 0 };
      cost.calls += 1;
      cost.totalMs += Number(process.hrtime.bigint() - start) / 1e6;
      costs.set(k, cost);
    }
  };
  const wrapped: Db = {
    mode: db.mode,
    description: db.description,
    query: (sql, params, options) => timed(sql, () => db.query(sql, params, options)),
    exec: (sql) => timed(sql, () => db.exec(sql)),
    transaction: (fn, options) =>
      db.transaction((tx) => {
        const inner: Tx = {
          query: (sql, params, options) => timed(sql, () => tx.query(sql, params, options)),
          exec: (sql) => timed(sql, () => tx.exec(sql)),
        };
        return fn(inner);
      }, options),
    listen: (channel, onChange) => db.listen(channel, onChange),
    close: () => db.close(),
  };
  const list = () => [...costs.values()].sort((a, b) => b.totalMs - a.totalMs);
  return {
    db: wrapped,
    profile: {
      statements: list,
      databaseMs: () => list().reduce((s, c) => s + c.totalMs, 0),
      calls: () => list().reduce((s, c) => s + c.calls, 0),
    },
  };
}
