// Importing enforcement batches over HTTP: provenance, all or nothing with located problems,
// idempotent re-delivery (same bytes, or the same content in other files), a conflicting
// re-delivery refused unless replaced (the old batch kept, its findings closed), scope,
// recomputing after the register changed (never duplicating findings), the provincial
// tolerance, and the GeoJSON listing with its filters.
import { beforeAll, expect, it } from 'vitest';
import { describeEachMode } from '../../../test/support/test-db.ts';
import { createTestApp, json, type TestApp } from '../../../test/support/test-app.ts';
import { systemActor } from '../../identity/domain/actor.ts';
import { asSystem } from '../../identity/scoped-db.ts';
import { addJiawangRecords, boxPolygon, type Box } from './fixtures/jiawang-records.ts';

const system = systemActor('test');
/** The delivery: four polygons around the two records (lng/lat degrees). */
const features = [
  // Inside the registered yard: covered.
  {
    properties: { TBBH: 'WP001', DLBM: '1206', 变化类型: '推填土' },
    box: [117.301, 34.301, 117.302, 34.302],
  },
  // Half over the registered yard, half outside.
  { properties: { TBBH: 'WP002', DLBM: '1206' }, box: [117.3025, 34.301, 117.3035, 34.302] },
  // Over the approval not yet registered.
  { properties: { TBBH: 'WP003', XZQDM: '320305101' }, box: [117.311, 34.301, 117.312, 34.302] },
  // Nowhere near an approval; its delivered area field is kept as delivered.
  {
    properties: { TBBH: 'WP004', TBMJ: 1.23, 监测时间: '2026/05/12' },
    box: [117.33, 34.33, 117.331, 34.331],
  },
] as const;

function geojson(items: readonly { properties: object; box: readonly number[] }[], space = 0) {
  return JSON.stringify(
    {
      type: 'FeatureCollection',
      features: items.map((f) => ({
        type: 'Feature',
        properties: f.properties,
        geometry: boxPolygon(f.box as Box),
      })),
    },
    null,
    space,
  );
}
const upload = (name: string, text: string) => ({
  name,
  contentBase64: Buffer.from(text).toString('base64'),
});

describeEachMode('enforcement batches', (db) => {
  let t: TestApp;
  let county: string;
  let neighbour: string;
  let city: string;
  let unregisteredId: string;
  const batchBody = (files: object[], extra: object = {}) => ({
    source: 'satellite_enforcement',
    month: '2026-05',
    batchId: 'WP-2026-05-01',
    divisionCode: '320305',
    files,
    reason: '2026 年 5 月卫片执法图斑下发',
    ...extra,
  });
  const post = (cookie: string, payload: object) =>
    t.app.inject({
      method: 'POST',
      url: '/api/supervision/enforcement/batches',
      headers: { cookie },
      payload,
    });
  const get = (cookie: string, url: string) =>
    t.app.inject({ method: 'GET', url, headers: { cookie } });
  const findingCount = async () =>
    Number(
      (
        await db().query<{ n: number }>(
          `SELECT count(*) AS n FROM supervision_finding WHERE subject_kind = 'change_polygon'`,
        )
      )[0]!.n,
    );

  beforeAll(async () => {
    t = await createTestApp(db());
    await t.addUser('jiawang-clerk', 'county', '320305');
    await t.addUser('tongshan-clerk', 'county', '320312');
    county = await t.login('jiawang-clerk');
    neighbour = await t.login('tongshan-clerk');
    await t.addUser('xuzhou-supervisor', 'city', '320300');
    city = await t.login('xuzhou-supervisor');
    ({ unregisteredId } = await addJiawangRecords(t, db()));
  }, 120_000);

  it('imports a batch with provenance and cross-checks every polygon', async () => {
    const response = await post(county, batchBody([upload('wp.geojson', geojson(features))]));
    expect(response.statusCode, response.body).toBe(200);
    const body = json<{
      outcome: string;
      batch: Record<string, unknown>;
      crosscheck: { polygons: number; findings: { inserted: number } };
    }>(response);
    expect(body.outcome).toBe('created');
    expect(body.batch).toMatchObject({
      source: 'satellite_enforcement',
      externalId: 'WP-2026-05-01',
      month: '2026-05',
      divisionCode: '320305',
      featureCount: 4,
      status: 'current',
      supersedes: null,
    });
    expect((body.batch.files as { name: string; format: string }[])[0]).toMatchObject({
      name: 'wp.geojson',
      format: 'geojson',
    });
    expect(body.crosscheck.polygons).toBe(4);
    expect(body.crosscheck.findings.inserted).toBe(3);

    const list = json<{ items: { id: string; inScope: Record<string, number> }[] }>(
      await get(county, '/api/supervision/enforcement/batches'),
    );
    expect(list.items).toHaveLength(1);
    expect(list.items[0]!.inScope).toMatchObject({
      polygons: 4,
      covered: 1,
      partlyCovered: 1,
      uncovered: 2,
    });

    // The city counts the same polygons; narrowed to a county it counts that county's only.
    const cityCounts = async (query: string) => {
      const batches = json<{ items: { id: string; inScope: Record<string, number> }[] }>(
        await get(city, `/api/supervision/enforcement/batches${query}`),
      );
      const one = json<{ inScope: Record<string, number> }>(
        await get(city, `/api/supervision/enforcement/batches/${list.items[0]!.id}${query}`),
      );
      expect(batches.items.map((b) => b.id)).toEqual([list.items[0]!.id]);
      expect(one.inScope).toEqual(batches.items[0]!.inScope);
      return one.inScope;
    };
    expect(await cityCounts('')).toEqual(list.items[0]!.inScope);
    expect(await cityCounts('?divisionCode=320305')).toEqual(list.items[0]!.inScope);
    expect(await cityCounts('?divisionCode=320312')).toMatchObject({
      polygons: 0,
      covered: 0,
      uncovered: 0,
      areaM2: 0,
    });
  });

  it('lists polygons as GeoJSON with coverage and causes, filtered', async () => {
    const all = json<{
      total: number;
      features: { properties: Record<string, unknown>; geometry: { type: string } }[];
    }>(await get(county, '/api/supervision/enforcement/polygons'));
    expect(all.total).toBe(4);
    type Feature = (typeof all.features)[number];
    const byCode: Record<string, Feature> = Object.fromEntries(
      all.features.map((f) => [String(f.properties.surveyCode), f]),
    );
    expect(byCode.WP001!.properties).toMatchObject({ status: 'covered', primaryCause: null });
    expect(byCode.WP002!.properties).toMatchObject({
      status: 'partly_covered',
      primaryCause: 'outside',
    });
    expect(byCode.WP002!.properties.coverage as number).toBeCloseTo(0.5, 3);
    expect(byCode.WP003!.properties).toMatchObject({
      primaryCause: 'not_registered',
      verification: 'pending',
    });
    expect(byCode.WP001!.geometry.type).toBe('MultiPolygon');
    const codes = async (query: string) =>
      json<{ features: { properties: { surveyCode: string } }[] }>(
        await get(county, `/api/supervision/enforcement/polygons?${query}`),
      )
        .features.map((f) => f.properties.surveyCode)
        .sort();
    expect(await codes('status=uncovered')).toEqual(['WP003', 'WP004']);
    expect(await codes('cause=outside')).toEqual(['WP002', 'WP004']);
    expect(await codes('cause=not_registered')).toEqual(['WP003']);
    expect(await codes('bbox=117.32,34.32,117.34,34.34')).toEqual(['WP004']);
    expect(await codes('month=2026-04')).toEqual([]);
    expect(await codes('verification=pending&limit=2&offset=0')).toHaveLength(2);
  });

  it('keeps the attributes as delivered and reads the usual fields', async () => {
    const id = await polygonId('WP004');
    const detail = json<{ properties: Record<string, unknown> }>(
      await get(county, `/api/supervision/enforcement/polygons/${id}`),
    );
    expect(detail.properties).toMatchObject({
      surveyCode: 'WP004',
      detectedOn: '2026-05-12',
      attributes: { TBBH: 'WP004', TBMJ: 1.23, 监测时间: '2026/05/12' },
      finding: { severity: 'error', status: 'open' },
      verification: { state: 'pending', version: 0 },
    });
  });

  it('re-importing the same batch changes nothing: the same bytes, or the same content in another file', async () => {
    const before = await findingCount();
    const again = json<{ outcome: string; batch: { id: string }; crosscheck: unknown }>(
      await post(county, batchBody([upload('wp.geojson', geojson(features))])),
    );
    expect(again.outcome).toBe('unchanged');
    expect(again.crosscheck).toBeNull();
    // Reordered, pretty-printed and split over two files under other names: the same content.
    const reordered = [...features].reverse();
    const split = json<{ outcome: string; batch: { id: string } }>(
      await post(
        county,
        batchBody([
          upload('part-b.json', geojson(reordered.slice(0, 2), 2)),
          upload('part-a.geojson', geojson(reordered.slice(2))),
        ]),
      ),
    );
    expect(split.outcome).toBe('unchanged');
    expect(split.batch.id).toBe(again.batch.id);
    const [count] = await db().query<{ n: number }>('SELECT count(*) AS n FROM change_polygon');
    expect(Number(count!.n)).toBe(4);
    expect(await findingCount()).toBe(before);
  });

  it('refuses different content under the same batch id, and replaces it only when asked', async () => {
    const changed = features.map((f) =>
      f.properties.TBBH === 'WP004' ? { ...f, properties: { ...f.properties, DLBM: '0702' } } : f,
    );
    const refused = await post(county, batchBody([upload('wp.geojson', geojson(changed))]));
    expect(refused.statusCode).toBe(409);
    expect(json<{ error: { code: string } }>(refused).error.code).toBe(
      'ENFORCEMENT_BATCH_CONFLICT',
    );

    const old = await polygonId('WP004');
    const replaced = json<{ outcome: string; batch: { id: string; supersedes: string } }>(
      await post(county, batchBody([upload('wp-v2.geojson', geojson(changed))], { replace: true })),
    );
    expect(replaced.outcome).toBe('replaced');
    const oldBatch = json<{ status: string; supersededBy: string }>(
      await get(county, `/api/supervision/enforcement/batches/${replaced.batch.supersedes}`),
    );
    expect(oldBatch).toMatchObject({ status: 'superseded', supersededBy: replaced.batch.id });
    // The old polygons are kept, their findings closed; the listing shows the current batch.
    const [finding] = await db().query<{ status: string }>(
      `SELECT status FROM supervision_finding WHERE finding_key = $1`,
      [`TL-ENF-01|change_polygon|${old}|2026-05`],
    );
    expect(finding?.status).toBe('closed');
    const current = json<{ total: number; features: { properties: { batchId: string } }[] }>(
      await get(county, '/api/supervision/enforcement/polygons'),
    );
    expect(current.total).toBe(4);
    expect(new Set(current.features.map((f) => f.properties.batchId))).toEqual(
      new Set([replaced.batch.id]),
    );
    const withOld = json<{ total: number }>(
      await get(county, '/api/supervision/enforcement/polygons?includeSuperseded=true'),
    );
    expect(withOld.total).toBe(8);
  });

  it('imports all or nothing, every problem located by file, feature and field', async () => {
    const bad = [
      { properties: { TBBH: 'X1', DLBM: '9999' }, box: [117.3, 34.3, 117.301, 34.301] },
      { properties: { TBBH: 'X2', XZQDM: '320312' }, box: [117.3, 34.3, 117.301, 34.301] },
      { properties: { TBBH: 'X1' }, box: [117.3, 34.3, 117.301, 34.301] },
      { properties: { TBBH: 'X4', 监测时间: '2026-13-45' }, box: [117.3, 34.3, 117.301, 34.301] },
    ];
    const response = await post(
      county,
      batchBody([upload('bad.geojson', geojson(bad))], { batchId: 'WP-BAD' }),
    );
    expect(response.statusCode).toBe(400);
    const problems = json<{
      error: { code: string; problems: { code: string; location?: object }[] };
    }>(response).error;
    expect(problems.code).toBe('ENFORCEMENT_IMPORT_INVALID');
    expect(problems.problems.map((p) => [p.code, p.location])).toEqual(
      expect.arrayContaining([
        ['CHANGE_LAND_CLASS_UNKNOWN', { file: 'bad.geojson', feature: 1, field: 'DLBM' }],
        ['CHANGE_OUTSIDE_BATCH_DIVISION', { file: 'bad.geojson', feature: 2, field: 'XZQDM' }],
        ['CHANGE_DUPLICATE_CODE', { file: 'bad.geojson', feature: 3, field: 'TBBH' }],
        ['CHANGE_DETECTED_ON_INVALID', { file: 'bad.geojson', feature: 4, field: 'JCSJ' }],
      ]),
    );
    const [count] = await db().query<{ n: number }>(
      `SELECT count(*) AS n FROM enforcement_batch WHERE external_id = 'WP-BAD'`,
    );
    expect(Number(count!.n)).toBe(0);
  });

  it('keeps each county to its own: no import for a neighbour, no reading across', async () => {
    const refused = await post(neighbour, batchBody([upload('wp.geojson', geojson(features))]));
    expect(refused.statusCode).toBe(403);
    const id = await polygonId('WP004');
    expect((await get(neighbour, `/api/supervision/enforcement/polygons/${id}`)).statusCode).toBe(
      404,
    );
    expect(
      json<{ total: number }>(await get(neighbour, '/api/supervision/enforcement/polygons')).total,
    ).toBe(0);
    expect(
      json<{ items: unknown[] }>(await get(neighbour, '/api/supervision/enforcement/batches'))
        .items,
    ).toEqual([]);
  });

  it('recomputes after the register changed, resolving findings and never duplicating them', async () => {
    const batch = await currentBatch();
    const wp003 = await polygonId('WP003');
    await asSystem(
      db(),
      system,
      (tx) =>
        tx.query(
          `UPDATE temporary_land SET state = 'registered', registered_on = '2026-06-01' WHERE id = $1`,
          [unregisteredId],
        ),
      'registered late',
    );
    const recompute = () =>
      t.app.inject({
        method: 'POST',
        url: `/api/supervision/enforcement/batches/${batch}/recompute`,
        headers: { cookie: county },
        payload: { reason: '补充上图入库后重新核对' },
      });
    const first = json<{ crosscheck: { findings: Record<string, number> } }>(await recompute());
    expect(first.crosscheck.findings).toMatchObject({ inserted: 0, resolved: 1 });
    const [finding] = await db().query<{ status: string; resolved_on: string }>(
      `SELECT status, resolved_on FROM supervision_finding WHERE finding_key = $1`,
      [`TL-ENF-01|change_polygon|${wp003}|2026-05`],
    );
    expect(finding?.status).toBe('rectified');
    const before = await findingCount();
    const second = json<{ crosscheck: { findings: Record<string, number> } }>(await recompute());
    expect(second.crosscheck.findings).toMatchObject({
      inserted: 0,
      resolved: 0,
      reopened: 0,
      refreshed: 0,
    });
    expect(await findingCount()).toBe(before);
  });

  it("applies the province's tolerance (coverageToleranceMu) when set", async () => {
    // WP002 is half uncovered (about 7.7 mu): a tolerance of 10 mu absorbs it.
    await asSystem(
      db(),
      system,
      (tx) =>
        tx.query(
          `INSERT INTO rule_pack (division_code, overrides, note) VALUES ('320000', '{"coverageToleranceMu": 10}', 'test')`,
        ),
      'test override',
    );
    const batch = await currentBatch();
    await t.services.enforcement.recompute(system, batch, 'tolerance override');
    const wp002 = json<{ properties: { coverage: { status: string; toleranceM2: number } } }>(
      await get(county, `/api/supervision/enforcement/polygons/${await polygonId('WP002')}`),
    );
    expect(wp002.properties.coverage.status).toBe('covered');
    expect(wp002.properties.coverage.toleranceM2).toBeCloseTo(6666.67, 1);
    await asSystem(
      db(),
      system,
      (tx) => tx.query(`UPDATE rule_pack SET overrides = '{}' WHERE division_code = '320000'`),
      'test override removed',
    );
    await t.services.enforcement.recompute(system, batch, 'tolerance back');
  });

  async function polygonId(code: string): Promise<string> {
    const [row] = await db().query<{ id: string }>(
      `SELECT p.id FROM change_polygon p JOIN enforcement_batch b ON b.id = p.batch_id
       WHERE p.survey_code = $1 AND b.status = 'current'`,
      [code],
    );
    return row!.id;
  }

  async function currentBatch(): Promise<string> {
    const [row] = await db().query<{ id: string }>(
      `SELECT id FROM enforcement_batch WHERE external_id = 'WP-2026-05-01' AND status = 'current'`,
    );
    return row!.id;
  }
});
