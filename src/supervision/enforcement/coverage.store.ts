// The cross-check in PostGIS (TL-ENF-02): for each change polygon of a batch, the records that
// overlap it are put in one class each for the batch month (domain/coverage.ts), the class
// unions are cut out of the polygon in priority order, and the pieces' areas are measured on
// the ellipsoid (ST_Area on geography), so the five areas partition the polygon. Runs as the
// owner (the service checks scope first): the records explaining a polygon may belong to a
// neighbouring county, and the GiST index on temporary_land.geom is used only outside RLS.
import type { Queryable } from '../../platform/db/db.ts';
import type { BatchMonth } from './domain/batch-month.ts';
import { tallyBatch } from './polygon-tally.store.ts';

/** Per province: the settings the cross-check uses (national defaults where absent). */
export interface CrosscheckSettings {
  byProvince: Record<string, { toleranceM2: number; reclamationYears: number }>;
  defaults: { toleranceM2: number; reclamationYears: number };
}

/**
 * A record's lawful window is [term start, reclamation deadline]: the term starts as written,
 * else on the approval date (TL-TERM-05); it ends after the last extension; the reclamation
 * deadline is that end plus the province's reclamation years, or a TL-RECL-03 extension applied
 * for in time — the SQL twin of reclamationDeadline in register/domain/rules/reclamation-rules.ts.
 * A missing start or end leaves that side open. Classes: 1 covered (lawful), 2 use differs,
 * 3 not registered, 4 expired.
 */
const candidates = `
  SELECT p.id AS pid, t.id AS rid, t.geom,
         CASE WHEN w.until < $2::date THEN 4
              WHEN t.state = 'approved' THEN 3
              WHEN t.use_type = ANY (p.disallowed_uses) THEN 2
              ELSE 1 END AS cls
  FROM p
  JOIN temporary_land t ON t.geom && p.geom
  CROSS JOIN LATERAL (
    SELECT coalesce((t.extensions -> -1 ->> 'newTermEnd')::date, t.term_end) AS term_end,
           coalesce(($4::jsonb -> t.province_code ->> 'reclamationYears')::int, $6) AS years) e
  CROSS JOIN LATERAL (SELECT (e.term_end + make_interval(years => e.years))::date AS statutory) s
  CROSS JOIN LATERAL (
    SELECT CASE WHEN (t.reclamation_extension ->> 'appliedOn')::date <= s.statutory
                 AND (t.reclamation_extension ->> 'newDeadline')::date > s.statutory
                THEN (t.reclamation_extension ->> 'newDeadline')::date
                ELSE s.statutory END AS until) w
  WHERE t.state <> 'written_off'
    AND coalesce(t.term_start, t.approval_date, $3::date) <= $3::date
    AND ST_Intersects(t.geom, p.geom)`;

// ST_Area on geography counts only the polygons of a collection (lines and points have none).
const areaOf = (g: string) => `coalesce(ST_Area(${g}::geography), 0)`;

/**
 * Each class's union is cut from what the classes before it left, and every piece is measured,
 * once per polygon: OFFSET 0 keeps PostgreSQL from inlining a piece or an area into every
 * expression that uses it (the outside area and the status use all four). A step is skipped
 * when its class or every later class is absent, so a polygon no record touches costs no
 * overlay at all.
 */
const pieces = `
  SELECT p.id, p.batch_id, p.province_code, p.division_code, p.box, p.area_m2, p.tol, v.r1, v.r2, v.r3, v.r4,
         m.m1, m.m2, m.m3, m.m4
  FROM p LEFT JOIN pivot v ON v.pid = p.id
  CROSS JOIN LATERAL (
    SELECT CASE WHEN v.g1 IS NULL THEN NULL ELSE ST_Intersection(p.geom, v.g1) END AS a1,
           CASE WHEN v.g1 IS NULL THEN p.geom
                WHEN v.g2 IS NULL AND v.g3 IS NULL AND v.g4 IS NULL THEN NULL
                ELSE ST_Difference(p.geom, v.g1) END AS rest OFFSET 0) s1
  CROSS JOIN LATERAL (
    SELECT CASE WHEN v.g2 IS NULL THEN NULL ELSE ST_Intersection(s1.rest, v.g2) END AS a2,
           CASE WHEN v.g2 IS NULL THEN s1.rest
                WHEN v.g3 IS NULL AND v.g4 IS NULL THEN NULL
                ELSE ST_Difference(s1.rest, v.g2) END AS rest OFFSET 0) s2
  CROSS JOIN LATERAL (
    SELECT CASE WHEN v.g3 IS NULL THEN NULL ELSE ST_Intersection(s2.rest, v.g3) END AS a3,
           CASE WHEN v.g3 IS NULL THEN s2.rest
                WHEN v.g4 IS NULL THEN NULL
                ELSE ST_Difference(s2.rest, v.g3) END AS rest OFFSET 0) s3
  CROSS JOIN LATERAL (
    SELECT CASE WHEN v.g4 IS NULL THEN NULL ELSE ST_Intersection(s3.rest, v.g4) END AS a4 OFFSET 0) s4
  CROSS JOIN LATERAL (
    SELECT ${areaOf('s1.a1')} AS m1, ${areaOf('s2.a2')} AS m2, ${areaOf('s3.a3')} AS m3, ${areaOf('s4.a4')} AS m4
    OFFSET 0) m`;

/** The columns of change_polygon_coverage, in the order `coverageRows` returns them. */
export const coverageTableColumns = `polygon_id, batch_id, province_code, division_code, area_m2, covered_m2,
  use_differs_m2, not_registered_m2, expired_m2, outside_m2, covered_records, use_differs_records,
  not_registered_records, expired_records, tolerance_m2, status, primary_cause, computed_at`;

/**
 * The coverage rows (columns `coverageTableColumns`, then `box`, the polygon's bounding box, which
 * the tally reads) of the polygons of batch $1; $2/$3 the
 * month's first and last day, $4 the provinces' settings (jsonb), $5/$6 the national tolerance
 * (m²) and reclamation years.
 */
export const coverageRows = `WITH p AS NOT MATERIALIZED (
     SELECT c.id, c.batch_id, c.province_code, c.division_code, c.geom, Box2D(c.geom) AS box, c.area_m2, c.disallowed_uses,
            coalesce(($4::jsonb -> c.province_code ->> 'toleranceM2')::float8, $5) AS tol
     FROM change_polygon c
     WHERE c.batch_id = $1),
   cand AS (${candidates}),
   classes AS (
     SELECT pid, cls,
            CASE WHEN count(*) = 1 THEN (array_agg(geom))[1] ELSE ST_UnaryUnion(ST_Collect(array_agg(geom))) END AS g,
            array_agg(rid ORDER BY rid) AS rids
     FROM cand GROUP BY pid, cls),
   pivot AS (
     SELECT pid,
            (array_agg(g) FILTER (WHERE cls = 1))[1] AS g1, max(rids) FILTER (WHERE cls = 1) AS r1,
            (array_agg(g) FILTER (WHERE cls = 2))[1] AS g2, max(rids) FILTER (WHERE cls = 2) AS r2,
            (array_agg(g) FILTER (WHERE cls = 3))[1] AS g3, max(rids) FILTER (WHERE cls = 3) AS r3,
            (array_agg(g) FILTER (WHERE cls = 4))[1] AS g4, max(rids) FILTER (WHERE cls = 4) AS r4
     FROM classes GROUP BY pid),
   split AS (${pieces}),
   result AS (
     SELECT s.*, greatest(s.area_m2 - s.m1 - s.m2 - s.m3 - s.m4, 0) AS m5 FROM split s)
   SELECT r.id AS polygon_id, r.batch_id, r.province_code, r.division_code, r.area_m2, r.m1 AS covered_m2,
          r.m2 AS use_differs_m2, r.m3 AS not_registered_m2, r.m4 AS expired_m2, r.m5 AS outside_m2,
          CASE WHEN r.m1 > 0 THEN r.r1 ELSE '{}' END AS covered_records,
          CASE WHEN r.m2 > 0 THEN r.r2 ELSE '{}' END AS use_differs_records,
          CASE WHEN r.m3 > 0 THEN r.r3 ELSE '{}' END AS not_registered_records,
          CASE WHEN r.m4 > 0 THEN r.r4 ELSE '{}' END AS expired_records,
          r.tol AS tolerance_m2,
          CASE WHEN r.area_m2 - r.m1 <= r.tol THEN 'covered' WHEN r.m1 <= r.tol THEN 'uncovered' ELSE 'partly_covered' END
            AS status,
          -- the largest cause; array_position takes the first of equals, so ties go by priority
          CASE WHEN r.area_m2 - r.m1 <= r.tol THEN NULL
               ELSE (ARRAY['use_differs', 'not_registered', 'expired', 'outside'])[
                      array_position(ARRAY[r.m2, r.m3, r.m4, r.m5], greatest(r.m2, r.m3, r.m4, r.m5))] END
            AS primary_cause,
          clock_timestamp() AS computed_at, r.box
   FROM result r`;

/** The parameters of `coverageRows`. */
export function coverageParams(
  batchId: string,
  month: BatchMonth,
  settings: CrosscheckSettings,
): unknown[] {
  return [
    batchId,
    month.start,
    month.end,
    JSON.stringify(settings.byProvince),
    settings.defaults.toleranceM2,
    settings.defaults.reclamationYears,
  ];
}

/** The batch's coverage rows between computing and storing them (dropped after). */
const computedTable = 'reclaim_coverage_computed';

/**
 * Computes and stores the coverage of every polygon of a batch, and counts them again for the
 * review map's tally; returns how many. The caller holds the batch (`computeCoverage` locks
 * its row), so no other cross-check writes its rows meanwhile. One statement for the whole
 * batch, as a DBA would write it: cutting the batch into ranges of (random) polygon ids made
 * every range read most of the table's pages again — ten ranges cost 1.5× one statement. The
 * rows are computed by `CREATE TEMP TABLE … AS`, which PostgreSQL may run with parallel workers
 * (finding each polygon's candidate records is most of the work), where an `INSERT … SELECT`
 * always runs in one process. The batch's stored rows are then replaced by them (every polygon
 * has one, and change polygons are never deleted; a plain insert costs less than an upsert),
 * and the tally is counted from them, without reading the polygons again.
 */
export async function storeCoverage(
  q: Queryable,
  batchId: string,
  month: BatchMonth,
  settings: CrosscheckSettings,
): Promise<number> {
  await q.query(
    `CREATE TEMP TABLE ${computedTable} ON COMMIT DROP AS ${coverageRows}`,
    coverageParams(batchId, month, settings),
  );
  await q.query(`DELETE FROM change_polygon_coverage WHERE batch_id = $1`, [batchId]);
  const rows = await q.query<{ n: number }>(
    `WITH stored AS (
       INSERT INTO change_polygon_coverage (${coverageTableColumns})
       SELECT ${coverageTableColumns} FROM ${computedTable}
       RETURNING 1)
     SELECT count(*)::int AS n FROM stored`,
  );
  // The review map's zoomed-out tiles add these counts up (migration 0030).
  await tallyBatch(
    q,
    batchId,
    `SELECT batch_id, province_code, division_code, status, primary_cause, box FROM ${computedTable}
     WHERE batch_id = $1`,
  );
  await q.query(`DROP TABLE ${computedTable}`);
  return rows[0]?.n ?? 0;
}

export const coverageColumns = `c.area_m2 AS "areaM2", c.covered_m2 AS "coveredM2", c.covered_records AS "coveredRecords",
  json_build_object(
    'use_differs', json_build_object('areaM2', c.use_differs_m2, 'records', c.use_differs_records),
    'not_registered', json_build_object('areaM2', c.not_registered_m2, 'records', c.not_registered_records),
    'expired', json_build_object('areaM2', c.expired_m2, 'records', c.expired_records),
    'outside', json_build_object('areaM2', c.outside_m2, 'records', '[]'::json)) AS causes,
  c.tolerance_m2 AS "toleranceM2", c.status, c.primary_cause AS "primaryCause"`;
