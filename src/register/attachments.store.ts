// SQL for attachments: metadata per record (versioned, scoped), content stored once per
// SHA-256 checksum.
import type { Queryable } from '../platform/db/db.ts';

export type AttachmentKind = 'contract' | 'photo' | 'approval' | 'plan' | 'other';

export interface Attachment {
  id: string;
  recordId: string;
  kind: AttachmentKind;
  fileName: string;
  contentType: string;
  sha256: string;
  sizeBytes: number;
  status: 'active' | 'withdrawn';
  version: number;
  createdAt: Date;
}

const columns = `id, record_id AS "recordId", kind, file_name AS "fileName", content_type AS "contentType", sha256,
  size_bytes AS "sizeBytes", status, version, created_at AS "createdAt"`;

export async function storeContent(q: Queryable, sha256: string, bytes: Uint8Array): Promise<void> {
  await q.query(`SELECT reclaim_store_attachment_content($1, $2)`, [sha256, Buffer.from(bytes)]);
}

export async function insertAttachment(
  q: Queryable,
  a: {
    recordId: string;
    divisionCode: string;
    kind: AttachmentKind;
    fileName: string;
    contentType: string;
    sha256: string;
    sizeBytes: number;
  },
): Promise<Attachment> {
  const [row] = await q.query<Attachment>(
    `INSERT INTO attachment (record_id, division_code, kind, file_name, content_type, sha256, size_bytes)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${columns}`,
    [a.recordId, a.divisionCode, a.kind, a.fileName, a.contentType, a.sha256, a.sizeBytes],
  );
  return row!;
}

export function listAttachments(
  q: Queryable,
  recordId: string,
  scopeLike: string,
): Promise<Attachment[]> {
  return q.query<Attachment>(
    `SELECT ${columns} FROM attachment WHERE record_id = $1 AND division_code LIKE $2 ORDER BY created_at, id`,
    [recordId, scopeLike],
  );
}

export async function findAttachment(
  q: Queryable,
  id: string,
  scopeLike: string,
): Promise<Attachment | undefined> {
  const [row] = await q.query<Attachment>(
    `SELECT ${columns} FROM attachment WHERE id = $1 AND division_code LIKE $2`,
    [id, scopeLike],
  );
  return row;
}

export async function readContent(q: Queryable, sha256: string): Promise<Uint8Array | undefined> {
  const [row] = await q.query<{ bytes: Uint8Array }>(
    `SELECT bytes FROM attachment_content WHERE sha256 = $1`,
    [sha256],
  );
  return row?.bytes;
}

export async function withdrawAttachment(
  q: Queryable,
  id: string,
): Promise<Attachment | undefined> {
  const [row] = await q.query<Attachment>(
    `UPDATE attachment SET status = 'withdrawn' WHERE id = $1 AND status = 'active' RETURNING ${columns}`,
    [id],
  );
  return row;
}
