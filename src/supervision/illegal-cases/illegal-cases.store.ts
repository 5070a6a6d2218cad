// SQL for illegal-land-use cases: open, read with the polygon and record they concern, list in
// scope, move with optimistic locking.
import type { Queryable } from '../../platform/db/db.ts';
import type { CaseStatus } from './domain/illegal-case.ts';

export interface CaseRow {
  id: string;
  divisionCode: string;
  polygonId: string | null;
  surveyCode: string | null;
  areaM2: number | null;
  recordId: string | null;
  systemNumber: string | null;
  grounds: 'permanent_structure';
  openedOn: string;
  status: CaseStatus;
  basis: Record<string, unknown>;
  statusNote: string | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

const columns = `c.id, c.division_code AS "divisionCode", c.polygon_id AS "polygonId", p.survey_code AS "surveyCode",
  p.area_m2 AS "areaM2", c.record_id AS "recordId", t.system_number AS "systemNumber", c.grounds,
  c.opened_on AS "openedOn", c.status, c.basis, c.status_note AS "statusNote", c.version,
  c.created_at AS "createdAt", c.updated_at AS "updatedAt"`;
const from = `illegal_land_use_case c LEFT JOIN backfill_polygon p ON p.id = c.polygon_id
  LEFT JOIN temporary_land t ON t.id = c.record_id`;

export async function insertCase(
  q: Queryable,
  c: {
    divisionCode: string;
    polygonId: string | null;
    recordId: string | null;
    openedOn: string;
    basis: Record<string, unknown>;
  },
): Promise<string> {
  const [row] = await q.query<{ id: string }>(
    `INSERT INTO illegal_land_use_case (province_code, division_code, polygon_id, record_id, grounds, opened_on, basis)
     VALUES (left($1, 2), $1, $2, $3, 'permanent_structure', $4, $5) RETURNING id`,
    [c.divisionCode, c.polygonId, c.recordId, c.openedOn, JSON.stringify(c.basis)],
  );
  return row!.id;
}

export async function findCase(
  q: Queryable,
  id: string,
  scopeLike: string,
): Promise<CaseRow | undefined> {
  const [row] = await q.query<CaseRow>(
    `SELECT ${columns} FROM ${from} WHERE c.id = $1 AND c.division_code LIKE $2`,
    [id, scopeLike],
  );
  return row;
}

/** The polygon's case that is still open or under investigation, if any. */
export async function liveCaseOf(q: Queryable, polygonId: string): Promise<CaseRow | undefined> {
  const [row] = await q.query<CaseRow>(
    `SELECT ${columns} FROM ${from} WHERE c.polygon_id = $1 AND c.status IN ('open', 'investigating')`,
    [polygonId],
  );
  return row;
}

export interface CaseFilter {
  scopeLike: string;
  status?: CaseStatus;
  divisionCode?: string;
  polygonId?: string;
  limit: number;
  offset: number;
}

export async function listCases(
  q: Queryable,
  filter: CaseFilter,
): Promise<{ items: CaseRow[]; total: number }> {
  const where = `c.division_code LIKE $1 AND ($2::text IS NULL OR c.status = $2)
    AND ($3::text IS NULL OR c.division_code LIKE reclaim_division_prefix($3) || '%')
    AND ($4::uuid IS NULL OR c.polygon_id = $4::uuid)`;
  const params = [
    filter.scopeLike,
    filter.status ?? null,
    filter.divisionCode ?? null,
    filter.polygonId ?? null,
  ];
  const items = await q.query<CaseRow>(
    `SELECT ${columns} FROM ${from} WHERE ${where} ORDER BY c.opened_on DESC, c.id LIMIT $5 OFFSET $6`,
    [...params, filter.limit, filter.offset],
  );
  const [count] = await q.query<{ n: number }>(
    `SELECT count(*) AS n FROM illegal_land_use_case c WHERE ${where}`,
    params,
  );
  return { items, total: count?.n ?? 0 };
}

/** Moves a case when its version is still `version`; false when it is not. */
export async function moveCase(
  q: Queryable,
  id: string,
  version: number,
  status: CaseStatus,
  note: string | null,
): Promise<boolean> {
  const rows = await q.query(
    `UPDATE illegal_land_use_case SET status = $3, status_note = $4 WHERE id = $1 AND version = $2 RETURNING id`,
    [id, version, status, note],
  );
  return rows.length === 1;
}
