// The rings of a shape that could not be built, in EPSG:4490, so that a client can draw a
// problem where it is (ring and vertex) on a map. Best effort: rings that PostGIS cannot
// transform (wrong frame, too few points) are left out, never an error of their own.
import { type Queryable, withSavepoint } from '../../platform/db/db.ts';
import type { CandidateShape } from './candidate.ts';

export interface PreviewRing {
  /** Ring number as written (圈号), as in the problems' `location.ring`. */
  ring: number;
  /** The ring's points as written, [lng, lat] in EPSG:4490 (vertex n is index n-1). */
  coordinates: [number, number][];
}

export async function previewRings(q: Queryable, shape: CandidateShape): Promise<PreviewRing[]> {
  if (shape.kind !== 'rings') return [];
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
