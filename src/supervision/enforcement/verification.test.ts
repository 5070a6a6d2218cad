// The verification workflow over HTTP: assign within the division, field photos while on the
// case, the verdict by the assignee, closing and reopening above the county, optimistic
// locking, the polygon's finding settled by the verdict, and the timeline and history.
import { beforeAll, expect, it } from 'vitest';
import { describeEachMode } from '../../../test/support/test-db.ts';
import { createTestApp, json, type TestApp } from '../../../test/support/test-app.ts';
import { systemActor } from '../../identity/domain/actor.ts';

const system = systemActor('test');
/** A real 1×1 PNG. */
const png = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

describeEachMode('polygon verification', (db) => {
  let t: TestApp;
  let polygonId: string;
  const users: Record<string, { id: string; cookie: string }> = {};
  let version = 0;

  const act = (who: string, payload: object) =>
    t.app.inject({
      method: 'POST',
      url: `/api/supervision/enforcement/polygons/${polygonId}/actions`,
      headers: { cookie: users[who]!.cookie },
      payload: { reason: '卫片图斑核查', ...payload },
    });
  const photo = (who: string) =>
    t.app.inject({
      method: 'POST',
      url: `/api/supervision/enforcement/polygons/${polygonId}/photos`,
      headers: { cookie: users[who]!.cookie },
      payload: {
        fileName: '现场照片.png',
        contentBase64: png.toString('base64'),
        takenOn: '2026-06-03',
        reason: '实地举证',
      },
    });
  const findingStatus = async () =>
    (
      await db().query<{ status: string }>(
        `SELECT status FROM supervision_finding WHERE finding_key = $1`,
        [`TL-ENF-01|change_polygon|${polygonId}|2026-05`],
      )
    )[0]?.status;
  const expectOk = (response: { statusCode: number; body: string }) => {
    expect(response.statusCode, response.body).toBe(200);
    const body = json<{ state: string; version: number }>(response as never);
    version = body.version;
    return body;
  };

  beforeAll(async () => {
    t = await createTestApp(db());
    for (const [name, role, division] of [
      ['clerk-a', 'county', '320305'],
      ['clerk-b', 'county', '320305'],
      ['tongshan-clerk', 'county', '320312'],
      ['xuzhou-city', 'city', '320300'],
    ] as const) {
      const user = await t.addUser(name, role, division);
      users[name] = { id: user.id, cookie: await t.login(name) };
    }
    const square = [
      [117.35, 34.35],
      [117.351, 34.35],
      [117.351, 34.351],
      [117.35, 34.351],
      [117.35, 34.35],
    ];
    const file = {
      name: 'wp.geojson',
      bytes: new TextEncoder().encode(
        JSON.stringify({
          type: 'Feature',
          properties: { TBBH: 'HC-1' },
          geometry: { type: 'Polygon', coordinates: [square] },
        }),
      ),
    };
    const result = await t.services.enforcement.import(system, [file], {
      source: 'change_survey',
      month: '2026-05',
      batchId: 'BG-2026-05',
      divisionCode: '320305',
      reason: 'test',
    });
    const [row] = await db().query<{ id: string }>(
      'SELECT id FROM change_polygon WHERE batch_id = $1',
      [result.batch.id],
    );
    polygonId = row!.id;
  }, 120_000);

  it('takes no photo before the polygon is assigned', async () => {
    const response = await photo('clerk-a');
    expect(response.statusCode).toBe(409);
    expect(json<{ error: { code: string } }>(response).error.code).toBe('VERIFICATION_PHOTO_STATE');
  });

  it('assigns only to an official in the division who reaches the polygon', async () => {
    const wrong = await act('clerk-a', {
      action: 'assign',
      version: 0,
      assigneeId: users['tongshan-clerk']!.id,
    });
    expect(wrong.statusCode).toBe(400);
    expect(json<{ error: { code: string } }>(wrong).error.code).toBe('VERIFICATION_ASSIGNEE');
    const assigned = expectOk(
      await act('clerk-a', { action: 'assign', version: 0, assigneeId: users['clerk-b']!.id }),
    );
    expect(assigned).toMatchObject({ state: 'assigned', assigneeId: users['clerk-b']!.id });
  });

  it('lists the officials whose division includes the polygon’s county, as the page offers them', async () => {
    await t.addUser('xuzhou-admin', 'city', '320300', true);
    const cookie = await t.login('xuzhou-admin');
    const listed = async (query: string) =>
      json<{ items: { username: string }[] }>(
        await t.app.inject({ url: `/api/users?limit=500${query}`, headers: { cookie } }),
      )
        .items.map((u) => u.username)
        .sort();
    // Jiawang's two clerks and the city's officials may be assigned there; Tongshan's clerk not.
    expect(await listed('&covering=320305')).toEqual([
      'clerk-a',
      'clerk-b',
      'xuzhou-admin',
      'xuzhou-city',
    ]);
    expect(await listed('&covering=320312')).toEqual([
      'tongshan-clerk',
      'xuzhou-admin',
      'xuzhou-city',
    ]);
    expect(await listed('&covering=320300')).toEqual(['xuzhou-admin', 'xuzhou-city']);
    expect(await listed('')).toHaveLength(5);
    const bad = await t.app.inject({ url: '/api/users?covering=32', headers: { cookie } });
    expect(bad.statusCode).toBe(400);
  });

  it('refuses a stale version and a verdict from an official not assigned', async () => {
    const stale = await act('clerk-b', {
      action: 'record_verdict',
      version: 0,
      verdict: 'illegal',
      verdictReason: '现场为新建厂房',
    });
    expect(stale.statusCode).toBe(409);
    expect(json<{ error: { code: string } }>(stale).error.code).toBe('VERSION_CONFLICT');
    const notAssignee = await act('clerk-a', {
      action: 'record_verdict',
      version,
      verdict: 'illegal',
      verdictReason: '现场为新建厂房',
    });
    expect(notAssignee.statusCode).toBe(403);
  });

  it('keeps field photos with their checksum and serves them back', async () => {
    const added = await photo('clerk-b');
    expect(added.statusCode, added.body).toBe(201);
    const stored = json<{ id: string; sha256: string; contentType: string }>(added);
    expect(stored.contentType).toBe('image/png');
    const download = await t.app.inject({
      method: 'GET',
      url: `/api/supervision/enforcement/photos/${stored.id}/content`,
      headers: { cookie: users['clerk-a']!.cookie },
    });
    expect(download.statusCode).toBe(200);
    expect(Buffer.compare(download.rawPayload, png)).toBe(0);
    expect(download.headers['x-content-sha256']).toBe(stored.sha256);
    const neighbour = await t.app.inject({
      method: 'GET',
      url: `/api/supervision/enforcement/photos/${stored.id}/content`,
      headers: { cookie: users['tongshan-clerk']!.cookie },
    });
    expect(neighbour.statusCode).toBe(404);
  });

  it('records the verdict by the assignee; only a level above the county closes', async () => {
    expectOk(
      await act('clerk-b', {
        action: 'record_verdict',
        version,
        verdict: 'illegal',
        verdictReason: '现场为新建厂房，无批准文件',
      }),
    );
    const byCounty = await act('clerk-b', { action: 'close', version });
    expect(byCounty.statusCode).toBe(403);
    expect(await findingStatus()).toBe('open');
    expect(expectOk(await act('xuzhou-city', { action: 'close', version })).state).toBe('closed');
    // Confirmed illegal: the finding stays live for the case, acknowledged.
    expect(await findingStatus()).toBe('acknowledged');
    expect((await photo('clerk-b')).statusCode).toBe(409);
  });

  it('reopens, and a lawful verdict closes the finding; reopening again reopens it', async () => {
    expect(expectOk(await act('xuzhou-city', { action: 'reopen', version })).state).toBe(
      'assigned',
    );
    expectOk(
      await act('clerk-b', {
        action: 'record_verdict',
        version,
        verdict: 'lawful',
        verdictReason: '已取得建设用地批准文件（批复文号见附件）',
      }),
    );
    expectOk(await act('xuzhou-city', { action: 'close', version }));
    expect(await findingStatus()).toBe('closed');
    expectOk(await act('xuzhou-city', { action: 'reopen', version }));
    expect(await findingStatus()).toBe('open');
  });

  it('shows the timeline on the polygon and every version in history', async () => {
    const detail = json<{
      properties: {
        events: { action: string; toState: string; recordedBy: string }[];
        verification: { id: string; state: string; verdict: string };
        photos: unknown[];
      };
    }>(
      await t.app.inject({
        method: 'GET',
        url: `/api/supervision/enforcement/polygons/${polygonId}`,
        headers: { cookie: users['clerk-a']!.cookie },
      }),
    );
    expect(detail.properties.events.map((e) => e.action)).toEqual([
      'assign',
      'add_photo',
      'record_verdict',
      'close',
      'reopen',
      'record_verdict',
      'close',
      'reopen',
    ]);
    expect(detail.properties.events[0]!.recordedBy).toContain('clerk-a');
    expect(detail.properties.verification).toMatchObject({ state: 'assigned', verdict: 'lawful' });
    expect(detail.properties.photos).toHaveLength(1);
    const history = json<{ items: { version: number; reason: string }[] }>(
      await t.app.inject({
        method: 'GET',
        url: `/api/history/change-polygon-verifications/${detail.properties.verification.id}`,
        headers: { cookie: users['clerk-a']!.cookie },
      }),
    );
    expect(history.items.map((v) => v.version)).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });
});
