// The staging table of a set-based import: every candidate of a batch is parsed, built (rings
// by ST_BuildArea), transformed to EPSG:4490 and checked (polygonal, valid, inside China,
// bounded size) by one statement, and the clean ones are kept in a temporary table with the
// id their record will get. A candidate the statement does not pass — or every candidate of a
// batch whose statement failed as a whole (PostGIS refuses some input outright) — is built
// again on its own by buildGeometry, which locates each problem by file, feature, ring and
// vertex, or repairs the shape when asked. Clean files therefore cost one statement per batch
// and no savepoint per parcel; only faulty parcels take the slow, precise path.
import { type Queryable, withSavepoint } from '../../platform/db/db.ts';
import { maxVerticesPerParcel } from '../geometry.store.ts';
import type { ImportCandidate, RingInput } from './candidate.ts';

/** The temporary table (dropped at the end of the transaction): seq, id of the record to be, geometry. */
export const importStage = 'import_stage';

export async function createImportStage(q: Queryable): Promise<void> {
  await q.exec(
    `CREATE TEMPORARY TABLE ${importStage} (
       seq integer PRIMARY KEY,
       id uuid NOT NULL DEFAULT gen_random_uuid(),
       geom geometry NOT NULL
     ) ON COMMIT DROP`,
  );
}

export interface StageItem {
  /** Position in the whole import (all files), the stage key. */
  seq: number;
  candidate: ImportCandidate;
}

const ringWkt = (ring: RingInput) =>
  `LINESTRING(${ring.points.map(([e, n]) => `${e} ${n}`).join(',')})`;

/**
 * One statement for the batch. Rings must be simple and not cross each other (as
 * buildGeometry's ring check); every shape goes through GeoJSON with 9 decimals as the
 * one-by-one path stores it, so both paths store the same coordinates. `shape` and `built` are
 * MATERIALIZED: inlined, each condition on `g` would parse, transform and round the shape again
 * (seven times per shape).
 */
const stageSql = `
  WITH ring AS (
    SELECT seq, ord, ST_SetSRID(ST_GeomFromText(w), srid) AS line
    FROM unnest($5::int[], $6::int[], $7::text[], $8::int[]) AS r(seq, ord, w, srid)),
  faulty AS (
    SELECT seq FROM ring WHERE NOT ST_IsSimple(line)
    UNION
    SELECT a.seq FROM ring a JOIN ring b ON b.seq = a.seq AND b.ord > a.ord
    WHERE ST_Intersects(a.line, b.line)
      AND (ST_Dimension(ST_Intersection(a.line, b.line)) > 0 OR ST_NumGeometries(ST_Intersection(a.line, b.line)) > 1)),
  shape AS MATERIALIZED (
    SELECT seq, ST_Transform(ST_BuildArea(ST_Collect(line ORDER BY ord)), 4490) AS g
    FROM ring WHERE seq NOT IN (SELECT seq FROM faulty) GROUP BY seq
    UNION ALL
    SELECT seq, ST_Transform(ST_SetSRID(CASE kind
             WHEN 'geojson' THEN ST_GeomFromGeoJSON(body)
             WHEN 'wkt' THEN ST_Force2D(ST_GeomFromText(body))
             ELSE ST_Force2D(ST_GeomFromWKB(decode(body, 'hex'))) END, srid), 4490) AS g
    FROM unnest($1::int[], $2::text[], $3::int[], $4::text[]) AS t(seq, kind, srid, body)),
  built AS MATERIALIZED (
    SELECT seq, ST_SetSRID(ST_GeomFromGeoJSON(ST_AsGeoJSON(ST_Multi(g), 9, 0)), 4490) AS g
    FROM shape WHERE g IS NOT NULL AND NOT ST_IsEmpty(g)),
  stored AS (
    INSERT INTO ${importStage} (seq, geom)
    SELECT seq, ST_Multi(g) FROM built
    WHERE GeometryType(g) IN ('POLYGON', 'MULTIPOLYGON') AND NOT ST_IsEmpty(g) AND ST_IsValid(g)
      AND ST_Within(g, ST_MakeEnvelope(73, 3, 136, 54, 4490)) AND ST_NPoints(g) <= $9
    RETURNING seq)
  SELECT seq FROM stored`;

/**
 * Builds, checks and stages a batch in one statement. Returns the seqs staged; the others need
 * buildGeometry. When PostGIS refuses an input outright the statement fails as a whole: the
 * batch is halved and each half tried again, so one bad parcel costs a few statements, and a
 * parcel that fails alone is left to buildGeometry.
 */
export async function stageBatch(q: Queryable, items: readonly StageItem[]): Promise<Set<number>> {
  const staged = await tryStage(q, items);
  if (staged || items.length <= 1) return staged ?? new Set();
  const half = Math.ceil(items.length / 2);
  const [a, b] = [
    await stageBatch(q, items.slice(0, half)),
    await stageBatch(q, items.slice(half)),
  ];
  return new Set([...a, ...b]);
}

/** One statement for the items; undefined when it failed (nothing staged). */
async function tryStage(
  q: Queryable,
  items: readonly StageItem[],
): Promise<Set<number> | undefined> {
  const shapes: [number[], string[], number[], string[]] = [[], [], [], []];
  const rings: [number[], number[], string[], number[]] = [[], [], [], []];
  for (const { seq, candidate } of items) {
    const shape = candidate.shape;
    if (shape.kind === 'rings') {
      // Rings too short to close are reported by buildGeometry without asking PostGIS.
      if (shape.rings.some((r) => r.points.length < 4)) continue;
      for (const [ord, ring] of shape.rings.entries()) {
        rings[0].push(seq);
        rings[1].push(ord + 1);
        rings[2].push(ringWkt(ring));
        rings[3].push(shape.srid);
      }
    } else {
      shapes[0].push(seq);
      shapes[1].push(shape.kind);
      shapes[2].push(shape.srid);
      shapes[3].push(
        shape.kind === 'geojson'
          ? JSON.stringify(shape.geometry)
          : shape.kind === 'wkt'
            ? shape.wkt
            : shape.wkbHex,
      );
    }
  }
  if (shapes[0].length === 0 && rings[0].length === 0) return new Set();
  const rows = await withSavepoint(q, 'import_batch', () =>
    q.query<{ seq: number }>(stageSql, [...shapes, ...rings, maxVerticesPerParcel]),
  ).catch(() => undefined);
  return rows && new Set(rows.map((r) => r.seq));
}

/** Stages a geometry built by buildGeometry (GeoJSON in EPSG:4490). */
export async function stageBuilt(q: Queryable, seq: number, geometry: unknown): Promise<void> {
  await q.query(
    `INSERT INTO ${importStage} (seq, geom) VALUES ($1, ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON($2), 4490)))`,
    [seq, JSON.stringify(geometry)],
  );
}
