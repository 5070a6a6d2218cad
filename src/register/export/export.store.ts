// SQL for exports: records in scope with their attributes and the geometry encoded as each
// format wants it (GeoJSON, WKB, KML, WKT, ring arrays oriented for Shapefile), all EPSG:4490,
// or as rings projected to one Gauss–Krüger zone for the coordinate txt.
import type { Queryable } from '../../platform/db/db.ts';
import { zoneForLongitude } from '../../reference/crs/cgcs2000.ts';
import { exportColumns, type ExportRow } from './export-columns.ts';

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

const columns = exportColumns.map((c) => `${c.source} AS "${c.name}"`).join(', ');

/**
 * How each format wants the geometry, all in EPSG:4490 [lng, lat]. Text encodings keep full
 * precision (shortest exact decimals) so that an export imports back to the same coordinates.
 */
const geometryEncodings = {
  /** RFC 7946 GeoJSON object: exterior rings counter-clockwise, 9 decimals (0.1 mm). */
  geojson: `ST_AsGeoJSON(ST_ForcePolygonCCW(geom), 9, 0)::json`,
  /** MultiPolygon coordinates with outer rings clockwise and holes counter-clockwise (Shapefile). */
  clockwiseCoordinates: `(ST_AsGeoJSON(ST_ForcePolygonCW(geom), 15, 0)::json)->'coordinates'`,
  /** Little-endian ISO WKB, exterior rings counter-clockwise (GeoPackage). */
  wkb: `ST_AsBinary(ST_ForcePolygonCCW(geom), 'NDR')`,
  /** A KML MultiGeometry; relabelled 4326 so PostGIS does not transform (KML is lon/lat). */
  kml: `ST_AsKML(ST_SetSRID(ST_ForcePolygonCCW(geom), 4326), 15)`,
  /** WKT with every digit needed to read back the same doubles. */
  wkt: `ST_AsText(ST_ForcePolygonCCW(geom))`,
  /** Attributes only. */
  none: 'NULL',
} as const;

export type GeometryEncoding = keyof typeof geometryEncodings;

export interface ExportFeature<G> {
  attributes: ExportRow;
  geometry: G;
  /** [minLng, minLat, maxLng, maxLat] of the record. */
  bbox: [number, number, number, number];
}

/** Records in scope with their geometry in the chosen encoding, in a stable order. */
export async function exportFeatures<G = unknown>(
  q: Queryable,
  filter: ExportFilter,
  encoding: GeometryEncoding,
): Promise<ExportFeature<G>[]> {
  const rows = await q.query<ExportRow & { geometry: G; bbox: [number, number, number, number] }>(
    `SELECT ${columns}, ${geometryEncodings[encoding]} AS geometry,
            json_build_array(ST_XMin(geom), ST_YMin(geom), ST_XMax(geom), ST_YMax(geom)) AS bbox
     FROM temporary_land WHERE ${where} ORDER BY division_code, system_number, id`,
    params(filter),
  );
  return rows.map(({ geometry, bbox, ...attributes }) => ({ attributes, geometry, bbox }));
}

/** The OGC WKT of a frame from PostGIS' spatial_ref_sys (the .prj and GeoPackage definitions). */
export async function frameWkt(q: Queryable, srid: number): Promise<string> {
  const [row] = await q.query<{ srtext: string }>(
    'SELECT srtext FROM spatial_ref_sys WHERE srid = $1',
    [srid],
  );
  if (!row) throw new Error(`EPSG:${srid} is missing from spatial_ref_sys`);
  return row.srtext;
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
