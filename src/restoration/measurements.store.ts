// SQL for what is recorded on a restoration project: measurements (area restored so far per
// type, vegetation cover, other indicator values), their photos and reports (content stored
// once per checksum with the register's attachments), and funding lines.
import type { Queryable } from '../platform/db/db.ts';
import type { IndicatorValue } from './domain/criteria-check.ts';
import type { AreaByType, FundingSource, MeasurementSource } from './domain/restoration-terms.ts';

export interface MeasurementRow {
  id: string;
  projectId: string;
  divisionCode: string;
  measuredOn: string;
  source: MeasurementSource;
  restoredAreaM2: AreaByType;
  vegetationCoverPct: number | null;
  indicators: IndicatorValue[];
  note: string | null;
  recordedBy: string;
  version: number;
  createdAt: Date;
}

const measurementColumns = `id, project_id AS "projectId", division_code AS "divisionCode",
  measured_on AS "measuredOn", source, restored_area_m2 AS "restoredAreaM2",
  vegetation_cover_pct AS "vegetationCoverPct", indicators, note, recorded_by AS "recordedBy", version,
  created_at AS "createdAt"`;

export async function insertMeasurement(
  q: Queryable,
  m: Omit<MeasurementRow, 'id' | 'version' | 'createdAt'>,
): Promise<MeasurementRow> {
  const [row] = await q.query<MeasurementRow>(
    `INSERT INTO restoration_measurement (project_id, province_code, division_code, measured_on, source,
       restored_area_m2, vegetation_cover_pct, indicators, note, recorded_by)
     VALUES ($1, left($2, 2), $2, $3, $4, $5::jsonb, $6, $7::jsonb, $8, $9) RETURNING ${measurementColumns}`,
    [
      m.projectId,
      m.divisionCode,
      m.measuredOn,
      m.source,
      JSON.stringify(m.restoredAreaM2),
      m.vegetationCoverPct,
      JSON.stringify(m.indicators),
      m.note,
      m.recordedBy,
    ],
  );
  return row!;
}

/** Active measurements of the given projects, oldest first (same day: in the order recorded). */
export function listMeasurements(
  q: Queryable,
  projectIds: readonly string[],
  scopeLike: string,
): Promise<MeasurementRow[]> {
  return q.query<MeasurementRow>(
    `SELECT ${measurementColumns} FROM restoration_measurement
     WHERE project_id = ANY($1::uuid[]) AND division_code LIKE $2 AND status = 'active'
     ORDER BY project_id, measured_on, created_at, id`,
    [projectIds, scopeLike],
  );
}

export async function findMeasurement(
  q: Queryable,
  id: string,
  scopeLike: string,
): Promise<MeasurementRow | undefined> {
  const [row] = await q.query<MeasurementRow>(
    `SELECT ${measurementColumns} FROM restoration_measurement
     WHERE id = $1 AND division_code LIKE $2 AND status = 'active'`,
    [id, scopeLike],
  );
  return row;
}

export type RestorationAttachmentKind = 'photo' | 'report' | 'other';

export interface AttachmentRow {
  id: string;
  measurementId: string;
  kind: RestorationAttachmentKind;
  fileName: string;
  contentType: string;
  sha256: string;
  sizeBytes: number;
  createdAt: Date;
}

const attachmentColumns = `id, measurement_id AS "measurementId", kind, file_name AS "fileName",
  content_type AS "contentType", sha256, size_bytes AS "sizeBytes", created_at AS "createdAt"`;

export async function insertAttachment(
  q: Queryable,
  a: Omit<AttachmentRow, 'id' | 'createdAt'> & { divisionCode: string },
): Promise<AttachmentRow> {
  const [row] = await q.query<AttachmentRow>(
    `INSERT INTO restoration_attachment (measurement_id, division_code, kind, file_name, content_type, sha256,
       size_bytes)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${attachmentColumns}`,
    [a.measurementId, a.divisionCode, a.kind, a.fileName, a.contentType, a.sha256, a.sizeBytes],
  );
  return row!;
}

export function listAttachments(
  q: Queryable,
  measurementIds: readonly string[],
  scopeLike: string,
): Promise<AttachmentRow[]> {
  return q.query<AttachmentRow>(
    `SELECT ${attachmentColumns} FROM restoration_attachment
     WHERE measurement_id = ANY($1::uuid[]) AND division_code LIKE $2 AND status = 'active'
     ORDER BY created_at, id`,
    [measurementIds, scopeLike],
  );
}

export async function findAttachment(
  q: Queryable,
  id: string,
  scopeLike: string,
): Promise<AttachmentRow | undefined> {
  const [row] = await q.query<AttachmentRow>(
    `SELECT ${attachmentColumns} FROM restoration_attachment
     WHERE id = $1 AND division_code LIKE $2 AND status = 'active'`,
    [id, scopeLike],
  );
  return row;
}

export interface FundingRow {
  id: string;
  projectId: string;
  source: FundingSource;
  amountYuan: number;
  year: number;
  note: string | null;
  version: number;
  createdAt: Date;
}

const fundingColumns = `id, project_id AS "projectId", source, amount_yuan::float8 AS "amountYuan", year, note,
  version, created_at AS "createdAt"`;

export async function insertFunding(
  q: Queryable,
  f: Omit<FundingRow, 'id' | 'version' | 'createdAt'> & { divisionCode: string },
): Promise<FundingRow> {
  const [row] = await q.query<FundingRow>(
    `INSERT INTO restoration_funding (project_id, province_code, division_code, source, amount_yuan, year, note)
     VALUES ($1, left($2, 2), $2, $3, $4, $5, $6) RETURNING ${fundingColumns}`,
    [f.projectId, f.divisionCode, f.source, f.amountYuan, f.year, f.note],
  );
  return row!;
}

export function listFunding(
  q: Queryable,
  projectId: string,
  scopeLike: string,
): Promise<FundingRow[]> {
  return q.query<FundingRow>(
    `SELECT ${fundingColumns} FROM restoration_funding
     WHERE project_id = $1 AND division_code LIKE $2 AND status = 'active' ORDER BY year, source, id`,
    [projectId, scopeLike],
  );
}
