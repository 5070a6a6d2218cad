// The overlay (TL-REG-03, TL-SCOPE-01, TL-APPR-01, TL-PBF-01/02, TL-REUSE-01): a parcel cut by
// the current land-class layer and the permanent-basic-farmland layer, in PostGIS, with
// areas on the ellipsoid; and its overlaps with other registered parcels. Candidates come
// through the GiST index by the reclaim_*_in_box functions (migrations 0008 and 0013, the layers'
// with their partition key): under row-level security PostgreSQL will not use the index for
// PostGIS's && itself. The same statements
// serve one parcel given as GeoJSON and a batch of parcels staged by an import.
import type { Queryable } from '../platform/db/db.ts';
import type { AreaBreakdown, OverlayFacts } from './domain/record.ts';

type BreakdownRow = AreaBreakdown & { key: number; surveyedM2: number; parcelM2: number };

export type Overlap = OverlayFacts['overlaps'][number];

/**
 * The breakdown of each parcel of `parcels` (a query with columns `key` and `geom`, EPSG:4490).
 * Each land-class piece of a parcel counts once: its part inside permanent basic farmland goes
 * to farmlandM2 whatever its class, the rest to its class group (cultivated 01xx, forest 03xx,
 * other agricultural, construction, unused). The groups sum to the surveyed area; the
 * remainder is unsurveyed.
 */
function breakdownSql(parcels: string): string {
  return `WITH parcel AS (SELECT key, geom, ST_XMin(geom) AS x0, ST_YMin(geom) AS y0, ST_XMax(geom) AS x1, ST_YMax(geom) AS y1
                     FROM (${parcels}) x),
     farmland AS (
       SELECT parcel.key, ST_Union(ST_Intersection(f.geom, parcel.geom)) AS g
       FROM parcel
       CROSS JOIN LATERAL reclaim_farmland_parcel_keys_in_box(parcel.x0, parcel.y0, parcel.x1, parcel.y1) AS box
       JOIN farmland_parcel f ON f.province_code = box.province_code AND f.id = box.id
       JOIN reference_layer_batch b ON b.id = f.batch_id AND b.status = 'current'
       WHERE ST_Intersects(f.geom, parcel.geom)
       GROUP BY parcel.key),
     pieces AS (
       SELECT parcel.key, lc.code, lc.category, lc.is_cultivated, ST_Intersection(c.geom, parcel.geom) AS g
       FROM parcel
       CROSS JOIN LATERAL reclaim_land_class_parcel_keys_in_box(parcel.x0, parcel.y0, parcel.x1, parcel.y1) AS box
       JOIN land_class_parcel c ON c.province_code = box.province_code AND c.id = box.id
       JOIN reference_layer_batch b ON b.id = c.batch_id AND b.status = 'current'
       JOIN land_class lc ON lc.code = c.land_class_code
       WHERE ST_Intersects(c.geom, parcel.geom)),
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
            coalesce(sum(m2), 0) AS "surveyedM2",
            ST_Area(parcel.geom::geography) AS "parcelM2"
     FROM parcel LEFT JOIN measured ON measured.key = parcel.key
     GROUP BY parcel.key, parcel.geom`;
}

/**
 * Registered parcels (not written off, accepted or converted) that each parcel of `parcels`
 * overlaps by more than 0.01 m², largest first; `exclude` is a condition on the other record
 * `o` and the parcel `p` (e.g. not the record itself).
 */
function overlapsSql(parcels: string, exclude: string): string {
  return `SELECT p.key, o.id AS "recordId", o.system_number AS "systemNumber", ST_Area(ST_Intersection(o.geom, p.geom)::geography) AS "sharedM2"
     FROM (${parcels}) p
     CROSS JOIN LATERAL reclaim_temporary_land_in_box(ST_XMin(p.geom), ST_YMin(p.geom), ST_XMax(p.geom), ST_YMax(p.geom)) AS box(id)
     JOIN temporary_land o ON o.id = box.id AND ST_Intersects(o.geom, p.geom)
     WHERE ${exclude} AND o.state NOT IN ('written_off', 'accepted', 'converted')
       AND ST_Area(ST_Intersection(o.geom, p.geom)::geography) > 0.01
     ORDER BY p.key, 4 DESC`;
}

function factsOf(row: BreakdownRow, overlaps: Overlap[]): OverlayFacts {
  const { key: _key, surveyedM2, parcelM2, ...breakdown } = row;
  return { breakdown, unsurveyedM2: Math.max(0, parcelM2 - surveyedM2), overlaps };
}

const byKey = <T extends { key: number }>(rows: readonly T[]): Map<number, Omit<T, 'key'>[]> => {
  const out = new Map<number, Omit<T, 'key'>[]>();
  for (const { key, ...rest } of rows) {
    const list = out.get(key);
    if (list) list.push(rest);
    else out.set(key, [rest]);
  }
  return out;
};

/** The overlay of one parcel (GeoJSON, EPSG:4490), with its overlaps except with `excludeRecordId`. */
export async function overlayFacts(
  q: Queryable,
  geometry: unknown,
  excludeRecordId: string | null,
): Promise<OverlayFacts> {
  const parcel = `SELECT 1 AS key, ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON($1), 4490)) AS geom`;
  const geojson = JSON.stringify(geometry);
  const [row] = await q.query<BreakdownRow>(breakdownSql(parcel), [geojson]);
  if (!row) throw new Error('overlay returned no row');
  const overlaps = await q.query<Overlap & { key: number }>(
    overlapsSql(parcel, 'o.id IS DISTINCT FROM $2::uuid'),
    [geojson, excludeRecordId],
  );
  return factsOf(
    row,
    overlaps.map(({ key: _key, ...o }) => o),
  );
}

/**
 * The overlays of many staged parcels at once, without their overlaps (see stagedOverlaps):
 * `stage` is a table with columns `seq` (the key), `id` and `geom`; `seqs` the parcels.
 */
export async function stagedBreakdowns(
  q: Queryable,
  stage: string,
  seqs: readonly number[],
): Promise<Map<number, OverlayFacts>> {
  const parcels = `SELECT seq AS key, geom FROM ${stage} WHERE seq = ANY($1::int[])`;
  const rows = await q.query<BreakdownRow>(breakdownSql(parcels), [seqs]);
  return new Map(rows.map((row) => [row.key, factsOf(row, [])]));
}

/**
 * The overlaps of staged parcels (`stage` as for stagedBreakdowns) with the registered parcels
 * outside the stage and with the staged ones of a lower `seq` already stored, as if the
 * parcels had been registered one by one in `seq` order.
 */
export async function stagedOverlaps(
  q: Queryable,
  stage: string,
  seqs: readonly number[],
): Promise<Map<number, Overlap[]>> {
  const parcels = `SELECT seq AS key, geom FROM ${stage} WHERE seq = ANY($1::int[])`;
  const rows = await q.query<Overlap & { key: number }>(
    overlapsSql(
      parcels,
      `NOT EXISTS (SELECT 1 FROM ${stage} e WHERE e.id = o.id AND e.seq >= p.key)`,
    ),
    [seqs],
  );
  return byKey(rows);
}

/** The stored form of an overlay result (the computed_breakdown column). */
export function storedBreakdown(facts: OverlayFacts): Record<string, unknown> {
  return {
    ...facts.breakdown,
    unsurveyedM2: facts.unsurveyedM2,
    computedAt: new Date().toISOString(),
  };
}
