// The staging table of a set-based import: every candidate of a batch is parsed, built (rings
// by ST_BuildArea), transformed to EPSG:4490 and checked (polygonal, valid, inside China,
// bounded size) by one statement, and the clean ones are kept in the import's stage table with the
// id their record will get. A candidate the statement does not pass — or every candidate of a
// batch whose statement failed as a whole (PostGIS refuses some input outright) — is built
// again on its own by buildGeometry, which locates each problem by file, feature, ring and
// vertex, or repairs the shape when asked. Clean files therefore cost one statement per batch
// and no savepoint per parcel; only faulty parcels take the slow, precise path.
import { randomBytes } from 'node:crypto';
import { type Queryable, withSavepoint } from '../../platform/db/db.ts';
import { maxVerticesPerParcel } from '../geometry.store.ts';
import type { ImportCandidate, RingInput } from './candidate.ts';

/**
 * The stage of one import: the qualified name of an UNLOGGED table (seq, id of the record to
 * be, geometry) in the schema reclaim_import (migration 0021), created inside the import's
 * transaction and dropped before it commits, so no other session ever sees it. Not a temporary
 * table: PostgreSQL's parallel workers cannot read those, and the overlay of a large import runs
 * in parallel (see parallelOverlay).
 */
export type ImportStage = string;

export async function createImportStage(q: Queryable): Promise<ImportStage> {
  const stage = `reclaim_import.stage_${randomBytes(8).toString('hex')}`;
  await q.exec(
    `CREATE UNLOGGED TABLE ${stage} (
       seq integer PRIMARY KEY,
       id uuid NOT NULL DEFAULT gen_random_uuid(),
       geom geometry NOT NULL
     )`,
  );
  return stage;
}

/** Drops the stage before the import's transaction commits (a rollback drops it anyway). */
export async function dropImportStage(q: Queryable, stage: ImportStage): Promise<void> {
  await q.exec(`DROP TABLE ${stage}`);
}

/** Parcels from which an import lets PostgreSQL plan its overlay in parallel (server mode). */
export const parallelOverlayFrom = 1_000;

/**
 * Lets the rest of the transaction use parallel workers whatever the size of the stage (the
 * planner's defaults would not for a stage under 8 MB, and a parallel plan pays off from a
 * thousand parcels: the overlay is CPU-bound geometry work). max_parallel_workers_per_gather
 * still bounds the workers; PGlite has none and runs the same statements serially.
 */
export async function parallelOverlay(q: Queryable): Promise<void> {
  await q.query(
    `SELECT set_config('parallel_setup_cost', '0', true), set_config('parallel_tuple_cost', '0', true),
            set_config('min_parallel_table_scan_size', '0', true)`,
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
const stageSql = (stage: ImportStage) => `
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
    INSERT INTO ${stage} (seq, geom)
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
 *
 * `meanwhile` is started once the first statement is on its way to the database, so that
 * JavaScript work (reading the next file) overlaps the database's; it is awaited before this
 * returns, and its failure is thrown (after the statement has finished), never taken for the
 * batch's.
 */
export async function stageBatch(
  q: Queryable,
  stage: ImportStage,
  items: readonly StageItem[],
  meanwhile?: () => Promise<void>,
): Promise<Set<number>> {
  const staged = await tryStage(q, stage, items, meanwhile);
  if (staged || items.length <= 1) return staged ?? new Set();
  const half = Math.ceil(items.length / 2);
  const [a, b] = [
    await stageBatch(q, stage, items.slice(0, half)),
    await stageBatch(q, stage, items.slice(half)),
  ];
  return new Set([...a, ...b]);
}

/** A promise that never rejects: its outcome, to be looked at later without an unhandled rejection. */
function settled(work: Promise<void>): Promise<{ error: unknown } | undefined> {
  return work.then(
    () => undefined,
    (error: unknown) => ({ error }),
  );
}

/** One statement for the items; undefined when it failed (nothing staged). */
async function tryStage(
  q: Queryable,
  stage: ImportStage,
  items: readonly StageItem[],
  meanwhile?: () => Promise<void>,
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
  if (shapes[0].length === 0 && rings[0].length === 0) {
    await meanwhile?.();
    return new Set();
  }
  // Started once, right after the statement is sent (or, should the savepoint fail, after).
  let alongside: ReturnType<typeof settled> | undefined;
  const start = () => (alongside ??= meanwhile && settled(Promise.resolve().then(meanwhile)));
  const rows = await withSavepoint(q, 'import_batch', () => {
    const statement = q.query<{ seq: number }>(stageSql(stage), [
      ...shapes,
      ...rings,
      maxVerticesPerParcel,
    ]);
    void start(); // never rejects (settled); awaited below
    return statement;
  }).catch(() => undefined);
  const failure = await start();
  if (failure) throw failure.error;
  return rows && new Set(rows.map((r) => r.seq));
}

/** Stages a geometry built by buildGeometry (GeoJSON in EPSG:4490). */
export async function stageBuilt(
  q: Queryable,
  stage: ImportStage,
  seq: number,
  geometry: unknown,
): Promise<void> {
  await q.query(
    `INSERT INTO ${stage} (seq, geom) VALUES ($1, ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON($2), 4490)))`,
    [seq, JSON.stringify(geometry)],
  );
}
