// The rings of a shape that could not be built, in EPSG:4490, so that a client can draw a
// problem where it is (part, ring and vertex) on a map. Best effort: rings that PostGIS cannot
// transform (wrong frame, too few points) are left out, never an error of their own.
import { type Queryable, withSavepoint } from '../../platform/db/db.ts';
import type { CandidateShape } from './candidate.ts';

export interface PreviewRing {
  /** Polygon of a MultiPolygon, 1-based, as in `location.part` (absent for separate rings). */
  part?: number;
  /** Ring number as written (圈号), as in the problems' `location.ring`. */
  ring: number;
  /** The ring's points as written, [lng, lat] in EPSG:4490 (vertex n is index n-1). */
  coordinates: [number, number][];
}

/**
 * The rings of a polygon or multipolygon (GeoJSON, WKT, WKB) that could not be built, numbered
 * as ST_DumpPoints numbers them in the validity check (geometry.store.ts): part from 1, the
 * exterior ring 1 and its holes from 2.
 */
async function polygonRings(q: Queryable, shape: CandidateShape): Promise<PreviewRing[]> {
  const parse =
    shape.kind === 'geojson'
      ? 'ST_GeomFromGeoJSON($1)'
      : shape.kind === 'wkt'
        ? 'ST_GeomFromText($1)'
        : `ST_GeomFromWKB(decode($1, 'hex'))`;
  const value =
    shape.kind === 'geojson'
      ? JSON.stringify(shape.geometry)
      : shape.kind === 'wkt'
        ? shape.wkt
        : shape.kind === 'wkb'
          ? shape.wkbHex
          : '';
  const rows = await withSavepoint(q, 'preview', () =>
    q.query<{ part: number; ring: number; line: { coordinates: [number, number][] } }>(
      `SELECT coalesce(p.path[1], 1) AS part, r.path[1] + 1 AS ring,
              ST_AsGeoJSON(ST_Transform(ST_SetSRID(ST_ExteriorRing(r.geom), $2), 4490), 9, 0)::json AS line
       FROM ST_Dump(ST_Multi(ST_Force2D(${parse}))) p, ST_DumpRings(p.geom) r
       WHERE GeometryType(p.geom) = 'POLYGON'
       ORDER BY 1, 2`,
      [value, shape.srid],
    ),
  ).catch(() => []);
  return rows.map((row) => ({ part: row.part, ring: row.ring, coordinates: row.line.coordinates }));
}

export async function previewRings(q: Queryable, shape: CandidateShape): Promise<PreviewRing[]> {
  if (shape.kind !== 'rings') return polygonRings(q, shape);
  const rings = shape.rings.filter((r) => r.points.length >= 2);
  if (rings.length === 0) return [];
  const rows = await withSavepoint(q, 'preview', () =>
    q.query<{ idx: number; line: { coordinates: [number, number][] } }>(
      `SELECT ord AS idx, ST_AsGeoJSON(ST_Transform(ST_SetSRID(ST_GeomFromText(w), $2), 4490), 9, 0)::json AS line
       FROM unnest($1::text[]) WITH ORDINALITY AS t(w, ord) ORDER BY ord`,
      [
        rings.map((r) => `LINESTRING(${r.points.map(([e, n]) => `${e} ${n}`).join(',')})`),
        shape.srid,
      ],
    ),
  ).catch(() => []);
  return rows.flatMap((row) => {
    const ring = rings[row.idx - 1];
    return ring ? [{ ring: ring.ring, coordinates: row.line.coordinates }] : [];
  });
}
