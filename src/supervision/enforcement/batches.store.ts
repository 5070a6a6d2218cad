// SQL for enforcement batches and their polygons as delivered: insert, the current batch of a
// source and batch id, supersession, and batches with their polygons' coverage counted in the
// caller's scope. Geometry goes in as GeoJSON ([lng, lat], EPSG:4490).
import type { Queryable } from '../../platform/db/db.ts';
import type { DeliveredFile } from './batch-fingerprint.ts';
import type { ObservedUse } from './domain/observed-use.ts';

export type EnforcementSource = 'satellite_enforcement' | 'change_survey';

export interface BatchRow {
  id: string;
  source: EnforcementSource;
  externalId: string;
  month: string;
  divisionCode: string;
  files: (DeliveredFile & { format: string })[];
  filesSha256: string;
  contentSha256: string;
  featureCount: number;
  areaM2: number;
  status: 'current' | 'superseded';
  /** The batch this one replaced, and the one that replaced it. */
  supersedes: string | null;
  supersededBy: string | null;
  computedAt: Date | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

const batchColumns = `b.id, b.source, b.external_id AS "externalId", b.month, b.division_code AS "divisionCode",
  b.files, b.files_sha256 AS "filesSha256", b.content_sha256 AS "contentSha256", b.feature_count AS "featureCount",
  b.area_m2 AS "areaM2", b.status, b.supersedes,
  (SELECT n.id FROM enforcement_batch n WHERE n.supersedes = b.id) AS "supersededBy", b.computed_at AS "computedAt", b.version,
  b.created_at AS "createdAt", b.updated_at AS "updatedAt"`;

/** The current batch delivered under this source, batch id and division, if any. */
export async function findCurrentBatch(
  q: Queryable,
  key: { source: EnforcementSource; externalId: string; divisionCode: string },
): Promise<BatchRow | undefined> {
  const [row] = await q.query<BatchRow>(
    `SELECT ${batchColumns} FROM enforcement_batch b
     WHERE b.source = $1 AND b.external_id = $2 AND b.division_code = $3 AND b.status = 'current'`,
    [key.source, key.externalId, key.divisionCode],
  );
  return row;
}

/**
 * A batch visible to a caller whose scope prefix is `prefix` ('' for the nation): one inside
 * the caller's division, or one covering it (the caller then sees only its own polygons).
 */
const visible = `(b.division_code LIKE $1 || '%' OR $1 LIKE reclaim_division_prefix(b.division_code) || '%')`;

export async function findBatch(
  q: Queryable,
  id: string,
  prefix: string,
): Promise<BatchRow | undefined> {
  const [row] = await q.query<BatchRow>(
    `SELECT ${batchColumns} FROM enforcement_batch b WHERE ${visible} AND b.id = $2`,
    [prefix, id],
  );
  return row;
}

export type NewBatch = Pick<
  BatchRow,
  | 'source'
  | 'externalId'
  | 'month'
  | 'divisionCode'
  | 'files'
  | 'filesSha256'
  | 'contentSha256'
  | 'supersedes'
>;

export async function insertBatch(q: Queryable, b: NewBatch): Promise<string> {
  const [row] = await q.query<{ id: string }>(
    `INSERT INTO enforcement_batch (source, external_id, month, division_code, files, files_sha256, content_sha256,
       supersedes, feature_count, area_m2)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 1, 0) RETURNING id`,
    [
      b.source,
      b.externalId,
      b.month,
      b.divisionCode,
      JSON.stringify(b.files),
      b.filesSha256,
      b.contentSha256,
      b.supersedes,
    ],
  );
  return row!.id;
}

/** Marks a batch superseded (kept, never erased); the new batch names it in `supersedes`. */
export async function supersedeBatch(q: Queryable, id: string): Promise<void> {
  await q.query(`UPDATE enforcement_batch SET status = 'superseded' WHERE id = $1`, [id]);
}

export interface NewPolygon {
  divisionCode: string;
  fileName: string;
  feature: number;
  surveyCode: string | null;
  changeType: string | null;
  landClassCode: string | null;
  detectedOn: string | null;
  observedUse: ObservedUse;
  disallowedUses: string[];
  attributes: Record<string, unknown>;
  /** GeoJSON MultiPolygon, [lng, lat] in EPSG:4490. */
  geometry: unknown;
}

/** Adds polygons to a batch; areas are computed on the ellipsoid. */
export async function insertPolygons(
  q: Queryable,
  batchId: string,
  polygons: readonly NewPolygon[],
): Promise<void> {
  const payload = JSON.stringify(
    polygons.map((p) => ({ ...p, geometry: JSON.stringify(p.geometry) })),
  );
  await q.query(
    `INSERT INTO change_polygon (batch_id, province_code, division_code, file_name, feature, survey_code, change_type,
       land_class_code, detected_on, observed_use, disallowed_uses, attributes, area_m2, geom)
     SELECT $1, left(p."divisionCode", 2), p."divisionCode", p."fileName", p.feature, p."surveyCode", p."changeType",
            p."landClassCode", p."detectedOn", p."observedUse",
            ARRAY(SELECT jsonb_array_elements_text(p."disallowedUses")), p.attributes, ST_Area(g::geography), g
     FROM jsonb_to_recordset($2::jsonb) AS p("divisionCode" text, "fileName" text, feature integer, "surveyCode" text,
            "changeType" text, "landClassCode" text, "detectedOn" date, "observedUse" text, "disallowedUses" jsonb,
            attributes jsonb, geometry text),
          LATERAL (SELECT ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(p.geometry), 4490)) AS g) geo`,
    [batchId, payload],
  );
}

/** Sets the batch's polygon count and area from its stored polygons. */
export async function finishBatch(q: Queryable, batchId: string): Promise<void> {
  await q.query(
    `UPDATE enforcement_batch b SET feature_count = s.n, area_m2 = s.m2
     FROM (SELECT count(*) AS n, coalesce(sum(area_m2), 0) AS m2 FROM change_polygon WHERE batch_id = $1) s
     WHERE b.id = $1`,
    [batchId],
  );
}

export async function markComputed(q: Queryable, batchId: string): Promise<void> {
  await q.query(`UPDATE enforcement_batch SET computed_at = clock_timestamp() WHERE id = $1`, [
    batchId,
  ]);
}

/** Counts of a batch's polygons in the caller's scope, by coverage status, with areas by cause. */
export interface BatchCounts {
  polygons: number;
  covered: number;
  partlyCovered: number;
  uncovered: number;
  areaM2: number;
  coveredM2: number;
  useDiffersM2: number;
  notRegisteredM2: number;
  expiredM2: number;
  outsideM2: number;
}

export type BatchWithCounts = BatchRow & { inScope: BatchCounts };

const countsColumns = `json_build_object(
    'polygons', count(*), 'covered', count(*) FILTER (WHERE c.status = 'covered'),
    'partlyCovered', count(*) FILTER (WHERE c.status = 'partly_covered'),
    'uncovered', count(*) FILTER (WHERE c.status = 'uncovered'),
    'areaM2', coalesce(sum(c.area_m2), 0), 'coveredM2', coalesce(sum(c.covered_m2), 0),
    'useDiffersM2', coalesce(sum(c.use_differs_m2), 0), 'notRegisteredM2', coalesce(sum(c.not_registered_m2), 0),
    'expiredM2', coalesce(sum(c.expired_m2), 0), 'outsideM2', coalesce(sum(c.outside_m2), 0))`;

/** The coverage row is inside the division in parameter `param`, or that parameter is null. */
const withinPicked = (param: string) =>
  `(${param}::text IS NULL OR c.division_code LIKE reclaim_division_prefix(${param}) || '%')`;

export interface BatchFilter {
  source?: EnforcementSource;
  month?: string;
  status?: 'current' | 'superseded';
  /** Count only the polygons in this division (a county picked by a supervisor above it). */
  divisionCode?: string;
}

export function listBatches(
  q: Queryable,
  prefix: string,
  filter: BatchFilter,
): Promise<BatchWithCounts[]> {
  return q.query<BatchWithCounts>(
    `SELECT ${batchColumns}, s.counts AS "inScope"
     FROM enforcement_batch b
     CROSS JOIN LATERAL (SELECT ${countsColumns} AS counts FROM change_polygon_coverage c
                         WHERE c.batch_id = b.id AND c.division_code LIKE $1 || '%'
                           AND ${withinPicked('$5')}) s
     WHERE ${visible} AND ($2::text IS NULL OR b.source = $2) AND ($3::text IS NULL OR b.month = $3)
       AND ($4::text IS NULL OR b.status = $4)
     ORDER BY b.month DESC, b.created_at DESC, b.id`,
    [
      prefix,
      filter.source ?? null,
      filter.month ?? null,
      filter.status ?? null,
      filter.divisionCode ?? null,
    ],
  );
}

export async function batchCounts(
  q: Queryable,
  batchId: string,
  prefix: string,
  divisionCode?: string,
): Promise<BatchCounts> {
  const [row] = await q.query<{ counts: BatchCounts }>(
    `SELECT ${countsColumns} AS counts FROM change_polygon_coverage c
     WHERE c.batch_id = $1 AND c.division_code LIKE $2 || '%' AND ${withinPicked('$3')}`,
    [batchId, prefix, divisionCode ?? null],
  );
  return row!.counts;
}
