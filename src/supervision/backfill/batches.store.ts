// SQL for back-fill batches: provenance, the thresholds they were classified with, and what
// their polygons amount to now.
import type { Queryable } from '../../platform/db/db.ts';
import type { RuleSettings } from '../../register/domain/settings.ts';
import type { BackfillClass } from './domain/classify.ts';

export interface BatchFile {
  name: string;
  sha256: string;
  sizeBytes: number;
  format: string;
  crs: string;
  polygons: number;
}

/** The thresholds a batch was classified with, kept so that a re-run judges alike. */
export type BatchSettings = Pick<
  RuleSettings,
  | 'reclamationYears'
  | 'termCapYears'
  | 'transitionalCapYears'
  | 'backfillLinkShare'
  | 'rectificationDays'
>;

export interface BatchRow {
  id: string;
  divisionCode: string;
  surveyYear: number;
  asOf: string;
  source: string;
  files: BatchFile[];
  contentSha256: string;
  settings: BatchSettings;
  importedBy: string;
  version: number;
  createdAt: Date;
}

const batchColumns = `b.id, b.division_code AS "divisionCode", b.survey_year AS "surveyYear", b.as_of AS "asOf", b.source,
  b.files, b.content_sha256 AS "contentSha256", b.settings, b.imported_by AS "importedBy", b.version,
  b.created_at AS "createdAt"`;

export async function findBatchByContent(
  q: Queryable,
  divisionCode: string,
  contentSha256: string,
): Promise<BatchRow | undefined> {
  const [row] = await q.query<BatchRow>(
    `SELECT ${batchColumns} FROM backfill_batch b WHERE b.division_code = $1 AND b.content_sha256 = $2`,
    [divisionCode, contentSha256],
  );
  return row;
}

export async function insertBatch(
  q: Queryable,
  b: Omit<BatchRow, 'id' | 'version' | 'createdAt'>,
): Promise<string> {
  const [row] = await q.query<{ id: string }>(
    `INSERT INTO backfill_batch (province_code, division_code, survey_year, as_of, source, files, content_sha256,
       settings, imported_by)
     VALUES (left($1, 2), $1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
    [
      b.divisionCode,
      b.surveyYear,
      b.asOf,
      b.source,
      JSON.stringify(b.files),
      b.contentSha256,
      JSON.stringify(b.settings),
      b.importedBy,
    ],
  );
  return row!.id;
}

export async function findBatch(
  q: Queryable,
  id: string,
  scopeLike: string,
): Promise<BatchRow | undefined> {
  const [row] = await q.query<BatchRow>(
    `SELECT ${batchColumns} FROM backfill_batch b WHERE b.id = $1 AND b.division_code LIKE $2`,
    [id, scopeLike],
  );
  return row;
}

export function listBatches(q: Queryable, scopeLike: string, limit: number): Promise<BatchRow[]> {
  return q.query<BatchRow>(
    `SELECT ${batchColumns} FROM backfill_batch b WHERE b.division_code LIKE $1
     ORDER BY b.created_at DESC, b.id LIMIT $2`,
    [scopeLike, limit],
  );
}

export interface BatchCounts {
  polygons: number;
  areaM2: number;
  byClass: Record<BackfillClass, number>;
  recordsCreated: number;
  recordsLinked: number;
  reviewDue: number;
  overridden: number;
  openOrders: number;
  openCases: number;
}

/** What a batch's polygons amount to now (after any overrides). */
export async function batchCounts(q: Queryable, batchId: string): Promise<BatchCounts> {
  const [row] = await q.query<Omit<BatchCounts, 'byClass'> & Record<BackfillClass, number>>(
    `SELECT count(*) AS polygons, coalesce(sum(area_m2), 0) AS "areaM2",
            count(*) FILTER (WHERE class = 'reclaimed_accepted') AS reclaimed_accepted,
            count(*) FILTER (WHERE class = 'in_term') AS in_term,
            count(*) FILTER (WHERE class = 'overdue') AS overdue,
            count(*) FILTER (WHERE class = 'permanent_structure') AS permanent_structure,
            count(*) FILTER (WHERE record_link = 'created') AS "recordsCreated",
            count(*) FILTER (WHERE record_link = 'linked') AS "recordsLinked",
            count(*) FILTER (WHERE review_due) AS "reviewDue",
            count(*) FILTER (WHERE override IS NOT NULL) AS overridden,
            (SELECT count(*) FROM rectification_order o JOIN backfill_polygon op ON op.id = o.polygon_id
             WHERE op.batch_id = $1 AND o.status IN ('open', 'rectified')) AS "openOrders",
            (SELECT count(*) FROM illegal_land_use_case c JOIN backfill_polygon cp ON cp.id = c.polygon_id
             WHERE cp.batch_id = $1 AND c.status IN ('open', 'investigating')) AS "openCases"
     FROM backfill_polygon WHERE batch_id = $1`,
    [batchId],
  );
  const r = row!;
  return {
    polygons: r.polygons,
    areaM2: r.areaM2,
    byClass: {
      reclaimed_accepted: r.reclaimed_accepted,
      in_term: r.in_term,
      overdue: r.overdue,
      permanent_structure: r.permanent_structure,
    },
    recordsCreated: r.recordsCreated,
    recordsLinked: r.recordsLinked,
    reviewDue: r.reviewDue,
    overridden: r.overridden,
    openOrders: r.openOrders,
    openCases: r.openCases,
  };
}

/** Each polygon's live rectification order and illegal-land-use case, for one batch. */
export async function liveDossiersOfBatch(
  q: Queryable,
  batchId: string,
): Promise<Map<string, { orderId: string | null; caseId: string | null }>> {
  const rows = await q.query<{ id: string; orderId: string | null; caseId: string | null }>(
    `SELECT p.id,
            (SELECT o.id FROM rectification_order o WHERE o.polygon_id = p.id AND o.status IN ('open', 'rectified')) AS "orderId",
            (SELECT c.id FROM illegal_land_use_case c WHERE c.polygon_id = p.id AND c.status IN ('open', 'investigating')) AS "caseId"
     FROM backfill_polygon p WHERE p.batch_id = $1`,
    [batchId],
  );
  return new Map(rows.map((r) => [r.id, { orderId: r.orderId, caseId: r.caseId }]));
}
