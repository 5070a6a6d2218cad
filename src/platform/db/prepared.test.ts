// Statements sent as prepared ones: the server keeps them per connection under a name from the
// text, answers exactly as an unprepared statement does (also once PostgreSQL switches to a
// generic plan after five runs), and a change of the table they read is seen.
import { expect, it } from 'vitest';
import { describeEachMode } from '../../../test/support/test-db.ts';

const byCode = `SELECT code, name FROM prepared_probe WHERE code LIKE $1 ORDER BY code`;

describeEachMode('prepared statements', (db) => {
  it('answer as unprepared ones do, run after run, and see the table change', async () => {
    await db().exec(`CREATE TABLE prepared_probe (code text PRIMARY KEY, name text NOT NULL);
      INSERT INTO prepared_probe SELECT lpad(i::text, 6, '0'), 'n' || i FROM generate_series(1, 500) i;`);
    for (let run = 0; run < 8; run += 1) {
      for (const pattern of ['0001%', '00049%', '%', '9%']) {
        const prepared = await db().query(byCode, [pattern], { prepared: true });
        expect(prepared).toEqual(await db().query(byCode, [pattern]));
      }
    }
    const seen = await db().transaction(async (tx) => {
      await tx.query(`INSERT INTO prepared_probe VALUES ('999999', 'new')`);
      return tx.query<{ code: string }>(byCode, ['99999%'], { prepared: true });
    });
    expect(seen.map((r) => r.code)).toEqual(['999999']);
    await db().exec(`ALTER TABLE prepared_probe ADD COLUMN extra int`);
    expect(await db().query(byCode, ['999999'], { prepared: true })).toEqual([
      { code: '999999', name: 'new' },
    ]);
    await db().exec(`DROP TABLE prepared_probe`);
  });

  it('is kept on the server under one name per text; the embedded mode prepares nothing', async () => {
    const names = await db().transaction(async (tx) => {
      await tx.query(`SELECT $1::int + 1 AS n`, [1], { prepared: true });
      await tx.query(`SELECT $1::int + 1 AS n`, [2], { prepared: true });
      await tx.query(`SELECT $1::int + 2 AS n`, [1]);
      return tx.query<{ name: string; statement: string }>(
        `SELECT name, statement FROM pg_prepared_statements WHERE statement LIKE 'SELECT $1::int + %'`,
      );
    });
    expect(names).toEqual(
      db().mode === 'server'
        ? [
            {
              name: expect.stringMatching(/^reclaim_[0-9a-f]{24}$/),
              statement: 'SELECT $1::int + 1 AS n',
            },
          ]
        : [],
    );
  });
});
