// SQL for exports: records in scope as GeoJSON (EPSG:4490) or as rings projected to one
// Gauss–Krüger zone for the coordinate txt, with areas on the ellipsoid.
import type { Queryable } from '../../platform/db/db.ts';
import { zoneForLongitude } from '../../reference/crs/cgcs2000.ts';

export interface ExportFilter {
  scopeLike: string;
  divisionCode?: string;
  state?: string;
  includeWrittenOff: boolean;
}

const where = `division_code LIKE $1 AND ($2::text IS NULL OR division_code LIKE $2 || '%')
  AND ($3::text IS NULL OR state = $3) AND ($4::boolean OR state <> 'written_off') AND geom IS NOT NULL`;

const params = (f: ExportFilter) => [
  f.scopeLike,
  f.divisionCode ?? null,
  f.state ?? null,
  f.includeWrittenOff,
];

export interface ExportRow {
  id: string;
  systemNumber: string | null;
  divisionCode: string;
  state: string;
  projectName: string;
  projectClass: string;
  useType: string;
  approvalNumber: string | null;
  approvalDate: string | null;
  approvalBody: string | null;
  approvalLevel: string | null;
  termStart: string | null;
  termEnd: string | null;
  projectOwner: string | null;
  landUser: string | null;
  areaM2: number;
  version: number;
}

const columns = `id, system_number AS "systemNumber", division_code AS "divisionCode", state, project_name AS "projectName",
  project_class AS "projectClass", use_type AS "useType", approval_number AS "approvalNumber", approval_date AS "approvalDate",
  approval_body AS "approvalBody", approval_level AS "approvalLevel", term_start AS "termStart", term_end AS "termEnd",
  project_owner AS "projectOwner", land_user AS "landUser", area_m2 AS "areaM2", version`;

export function exportGeoJsonRows(
  q: Queryable,
  filter: ExportFilter,
): Promise<(ExportRow & { geometry: unknown })[]> {
  return q.query(
    `SELECT ${columns}, ST_AsGeoJSON(geom, 9, 0)::json AS geometry FROM temporary_land WHERE ${where} ORDER BY division_code, system_number, id`,
    params(filter),
  );
}

/** The 3-degree zone of the records' centre (one zone per coordinate txt file). */
export async function zoneOf(q: Queryable, filter: ExportFilter): Promise<number | null> {
  const [row] = await q.query<{ lng: number | null }>(
    `SELECT ST_X(ST_Centroid(ST_Collect(ST_PointOnSurface(geom)))) AS lng FROM temporary_land WHERE ${where}`,
    params(filter),
  );
  return row?.lng === null || row?.lng === undefined ? null : zoneForLongitude(row.lng);
}

export interface ProjectedRing {
  id: string;
  /** 1-based ring number within the record, parts and holes counted in order. */
  ring: number;
  /** [northing, easting] pairs in metres (easting with the zone prefix), rounded to the millimetre. */
  points: [number, number][];
}

/** Every ring of every record, projected to the zone's prefixed frame (EPSG:4488 + zone). */
export function projectedRings(
  q: Queryable,
  filter: ExportFilter,
  zone: number,
): Promise<ProjectedRing[]> {
  return q.query<ProjectedRing>(
    `WITH r AS (
       SELECT t.id, t.division_code, t.system_number, p.path[1] AS part, d.path[1] AS ring_in_part, d.geom
       FROM temporary_land t,
            LATERAL ST_Dump(ST_Transform(t.geom, 4488 + $5::int)) p,
            LATERAL ST_DumpRings(p.geom) d
       WHERE ${where
         .replace(/division_code/g, 't.division_code')
         .replace(/\bstate\b/g, 't.state')
         .replace('geom IS NOT NULL', 't.geom IS NOT NULL')})
     SELECT id, row_number() OVER (PARTITION BY id ORDER BY part, ring_in_part)::int AS ring,
            (SELECT json_agg(json_build_array(round(ST_Y(pt.geom)::numeric, 3), round(ST_X(pt.geom)::numeric, 3)) ORDER BY pt.path)
             FROM ST_DumpPoints(ST_ExteriorRing(r.geom)) pt) AS points
     FROM r ORDER BY division_code, system_number, id, part, ring_in_part`,
    [...params(filter), zone],
  );
}
