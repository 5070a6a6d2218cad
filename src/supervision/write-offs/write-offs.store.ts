// SQL for the write-off dossier: insert, read with the record it concerns, list in scope,
// decide with optimistic locking.
import type { Queryable } from '../../platform/db/db.ts';
import type { WriteOffStatus } from './domain/write-off.ts';

export interface WriteOffRow {
  id: string;
  divisionCode: string;
  recordId: string;
  systemNumber: string | null;
  projectName: string;
  recordState: string;
  reasonCode: string;
  caseId: string | null;
  polygonId: string | null;
  occurredOn: string;
  note: string | null;
  status: WriteOffStatus;
  requestedBy: string;
  requestedRole: string;
  decidedBy: string | null;
  decidedRole: string | null;
  decidedAt: Date | null;
  decisionNote: string | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

const columns = `w.id, w.division_code AS "divisionCode", w.record_id AS "recordId", t.system_number AS "systemNumber",
  t.project_name AS "projectName", t.state AS "recordState", w.reason_code AS "reasonCode", w.case_id AS "caseId",
  w.polygon_id AS "polygonId", w.occurred_on AS "occurredOn", w.note, w.status, w.requested_by AS "requestedBy",
  w.requested_role AS "requestedRole", w.decided_by AS "decidedBy", w.decided_role AS "decidedRole",
  w.decided_at AS "decidedAt", w.decision_note AS "decisionNote", w.version, w.created_at AS "createdAt",
  w.updated_at AS "updatedAt"`;
const from = `write_off w JOIN temporary_land t ON t.id = w.record_id`;

export interface NewWriteOff {
  divisionCode: string;
  recordId: string;
  reasonCode: string;
  caseId: string | null;
  polygonId: string | null;
  occurredOn: string;
  note: string | null;
  status: 'pending' | 'confirmed';
  requestedBy: string;
  requestedRole: string;
}

export async function insertWriteOff(q: Queryable, w: NewWriteOff): Promise<string> {
  const decided = w.status === 'confirmed';
  const [row] = await q.query<{ id: string }>(
    `INSERT INTO write_off (province_code, division_code, record_id, reason_code, case_id, polygon_id, occurred_on,
       note, status, requested_by, requested_role, decided_by, decided_role, decided_at)
     VALUES (left($1, 2), $1, $2, $3, $4, $5, $6, $7, $8, $9, $10,
       CASE WHEN $11 THEN $9 END, CASE WHEN $11 THEN $10 END, CASE WHEN $11 THEN clock_timestamp() END)
     RETURNING id`,
    [
      w.divisionCode,
      w.recordId,
      w.reasonCode,
      w.caseId,
      w.polygonId,
      w.occurredOn,
      w.note,
      w.status,
      w.requestedBy,
      w.requestedRole,
      decided,
    ],
  );
  return row!.id;
}

export async function findWriteOff(
  q: Queryable,
  id: string,
  scopeLike: string,
): Promise<WriteOffRow | undefined> {
  const [row] = await q.query<WriteOffRow>(
    `SELECT ${columns} FROM ${from} WHERE w.id = $1 AND w.division_code LIKE $2`,
    [id, scopeLike],
  );
  return row;
}

/** The write-off waiting or done for a record, if any. */
export async function liveWriteOffOf(
  q: Queryable,
  recordId: string,
): Promise<WriteOffRow | undefined> {
  const [row] = await q.query<WriteOffRow>(
    `SELECT ${columns} FROM ${from} WHERE w.record_id = $1 AND w.status IN ('pending', 'confirmed')`,
    [recordId],
  );
  return row;
}

export interface WriteOffFilter {
  scopeLike: string;
  status?: WriteOffStatus;
  divisionCode?: string;
  reasonCode?: string;
  limit: number;
  offset: number;
}

export async function listWriteOffs(
  q: Queryable,
  filter: WriteOffFilter,
): Promise<{ items: WriteOffRow[]; total: number }> {
  const where = `w.division_code LIKE $1 AND ($2::text IS NULL OR w.status = $2)
    AND ($3::text IS NULL OR w.division_code LIKE reclaim_division_prefix($3) || '%') AND ($4::text IS NULL OR w.reason_code = $4)`;
  const params = [
    filter.scopeLike,
    filter.status ?? null,
    filter.divisionCode ?? null,
    filter.reasonCode ?? null,
  ];
  const items = await q.query<WriteOffRow>(
    `SELECT ${columns} FROM ${from} WHERE ${where} ORDER BY w.created_at DESC, w.id LIMIT $5 OFFSET $6`,
    [...params, filter.limit, filter.offset],
  );
  const [count] = await q.query<{ n: number }>(
    `SELECT count(*) AS n FROM write_off w WHERE ${where}`,
    params,
  );
  return { items, total: count?.n ?? 0 };
}

/** Records the decision on a pending write-off when its version is still `version`. */
export async function decideWriteOff(
  q: Queryable,
  id: string,
  version: number,
  decision: { status: 'confirmed' | 'rejected'; by: string; role: string; note: string },
): Promise<boolean> {
  const rows = await q.query(
    `UPDATE write_off SET status = $3, decided_by = $4, decided_role = $5, decided_at = clock_timestamp(),
       decision_note = $6
     WHERE id = $1 AND version = $2 AND status = 'pending' RETURNING id`,
    [id, version, decision.status, decision.by, decision.role, decision.note],
  );
  return rows.length === 1;
}
