// SQL for the restoration dashboard: target and restored area per county and restoration type,
// restored area taken from each project's latest measurement (measurements are cumulative).
import type { Queryable } from '../platform/db/db.ts';
import type { RestorationType } from './domain/restoration-terms.ts';

export interface AreaByCountyRow {
  divisionCode: string;
  divisionName: string;
  type: RestorationType;
  projects: number;
  targetM2: number;
  restoredM2: number;
}

export function areaByCountyAndType(
  q: Queryable,
  scopeLike: string,
  divisionCode: string | null,
): Promise<AreaByCountyRow[]> {
  return q.query<AreaByCountyRow>(
    `WITH latest AS (
       SELECT DISTINCT ON (m.project_id) m.project_id, m.restored_area_m2
       FROM restoration_measurement m WHERE m.status = 'active' AND m.division_code LIKE $1
       ORDER BY m.project_id, m.measured_on DESC, m.created_at DESC, m.id DESC)
     SELECT p.division_code AS "divisionCode", d.name AS "divisionName", k.type,
            count(DISTINCT p.id)::int AS projects,
            sum(coalesce((p.target_area_m2 ->> k.type)::float8, 0)) AS "targetM2",
            sum(coalesce((l.restored_area_m2 ->> k.type)::float8, 0)) AS "restoredM2"
     FROM restoration_project p
     JOIN division d ON d.code = p.division_code
     LEFT JOIN latest l ON l.project_id = p.id
     CROSS JOIN LATERAL (
       SELECT jsonb_object_keys(p.target_area_m2) AS type
       UNION SELECT jsonb_object_keys(coalesce(l.restored_area_m2, '{}'::jsonb))) k
     WHERE p.division_code LIKE $1
       AND ($2::text IS NULL OR p.division_code LIKE reclaim_division_prefix($2) || '%')
     GROUP BY p.division_code, d.name, k.type
     ORDER BY p.division_code, k.type`,
    [scopeLike, divisionCode],
  );
}
