// The overlay (TL-REG-03, TL-SCOPE-01, TL-APPR-01, TL-PBF-01/02, TL-REUSE-01): a parcel cut by
// the current land-class layer and the permanent-basic-farmland layer, in PostGIS, with
// areas on the ellipsoid; and its overlaps with other registered parcels. Candidates come
// through the GiST index by the reclaim_*_in_box functions (migration 0008): under row-level
// security PostgreSQL will not use the index for PostGIS's && itself.
import type { Queryable } from '../platform/db/db.ts';
import type { AreaBreakdown, OverlayFacts } from './domain/record.ts';

type BreakdownRow = AreaBreakdown & { surveyedM2: number; parcelM2: number };

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
  const [row] = await q.query<BreakdownRow>(
    `WITH parcel AS (SELECT g AS geom, ST_Area(g::geography) AS area_m2,
                            ST_XMin(g) AS x0, ST_YMin(g) AS y0, ST_XMax(g) AS x1, ST_YMax(g) AS y1
                     FROM (SELECT ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON($1), 4490)) AS g) x),
     farmland AS (
       SELECT ST_Union(ST_Intersection(f.geom, parcel.geom)) AS g
       FROM farmland_parcel f JOIN reference_layer_batch b ON b.id = f.batch_id AND b.status = 'current', parcel
       WHERE f.id IN (SELECT reclaim_farmland_parcel_in_box(parcel.x0, parcel.y0, parcel.x1, parcel.y1))
         AND ST_Intersects(f.geom, parcel.geom)),
     pieces AS (
       SELECT lc.code, lc.category, lc.is_cultivated, ST_Intersection(c.geom, parcel.geom) AS g
       FROM land_class_parcel c
       JOIN reference_layer_batch b ON b.id = c.batch_id AND b.status = 'current'
       JOIN land_class lc ON lc.code = c.land_class_code, parcel
       WHERE c.id IN (SELECT reclaim_land_class_parcel_in_box(parcel.x0, parcel.y0, parcel.x1, parcel.y1))
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
     FROM measured`,
    [geojson],
  );
  if (!row) throw new Error('overlay returned no row');
  const overlaps = await q.query<{
    recordId: string;
    systemNumber: string | null;
    sharedM2: number;
  }>(
    `SELECT o.id AS "recordId", o.system_number AS "systemNumber", ST_Area(ST_Intersection(o.geom, p.geom)::geography) AS "sharedM2"
     FROM (SELECT ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON($1), 4490)) AS geom) p
     JOIN temporary_land o ON o.id IN (SELECT reclaim_temporary_land_in_box(ST_XMin(p.geom), ST_YMin(p.geom), ST_XMax(p.geom), ST_YMax(p.geom)))
       AND ST_Intersects(o.geom, p.geom)
     WHERE o.id IS DISTINCT FROM $2::uuid AND o.state NOT IN ('written_off', 'accepted', 'converted')
       AND ST_Area(ST_Intersection(o.geom, p.geom)::geography) > 0.01
     ORDER BY 3 DESC`,
    [geojson, excludeRecordId],
  );
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
