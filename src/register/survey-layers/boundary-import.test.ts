// Loading a county's division boundaries (行政区, the survey's XZQ layer) through the survey-
// layer import: codes of 6, 9 or 12 digits kept as delivered with their names, all or nothing
// with each bad feature located, a reload superseding the batch, the register left alone.
// Schematic squares with real division codes; never real boundary data.
import { beforeAll, expect, it } from 'vitest';
import { square } from '../../../test/support/shapes.ts';
import { clerkOf } from '../../../test/support/actors.ts';
import { describeEachMode } from '../../../test/support/test-db.ts';
import { systemActor, type Actor } from '../../identity/domain/actor.ts';
import { loadConfig } from '../../platform/config/config.ts';
import { AppError } from '../../platform/errors.ts';
import { createServices, type Services } from '../../server/services.ts';

type Polygon = { type: 'Polygon'; coordinates: number[][][] };

function file(name: string, features: { properties: object; geometry: Polygon }[]) {
  const collection = {
    type: 'FeatureCollection',
    features: features.map((f) => ({ type: 'Feature', ...f })),
  };
  return { name, bytes: new TextEncoder().encode(JSON.stringify(collection)) };
}

const system = systemActor('test');
const jiawang = '320305';
const input = {
  layer: 'division' as const,
  divisionCode: jiawang,
  surveyYear: 2025,
  source: '2025 年度国土变更调查 行政区',
  reason: '行政区界线入库',
};
const at = (dx: number, size = 0.05) => square(117.4 + dx, 34.4, size) as Polygon;

describeEachMode('division boundary import', (db) => {
  let services: Services;
  const stored = () =>
    db().query<{ code: string; name: string | null; county: string; status: string }>(
      `SELECT p.boundary_code AS code, p.name, p.division_code AS county, b.status
       FROM division_boundary p JOIN reference_layer_batch b ON b.id = p.batch_id
       ORDER BY b.status, p.boundary_code`,
    );

  /** How many batches and boundaries there are: what a refused load must leave as it was. */
  const count = () =>
    db().query<{ batches: number; boundaries: number }>(
      `SELECT (SELECT count(*) FROM reference_layer_batch) AS batches,
              (SELECT count(*) FROM division_boundary) AS boundaries`,
    );

  beforeAll(() => {
    services = createServices(db(), loadConfig({}));
  });

  it('loads county, township and village boundaries with their codes and names as delivered', async () => {
    const result = await services.surveyLayers.import(
      system,
      [
        file('xzq.geojson', [
          { properties: { XZQDM: '320305', XZQMC: '贾汪区' }, geometry: at(0, 0.2) },
          { properties: { 行政区代码: '320305001', 行政区名称: '示意镇' }, geometry: at(0) },
          { properties: { divisionCode: 320305001001, name: '示意村' }, geometry: at(0, 0.01) },
          { properties: { XZQDM: '320305002' }, geometry: at(0.1) },
        ]),
      ],
      input,
    );
    expect(result).toMatchObject({
      dryRun: false,
      layer: 'division',
      features: 4,
      supersededBatches: [],
      reoverlay: { checked: 0, changed: [] },
    });
    // The squares' ellipsoidal areas, as PostGIS computes them on load.
    const [expected] = await db().query<{ m2: number }>(
      `SELECT sum(ST_Area(ST_SetSRID(ST_GeomFromGeoJSON(g), 4490)::geography)) AS m2
       FROM unnest($1::text[]) g`,
      [[at(0, 0.2), at(0), at(0, 0.01), at(0.1)].map((g) => JSON.stringify(g))],
    );
    expect(result.areaM2).toBeCloseTo(expected!.m2, 0);
    expect(await stored()).toEqual([
      { code: '320305', name: '贾汪区', county: jiawang, status: 'current' },
      { code: '320305001', name: '示意镇', county: jiawang, status: 'current' },
      { code: '320305001001', name: '示意村', county: jiawang, status: 'current' },
      { code: '320305002', name: null, county: jiawang, status: 'current' },
    ]);
  });

  it('a reload supersedes the county’s boundaries (kept) and leaves the other layers alone', async () => {
    const [landClass] = await db().query<{ n: number }>(
      `SELECT count(*) AS n FROM reference_layer_batch WHERE layer <> 'division'`,
    );
    const result = await services.surveyLayers.import(
      system,
      [
        file('xzq.geojson', [
          { properties: { XZQDM: '320305', XZQMC: '贾汪区' }, geometry: at(0) },
        ]),
      ],
      input,
    );
    expect(result.supersededBatches).toHaveLength(1);
    const rows = await stored();
    expect(rows.filter((r) => r.status === 'current').map((r) => r.code)).toEqual(['320305']);
    expect(rows.filter((r) => r.status === 'superseded')).toHaveLength(4);
    const [after] = await db().query<{ n: number }>(
      `SELECT count(*) AS n FROM reference_layer_batch WHERE layer <> 'division'`,
    );
    expect(after?.n).toBe(landClass?.n);
  });

  it('refuses a file with any bad boundary, naming each one, and changes nothing', async () => {
    const before = await count();
    const bowTie: Polygon = {
      type: 'Polygon',
      coordinates: [
        [
          [117.4, 34.4],
          [117.41, 34.41],
          [117.41, 34.4],
          [117.4, 34.41],
          [117.4, 34.4],
        ],
      ],
    };
    const error = await services.surveyLayers
      .import(
        system,
        [
          file('bad.geojson', [
            { properties: { XZQDM: '320305001', XZQMC: '示意镇' }, geometry: at(0) },
            { properties: { XZQMC: '无代码' }, geometry: at(0.1) },
            { properties: { XZQDM: '3203050' }, geometry: at(0.2) },
            { properties: { XZQDM: '32030500A' }, geometry: at(0.2) },
            { properties: { XZQDM: '329999001' }, geometry: at(0.3) },
            { properties: { XZQDM: '320312001', XZQMC: '邻县某镇' }, geometry: at(0.4) },
            { properties: { XZQDM: '320305003' }, geometry: bowTie },
          ]),
        ],
        input,
      )
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    const [summary, ...each] = (error as AppError).problems;
    expect(summary?.code).toBe('LAYER_IMPORT_INVALID');
    expect(each.map((p) => [p.code, p.location?.feature, p.location?.field])).toEqual([
      ['BOUNDARY_CODE_MISSING', 2, 'XZQDM'],
      ['BOUNDARY_CODE_INVALID', 3, 'XZQDM'],
      ['BOUNDARY_CODE_INVALID', 4, 'XZQDM'],
      ['BOUNDARY_DIVISION_UNKNOWN', 5, 'XZQDM'],
      ['LAYER_FEATURE_OUTSIDE_DIVISION', 6, 'XZQDM'],
      ['GEOMETRY_INVALID', 7, undefined],
    ]);
    expect(each.every((p) => p.messageZh && p.messageEn)).toBe(true);
    expect(await count()).toEqual(before);
  });

  it('loads in the caller’s scope only; a dry run stores nothing', async () => {
    const boundary = file('xzq.geojson', [
      { properties: { XZQDM: '320305', XZQMC: '贾汪区' }, geometry: at(0) },
    ]);
    await expect(
      services.surveyLayers.import(system, [boundary], { ...input, divisionCode: '329999' }),
    ).rejects.toMatchObject({ code: 'DIVISION_UNKNOWN' });
    const tongshanClerk = clerkOf('320312');
    await expect(
      services.surveyLayers.import(tongshanClerk, [boundary], input),
    ).rejects.toMatchObject({ code: 'OUT_OF_SCOPE' });
    // A county may not load its city's file.
    await expect(
      services.surveyLayers.import(clerkOf('320305'), [boundary], {
        ...input,
        divisionCode: '320300',
      }),
    ).rejects.toMatchObject({ code: 'OUT_OF_SCOPE' });
    const before = await stored();
    const dry = await services.surveyLayers.import(system, [boundary], { ...input, dryRun: true });
    expect(dry).toMatchObject({ dryRun: true, features: 1 });
    expect(await stored()).toEqual(before);
  });

  it('loads a city’s multi-county file in one go: a batch per county, each superseding its own', async () => {
    const city = { ...input, divisionCode: '320300' };
    const xuzhou: Actor = { ...clerkOf('320300'), role: 'city' };
    const batches = () =>
      db().query<{ county: string; status: string; n: number }>(
        `SELECT division_code AS county, status, feature_count AS n FROM reference_layer_batch
         WHERE layer = 'division' ORDER BY division_code, status, created_at`,
      );
    const before = await batches();
    const result = await services.surveyLayers.import(
      xuzhou,
      [
        file('xuzhou-xzq.geojson', [
          { properties: { XZQDM: '320312', XZQMC: '铜山区' }, geometry: at(-0.3, 0.2) },
          { properties: { XZQDM: '320305', XZQMC: '贾汪区' }, geometry: at(0, 0.2) },
          { properties: { XZQDM: '320305001', XZQMC: '示意镇' }, geometry: at(0) },
          { properties: { XZQDM: '320322001', XZQMC: '沛县某镇' }, geometry: at(-0.6) },
        ]),
      ],
      city,
    );
    expect(result.batches.map((b) => [b.divisionCode, b.features])).toEqual([
      ['320305', 2],
      ['320312', 1],
      ['320322', 1],
    ]);
    expect(result).toMatchObject({ divisionCode: '320300', features: 4 });
    expect(result.batchId).toBe(result.batches[0]?.batchId);
    // Jiawang's current batch (from the tests above) steps aside; the others had none.
    const jiawangCurrent = before.filter((b) => b.county === jiawang && b.status === 'current');
    expect(jiawangCurrent).toHaveLength(1);
    expect(result.batches.map((b) => b.supersededBatches.length)).toEqual([1, 0, 0]);
    const current = (await batches()).filter((b) => b.status === 'current');
    expect(current).toEqual([
      { county: '320305', status: 'current', n: 2 },
      { county: '320312', status: 'current', n: 1 },
      { county: '320322', status: 'current', n: 1 },
    ]);
  });

  it('refuses a city’s file with a boundary outside the city, naming it, and changes nothing', async () => {
    const before = await count();
    const error = await services.surveyLayers
      .import(
        { ...clerkOf('320300'), role: 'city' },
        [
          file('xzq.geojson', [
            { properties: { XZQDM: '320312', XZQMC: '铜山区' }, geometry: at(-0.3, 0.2) },
            { properties: { XZQDM: '320411001', XZQMC: '常州某镇' }, geometry: at(0.5) },
          ]),
        ],
        { ...input, divisionCode: '320300' },
      )
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    const [, ...each] = (error as AppError).problems;
    expect(each.map((p) => [p.code, p.location?.feature, p.messageEn])).toEqual([
      [
        'LAYER_FEATURE_OUTSIDE_DIVISION',
        2,
        'division 320411001 does not lie in the division loaded, 320300',
      ],
    ]);
    expect(await count()).toEqual(before);
  });
});
