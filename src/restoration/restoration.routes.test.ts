// Restoration through the HTTP API, in both storage modes: the "done means" (create a
// subsidence restoration project, record two measurements, its progress moves), an invalid
// polygon refused at its vertex with nothing written, the project's life, funding and photos,
// acceptance criteria kept by a province and checked for a county's project, the dashboard,
// and scope refusals (Tongshan cannot touch Jiawang's project; a county keeps no criteria).
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachMode } from '../../test/support/test-db.ts';
import { createTestApp, json, type TestApp } from '../../test/support/test-app.ts';
import type { Actor } from '../identity/domain/actor.ts';
import { inScope } from '../identity/scoped-db.ts';

const errorOf = (r: LightMyRequestResponse) =>
  json<{ error: { code: string; problems: { location?: Record<string, unknown> }[] } }>(r).error;

/** A rectangle near Pan'an Lake, [lng, lat] in EPSG:4490: about 920 m × 1110 m. */
const ring = (lng: number, lat: number, w = 0.01, h = 0.01) => [
  [lng, lat],
  [lng + w, lat],
  [lng + w, lat + h],
  [lng, lat + h],
  [lng, lat],
];
const lake = { type: 'Polygon', coordinates: [ring(117.42, 34.41)] };
/** A ring crossing itself: its third vertex makes a bow tie. */
const bowTie = {
  type: 'Polygon',
  coordinates: [
    [
      [117.42, 34.41],
      [117.43, 34.42],
      [117.43, 34.41],
      [117.42, 34.42],
      [117.42, 34.41],
    ],
  ],
};
const png =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

interface Project {
  id: string;
  version: number;
  state: string;
  areaM2: number;
  geometry: { type: string };
  progress: {
    measurements: number;
    overall: { percent: number | null; previousPercent: number | null; trend: string };
    byType: { type: string; restoredM2: number; percent: number | null }[];
    vegetationCover: { latestPct: number | null; series: { measuredOn: string; pct: number }[] };
  };
  measurements: { id: string; attachments: { id: string; sha256: string }[] }[];
  funding: { totalYuan: number; bySource: { source: string; amountYuan: number }[] };
}

describeEachMode('restoration projects', (db) => {
  let t: TestApp;
  const cookie: Record<string, string> = {};
  let projectId = '';

  const call = (method: 'GET' | 'POST' | 'PATCH', url: string, who?: string, payload?: object) =>
    t.app.inject({
      method,
      url,
      ...(who ? { headers: { cookie: cookie[who]! } } : {}),
      ...(payload ? { payload } : {}),
    });
  const countProjects = async () =>
    (await db().query<{ n: number }>('SELECT count(*)::int AS n FROM restoration_project'))[0]!.n;

  beforeAll(async () => {
    t = await createTestApp(db());
    for (const [name, role, division] of [
      ['jiawang', 'county', '320305'],
      ['tongshan', 'county', '320312'],
      ['xuzhou', 'city', '320300'],
      ['jiangsu', 'province', '320000'],
      ['company', 'enterprise', '320305'],
    ] as const) {
      await t.addUser(name, role, division);
      cookie[name] = await t.login(name);
    }
  }, 120_000);
  afterAll(() => t.close());

  it('creates a subsidence project, and two measurements move its progress', async () => {
    const created = await call('POST', '/api/restoration/projects', 'jiawang', {
      name: '潘安湖采煤塌陷区生态修复（演示）',
      responsibleUnit: '贾汪区自然资源和规划局',
      damageKind: 'subsidence',
      criteriaRegion: 'huang_huai_hai_plain',
      geometry: lake,
      targetAreaM2: { wetland: 600_000, cultivated_land: 300_000 },
      targetVegetationCoverPct: 80,
      plannedStartOn: '2025-03-01',
      plannedEndOn: '2027-12-31',
      reason: '立项',
    });
    expect(created.statusCode, created.body).toBe(201);
    const project = json<Project>(created);
    projectId = project.id;
    expect(project.geometry.type).toBe('MultiPolygon');
    // 0.01° × 0.01° at 34.41°N on the ellipsoid: about 919 m × 1109 m.
    expect(project.areaM2).toBeGreaterThan(1.0e6);
    expect(project.areaM2).toBeLessThan(1.04e6);
    expect(project.progress.overall).toMatchObject({ percent: 0, trend: 'none' });

    const first = await call(
      'POST',
      `/api/restoration/projects/${projectId}/measurements`,
      'jiawang',
      {
        measuredOn: '2025-10-15',
        source: 'field_survey',
        restoredAreaM2: { wetland: 180_000, cultivated_land: 60_000 },
        vegetationCoverPct: 42,
        reason: '秋季实地调查',
      },
    );
    expect(first.statusCode, first.body).toBe(201);
    const afterFirst = json<Project>(
      await call('GET', `/api/restoration/projects/${projectId}`, 'jiawang'),
    );
    expect(afterFirst.progress.overall).toMatchObject({ percent: 26.7, trend: 'first' });

    const second = await call(
      'POST',
      `/api/restoration/projects/${projectId}/measurements`,
      'jiawang',
      {
        measuredOn: '2026-06-20',
        source: 'remote_sensing',
        restoredAreaM2: { wetland: 420_000, cultivated_land: 210_000 },
        vegetationCoverPct: 63.5,
        indicators: [{ indicator: 'water_depth', value: 1.8, unit: 'm' }],
        reason: '遥感监测',
      },
    );
    expect(second.statusCode, second.body).toBe(201);
    const progress = json<Project['progress']>(
      await call('GET', `/api/restoration/projects/${projectId}/progress`, 'jiawang'),
    );
    expect(progress.measurements).toBe(2);
    expect(progress.overall).toEqual({
      targetM2: 900_000,
      countedM2: 630_000,
      percent: 70,
      previousPercent: 26.7,
      trend: 'improving',
    });
    expect(progress.byType.map((b) => [b.type, b.restoredM2, b.percent])).toEqual([
      ['cultivated_land', 210_000, 70],
      ['wetland', 420_000, 70],
    ]);
    expect(progress.vegetationCover.series).toEqual([
      { measuredOn: '2025-10-15', pct: 42 },
      { measuredOn: '2026-06-20', pct: 63.5 },
    ]);

    // Kept in history with the reason.
    const history = await call('GET', `/api/history/restoration-projects/${projectId}`, 'jiawang');
    expect(history.statusCode, history.body).toBe(200);
    expect(json<{ items: { reason: string }[] }>(history).items[0]!.reason).toBe('立项');
  });

  it('refuses an invalid polygon at its vertex and writes nothing', async () => {
    const before = await countProjects();
    const response = await call('POST', '/api/restoration/projects', 'jiawang', {
      name: '自相交图形',
      responsibleUnit: '贾汪区',
      damageKind: 'subsidence',
      geometry: bowTie,
      targetAreaM2: { wetland: 1000 },
      reason: '测试',
    });
    expect(response.statusCode).toBe(400);
    const error = errorOf(response);
    expect(error.code).toBe('GEOMETRY_INVALID');
    expect(error.problems[0]!.location).toMatchObject({ field: 'geometry', ring: 1 });
    expect(error.problems[0]!.location!.vertex).toEqual(expect.any(Number));
    expect(await countProjects()).toBe(before);
  });

  it('refuses targets larger than the polygon and restored areas larger than it', async () => {
    const before = await countProjects();
    const big = await call('POST', '/api/restoration/projects', 'jiawang', {
      name: '超面积',
      responsibleUnit: '贾汪区',
      damageKind: 'subsidence',
      geometry: lake,
      targetAreaM2: { wetland: 2_000_000 },
      reason: '测试',
    });
    expect(errorOf(big).code).toBe('RESTORATION_TARGET_EXCEEDS_AREA');
    expect(await countProjects()).toBe(before);
    const measured = await call(
      'POST',
      `/api/restoration/projects/${projectId}/measurements`,
      'jiawang',
      {
        measuredOn: '2026-07-01',
        source: 'field_survey',
        restoredAreaM2: { wetland: 5_000_000 },
        reason: '测试',
      },
    );
    expect(errorOf(measured).code).toBe('MEASUREMENT_EXCEEDS_AREA');
    const future = await call(
      'POST',
      `/api/restoration/projects/${projectId}/measurements`,
      'jiawang',
      {
        measuredOn: '2099-01-01',
        source: 'field_survey',
        restoredAreaM2: { wetland: 1 },
        reason: '测试',
      },
    );
    expect(errorOf(future).code).toBe('MEASUREMENT_IN_FUTURE');
    const list = json<{ items: unknown[] }>(
      await call('GET', `/api/restoration/projects/${projectId}/measurements`, 'jiawang'),
    );
    expect(list.items).toHaveLength(2);
  });

  it('changes a project with the version read: a new polygon is measured again; a stale version is refused', async () => {
    const before = json<Project>(
      await call('GET', `/api/restoration/projects/${projectId}`, 'jiawang'),
    );
    const wider = { type: 'Polygon', coordinates: [ring(117.42, 34.41, 0.012, 0.01)] };
    const changed = await call('PATCH', `/api/restoration/projects/${projectId}`, 'jiawang', {
      geometry: wider,
      version: before.version,
      reason: '边界调整',
    });
    expect(changed.statusCode, changed.body).toBe(200);
    const after = json<Project>(changed);
    expect(after.areaM2 / before.areaM2).toBeCloseTo(1.2, 3);
    expect(after.version).toBe(before.version + 1);
    const stale = await call('PATCH', `/api/restoration/projects/${projectId}`, 'jiawang', {
      name: '旧版本',
      version: before.version,
      reason: '测试',
    });
    expect(errorOf(stale).code).toBe('VERSION_CONFLICT');
  });

  it('moves the project through its life with reasons, and refuses a skipped step', async () => {
    const read = async () =>
      json<Project>(await call('GET', `/api/restoration/projects/${projectId}`, 'jiawang'));
    const early = await call('POST', `/api/restoration/projects/${projectId}/actions`, 'jiawang', {
      action: 'accept',
      version: (await read()).version,
      reason: '跳步',
    });
    expect(early.statusCode).toBe(409);
    expect(errorOf(early).code).toBe('RESTORATION_ACTION_REFUSED');
    for (const action of ['start', 'complete', 'reopen', 'complete', 'accept']) {
      const moved = await call(
        'POST',
        `/api/restoration/projects/${projectId}/actions`,
        'jiawang',
        {
          action,
          version: (await read()).version,
          reason: `动作 ${action}`,
        },
      );
      expect(moved.statusCode, moved.body).toBe(200);
    }
    expect((await read()).state).toBe('accepted');
    const afterAcceptance = await call(
      'PATCH',
      `/api/restoration/projects/${projectId}`,
      'jiawang',
      {
        name: '验收后修改',
        version: (await read()).version,
        reason: '测试',
      },
    );
    expect(errorOf(afterAcceptance).code).toBe('RESTORATION_ACCEPTED');
  });

  it('keeps funding lines with totals by source, and photos of a measurement with their checksum', async () => {
    for (const [source, amountYuan, year] of [
      ['central', 12_000_000, 2025],
      ['local', 3_500_000.5, 2025],
      ['central', 8_000_000, 2026],
    ] as const) {
      const added = await call(
        'POST',
        `/api/restoration/projects/${projectId}/funding`,
        'jiawang',
        {
          source,
          amountYuan,
          year,
          reason: '资金下达',
        },
      );
      expect(added.statusCode, added.body).toBe(201);
    }
    const cents = await call('POST', `/api/restoration/projects/${projectId}/funding`, 'jiawang', {
      source: 'local',
      amountYuan: 1.005,
      year: 2026,
      reason: '测试',
    });
    expect(errorOf(cents).code).toBe('FUNDING_AMOUNT');
    const project = json<Project>(
      await call('GET', `/api/restoration/projects/${projectId}`, 'jiawang'),
    );
    expect(project.funding.totalYuan).toBe(23_500_000.5);
    expect(project.funding.bySource).toEqual([
      { source: 'central', amountYuan: 20_000_000 },
      { source: 'local', amountYuan: 3_500_000.5 },
    ]);
    const measurementId = project.measurements[0]!.id;
    const photo = await call(
      'POST',
      `/api/restoration/measurements/${measurementId}/attachments`,
      'jiawang',
      {
        kind: 'photo',
        fileName: '湿地.png',
        contentBase64: png,
        reason: '现场照片',
      },
    );
    expect(photo.statusCode, photo.body).toBe(201);
    const pdfAsPhoto = await call(
      'POST',
      `/api/restoration/measurements/${measurementId}/attachments`,
      'jiawang',
      {
        kind: 'report',
        fileName: 'report.pdf',
        contentBase64: png,
        reason: '测试',
      },
    );
    expect(errorOf(pdfAsPhoto).code).toBe('ATTACHMENT_TYPE');
    const { id } = json<{ id: string }>(photo);
    const content = await call('GET', `/api/restoration/attachments/${id}/content`, 'jiawang');
    expect(content.statusCode).toBe(200);
    expect(content.rawPayload.equals(Buffer.from(png, 'base64'))).toBe(true);
    const again = json<Project>(
      await call('GET', `/api/restoration/projects/${projectId}`, 'jiawang'),
    );
    expect(again.measurements[0]!.attachments).toHaveLength(1);
  });

  it('checks the latest measurement against the criteria a province keeps, which a county cannot write', async () => {
    const rows = [
      {
        indicator: 'vegetation_cover',
        indicatorZh: '植被覆盖度',
        operator: '>=',
        threshold: 60,
        unit: '%',
        isDemo: true,
      },
      {
        indicator: 'water_depth',
        indicatorZh: '水深',
        operator: 'between',
        threshold: 1,
        thresholdHigh: 3,
        unit: 'm',
        isDemo: true,
      },
    ];
    const byCounty = await call('POST', '/api/restoration/criteria/replace', 'jiawang', {
      region: 'huang_huai_hai_plain',
      direction: 'wetland',
      rows,
      reason: '测试',
    });
    expect(byCounty.statusCode).toBe(403);
    const replaced = await call('POST', '/api/restoration/criteria/replace', 'jiangsu', {
      region: 'huang_huai_hai_plain',
      direction: 'wetland',
      rows,
      reason: '演示标准',
    });
    expect(replaced.statusCode, replaced.body).toBe(200);
    expect(json<{ superseded: number; items: unknown[] }>(replaced)).toMatchObject({
      superseded: 0,
    });
    // The county reads the province's rows: they apply to it.
    const seen = json<{ items: { divisionCode: string; isDemo: boolean }[] }>(
      await call('GET', '/api/restoration/criteria?region=huang_huai_hai_plain', 'jiawang'),
    );
    expect(seen.items.map((c) => c.divisionCode)).toEqual(['320000', '320000']);
    // Replacing again supersedes the two rows (kept, not deleted).
    const again = await call('POST', '/api/restoration/criteria/replace', 'jiangsu', {
      region: 'huang_huai_hai_plain',
      direction: 'wetland',
      rows,
      reason: '修订',
    });
    expect(json<{ superseded: number }>(again).superseded).toBe(2);
    const [kept] = await db().query<{ n: number }>(
      `SELECT count(*)::int AS n FROM acceptance_criterion WHERE status = 'superseded'`,
    );
    expect(kept!.n).toBe(2);

    const check = await call(
      'GET',
      `/api/restoration/projects/${projectId}/criteria-check`,
      'jiawang',
    );
    expect(check.statusCode, check.body).toBe(200);
    const { checks } = json<{
      checks: {
        type: string;
        verdict: string;
        criteriaDivisionCode: string | null;
        findings: { indicator: string; status: string }[];
      }[];
    }>(check);
    const wetland = checks.find((c) => c.type === 'wetland')!;
    expect(wetland).toMatchObject({ verdict: 'pass', criteriaDivisionCode: '320000' });
    expect(wetland.findings.map((f) => [f.indicator, f.status])).toEqual([
      ['vegetation_cover', 'met'],
      ['water_depth', 'met'],
    ]);
    // No criteria for cultivated land in this region yet.
    expect(checks.find((c) => c.type === 'cultivated_land')!.verdict).toBe('no_criteria');

    const mismatch = await call('POST', '/api/restoration/criteria/check', 'jiawang', {
      divisionCode: '320305',
      region: 'huang_huai_hai_plain',
      direction: 'wetland',
      values: [{ indicator: 'water_depth', value: 180, unit: 'cm' }],
    });
    expect(json(mismatch)).toMatchObject({
      verdict: 'incomplete',
      findings: [
        { indicator: 'vegetation_cover', status: 'missing' },
        { indicator: 'water_depth', status: 'unit_mismatch', measured: { value: 180, unit: 'cm' } },
      ],
    });
    const outside = await call('POST', '/api/restoration/criteria/check', 'tongshan', {
      divisionCode: '320305',
      region: 'huang_huai_hai_plain',
      direction: 'wetland',
      values: [],
    });
    expect(errorOf(outside).code).toBe('OUT_OF_SCOPE');
  });

  it('shows restored area by county and type, and the cover series, on the dashboard', async () => {
    const board = json<{
      byCountyAndType: {
        divisionCode: string;
        type: string;
        targetM2: number;
        restoredM2: number;
      }[];
      vegetationCover: { projectId: string; series: unknown[] }[];
    }>(await call('GET', '/api/restoration/dashboard', 'xuzhou'));
    expect(board.byCountyAndType).toContainEqual(
      expect.objectContaining({
        divisionCode: '320305',
        type: 'wetland',
        targetM2: 600_000,
        restoredM2: 420_000,
      }),
    );
    expect(board.vegetationCover.find((p) => p.projectId === projectId)!.series).toHaveLength(2);
    const tongshan = json<{ byCountyAndType: unknown[]; projects: number }>(
      await call('GET', '/api/restoration/dashboard', 'tongshan'),
    );
    expect(tongshan).toMatchObject({ byCountyAndType: [], projects: 0 });
  });

  it('keeps other divisions, enterprises and the public out', async () => {
    expect(
      (await call('GET', `/api/restoration/projects/${projectId}`, 'tongshan')).statusCode,
    ).toBe(404);
    const measure = await call(
      'POST',
      `/api/restoration/projects/${projectId}/measurements`,
      'tongshan',
      {
        measuredOn: '2026-07-01',
        source: 'field_survey',
        restoredAreaM2: { wetland: 1 },
        reason: '越权',
      },
    );
    expect(measure.statusCode).toBe(404);
    const create = await call('POST', '/api/restoration/projects', 'tongshan', {
      divisionCode: '320305',
      name: '越权项目',
      responsibleUnit: '铜山区',
      damageKind: 'subsidence',
      geometry: lake,
      targetAreaM2: { wetland: 1000 },
      reason: '越权',
    });
    expect(errorOf(create).code).toBe('OUT_OF_SCOPE');
    expect((await call('GET', '/api/restoration/projects', 'company')).statusCode).toBe(403);
    expect((await call('GET', '/api/restoration/projects')).statusCode).toBe(401);
    const list = json<{ items: unknown[]; total: number }>(
      await call('GET', '/api/restoration/projects', 'tongshan'),
    );
    expect(list.total).toBe(0);
    const byType = async (type: string) =>
      json<{ total: number }>(await call('GET', `/api/restoration/projects?type=${type}`, 'xuzhou'))
        .total;
    expect(await byType('wetland')).toBe(1);
    expect(await byType('construction_reuse')).toBe(0);
  });

  it('holds the scope in row-level security too, below the services', async () => {
    const clerk = (divisionCode: string): Actor => ({
      kind: 'user',
      userId: null,
      name: 'clerk',
      role: 'county',
      divisionCode,
      isAdmin: false,
    });
    const seen = (divisionCode: string) =>
      inScope(db(), clerk(divisionCode), async (tx) => {
        const [row] = await tx.query<{ projects: number; measurements: number; criteria: number }>(
          `SELECT (SELECT count(*)::int FROM restoration_project) AS projects,
                  (SELECT count(*)::int FROM restoration_measurement) AS measurements,
                  (SELECT count(*)::int FROM acceptance_criterion WHERE division_code = '320000') AS criteria`,
        );
        // A county reads the province's criteria (they apply to it) but cannot change them.
        const changed = await tx.query(
          `UPDATE acceptance_criterion SET threshold = 0 WHERE division_code = '320000' RETURNING id`,
        );
        return { ...row, changed: changed.length };
      });
    expect(await seen('320312')).toEqual({ projects: 0, measurements: 0, criteria: 4, changed: 0 });
    const jiawang = await seen('320305');
    expect(jiawang.projects).toBe(1);
    expect(jiawang.measurements).toBe(2);
    expect(jiawang.changed).toBe(0);
  });
});
