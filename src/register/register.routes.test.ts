// The register over HTTP on the demo survey layers: areas and land-class breakdown computed
// in PostGIS, findings with rule codes, lifecycle transitions, bad geometry refused with
// its location, and history of every change.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachMode } from '../../test/support/test-db.ts';
import { createTestApp, json, type TestApp } from '../../test/support/test-app.ts';
import { loadDemo } from '../demo/load-demo.ts';
import type { ReclamationDeadline } from './domain/rules/reclamation-rules.ts';
// square(lng, lat): 0.002° a side, ≈ 184 m × 222 m ≈ 4.1 ha in Jiawang's demo area.
import { square } from '../../test/support/shapes.ts';
import { jiawangApproval } from '../../test/support/approvals.ts';

type View = {
  id: string;
  version: number;
  state: string;
  systemNumber: string | null;
  area: { m2: number; mu: number; ha: number };
  computedBreakdown: Record<string, number>;
  findings: { code: string; severity: string; messageZh: string }[];
  availableActions: string[];
  reclamationDeadline: ReclamationDeadline | null;
};

const approval = { ...jiawangApproval, reason: 'approval received' };

describeEachMode('register API', (db) => {
  let t: TestApp;
  let clerk: string;
  let outsider: string;

  beforeAll(async () => {
    t = await createTestApp(db());
    await loadDemo(db(), t.services.users);
    await t.addUser('reg-clerk', 'county', '320305');
    await t.addUser('reg-tongshan', 'county', '320312');
    await t.addUser('reg-city', 'city', '320300');
    clerk = await t.login('reg-clerk');
    outsider = await t.login('reg-tongshan');
  }, 120_000);
  afterAll(() => t.close());

  const post = (url: string, payload: object, cookie = clerk) =>
    t.app.inject({ method: 'POST', url, payload, headers: { cookie } });

  it('creates a record with ellipsoidal areas, the survey breakdown and findings citing rules', async () => {
    const response = await post('/api/register/records', {
      ...approval,
      geometry: square(117.4, 34.392),
    });
    expect(response.statusCode, response.body).toBe(201);
    const view = json<View>(response);
    expect(view.state).toBe('approved');
    expect(view.area.m2).toBeGreaterThan(40_000);
    expect(view.area.m2).toBeLessThan(42_500);
    expect(view.area.mu).toBeCloseTo(view.area.m2 / (10_000 / 15), 6);
    expect(view.area.ha).toBeCloseTo(view.area.m2 / 10_000, 9);
    const b = view.computedBreakdown;
    const groups =
      b.cultivatedM2! +
      b.farmlandM2! +
      b.forestM2! +
      b.otherAgriculturalM2! +
      b.constructionM2! +
      b.unusedM2!;
    expect(Math.abs(groups + b.unsurveyedM2! - view.area.m2)).toBeLessThan(0.5);
    expect(b.cultivatedM2! + b.farmlandM2!).toBeGreaterThan(0); // the south-west of the demo is farmland
    const codes = view.findings.map((f) => f.code);
    expect(codes).toContain('TL-PBF-01'); // a mixing plant on cultivated land
    expect(codes).toContain('TL-APPR-01'); // cultivated land approved by a county
    expect(codes).toContain('TL-REG-01'); // deadline countdown or overdue
    expect(view.findings.every((f) => f.messageZh.length > 0)).toBe(true);
    expect(view.availableActions).toContain('register');
    // TL-RECL-01: reclaimed within a year of the term end (2028-02-05).
    expect(view.reclamationDeadline).toEqual({
      termEnd: '2028-02-05',
      statutory: '2029-02-05',
      deadline: '2029-02-05',
      extensionIgnored: false,
    });
  });

  it('registers, assigns a system number, and refuses illegal transitions', async () => {
    const created = json<View>(
      await post('/api/register/records', {
        ...approval,
        useType: 'material_yard',
        projectName: '堆场',
        geometry: square(117.43, 34.44, 0.001),
      }),
    );
    const registered = await post(`/api/register/records/${created.id}/transitions`, {
      version: created.version,
      action: 'register',
      reasonCode: 'REGISTERED',
      occurredOn: '2026-03-12',
      reason: 'registered within the deadline',
    });
    expect(registered.statusCode, registered.body).toBe(200);
    const view = json<View>(registered);
    expect(view.state).toBe('registered');
    expect(view.systemNumber).toMatch(/^320305-2026-\d{5}$/);
    expect(view.findings.find((f) => f.code === 'TL-REG-01')).toBeUndefined(); // 2026-03-12 is the deadline itself
    const illegal = await post(`/api/register/records/${created.id}/transitions`, {
      version: view.version,
      action: 'start_reclamation',
      reasonCode: 'USE_ENDED',
      occurredOn: '2026-04-01',
      reason: 'try',
    });
    expect(illegal.statusCode).toBe(409);
    expect(json<{ error: { code: string } }>(illegal).error.code).toBe('TRANSITION_NOT_ALLOWED');
    // Acceptance is the reclamation acceptance workflow's pass (TL-RECL-05), never this route.
    const accept = await post(`/api/register/records/${created.id}/transitions`, {
      version: view.version,
      action: 'accept',
      reasonCode: 'RECLAMATION_ACCEPTED',
      occurredOn: '2026-04-01',
      reason: 'try',
    });
    expect(accept.statusCode).toBe(409);
    expect(json<{ error: { code: string } }>(accept).error.code).toBe(
      'ACCEPT_BY_ACCEPTANCE_WORKFLOW',
    );
    const stale = await post(`/api/register/records/${created.id}/transitions`, {
      version: 1,
      action: 'start_use',
      reasonCode: 'WORKS_STARTED',
      occurredOn: '2026-04-01',
      reason: 'try',
    });
    expect(json<{ error: { code: string } }>(stale).error.code).toBe('VERSION_CONFLICT');
    // Write-offs go through the dossier: the lifecycle route refuses them.
    const direct = await post(`/api/register/records/${created.id}/transitions`, {
      version: view.version,
      action: 'write_off',
      reasonCode: 'PERMANENT_STRUCTURE',
      occurredOn: '2026-05-01',
      reason: 'try',
    });
    expect(direct.statusCode).toBe(400);
    const asked = await post('/api/supervision/write-offs', {
      recordId: created.id,
      reasonCode: 'PERMANENT_STRUCTURE',
      occurredOn: '2026-05-01',
      note: '卫片发现永久性建筑',
      reason: 'verified on site',
    });
    expect(asked.statusCode, asked.body).toBe(201);
    const pending = json<{ id: string; status: string; version: number }>(asked);
    expect(pending.status).toBe('pending'); // a county's write-off waits for the level above
    const confirmed = await post(
      `/api/supervision/write-offs/${pending.id}/actions`,
      { action: 'confirm', version: pending.version, reason: 'confirmed by the city' },
      await t.login('reg-city'),
    );
    expect(json<{ status: string; recordState: string }>(confirmed)).toMatchObject({
      status: 'confirmed',
      recordState: 'written_off',
    });
    const log = json<{ items: { action: string; reasonCode: string }[] }>(
      await t.app.inject({
        url: `/api/register/records/${created.id}/transitions`,
        headers: { cookie: clerk },
      }),
    );
    expect(log.items.map((i) => `${i.action}:${i.reasonCode}`)).toEqual([
      'register:REGISTERED',
      'write_off:PERMANENT_STRUCTURE',
    ]);
    const history = json<{ items: { version: number; reason: string }[] }>(
      await t.app.inject({
        url: `/api/history/temporary-land/${created.id}`,
        headers: { cookie: clerk },
      }),
    );
    expect(history.items.map((h) => h.reason)).toEqual([
      'approval received',
      'registered within the deadline',
      'confirmed by the city',
    ]);
    // Written off is kept, never erased.
    expect(
      (
        await t.app.inject({
          url: `/api/register/records/${created.id}`,
          headers: { cookie: clerk },
        })
      ).statusCode,
    ).toBe(200);
  });

  it('refuses a self-intersecting boundary with its location, and stores nothing', async () => {
    const before = json<{ total: number }>(
      await t.app.inject({ url: '/api/register/records', headers: { cookie: clerk } }),
    ).total;
    const bowTie = {
      type: 'Polygon',
      coordinates: [
        [
          [117.41, 34.4],
          [117.412, 34.402],
          [117.412, 34.4],
          [117.41, 34.402],
          [117.41, 34.4],
        ],
      ],
    };
    const response = await post('/api/register/records', { ...approval, geometry: bowTie });
    expect(response.statusCode).toBe(400);
    const error = json<{
      error: {
        code: string;
        problems: {
          code: string;
          messageEn: string;
          location: { field: string; ring?: number; vertex?: number };
        }[];
      };
    }>(response).error;
    expect(error.code).toBe('GEOMETRY_INVALID');
    expect(error.problems[0]?.messageEn).toMatch(/Self-intersection.*117\.411/);
    expect(error.problems[0]?.location).toMatchObject({
      field: 'geometry',
      ring: 1,
      vertex: expect.any(Number),
    });
    const outside = await post('/api/register/records', {
      ...approval,
      geometry: square(34.4, 117.4),
    }); // X/Y swapped
    expect(json<{ error: { code: string } }>(outside).error.code).toBe('GEOMETRY_OUTSIDE_CHINA');
    const after = json<{ total: number }>(
      await t.app.inject({ url: '/api/register/records', headers: { cookie: clerk } }),
    ).total;
    expect(after).toBe(before);
  });

  it('lists a record’s summary as its own page shows it, found by the filters', async () => {
    const created = json<Record<string, unknown> & { id: string }>(
      await post('/api/register/records', {
        ...approval,
        projectName: '列表摘要核对工程',
        geometry: square(117.43, 34.43),
      }),
    );
    const full = json<Record<string, unknown>>(
      await t.app.inject({
        url: `/api/register/records/${created.id}`,
        headers: { cookie: clerk },
      }),
    );
    const list = json<{ items: Record<string, unknown>[]; total: number }>(
      await t.app.inject({
        url: `/api/register/records?q=${encodeURIComponent('列表摘要')}&state=approved&divisionCode=320305`,
        headers: { cookie: clerk },
      }),
    );
    expect(list.total).toBe(1);
    const keys = [
      'id',
      'systemNumber',
      'divisionCode',
      'state',
      'projectName',
      'useType',
      'approvalNumber',
      'approvalDate',
      'termEnd',
      'version',
      'updatedAt',
    ];
    expect(list.items[0]).toEqual({
      ...Object.fromEntries(keys.map((k) => [k, full[k] ?? null])),
      areaM2: (full.area as { m2: number }).m2,
    });
  });

  it('keeps another county out: its clerk can neither see nor create records here', async () => {
    const list = json<{ items: { divisionCode: string }[] }>(
      await t.app.inject({ url: '/api/register/records', headers: { cookie: outsider } }),
    );
    expect(list.items.every((r) => r.divisionCode.startsWith('320312'))).toBe(true);
    const create = await post(
      '/api/register/records',
      { ...approval, geometry: square(117.4, 34.392) },
      outsider,
    );
    expect(create.statusCode).toBe(403);
  });

  it('updates the boundary with a new overlay and a new version; stale versions conflict', async () => {
    const created = json<View>(
      await post('/api/register/records', {
        ...approval,
        useType: 'work_shed',
        projectName: '工棚',
        geometry: square(117.45, 34.43, 0.001),
      }),
    );
    const patch = (body: object) =>
      t.app.inject({
        method: 'PATCH',
        url: `/api/register/records/${created.id}`,
        payload: body,
        headers: { cookie: clerk },
      });
    const bigger = await patch({
      version: created.version,
      geometry: square(117.45, 34.43, 0.0015),
      declaredAreaM2: 1000,
      reason: 'boundary resurveyed',
    });
    expect(bigger.statusCode, bigger.body).toBe(200);
    const view = json<View>(bigger);
    expect(view.version).toBe(created.version + 1);
    expect(view.area.m2).toBeGreaterThan(created.area.m2 * 2);
    expect(view.findings.map((f) => f.code)).toContain('TL-DATA-01'); // declared 1000 m² vs ≈ 23,000 m²
    const stale = await patch({ version: created.version, projectOwner: 'x', reason: 'stale' });
    expect(stale.statusCode).toBe(409);
  });

  it('of several concurrent updates from the same version, exactly one lands; the others conflict', async () => {
    const created = json<View>(
      await post('/api/register/records', {
        ...approval,
        useType: 'work_shed',
        projectName: '并发修改',
        geometry: square(117.46, 34.44, 0.001),
      }),
    );
    const owners = ['甲公司', '乙公司', '丙公司', '丁公司'];
    const responses = await Promise.all(
      owners.map((projectOwner) =>
        t.app.inject({
          method: 'PATCH',
          url: `/api/register/records/${created.id}`,
          payload: { version: created.version, projectOwner, reason: 'concurrent edit' },
          headers: { cookie: clerk },
        }),
      ),
    );
    const statuses = responses.map((r) => r.statusCode).sort();
    expect(statuses).toEqual([200, 409, 409, 409]);
    const winner = owners[responses.findIndex((r) => r.statusCode === 200)];
    const [row] = await db().query<{ project_owner: string; version: number; versions: number }>(
      `SELECT project_owner, version,
              (SELECT count(*) FROM record_version WHERE entity = 'temporary_land' AND entity_id = $1) AS versions
       FROM temporary_land WHERE id = $1`,
      [created.id],
    );
    expect(row).toEqual({
      project_owner: winner,
      version: created.version + 1,
      versions: created.version + 1,
    });
  });
});
