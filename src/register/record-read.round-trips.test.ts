// Reading a record by id is the register's most frequent request (issue 7's load test): it
// costs the caller's look-up and one scoped transaction of a single statement (the settings go
// with BEGIN: three round trips for the transaction), whether the
// caller has a session cookie or an API token, and the view is the same as the one a write
// returns (findings from the province's rule pack, the calendar and the attachments).
import { afterAll, beforeAll, expect, it } from 'vitest';
import { countingDb, type CountingDb } from '../../test/support/counting-db.ts';
import { jiawangApproval } from '../../test/support/approvals.ts';
import { square } from '../../test/support/shapes.ts';
import { createTestApp, json, type TestApp } from '../../test/support/test-app.ts';
import { describeEachMode } from '../../test/support/test-db.ts';
import { systemActor } from '../identity/domain/actor.ts';
import { asSystem } from '../identity/scoped-db.ts';
import { loadDemo } from '../demo/load-demo.ts';

type View = { id: string; version: number; findings: { code: string }[] };

describeEachMode('reading a record by id', (db) => {
  let t: TestApp;
  let counting: CountingDb;
  let cookie: string;
  let bearer: string;
  let created: View;

  beforeAll(async () => {
    counting = countingDb(db());
    t = await createTestApp(counting.db);
    await loadDemo(db(), t.services.users);
    await t.addUser('read-clerk', 'county', '320305');
    cookie = await t.login('read-clerk');
    const token = await t.app.inject({
      method: 'POST',
      url: '/api/tokens',
      payload: { name: 'reader', expiresInDays: 1 },
      headers: { cookie },
    });
    expect(token.statusCode, token.body).toBe(201);
    bearer = `Bearer ${json<{ token: string }>(token).token}`;
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/register/records',
      headers: { cookie },
      payload: {
        ...jiawangApproval,
        reason: 'approval received',
        geometry: square(117.4, 34.392),
      },
    });
    expect(response.statusCode, response.body).toBe(201);
    created = json<View>(response);
  }, 120_000);
  afterAll(() => t.close());

  const read = async (headers: Record<string, string>) => {
    counting.reset();
    const response = await t.app.inject({
      method: 'GET',
      url: `/api/register/records/${created.id}`,
      headers,
    });
    expect(response.statusCode, response.body).toBe(200);
    return { view: json<View>(response), statements: [...counting.statements] };
  };

  it('with a session cookie: the session look-up, then BEGIN (read only) with the settings, the record, COMMIT', async () => {
    const { view, statements } = await read({ cookie });
    expect(statements, statements.join('\n')).toHaveLength(4);
    expect(statements[0]).toMatch(/FROM app_user/);
    expect(statements[1]).toMatch(
      /^BEGIN READ ONLY; SELECT set_config\('reclaim\.scope', E'320305', true\), .*set_config\('role', E'reclaim_app', true\)$/,
    );
    expect(statements[2]).toMatch(/FROM temporary_land t WHERE id = \$1/);
    expect(statements[3]).toBe('COMMIT');
    // The same findings as the write computed with its separate look-ups.
    expect(view.findings.map((f) => f.code).sort()).toEqual(
      created.findings.map((f) => f.code).sort(),
    );
  });

  it('with an API token: the same four statements', async () => {
    const { view, statements } = await read({ authorization: bearer });
    expect(statements, statements.join('\n')).toHaveLength(4);
    expect(statements[0]).toMatch(/api_token/);
    expect(view.version).toBe(created.version);
  });

  it('a session or token of an account disabled behind its back reads nothing', async () => {
    const leaver = await t.addUser('read-leaver', 'county', '320305');
    const session = await t.login('read-leaver');
    const issued = await t.app.inject({
      method: 'POST',
      url: '/api/tokens',
      payload: { name: 'leaver', expiresInDays: 1 },
      headers: { cookie: session },
    });
    const token = `Bearer ${json<{ token: string }>(issued).token}`;
    expect((await read({ cookie: session })).view.id).toBe(created.id);
    // Disabled in the database only: the sessions and tokens stay live, the account does not.
    await asSystem(
      db(),
      systemActor('test'),
      (tx) => tx.query(`UPDATE app_user SET status = 'disabled' WHERE id = $1`, [leaver.id]),
      'test: disabled without closing sessions',
    );
    for (const headers of [{ cookie: session }, { authorization: token }]) {
      const response = await t.app.inject({
        method: 'GET',
        url: `/api/register/records/${created.id}`,
        headers,
      });
      expect(response.statusCode, JSON.stringify(headers)).toBe(401);
    }
  });
});
