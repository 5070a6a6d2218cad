// SQL for the TL-ENF-01 findings of a batch (supervision_finding rows whose subject is a
// change polygon; found by the batch id in their evidence, indexed in migration 0009).
import type { Queryable } from '../../platform/db/db.ts';
import type { FindingStatus } from '../domain/finding-lifecycle.ts';

export interface PolygonFindingRow {
  id: string;
  findingKey: string;
  status: FindingStatus;
  resolvedOn: string | null;
  severity: 'error' | 'warning';
  messageEn: string;
  version: number;
}

const columns = `id, finding_key AS "findingKey", status, resolved_on AS "resolvedOn", severity,
  message_en AS "messageEn", version`;

export async function findingsOfBatch(
  q: Queryable,
  batchId: string,
): Promise<Map<string, PolygonFindingRow>> {
  const rows = await q.query<PolygonFindingRow>(
    `SELECT ${columns} FROM supervision_finding
     WHERE subject_kind = 'change_polygon' AND evidence ->> 'batchId' = $1`,
    [batchId],
  );
  return new Map(rows.map((r) => [r.findingKey, r]));
}

export async function findingByKey(
  q: Queryable,
  key: string,
): Promise<PolygonFindingRow | undefined> {
  const [row] = await q.query<PolygonFindingRow>(
    `SELECT ${columns} FROM supervision_finding WHERE finding_key = $1`,
    [key],
  );
  return row;
}

/** Closes every live finding of a superseded batch (kept, with the reason in history). */
export async function closeFindingsOfBatch(
  q: Queryable,
  batchId: string,
  asOf: string,
): Promise<number> {
  const rows = await q.query<{ id: string }>(
    `UPDATE supervision_finding SET status = 'closed', resolved_on = $2::date
     WHERE subject_kind = 'change_polygon' AND evidence ->> 'batchId' = $1 AND status <> 'closed'
     RETURNING id`,
    [batchId, asOf],
  );
  return rows.length;
}
