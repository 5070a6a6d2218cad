// The hand-written PostGIS baselines of bench/crosscheck: what a DBA would write to compute the
// same coverage in one statement — the same classes for the month, the same cut in priority
// order, areas on the ellipsoid — without Reclaim's bookkeeping (provincial settings,
// record lists, upsert, findings). And the practitioner's coverage alone (covered area only).
import type { Queryable } from '../../src/platform/db/db.ts';

/** The five areas of every polygon of a batch, into `crosscheck_baseline` (created). */
export async function baselinePartition(
  q: Queryable,
  batchId: string,
  monthStart: string,
  monthEnd: string,
): Promise<void> {
  await q.query(`SET LOCAL jit = off`);
  await q.query(
    `CREATE TABLE crosscheck_baseline AS
     WITH cand AS (
       SELECT p.id AS pid, t.geom,
              CASE WHEN (CASE WHEN (t.reclamation_extension ->> 'appliedOn')::date
                                     <= (coalesce((t.extensions -> -1 ->> 'newTermEnd')::date, t.term_end) + interval '1 year')::date
                                   AND (t.reclamation_extension ->> 'newDeadline')::date
                                     > (coalesce((t.extensions -> -1 ->> 'newTermEnd')::date, t.term_end) + interval '1 year')::date
                              THEN (t.reclamation_extension ->> 'newDeadline')::date
                              ELSE (coalesce((t.extensions -> -1 ->> 'newTermEnd')::date, t.term_end) + interval '1 year')::date
                         END) < $2::date THEN 4
                   WHEN t.state = 'approved' THEN 3
                   WHEN t.use_type = ANY (p.disallowed_uses) THEN 2
                   ELSE 1 END AS cls
       FROM change_polygon p
       JOIN temporary_land t ON t.geom && p.geom AND ST_Intersects(t.geom, p.geom)
       WHERE p.batch_id = $1 AND t.state <> 'written_off'
         AND coalesce(t.term_start, t.approval_date, $3::date) <= $3::date),
     u AS (SELECT pid, cls, CASE WHEN count(*) = 1 THEN (array_agg(geom))[1] ELSE ST_Union(geom) END AS g
           FROM cand GROUP BY pid, cls),
     v AS (SELECT pid, (array_agg(g) FILTER (WHERE cls = 1))[1] AS g1, (array_agg(g) FILTER (WHERE cls = 2))[1] AS g2,
                  (array_agg(g) FILTER (WHERE cls = 3))[1] AS g3, (array_agg(g) FILTER (WHERE cls = 4))[1] AS g4
           FROM u GROUP BY pid),
     -- what is left after each class, computed only when a later class needs it
     s1 AS (
       SELECT p.id, p.area_m2, p.geom, v.g1, v.g2, v.g3, v.g4,
              CASE WHEN v.g2 IS NULL AND v.g3 IS NULL AND v.g4 IS NULL THEN NULL
                   ELSE coalesce(ST_Difference(p.geom, v.g1), p.geom) END AS r1
       FROM change_polygon p LEFT JOIN v ON v.pid = p.id WHERE p.batch_id = $1 OFFSET 0),
     s2 AS (SELECT s1.*, CASE WHEN s1.g3 IS NULL AND s1.g4 IS NULL THEN NULL
                              ELSE coalesce(ST_Difference(s1.r1, s1.g2), s1.r1) END AS r2 FROM s1 OFFSET 0),
     s3 AS (SELECT s2.*, CASE WHEN s2.g4 IS NULL THEN NULL
                              ELSE coalesce(ST_Difference(s2.r2, s2.g3), s2.r2) END AS r3 FROM s2 OFFSET 0),
     -- OFFSET 0: computed once (inlined, every area would be computed again for outside_m2)
     a AS (
       SELECT id, area_m2,
              coalesce(ST_Area(ST_Intersection(geom, g1)::geography), 0) AS covered_m2,
              coalesce(ST_Area(ST_Intersection(r1, g2)::geography), 0) AS use_differs_m2,
              coalesce(ST_Area(ST_Intersection(r2, g3)::geography), 0) AS not_registered_m2,
              coalesce(ST_Area(ST_Intersection(r3, g4)::geography), 0) AS expired_m2
       FROM s3 OFFSET 0)
     SELECT a.*, greatest(area_m2 - covered_m2 - use_differs_m2 - not_registered_m2 - expired_m2, 0) AS outside_m2
     FROM a`,
    [batchId, monthStart, monthEnd],
  );
}

/** The practitioner's coverage: area(polygon ∩ union of lawful approvals), nothing else. */
export async function baselineCoverageOnly(
  q: Queryable,
  batchId: string,
  monthStart: string,
  monthEnd: string,
): Promise<void> {
  await q.query(`SET LOCAL jit = off`);
  await q.query(
    `CREATE TABLE crosscheck_coverage_only AS
     SELECT p.id, p.area_m2,
            coalesce((SELECT ST_Area(ST_Intersection(p.geom, ST_Union(t.geom))::geography)
                      FROM temporary_land t
                      WHERE t.geom && p.geom AND ST_Intersects(t.geom, p.geom)
                        AND t.state NOT IN ('approved', 'written_off')
                        AND coalesce(t.term_start, t.approval_date, $3::date) <= $3::date
                        AND (coalesce((t.extensions -> -1 ->> 'newTermEnd')::date, t.term_end) + interval '1 year')::date >= $2::date
                        AND NOT (t.use_type = ANY (p.disallowed_uses))), 0) AS covered_m2
     FROM change_polygon p WHERE p.batch_id = $1`,
    [batchId, monthStart, monthEnd],
  );
}

/** How far Reclaim's stored coverage is from the baseline's, per area (m², largest gap). */
export async function largestDifference(
  q: Queryable,
): Promise<{ polygons: number; gapM2: number }> {
  const [row] = await q.query<{ polygons: number; gapM2: number | null }>(
    `SELECT count(*)::int AS polygons,
            max(greatest(abs(c.covered_m2 - b.covered_m2), abs(c.use_differs_m2 - b.use_differs_m2),
                         abs(c.not_registered_m2 - b.not_registered_m2), abs(c.expired_m2 - b.expired_m2))) AS "gapM2"
     FROM crosscheck_baseline b JOIN change_polygon_coverage c ON c.polygon_id = b.id`,
  );
  return { polygons: row?.polygons ?? 0, gapM2: row?.gapM2 ?? 0 };
}
