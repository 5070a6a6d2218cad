// The overlay (TL-REG-03, TL-SCOPE-01, TL-APPR-01, TL-PBF-01/02, TL-REUSE-01): a parcel cut by
// the current land-class layer and the permanent-basic-farmland layer, in PostGIS, with
// areas on the ellipsoid; and its overlaps with other registered parcels. Candidates come
// through the GiST index by the reclaim_*_in_box functions (migration 0008): under row-level
// security PostgreSQL will not use the index for PostGIS's && itself.
import type { Queryable } from '../platform/db/db.ts';
import type { AreaBreakdown, OverlayFacts } from './domain/record.ts';

type BreakdownRow = AreaBreakdown & { surveyedM2: number; parcelM2: number };

/**
 * Candidate ids of a layer or the register for the parcel `parcel` (a CTE with `geom`), as an
 * uncorrelated array: `id = ANY (ARRAY(SELECT f(…) FROM parcel))` is computed once and used as
 * an index condition on the primary key. Written as `id IN (SELECT f(parcel.x0, …))` instead,
 * the candidates depend on each outer row, and PostgreSQL scanned the whole layer and called
 * the function per row (4.4 s for one parcel against 24,000 land-class polygons).
 */
const candidates = (fn: string, parcel: string) =>
  `ANY (ARRAY(SELECT ${fn}(ST_XMin(geom), ST_YMin(geom), ST_XMax(geom), ST_YMax(geom)) FROM ${parcel}))`;

/** The parcel's breakdown by land class and farmland ($1 GeoJSON); exported for an EXPLAIN test. */
export const breakdownSql = `WITH parcel AS (SELECT g AS geom, ST_Area(g::geography) AS area_m2
                     FROM (SELECT ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON($1), 4490)) AS g) x),
     farmland AS (
       SELECT ST_Union(ST_Intersection(f.geom, parcel.geom)) AS g
       FROM farmland_parcel f JOIN reference_layer_batch b ON b.id = f.batch_id AND b.status = 'current', parcel
       WHERE f.id = ${candidates('reclaim_farmland_parcel_in_box', 'parcel')}
         AND ST_Intersects(f.geom, parcel.geom)),
     pieces AS (
       SELECT lc.code, lc.category, lc.is_cultivated, ST_Intersection(c.geom, parcel.geom) AS g
       FROM land_class_parcel c
       JOIN reference_layer_batch b ON b.id = c.batch_id AND b.status = 'current'
       JOIN land_class lc ON lc.code = c.land_class_code, parcel
       WHERE c.id = ${candidates('reclaim_land_class_parcel_in_box', 'parcel')}
         AND ST_Intersects(c.geom, parcel.geom)),
     measured AS (
       SELECT code, category, is_cultivated, ST_Area(pieces.g::geography) AS m2,
              CASE WHEN farmland.g IS NULL THEN 0 ELSE ST_Area(ST_Intersection(pieces.g, farmland.g)::geography) END AS farm_m2
       FROM pieces, farmland)
     SELECT coalesce(sum(m2 - farm_m2) FILTER (WHERE is_cultivated), 0) AS "cultivatedM2",
            coalesce(sum(farm_m2), 0) AS "farmlandM2",
            coalesce(sum(m2 - farm_m2) FILTER (WHERE code LIKE '03%'), 0) AS "forestM2",
            coalesce(sum(m2 - farm_m2) FILTER (WHERE category = 'agricultural' AND NOT is_cultivated AND code NOT LIKE '03%'), 0) AS "otherAgriculturalM2",
            coalesce(sum(m2 - farm_m2) FILTER (WHERE category = 'construction'), 0) AS "constructionM2",
            coalesce(sum(m2 - farm_m2) FILTER (WHERE category = 'unused' OR category IS NULL), 0) AS "unusedM2",
            coalesce(sum(m2), 0) AS "surveyedM2",
            (SELECT area_m2 FROM parcel) AS "parcelM2"
     FROM measured`;

/** Live records overlapping the parcel ($1 GeoJSON), except $2; exported for an EXPLAIN test. */
export const overlapsSql = `WITH p AS (SELECT ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON($1), 4490)) AS geom)
     SELECT o.id AS "recordId", o.system_number AS "systemNumber", ST_Area(ST_Intersection(o.geom, p.geom)::geography) AS "sharedM2"
     FROM p JOIN temporary_land o ON o.id = ${candidates('reclaim_temporary_land_in_box', 'p')}
       AND ST_Intersects(o.geom, p.geom)
     WHERE o.id IS DISTINCT FROM $2::uuid AND o.state NOT IN ('written_off', 'accepted', 'converted')
       AND ST_Area(ST_Intersection(o.geom, p.geom)::geography) > 0.01
     ORDER BY 3 DESC`;

/**
 * Each land-class piece of the parcel counts once: its part inside permanent basic
 * farmland goes to farmlandM2 whatever its class, the rest to its class group (cultivated
 * 01xx, forest 03xx, other agricultural, construction, unused). The groups sum to the
 * surveyed area; the remainder is unsurveyed.
 */
export async function overlayFacts(
  q: Queryable,
  geometry: unknown,
  excludeRecordId: string | null,
): Promise<OverlayFacts> {
  const geojson = JSON.stringify(geometry);
  const [row] = await q.query<BreakdownRow>(breakdownSql, [geojson]);
  if (!row) throw new Error('overlay returned no row');
  const overlaps = await q.query<{
    recordId: string;
    systemNumber: string | null;
    sharedM2: number;
  }>(overlapsSql, [geojson, excludeRecordId]);
  const { surveyedM2, parcelM2, ...breakdown } = row;
  return { breakdown, unsurveyedM2: Math.max(0, parcelM2 - surveyedM2), overlaps };
}

/** The stored form of an overlay result (the computed_breakdown column). */
export function storedBreakdown(facts: OverlayFacts): Record<string, unknown> {
  return {
    ...facts.breakdown,
    unsurveyedM2: facts.unsurveyedM2,
    computedAt: new Date().toISOString(),
  };
}
