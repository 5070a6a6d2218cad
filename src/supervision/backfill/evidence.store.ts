// SQL for the evidence supplied for back-fill polygons (content is stored by checksum with the
// register's attachments).
import type { Queryable } from '../../platform/db/db.ts';
import type { EvidenceKind, EvidenceShows } from './domain/signals.ts';

export interface EvidenceRow {
  id: string;
  polygonId: string;
  kind: EvidenceKind;
  shows: EvidenceShows;
  note: string | null;
  fileName: string | null;
  contentType: string | null;
  sha256: string | null;
  sizeBytes: number | null;
  status: 'active' | 'withdrawn';
  version: number;
  createdAt: Date;
}

const evidenceColumns = `e.id, e.polygon_id AS "polygonId", e.kind, e.shows, e.note, e.file_name AS "fileName",
  e.content_type AS "contentType", e.sha256, e.size_bytes AS "sizeBytes", e.status, e.version, e.created_at AS "createdAt"`;

export async function insertEvidence(
  q: Queryable,
  e: {
    id: string;
    polygonId: string;
    divisionCode: string;
    kind: EvidenceKind;
    shows: EvidenceShows;
    note: string | null;
    file: { name: string; contentType: string; sha256: string; sizeBytes: number } | null;
  },
): Promise<void> {
  await q.query(
    `INSERT INTO backfill_evidence (id, polygon_id, division_code, kind, shows, note, file_name, content_type, sha256, size_bytes)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [
      e.id,
      e.polygonId,
      e.divisionCode,
      e.kind,
      e.shows,
      e.note,
      e.file?.name ?? null,
      e.file?.contentType ?? null,
      e.file?.sha256 ?? null,
      e.file?.sizeBytes ?? null,
    ],
  );
}

/** A polygon's active evidence, oldest first. */
export function listEvidence(q: Queryable, polygonId: string): Promise<EvidenceRow[]> {
  return q.query<EvidenceRow>(
    `SELECT ${evidenceColumns} FROM backfill_evidence e WHERE e.polygon_id = $1 AND e.status = 'active'
     ORDER BY e.created_at, e.id`,
    [polygonId],
  );
}

export async function findEvidence(
  q: Queryable,
  id: string,
  scopeLike: string,
): Promise<EvidenceRow | undefined> {
  const [row] = await q.query<EvidenceRow>(
    `SELECT ${evidenceColumns} FROM backfill_evidence e WHERE e.id = $1 AND e.division_code LIKE $2`,
    [id, scopeLike],
  );
  return row;
}
