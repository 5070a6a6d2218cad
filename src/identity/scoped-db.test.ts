// The caller's scope: inScope runs as reclaim_app with the caller's settings, for that
// transaction only; asSystem stays the owner.
import { expect, it } from 'vitest';
import { describeEachMode } from '../../test/support/test-db.ts';
import { jiawangClerk as clerk } from '../../test/support/actors.ts';
import { systemActor } from './domain/actor.ts';
import { sqlLiteral } from '../platform/db/db.ts';
import { asSystem, inScope, readInScope } from './scoped-db.ts';

const session = `SELECT current_user AS "user", current_setting('reclaim.scope', true) AS scope,
  current_setting('reclaim.reason', true) AS reason`;

describeEachMode('scoped database access', (db) => {
  it('runs a caller as reclaim_app with their scope and reason, for the transaction only', async () => {
    const [inside] = await inScope(db(), clerk, (tx) => tx.query(session), 'checking');
    expect(inside).toEqual({ user: 'reclaim_app', scope: '320305', reason: 'checking' });
    for (let i = 0; i < 5; i += 1) {
      const [after] = await asSystem(db(), systemActor('test'), (tx) => tx.query(session));
      expect(after).toMatchObject({ scope: 'national' });
      expect((after as { user: string }).user).not.toBe('reclaim_app');
      const [plain] = await db().query<{ user: string; scope: string | null }>(session);
      expect(plain?.user).not.toBe('reclaim_app');
      expect(plain?.scope ?? '').toBe('');
    }
  });
});

// The settings travel as quoted literals with BEGIN (one round trip): whatever a reason or a
// name holds arrives as written, and nothing in it runs.
const hostile = [
  "it's the clerk's reason",
  "'); DROP TABLE temporary_land; --",
  "back\\slash \\' and \\n, \\x27",
  "E'\\'' || current_user || ''",
  '整改：复垦验收未通过 — 第 2 次',
  '$1 $$ $tag$ ;; \u2028',
];

it('quotes a literal the way both E-string readers read it, and refuses NUL', () => {
  expect(sqlLiteral("it's")).toBe("E'it''s'");
  expect(sqlLiteral('a\\b')).toBe("E'a\\\\b'");
  expect(() => sqlLiteral('a\0b')).toThrow(/NUL/);
});

describeEachMode('session settings as literals', (db) => {
  it('store every reason and name as written, whatever it holds', async () => {
    for (const reason of hostile) {
      const [inside] = await inScope(db(), clerk, (tx) => tx.query(session), reason);
      expect(inside).toEqual({ user: 'reclaim_app', scope: '320305', reason });
      const actor = systemActor(reason);
      const [owner] = await asSystem(
        db(),
        actor,
        (tx) => tx.query<{ actor: string }>(`SELECT current_setting('reclaim.actor') AS actor`),
        reason,
      );
      expect(owner?.actor).toContain(reason);
    }
    const [tables] = await db().query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_tables WHERE tablename = 'temporary_land'`,
    );
    expect(tables?.n).toBe(1);
  });
});

describeEachMode('reading in scope', (db) => {
  it('reads as the caller, refuses a write and leaves every connection usable', async () => {
    const [inside] = await readInScope(db(), clerk, (tx) => tx.query(session));
    expect(inside).toEqual({ user: 'reclaim_app', scope: '320305', reason: '' });
    await expect(
      readInScope(db(), clerk, (tx) =>
        tx.query(`UPDATE temporary_land SET project_name = 'changed' WHERE false`),
      ),
    ).rejects.toThrow(/read-only transaction/);
    // Many at once, then writes on the same connections: each COMMIT was done before reuse.
    const reads = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        readInScope(db(), clerk, (tx) => tx.query<{ n: number }>(`SELECT $1::int AS n`, [i])),
      ),
    );
    expect(reads.map(([row]) => row?.n)).toEqual(Array.from({ length: 40 }, (_, i) => i));
    const states = await Promise.all(
      Array.from({ length: 8 }, () =>
        inScope(
          db(),
          clerk,
          (tx) =>
            tx.query<{ readOnly: string }>(
              `SELECT current_setting('transaction_read_only') AS "readOnly"`,
            ),
          'after reads',
        ),
      ),
    );
    for (const [state] of states) expect(state?.readOnly).toBe('off');
  });
});
