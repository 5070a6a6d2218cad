// The cross-check in PostGIS (TL-ENF-02): for each change polygon of a batch, the records that
// overlap it are put in one class each for the batch month (domain/coverage.ts), the class
// unions are cut out of the polygon in priority order, and the pieces' areas are measured on
// the ellipsoid (ST_Area on geography), so the five areas partition the polygon. Runs as the
// owner (the service checks scope first): the records explaining a polygon may belong to a
// neighbouring county, and the GiST index on temporary_land.geom is used only outside RLS.
import type { Queryable } from '../../platform/db/db.ts';
import type { BatchMonth } from './domain/batch-month.ts';
import type { PolygonCoverage } from './domain/coverage.ts';

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
         CASE WHEN w.until < $4::date THEN 4
              WHEN t.state = 'approved' THEN 3
              WHEN t.use_type = ANY (p.disallowed_uses) THEN 2
              ELSE 1 END AS cls
  FROM p
  JOIN temporary_land t ON t.geom && p.geom
  CROSS JOIN LATERAL (
    SELECT coalesce((t.extensions -> -1 ->> 'newTermEnd')::date, t.term_end) AS term_end,
           coalesce(($6::jsonb -> t.province_code ->> 'reclamationYears')::int, $8) AS years) e
  CROSS JOIN LATERAL (SELECT (e.term_end + make_interval(years => e.years))::date AS statutory) s
  CROSS JOIN LATERAL (
    SELECT CASE WHEN (t.reclamation_extension ->> 'appliedOn')::date <= s.statutory
                 AND (t.reclamation_extension ->> 'newDeadline')::date > s.statutory
                THEN (t.reclamation_extension ->> 'newDeadline')::date
                ELSE s.statutory END AS until) w
  WHERE t.state <> 'written_off'
    AND coalesce(t.term_start, t.approval_date, $5::date) <= $5::date
    AND ST_Intersects(t.geom, p.geom)`;

/**
 * Each class's union is cut from what the classes before it left (OFFSET 0 keeps PostgreSQL
 * from inlining a piece into every expression that uses it); a step is skipped when its class
 * or every later class is absent, so a polygon no record touches costs no overlay at all.
 */
const pieces = `
  SELECT p.id, p.batch_id, p.province_code, p.division_code, p.area_m2, p.tol, v.r1, v.r2, v.r3, v.r4,
         s1.a1, s2.a2, s3.a3, s4.a4
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
    SELECT CASE WHEN v.g4 IS NULL THEN NULL ELSE ST_Intersection(s3.rest, v.g4) END AS a4 OFFSET 0) s4`;

// ST_Area on geography counts only the polygons of a collection (lines and points have none).
const areaOf = (g: string) => `coalesce(ST_Area(${g}::geography), 0)`;

/** One polygon's computed coverage as the statement returns it (record lists as array text). */
interface ComputedRow {
  id: string;
  batchId: string;
  provinceCode: string;
  divisionCode: string;
  areaM2: number;
  m1: number;
  m2: number;
  m3: number;
  m4: number;
  m5: number;
  r1: string;
  r2: string;
  r3: string;
  r4: string;
  tol: number;
  status: string;
  primaryCause: string | null;
}

/**
 * Computes and stores the coverage of the polygons `ids` of a batch. Returns the ids done.
 *
 * Two statements: the computation is a plain SELECT, which PostgreSQL may run with parallel
 * workers (an INSERT … SELECT may not; see docs/benchmarks.md, bench/crosscheck); its
 * small rows (areas, record ids) are then stored in one array-based upsert.
 */
export async function computeCoverageChunk(
  q: Queryable,
  batchId: string,
  month: BatchMonth,
  settings: CrosscheckSettings,
  ids: readonly string[],
): Promise<string[]> {
  const rows = await q.query<ComputedRow>(
    `WITH p AS NOT MATERIALIZED (
       SELECT c.id, c.batch_id, c.province_code, c.division_code, c.geom, c.area_m2, c.disallowed_uses,
              coalesce(($6::jsonb -> c.province_code ->> 'toleranceM2')::float8, $7) AS tol
       FROM change_polygon c
       WHERE c.batch_id = $1 AND c.id = ANY ($2::uuid[]) AND $3::int > 0),
     cand AS (${candidates}),
     classes AS (
       SELECT pid, cls,
              CASE WHEN count(*) = 1 THEN (array_agg(geom))[1] ELSE ST_UnaryUnion(ST_Collect(array_agg(geom))) END AS g,
              array_agg(rid ORDER BY rid)::text AS rids
       FROM cand GROUP BY pid, cls),
     pivot AS (
       SELECT pid,
              (array_agg(g) FILTER (WHERE cls = 1))[1] AS g1, (array_agg(rids) FILTER (WHERE cls = 1))[1] AS r1,
              (array_agg(g) FILTER (WHERE cls = 2))[1] AS g2, (array_agg(rids) FILTER (WHERE cls = 2))[1] AS r2,
              (array_agg(g) FILTER (WHERE cls = 3))[1] AS g3, (array_agg(rids) FILTER (WHERE cls = 3))[1] AS r3,
              (array_agg(g) FILTER (WHERE cls = 4))[1] AS g4, (array_agg(rids) FILTER (WHERE cls = 4))[1] AS r4
       FROM classes GROUP BY pid),
     split AS (${pieces}),
     measured AS (
       SELECT s.*, ${areaOf('s.a1')} AS m1, ${areaOf('s.a2')} AS m2, ${areaOf('s.a3')} AS m3, ${areaOf('s.a4')} AS m4
       FROM split s),
     result AS (
       SELECT m.*, greatest(m.area_m2 - m.m1 - m.m2 - m.m3 - m.m4, 0) AS m5 FROM measured m)
     SELECT r.id, r.batch_id AS "batchId", r.province_code AS "provinceCode", r.division_code AS "divisionCode",
            r.area_m2 AS "areaM2", r.m1, r.m2, r.m3, r.m4, r.m5,
            CASE WHEN r.m1 > 0 THEN r.r1 ELSE '{}' END AS r1, CASE WHEN r.m2 > 0 THEN r.r2 ELSE '{}' END AS r2,
            CASE WHEN r.m3 > 0 THEN r.r3 ELSE '{}' END AS r3, CASE WHEN r.m4 > 0 THEN r.r4 ELSE '{}' END AS r4,
            r.tol,
            CASE WHEN r.area_m2 - r.m1 <= r.tol THEN 'covered' WHEN r.m1 <= r.tol THEN 'uncovered' ELSE 'partly_covered' END
              AS status,
            -- the largest cause; array_position takes the first of equals, so ties go by priority
            CASE WHEN r.area_m2 - r.m1 <= r.tol THEN NULL
                 ELSE (ARRAY['use_differs', 'not_registered', 'expired', 'outside'])[
                        array_position(ARRAY[r.m2, r.m3, r.m4, r.m5], greatest(r.m2, r.m3, r.m4, r.m5))] END
              AS "primaryCause"
     FROM result r`,
    [
      batchId,
      ids,
      ids.length,
      month.start,
      month.end,
      JSON.stringify(settings.byProvince),
      settings.defaults.toleranceM2,
      settings.defaults.reclamationYears,
    ],
  );
  const column = <K extends keyof ComputedRow>(key: K) => rows.map((r) => r[key]);
  await q.query(
    `INSERT INTO change_polygon_coverage (polygon_id, batch_id, province_code, division_code, area_m2, covered_m2,
       use_differs_m2, not_registered_m2, expired_m2, outside_m2, covered_records, use_differs_records,
       not_registered_records, expired_records, tolerance_m2, status, primary_cause, computed_at)
     SELECT id, batch, province, division, area, m1, m2, m3, m4, m5, r1::uuid[], r2::uuid[], r3::uuid[], r4::uuid[],
            tol, status, cause, clock_timestamp()
     FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::float8[], $6::float8[], $7::float8[], $8::float8[],
                 $9::float8[], $10::float8[], $11::text[], $12::text[], $13::text[], $14::text[], $15::float8[],
                 $16::text[], $17::text[])
          AS r(id, batch, province, division, area, m1, m2, m3, m4, m5, r1, r2, r3, r4, tol, status, cause)
     ON CONFLICT (polygon_id) DO UPDATE SET area_m2 = EXCLUDED.area_m2, covered_m2 = EXCLUDED.covered_m2,
       use_differs_m2 = EXCLUDED.use_differs_m2, not_registered_m2 = EXCLUDED.not_registered_m2,
       expired_m2 = EXCLUDED.expired_m2, outside_m2 = EXCLUDED.outside_m2, covered_records = EXCLUDED.covered_records,
       use_differs_records = EXCLUDED.use_differs_records, not_registered_records = EXCLUDED.not_registered_records,
       expired_records = EXCLUDED.expired_records, tolerance_m2 = EXCLUDED.tolerance_m2, status = EXCLUDED.status,
       primary_cause = EXCLUDED.primary_cause, computed_at = EXCLUDED.computed_at`,
    [
      column('id'),
      column('batchId'),
      column('provinceCode'),
      column('divisionCode'),
      column('areaM2'),
      column('m1'),
      column('m2'),
      column('m3'),
      column('m4'),
      column('m5'),
      column('r1'),
      column('r2'),
      column('r3'),
      column('r4'),
      column('tol'),
      column('status'),
      column('primaryCause'),
    ],
  );
  return rows.map((r) => r.id).sort();
}

export interface StoredCoverage extends PolygonCoverage {
  polygonId: string;
  surveyCode: string | null;
  divisionCode: string;
}

export const coverageColumns = `c.area_m2 AS "areaM2", c.covered_m2 AS "coveredM2", c.covered_records AS "coveredRecords",
  json_build_object(
    'use_differs', json_build_object('areaM2', c.use_differs_m2, 'records', c.use_differs_records),
    'not_registered', json_build_object('areaM2', c.not_registered_m2, 'records', c.not_registered_records),
    'expired', json_build_object('areaM2', c.expired_m2, 'records', c.expired_records),
    'outside', json_build_object('areaM2', c.outside_m2, 'records', '[]'::json)) AS causes,
  c.tolerance_m2 AS "toleranceM2", c.status, c.primary_cause AS "primaryCause"`;

/** The stored coverage of a batch's polygons that are not covered (the finding candidates). */
export function uncoveredPolygons(q: Queryable, batchId: string): Promise<StoredCoverage[]> {
  return q.query<StoredCoverage>(
    `SELECT c.polygon_id AS "polygonId", p.survey_code AS "surveyCode", p.division_code AS "divisionCode",
            ${coverageColumns}
     FROM change_polygon_coverage c JOIN change_polygon p ON p.id = c.polygon_id
     WHERE c.batch_id = $1 AND c.status <> 'covered'
     ORDER BY c.polygon_id`,
    [batchId],
  );
}
