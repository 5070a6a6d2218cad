// The set-based overlay of staged parcels: its shortcuts (a layer polygon covering the parcel
// gives the parcel's own area, one farmland piece is not unioned) give the breakdown the
// general formula gives — every piece cut by ST_Intersection, farmland unioned — to 1e-6
// relative, on parcels covered, cut, partly outside the survey and outside it; the owner path
// (layers joined on their index) and the scoped path (candidate functions, row-level security)
// agree; and the overlap search leaves a parcel's own record out.
import { beforeAll, expect, it } from 'vitest';
import { describeEachMode } from '../../test/support/test-db.ts';
import { systemActor, type Actor } from '../identity/domain/actor.ts';
import { asSystem, inScope } from '../identity/scoped-db.ts';
import type { Queryable } from '../platform/db/db.ts';
import { Rehearsal, rehearsed } from '../platform/db/rehearsal.ts';
import { insertBatch, insertFeatures } from '../reference/layers/layers.store.ts';
import { createImportStage, type ImportStage, stageBuilt } from './import/import-stage.store.ts';
import { type LayerAccess, stagedBreakdowns, stagedOverlaps } from './overlay.store.ts';

const system = systemActor('overlay test');
const ministry: Actor = {
  kind: 'user',
  userId: null,
  name: 'overlay test',
  role: 'ministry',
  divisionCode: '000000',
  isAdmin: false,
};

/** A rectangle in units of 0.001° from (117.5, 34.5). */
const box = (x0: number, y0: number, x1: number, y1: number) => {
  const [lng, lat, u] = [117.5, 34.5, 0.001];
  const p = (x: number, y: number) => [lng + x * u, lat + y * u];
  return {
    type: 'Polygon',
    coordinates: [[p(x0, y0), p(x1, y0), p(x1, y1), p(x0, y1), p(x0, y0)]],
  };
};

// Land classes: cultivated cell A and forest cell B side by side; farmland F1 and F2.
const landClasses = [
  { code: '0101', geometry: box(0, 0, 1, 1) },
  { code: '0301', geometry: box(1, 0, 2, 1) },
];
const farmland = [box(0, 0, 0.6, 1), box(0.6, 0, 1.4, 0.5)];
const parcels = [
  box(0.1, 0.1, 0.3, 0.3), // inside A and F1: both cover it
  box(0.7, 0.6, 0.9, 0.9), // inside A, no farmland
  box(0.5, 0.2, 0.8, 0.8), // inside A, cut by F1 and F2
  box(0.8, 0.1, 1.3, 0.4), // across A and B, inside F2
  box(0.9, 0.3, 1.5, 0.7), // across A and B, cut by F2 alone
  box(1.9, 0.2, 2.5, 0.4), // partly outside the survey
  box(3, 3, 3.2, 3.2), // outside every layer
  box(0.5, 0.2, 0.7, 0.4), // inside A, covered by F1 and F2 together but by neither alone
];

/** The general formula (the overlay before its shortcuts): every piece cut, farmland unioned. */
const generalSql = (stage: ImportStage) => `
  WITH parcel AS (SELECT seq AS key, geom FROM ${stage}),
  farmland AS (
    SELECT parcel.key, ST_Union(ST_Intersection(f.geom, parcel.geom)) AS g
    FROM parcel JOIN farmland_parcel f ON ST_Intersects(f.geom, parcel.geom) GROUP BY parcel.key),
  pieces AS (
    SELECT parcel.key, lc.code, lc.category, lc.is_cultivated, ST_Intersection(c.geom, parcel.geom) AS g
    FROM parcel JOIN land_class_parcel c ON ST_Intersects(c.geom, parcel.geom)
    JOIN land_class lc ON lc.code = c.land_class_code),
  measured AS (
    SELECT pieces.key, code, category, is_cultivated, ST_Area(pieces.g::geography) AS m2,
           CASE WHEN farmland.g IS NULL THEN 0 ELSE ST_Area(ST_Intersection(pieces.g, farmland.g)::geography) END AS farm_m2
    FROM pieces LEFT JOIN farmland ON farmland.key = pieces.key)
  SELECT parcel.key,
         coalesce(sum(m2 - farm_m2) FILTER (WHERE is_cultivated), 0) AS "cultivatedM2",
         coalesce(sum(farm_m2), 0) AS "farmlandM2",
         coalesce(sum(m2 - farm_m2) FILTER (WHERE code LIKE '03%'), 0) AS "forestM2",
         coalesce(sum(m2 - farm_m2) FILTER (WHERE category = 'agricultural' AND NOT is_cultivated AND code NOT LIKE '03%'), 0) AS "otherAgriculturalM2",
         coalesce(sum(m2 - farm_m2) FILTER (WHERE category = 'construction'), 0) AS "constructionM2",
         coalesce(sum(m2 - farm_m2) FILTER (WHERE category = 'unused' OR category IS NULL), 0) AS "unusedM2",
         greatest(0, ST_Area(parcel.geom::geography) - coalesce(sum(m2), 0)) AS "unsurveyedM2"
  FROM parcel LEFT JOIN measured ON measured.key = parcel.key
  GROUP BY parcel.key, parcel.geom ORDER BY parcel.key`;

type Areas = Record<string, number>;

/** Every area of `actual` within 1e-6 of `expected`'s, relative (absolute for areas under 1 m²). */
function expectClose(actual: Areas, expected: Areas) {
  expect(Object.keys(actual).sort()).toEqual(Object.keys(expected).sort());
  for (const [k, v] of Object.entries(expected)) {
    const tolerance = 1e-6 * Math.max(1, Math.abs(v));
    expect(Math.abs((actual[k] ?? NaN) - v), `${k}: ${actual[k]} vs ${v}`).toBeLessThan(tolerance);
  }
}

describeEachMode('overlay of staged parcels', (db) => {
  const seqs = parcels.map((_, i) => i + 1);

  beforeAll(async () => {
    await asSystem(
      db(),
      system,
      async (tx) => {
        const lc = await insertBatch(tx, {
          layer: 'land_class',
          divisionCode: '320305',
          surveyYear: 2024,
          source: 'overlay test',
        });
        await insertFeatures(
          tx,
          'land_class',
          lc,
          landClasses.map((c, i) => ({
            divisionCode: '320305',
            surveyCode: `L${i}`,
            landClassCode: c.code,
            geometry: c.geometry,
          })),
        );
        const pbf = await insertBatch(tx, {
          layer: 'farmland',
          divisionCode: '320305',
          surveyYear: 2024,
          source: 'overlay test',
        });
        await insertFeatures(
          tx,
          'farmland',
          pbf,
          farmland.map((geometry, i) => ({
            divisionCode: '320305',
            surveyCode: `F${i}`,
            geometry,
          })),
        );
      },
      'overlay test layers',
    );
  });

  /** Stages the parcels in a transaction as `actor` and runs `fn` on them. */
  const staged = <T>(
    actor: Actor,
    fn: (tx: Queryable, stage: ImportStage) => Promise<T>,
  ): Promise<T> =>
    (actor.kind === 'system' ? asSystem : inScope)(
      db(),
      actor,
      async (tx) => {
        const stage = await createImportStage(tx);
        for (const [i, geometry] of parcels.entries()) await stageBuilt(tx, stage, i + 1, geometry);
        return fn(tx, stage);
      },
      'overlay test',
    );

  const breakdowns = (actor: Actor, access: LayerAccess) =>
    staged(actor, async (tx, stage) => {
      const facts = await stagedBreakdowns(tx, stage, seqs, access);
      const general = await tx.query<Areas & { key: number }>(generalSql(stage));
      return { facts, general };
    });

  it('gives the general formula’s breakdown, to 1e-6 relative, on the owner and the scoped path', async () => {
    for (const [actor, access] of [
      [system, 'owner'],
      [ministry, 'scoped'],
    ] as const) {
      const { facts, general } = await breakdowns(actor, access);
      expect(general.map((g) => g.key)).toEqual(seqs);
      for (const { key, ...expected } of general) {
        const got = facts.get(key);
        expect(got, `parcel ${key}`).toBeDefined();
        expectClose({ ...got!.breakdown, unsurveyedM2: got!.unsurveyedM2 }, expected);
      }
    }
  });

  it('takes the shortcuts where they apply and reports what the fixtures were made for', async () => {
    const { facts } = await breakdowns(system, 'owner');
    const b = (seq: number) => facts.get(seq)!;
    const whole = b(1).breakdown.farmlandM2;
    expect(whole).toBeGreaterThan(400);
    expect(b(1).breakdown.cultivatedM2).toBeCloseTo(0, 6);
    expect(b(2).breakdown.farmlandM2).toBe(0);
    expect(b(2).breakdown.cultivatedM2).toBeGreaterThan(0);
    // Parcel 8 is covered by two farmland pieces together: all farmland, nothing counted twice.
    expect(b(8).breakdown.farmlandM2).toBeGreaterThan(0);
    expect(b(8).breakdown.cultivatedM2).toBeCloseTo(0, 6);
    expect(b(4).breakdown.forestM2).toBeCloseTo(0, 6);
    expect(b(5).breakdown.forestM2).toBeGreaterThan(0);
    expect(b(6).unsurveyedM2).toBeGreaterThan(0);
    expect(b(7).unsurveyedM2).toBeGreaterThan(0);
    expect(b(7).breakdown.farmlandM2).toBe(0);
  });

  it('finds overlaps with earlier staged parcels, not with a parcel itself, on both paths', async () => {
    type Found = [number, number[]][];
    const found = (actor: Actor, access: LayerAccess) =>
      rehearsed(
        staged<Found>(actor, async (tx, stage) => {
          // Stored as an import stores them: each staged parcel becomes a record with its id.
          await tx.query(
            `INSERT INTO temporary_land (id, division_code, province_code, project_name, project_class, use_type, geom)
             SELECT id, '320305', '32', 'overlay test ' || seq, 'mining_survey', 'other', geom FROM ${stage}`,
          );
          const overlaps = await stagedOverlaps(tx, stage, seqs, access);
          const result: Found = [...overlaps.entries()].map(([k, list]) => [
            k,
            list.map((o) => o.sharedM2),
          ]);
          throw new Rehearsal(result);
        }),
      );
    const owner = await found(system, 'owner');
    // 3 meets 2, 5 meets 4 and 8 meets 3 (4 and 3 only touch); each stored parcel is its own record.
    expect(owner.map(([k]) => k)).toEqual([3, 5, 8]);
    expect(owner.flatMap(([, areas]) => areas).every((a) => a > 100)).toBe(true);
    expect(await found(ministry, 'scoped')).toEqual(owner);
  });
});
