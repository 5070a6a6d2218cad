// SQL for the verification of change polygons: the verification row (versioned, created on
// the first action), its timeline of events, and field photos (content stored once per
// checksum with the register's attachments).
import type { Queryable } from '../../platform/db/db.ts';
import type { Verdict, VerificationState } from './domain/verification.ts';

export interface VerificationRow {
  id: string;
  polygonId: string;
  state: VerificationState;
  assigneeId: string | null;
  assigneeName: string | null;
  verdict: Verdict | null;
  verdictReason: string | null;
  verdictBy: string | null;
  verdictOn: string | null;
  version: number;
  updatedAt: Date;
}

const columns = `v.id, v.polygon_id AS "polygonId", v.state, v.assignee_id AS "assigneeId",
  u.display_name AS "assigneeName", v.verdict, v.verdict_reason AS "verdictReason", v.verdict_by AS "verdictBy",
  v.verdict_on AS "verdictOn", v.version, v.updated_at AS "updatedAt"`;

export async function findVerification(
  q: Queryable,
  polygonId: string,
): Promise<VerificationRow | undefined> {
  const [row] = await q.query<VerificationRow>(
    `SELECT ${columns} FROM change_polygon_verification v LEFT JOIN app_user u ON u.id = v.assignee_id
     WHERE v.polygon_id = $1`,
    [polygonId],
  );
  return row;
}

export interface VerificationChange {
  state: VerificationState;
  assigneeId: string | null;
  verdict: Verdict | null;
  verdictReason: string | null;
  verdictBy: string | null;
  verdictOn: string | null;
}

export async function insertVerification(
  q: Queryable,
  polygonId: string,
  divisionCode: string,
  v: VerificationChange,
): Promise<void> {
  await q.query(
    `INSERT INTO change_polygon_verification (polygon_id, division_code, state, assignee_id, verdict, verdict_reason,
       verdict_by, verdict_on)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [
      polygonId,
      divisionCode,
      v.state,
      v.assigneeId,
      v.verdict,
      v.verdictReason,
      v.verdictBy,
      v.verdictOn,
    ],
  );
}

/** Changes a verification still at `version`; false when someone changed it meanwhile. */
export async function updateVerification(
  q: Queryable,
  id: string,
  version: number,
  v: VerificationChange,
): Promise<boolean> {
  const rows = await q.query(
    `UPDATE change_polygon_verification SET state = $3, assignee_id = $4, verdict = $5, verdict_reason = $6,
       verdict_by = $7, verdict_on = $8
     WHERE id = $1 AND version = $2 RETURNING id`,
    [id, version, v.state, v.assigneeId, v.verdict, v.verdictReason, v.verdictBy, v.verdictOn],
  );
  return rows.length === 1;
}

export interface PolygonEvent {
  action: string;
  fromState: VerificationState;
  toState: VerificationState;
  detail: Record<string, unknown>;
  note: string;
  recordedAt: Date;
  recordedBy: string;
}

/** Logs a step; who is the transaction's actor (reclaim.actor). */
export async function insertEvent(
  q: Queryable,
  e: Omit<PolygonEvent, 'recordedAt' | 'recordedBy'> & { polygonId: string; divisionCode: string },
): Promise<void> {
  await q.query(
    `INSERT INTO change_polygon_event (polygon_id, division_code, action, from_state, to_state, detail, note, recorded_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, current_setting('reclaim.actor'))`,
    [
      e.polygonId,
      e.divisionCode,
      e.action,
      e.fromState,
      e.toState,
      JSON.stringify(e.detail),
      e.note,
    ],
  );
}

export function listEvents(q: Queryable, polygonId: string): Promise<PolygonEvent[]> {
  return q.query<PolygonEvent>(
    `SELECT action, from_state AS "fromState", to_state AS "toState", detail, note, recorded_at AS "recordedAt",
            recorded_by AS "recordedBy"
     FROM change_polygon_event WHERE polygon_id = $1 ORDER BY recorded_at, id`,
    [polygonId],
  );
}

export interface PolygonPhoto {
  id: string;
  polygonId: string;
  fileName: string;
  contentType: string;
  sha256: string;
  sizeBytes: number;
  takenOn: string | null;
  status: 'active' | 'withdrawn';
  version: number;
  createdAt: Date;
}

const photoColumns = `id, polygon_id AS "polygonId", file_name AS "fileName", content_type AS "contentType", sha256,
  size_bytes AS "sizeBytes", taken_on AS "takenOn", status, version, created_at AS "createdAt"`;

export async function insertPhoto(
  q: Queryable,
  p: Omit<PolygonPhoto, 'id' | 'status' | 'version' | 'createdAt'> & { divisionCode: string },
): Promise<PolygonPhoto> {
  const [row] = await q.query<PolygonPhoto>(
    `INSERT INTO change_polygon_photo (polygon_id, division_code, file_name, content_type, sha256, size_bytes, taken_on)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${photoColumns}`,
    [p.polygonId, p.divisionCode, p.fileName, p.contentType, p.sha256, p.sizeBytes, p.takenOn],
  );
  return row!;
}

export function listPhotos(q: Queryable, polygonId: string): Promise<PolygonPhoto[]> {
  return q.query<PolygonPhoto>(
    `SELECT ${photoColumns} FROM change_polygon_photo WHERE polygon_id = $1 ORDER BY created_at, id`,
    [polygonId],
  );
}

export async function findPhoto(
  q: Queryable,
  id: string,
  prefix: string,
): Promise<PolygonPhoto | undefined> {
  const [row] = await q.query<PolygonPhoto>(
    `SELECT ${photoColumns} FROM change_polygon_photo WHERE id = $1 AND division_code LIKE $2 || '%'`,
    [id, prefix],
  );
  return row;
}
