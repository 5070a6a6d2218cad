// SQL for restoration projects: insert with the polygon made multi and its area measured on
// the ellipsoid, read one or a page in scope, change fields, move state. Updates use
// optimistic locking on `version`; history triggers keep every version.
import type { Queryable } from '../platform/db/db.ts';
import type { ProjectState } from './domain/project-lifecycle.ts';
import type { AreaByType, DamageKind, RestorationType } from './domain/restoration-terms.ts';

export interface ProjectRow {
  id: string;
  divisionCode: string;
  divisionName: string;
  name: string;
  responsibleUnit: string;
  damageKind: DamageKind;
  criteriaRegion: string | null;
  /** GeoJSON MultiPolygon, [lng, lat] in EPSG:4490. */
  geometry: Record<string, unknown>;
  /** On the CGCS2000 ellipsoid. */
  areaM2: number;
  targetAreaM2: AreaByType;
  targetVegetationCoverPct: number | null;
  plannedStartOn: string | null;
  plannedEndOn: string | null;
  state: ProjectState;
  stateChangedOn: string | null;
  stateReason: string | null;
  note: string | null;
  createdBy: string;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

const columns = `p.id, p.division_code AS "divisionCode", d.name AS "divisionName", p.name,
  p.responsible_unit AS "responsibleUnit", p.damage_kind AS "damageKind", p.criteria_region AS "criteriaRegion",
  ST_AsGeoJSON(p.geom, 8, 0)::json AS geometry, p.area_m2 AS "areaM2", p.target_area_m2 AS "targetAreaM2",
  p.target_vegetation_cover_pct AS "targetVegetationCoverPct", p.planned_start_on AS "plannedStartOn",
  p.planned_end_on AS "plannedEndOn", p.state, p.state_changed_on AS "stateChangedOn",
  p.state_reason AS "stateReason", p.note, p.created_by AS "createdBy", p.version,
  p.created_at AS "createdAt", p.updated_at AS "updatedAt"`;
const from = `restoration_project p JOIN division d ON d.code = p.division_code`;

/** The fields a caller sets, already checked (the geometry by checkGeometry). */
export interface ProjectFields {
  name: string;
  responsibleUnit: string;
  damageKind: DamageKind;
  criteriaRegion: string | null;
  /** GeoJSON Polygon or MultiPolygon in EPSG:4490. */
  geometry: unknown;
  targetAreaM2: AreaByType;
  targetVegetationCoverPct: number | null;
  plannedStartOn: string | null;
  plannedEndOn: string | null;
  note: string | null;
}

/** The fields as ten consecutive parameters from $2, in column order; $2 is the geometry. */
const fieldParams = (f: ProjectFields) => [
  JSON.stringify(f.geometry),
  f.name,
  f.responsibleUnit,
  f.damageKind,
  f.criteriaRegion,
  JSON.stringify(f.targetAreaM2),
  f.targetVegetationCoverPct,
  f.plannedStartOn,
  f.plannedEndOn,
  f.note,
];
const geomOf = (param: string) => `ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(${param}::text), 4490))`;

export async function insertProject(
  q: Queryable,
  f: ProjectFields & { divisionCode: string; createdBy: string },
): Promise<string> {
  const [row] = await q.query<{ id: string }>(
    `INSERT INTO restoration_project (province_code, division_code, geom, area_m2, name, responsible_unit,
       damage_kind, criteria_region, target_area_m2, target_vegetation_cover_pct, planned_start_on,
       planned_end_on, note, created_by)
     VALUES (left($1, 2), $1, ${geomOf('$2')}, ST_Area(${geomOf('$2')}::geography), $3, $4, $5, $6, $7::jsonb,
             $8, $9, $10, $11, $12)
     RETURNING id`,
    [f.divisionCode, ...fieldParams(f), f.createdBy],
  );
  return row!.id;
}

export async function updateProject(
  q: Queryable,
  id: string,
  version: number,
  f: ProjectFields,
): Promise<boolean> {
  const rows = await q.query(
    `UPDATE restoration_project SET geom = ${geomOf('$2')}, area_m2 = ST_Area(${geomOf('$2')}::geography),
       name = $3, responsible_unit = $4, damage_kind = $5, criteria_region = $6, target_area_m2 = $7::jsonb,
       target_vegetation_cover_pct = $8, planned_start_on = $9, planned_end_on = $10, note = $11
     WHERE id = $1 AND version = $12 RETURNING id`,
    [id, ...fieldParams(f), version],
  );
  return rows.length === 1;
}

export async function moveProject(
  q: Queryable,
  id: string,
  version: number,
  to: ProjectState,
  on: string,
  reason: string,
): Promise<boolean> {
  const rows = await q.query(
    `UPDATE restoration_project SET state = $3, state_changed_on = $4, state_reason = $5
     WHERE id = $1 AND version = $2 RETURNING id`,
    [id, version, to, on, reason],
  );
  return rows.length === 1;
}

export async function findProject(
  q: Queryable,
  id: string,
  scopeLike: string,
): Promise<ProjectRow | undefined> {
  const [row] = await q.query<ProjectRow>(
    `SELECT ${columns} FROM ${from} WHERE p.id = $1 AND p.division_code LIKE $2`,
    [id, scopeLike],
  );
  return row;
}

export interface ProjectFilter {
  scopeLike: string;
  divisionCode?: string;
  state?: ProjectState;
  type?: RestorationType;
  limit: number;
  offset: number;
}

export async function listProjects(
  q: Queryable,
  f: ProjectFilter,
): Promise<{ items: ProjectRow[]; total: number }> {
  const rows = await q.query<ProjectRow & { total: number }>(
    `SELECT ${columns}, count(*) OVER ()::int AS total FROM ${from}
     WHERE p.division_code LIKE $1 AND ($2::text IS NULL OR p.division_code LIKE reclaim_division_prefix($2) || '%')
       AND ($3::text IS NULL OR p.state = $3) AND ($4::text IS NULL OR p.target_area_m2 ? $4)
     ORDER BY p.division_code, p.name, p.id LIMIT $5 OFFSET $6`,
    [f.scopeLike, f.divisionCode ?? null, f.state ?? null, f.type ?? null, f.limit, f.offset],
  );
  return { items: rows.map(({ total: _total, ...r }) => r), total: rows[0]?.total ?? 0 };
}
