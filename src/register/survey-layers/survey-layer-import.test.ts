// Loading a county's survey layers: all or nothing with located problems, the previous batch
// superseded (kept), and the overlay of live records recomputed against the new layer.
import { beforeAll, expect, it } from 'vitest';
import { clerkOf } from '../../../test/support/actors.ts';
import { describeEachMode } from '../../../test/support/test-db.ts';
import { systemActor } from '../../identity/domain/actor.ts';
import { loadConfig } from '../../platform/config/config.ts';
import { AppError } from '../../platform/errors.ts';
import { createServices, type Services } from '../../server/services.ts';

type Ring = [number, number][];
const square = (lng: number, lat: number, size: number): Ring => [
  [lng, lat],
  [lng + size, lat],
  [lng + size, lat + size],
  [lng, lat + size],
  [lng, lat],
];

function file(name: string, patches: { properties: object; ring: Ring }[]) {
  const collection = {
    type: 'FeatureCollection',
    features: patches.map((p) => ({
      type: 'Feature',
      properties: p.properties,
      geometry: { type: 'Polygon', coordinates: [p.ring] },
    })),
  };
  return { name, bytes: new TextEncoder().encode(JSON.stringify(collection)) };
}

const system = systemActor('test');
const jiawang = '320305';
const layerInput = {
  divisionCode: jiawang,
  surveyYear: 2025,
  source: '2025 年度国土变更调查',
  reason: '2025 年度变更调查成果入库',
};

describeEachMode('survey layer import', (db) => {
  let services: Services;
  let recordId: string;
  let recordAreaM2: number;

  beforeAll(async () => {
    services = createServices(db(), loadConfig({}));
    const record = await services.register.create(
      system,
      {
        divisionCode: jiawang,
        projectName: '某输电线路塔基施工场地',
        projectClass: 'energy',
        useType: 'material_yard',
        approvalDate: '2026-03-02',
        termEnd: '2028-03-01',
        geometry: { type: 'Polygon', coordinates: [square(117.295, 34.295, 0.002)] },
      },
      'test record',
    );
    recordId = record.id;
    recordAreaM2 = record.area.m2 ?? 0;
  }, 120_000);

  const storedBreakdown = async () => {
    const [row] = await db().query<{ b: Record<string, number>; version: number }>(
      'SELECT computed_breakdown AS b, version FROM temporary_land WHERE id = $1',
      [recordId],
    );
    return row!;
  };

  it('loads a land-class layer, supersedes nothing the first time, and recomputes the overlay', async () => {
    const before = await storedBreakdown();
    expect(before.b.cultivatedM2).toBe(0); // no survey layer yet: all unsurveyed
    const result = await services.surveyLayers.import(
      system,
      [
        file('dltb.geojson', [
          {
            properties: { DLBM: '0101', TBBH: '101', ZLDWDM: '3203051010010000000' },
            ring: square(117.29, 34.29, 0.02),
          },
          { properties: { DLBM: '0601', TBBH: '102' }, ring: square(117.33, 34.29, 0.01) },
        ]),
      ],
      { layer: 'land_class', ...layerInput },
    );
    expect(result).toMatchObject({ dryRun: false, features: 2, supersededBatches: [] });
    expect(result.reoverlay.checked).toBe(1);
    expect(result.reoverlay.changed.map((c) => c.id)).toEqual([recordId]);
    const after = await storedBreakdown();
    expect(after.version).toBe(before.version + 1);
    expect(after.b.cultivatedM2).toBeCloseTo(recordAreaM2, 1);
    expect(after.b.unsurveyedM2).toBeCloseTo(0, 1);
    // The record's history names the load as the reason.
    const [history] = await db().query<{ reason: string }>(
      `SELECT reason FROM record_version WHERE entity = 'temporary_land' AND entity_id = $1 ORDER BY version DESC LIMIT 1`,
      [recordId],
    );
    expect(history?.reason).toBe(layerInput.reason);
    // The findings read the stored overlay: cultivated land needs the TL-SCOPE-01 checks.
    const view = await services.register.get(system, recordId, '2026-06-01');
    expect(view.computedBreakdown).toMatchObject({ cultivatedM2: after.b.cultivatedM2 });
  });

  it('a reload supersedes the batch (kept) and only changed records get a new version', async () => {
    const [first] = await db().query<{ id: string }>(
      `SELECT id FROM reference_layer_batch WHERE layer = 'land_class' AND division_code = $1 AND status = 'current'`,
      [jiawang],
    );
    const before = await storedBreakdown();
    const same = await services.surveyLayers.import(
      system,
      [
        file('dltb.geojson', [
          { properties: { DLBM: '0101K', TBBH: '101' }, ring: square(117.29, 34.29, 0.02) },
        ]),
      ],
      { layer: 'land_class', ...layerInput },
    );
    expect(same.supersededBatches).toEqual([first!.id]);
    expect(same.reoverlay.changed).toEqual([]); // '0101K' counts as 0101: nothing moved
    expect(same.warnings.map((w) => w.code)).toEqual(['LAYER_ADJUSTABLE_CLASSES']);
    expect((await storedBreakdown()).version).toBe(before.version);
    const batches = await db().query<{ status: string; n: number }>(
      `SELECT b.status, count(p.id) AS n FROM reference_layer_batch b LEFT JOIN land_class_parcel p ON p.batch_id = b.id
       WHERE b.layer = 'land_class' AND b.division_code = $1 GROUP BY b.id, b.status ORDER BY b.status`,
      [jiawang],
    );
    expect(batches).toEqual([
      { status: 'current', n: 1 },
      { status: 'superseded', n: 2 },
    ]);
  });

  it('a farmland layer moves the parcel from cultivated to farmland (TL-PBF inputs)', async () => {
    const result = await services.surveyLayers.import(
      system,
      [
        file('yjjbnt.geojson', [
          { properties: { TBBH: 'J1' }, ring: square(117.296, 34.295, 0.001) },
        ]),
      ],
      { layer: 'farmland', ...layerInput },
    );
    expect(result.reoverlay.changed).toHaveLength(1);
    const { b } = await storedBreakdown();
    // The farmland square covers a quarter of the parcel.
    expect(b.farmlandM2).toBeGreaterThan(recordAreaM2 * 0.2);
    expect(b.farmlandM2).toBeLessThan(recordAreaM2 * 0.3);
    expect((b.farmlandM2 ?? 0) + (b.cultivatedM2 ?? 0)).toBeCloseTo(recordAreaM2, 1);
  });

  it('refuses a file with any bad patch, naming each one, and changes nothing', async () => {
    const count = () =>
      db().query<{ batches: number; patches: number }>(
        `SELECT (SELECT count(*) FROM reference_layer_batch) AS batches, (SELECT count(*) FROM land_class_parcel) AS patches`,
      );
    const before = await count();
    const bowTie: Ring = [
      [117.3, 34.3],
      [117.31, 34.31],
      [117.31, 34.3],
      [117.3, 34.31],
      [117.3, 34.3],
    ];
    const error = await services.surveyLayers
      .import(
        system,
        [
          file('bad.geojson', [
            { properties: { DLBM: '0101', TBBH: '1' }, ring: square(117.29, 34.29, 0.01) },
            { properties: { DLBM: 'X99', TBBH: '2' }, ring: square(117.31, 34.29, 0.01) },
            { properties: { TBBH: '3' }, ring: square(117.32, 34.29, 0.01) },
            {
              properties: { DLBM: '0101', ZLDWDM: '3203121010010000000' },
              ring: square(117.33, 34.29, 0.01),
            },
            { properties: { DLBM: '0101' }, ring: bowTie },
          ]),
        ],
        { layer: 'land_class', ...layerInput },
      )
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    const [summary, ...each] = (error as AppError).problems;
    expect(summary?.code).toBe('LAYER_IMPORT_INVALID');
    const problems = each.map((p) => [p.code, p.location?.feature]);
    expect(problems).toEqual([
      ['LAYER_LAND_CLASS_UNKNOWN', 2],
      ['LAYER_LAND_CLASS_MISSING', 3],
      ['LAYER_FEATURE_OUTSIDE_DIVISION', 4],
      ['GEOMETRY_INVALID', 5],
    ]);
    expect(await count()).toEqual(before);
  });

  it('loads per county, in the caller’s scope only; a dry run stores nothing', async () => {
    const patch = file('dltb.geojson', [
      { properties: { DLBM: '0101' }, ring: square(117.29, 34.29, 0.02) },
    ]);
    await expect(
      services.surveyLayers.import(system, [patch], {
        layer: 'land_class',
        ...layerInput,
        divisionCode: '320300',
      }),
    ).rejects.toMatchObject({ code: 'LAYER_DIVISION_LEVEL' });
    const tongshanClerk = clerkOf('320312');
    await expect(
      services.surveyLayers.import(tongshanClerk, [patch], { layer: 'land_class', ...layerInput }),
    ).rejects.toMatchObject({ code: 'OUT_OF_SCOPE' });
    const [before] = await db().query<{ n: number }>(
      'SELECT count(*) AS n FROM reference_layer_batch',
    );
    const dry = await services.surveyLayers.import(system, [patch], {
      layer: 'land_class',
      ...layerInput,
      dryRun: true,
    });
    expect(dry).toMatchObject({ dryRun: true, features: 1 });
    const [after] = await db().query<{ n: number }>(
      'SELECT count(*) AS n FROM reference_layer_batch',
    );
    expect(after?.n).toBe(before?.n);
  });
});
