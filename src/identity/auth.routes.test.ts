// Login, sessions, rate limiting and API tokens through the HTTP API.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachMode } from '../../test/support/test-db.ts';
import { createTestApp, json, testPassword, type TestApp } from '../../test/support/test-app.ts';

describeEachMode('authentication over HTTP', (db) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp(db(), {
      RECLAIM_LOGIN_ATTEMPTS_PER_MINUTE: '5',
      RECLAIM_SESSION_TTL_HOURS: '2',
    });
    await t.addUser('auth-county', 'county', '320305');
    await t.addUser('auth-admin', 'city', '320300', true);
  });
  afterAll(() => t.close());

  it('logs in with an httpOnly, SameSite session cookie that expires with the session', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'Auth-County', password: testPassword },
      remoteAddress: '10.7.7.8',
    });
    expect(response.statusCode).toBe(200);
    const cookie = response.cookies.find((c) => c.name === 'reclaim_session')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Lax');
    const hours = ((cookie.expires as Date).getTime() - Date.now()) / 3_600_000;
    expect(hours).toBeGreaterThan(1.9);
    expect(hours).toBeLessThanOrEqual(2);
    expect(response.body).not.toContain('passwordHash');
    const me = await t.app.inject({
      method: 'GET',
      url: '/api/auth/me',
      headers: { cookie: `reclaim_session=${cookie.value}` },
    });
    expect(json(me)).toMatchObject({
      username: 'auth-county',
      role: 'county',
      divisionCode: '320305',
    });
  });

  it('answers a wrong password and an unknown user alike', async () => {
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'auth-county', password: 'nope' },
      remoteAddress: '10.0.0.1',
    });
    const unknown = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'ghost', password: 'nope' },
      remoteAddress: '10.0.0.1',
    });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(json(wrong)).toEqual(json(unknown));
    expect(json<{ error: { code: string } }>(wrong).error.code).toBe('LOGIN_FAILED');
  });

  it('limits login attempts per client address', async () => {
    const attempt = () =>
      t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'auth-county', password: 'guess' },
        remoteAddress: '10.9.9.9',
      });
    const statuses: number[] = [];
    for (let i = 0; i < 7; i += 1) statuses.push((await attempt()).statusCode);
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.slice(5)).toEqual([429, 429]);
    const limited = await attempt();
    expect(json<{ error: { code: string } }>(limited).error.code).toBe('RATE_LIMITED');
    // Another address is not affected.
    const other = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'auth-county', password: testPassword },
      remoteAddress: '10.9.9.10',
    });
    expect(other.statusCode).toBe(200);
  });

  it('ends the session on logout', async () => {
    const cookie = await t.login('auth-county');
    expect(
      (await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie } }))
        .statusCode,
    ).toBe(204);
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } })).statusCode,
    ).toBe(401);
  });

  it('issues API tokens shown once, usable as Bearer, revocable', async () => {
    const cookie = await t.login('auth-admin');
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/tokens',
      headers: { cookie },
      payload: { name: 'nightly sync', expiresInDays: 30 },
    });
    expect(created.statusCode).toBe(201);
    const { token, record } = json<{ token: string; record: { id: string; tokenPrefix: string } }>(
      created,
    );
    expect(token).toMatch(/^rk_/);
    expect(token.startsWith(record.tokenPrefix)).toBe(true);
    const listed = await t.app.inject({ method: 'GET', url: '/api/tokens', headers: { cookie } });
    expect(listed.body).not.toContain(token);
    const bearer = { authorization: `Bearer ${token}` };
    const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer });
    expect(json(me)).toMatchObject({ username: 'auth-admin' });
    const stored = await db().query<{ token_hash: string }>(
      'SELECT token_hash FROM api_token WHERE id = $1',
      [record.id],
    );
    expect(stored[0]?.token_hash).not.toContain(token);
    await t.app.inject({
      method: 'POST',
      url: `/api/tokens/${record.id}/revoke`,
      headers: { cookie },
    });
    const after = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer });
    expect(after.statusCode).toBe(401);
    expect(json<{ error: { code: string } }>(after).error.code).toBe('TOKEN_INVALID');
  });

  it('stamps a token’s last use at most once a minute, and still refuses it once expired', async () => {
    const cookie = await t.login('auth-admin');
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/tokens',
      headers: { cookie },
      payload: { name: 'busy client' },
    });
    const { token, record } = json<{ token: string; record: { id: string } }>(created);
    const bearer = { authorization: `Bearer ${token}` };
    const lastUsed = async () =>
      (
        await db().query<{ at: string | null }>(
          'SELECT last_used_at::text AS at FROM api_token WHERE id = $1',
          [record.id],
        )
      )[0]?.at;
    expect(await lastUsed()).toBeNull();
    const me = () => t.app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer });
    expect((await me()).statusCode).toBe(200);
    const first = await lastUsed();
    expect(first).not.toBeNull();
    // Within the minute: served, and the row is not written again.
    expect((await me()).statusCode).toBe(200);
    expect(await lastUsed()).toBe(first);
    // A stamp older than the minute is renewed on the next use.
    await db().query(
      `UPDATE api_token SET last_used_at = now() - interval '2 minutes' WHERE id = $1`,
      [record.id],
    );
    const stale = await lastUsed();
    expect((await me()).statusCode).toBe(200);
    expect(await lastUsed()).not.toBe(stale);
    // Expiry is checked on every request, stamped or not.
    await db().query(
      `UPDATE api_token SET expires_at = now() - interval '1 second' WHERE id = $1`,
      [record.id],
    );
    const expired = await me();
    expect(expired.statusCode).toBe(401);
    expect(json<{ error: { code: string } }>(expired).error.code).toBe('TOKEN_INVALID');
  });

  it('closes the sessions of an account that is disabled', async () => {
    const clerk = await t.addUser('auth-leaver', 'county', '320305');
    const session = await t.login('auth-leaver');
    const admin = await t.login('auth-admin');
    const patch = await t.app.inject({
      method: 'PATCH',
      url: `/api/users/${clerk.id}`,
      headers: { cookie: admin },
      payload: { version: 1, status: 'disabled', reason: 'left the bureau' },
    });
    expect(patch.statusCode).toBe(200);
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: session } }))
        .statusCode,
    ).toBe(401);
    const again = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'auth-leaver', password: testPassword },
      remoteAddress: '10.7.7.7',
    });
    expect(again.statusCode).toBe(401);
  });

  it('reports invalid requests with the failing field, in Chinese and English', async () => {
    const admin = await t.login('auth-admin');
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: { cookie: admin },
      payload: { username: 'x', role: 'county' },
    });
    expect(response.statusCode).toBe(400);
    const body = json<{
      error: { code: string; messageZh: string; problems: { location: { field: string } }[] };
    }>(response);
    expect(body.error.code).toBe('REQUEST_INVALID');
    expect(body.error.messageZh).toMatch(/请求/);
    const fields = body.error.problems.map((p) => p.location.field);
    expect(fields).toEqual(
      expect.arrayContaining([
        'body.displayName',
        'body.divisionCode',
        'body.password',
        'body.reason',
      ]),
    );
  });
});
