// SQL for the TL-ENF-01 findings of a batch (supervision_finding rows whose subject is a
// change polygon; found by the batch id in their evidence, indexed in migration 0009).
//
// The cross-check writes them set-based, straight from the stored coverage: one statement
// inserts the new ones, one each reopens, refreshes and resolves the stored ones. Each finding
// is the one unexplainedOccupationFinding (domain/coverage.ts) specifies — the same severity,
// evidence and wording: the messages fill that module's templates, with its rounding.
import type { Queryable } from '../../platform/db/db.ts';
import { squareMetresPerMu } from '../../register/domain/record.ts';
import type { FindingStatus } from '../domain/finding-lifecycle.ts';
import type { BatchRow } from './batches.store.ts';
import {
  causePart,
  causeSeparator,
  coverageCauses,
  occupationMessages,
} from './domain/coverage.ts';

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

/** Slot n of a message template, replaced by format()'s `%n$s`. */
const slot = (n: number) => `{{${n}}}`;
const formatTemplate = (text: string) =>
  text.replaceAll('%', '%%').replace(/\{\{(\d+)\}\}/g, '%$1$s');

/**
 * format() templates, in the order the SQL below indexes them ($6::text[]): the message in
 * Chinese and English (slots: name, month, area, covered %, uncovered, causes), then each
 * cause's part in both (slot: area), then the separators.
 */
function messageTemplates(): string[] {
  const message = occupationMessages({
    name: slot(1),
    month: slot(2),
    areaMu: slot(3),
    percent: slot(4),
    uncoveredMu: slot(5),
    causesZh: slot(6),
    causesEn: slot(6),
  });
  const parts = coverageCauses.map((c) => causePart(c, slot(1)));
  return [
    message.zh,
    message.en,
    ...parts.flatMap((p) => [p.zh, p.en]),
    causeSeparator.zh,
    causeSeparator.en,
  ].map(formatTemplate);
}

/**
 * decimal() of domain/coverage.ts in SQL: half away from zero from the shortest decimal form
 * (which `::text` prints while extra_float_digits = 1, as findingsParams sets it).
 */
export const decimalSql = (x: string, digits: number) =>
  `round((${x})::text::numeric, ${digits})::text`;
const mu = (m2: string) => decimalSql(`${m2} / $5::float8`, 3);
const parts = (lang: 0 | 1) => {
  const each = coverageCauses.map(
    (_c, i) =>
      `CASE WHEN w.a${i} IS NOT NULL THEN format(($6::text[])[${3 + 2 * i + lang}], w.a${i}) END`,
  );
  return `concat_ws(($6::text[])[${11 + lang}], ${each.join(', ')})`;
};
const message = (lang: 0 | 1) =>
  `format(($6::text[])[${1 + lang}], w.name, $2::text, w.area, w.percent, w.uncovered, ${parts(lang)})`;
const findingKey = `'TL-ENF-01|change_polygon|' || c.polygon_id || '|' || $2::text`;

/**
 * The TL-ENF-01 finding of each row of `from` (which binds c, the polygon's stored coverage, and
 * p, the polygon; only rows not covered fire). Parameters: see findingsParams. The figures are
 * written out once per row (w, kept apart by OFFSET 0) for both languages.
 */
const firing = (from: string) => `
  SELECT c.polygon_id, p.division_code, ${findingKey} AS finding_key,
         CASE WHEN greatest(c.use_differs_m2, c.expired_m2, c.outside_m2) > c.tolerance_m2 THEN 'error' ELSE 'warning' END
           AS severity,
         ${message(0)} AS message_zh,
         ${message(1)} AS message_en,
         jsonb_build_object('polygonId', c.polygon_id, 'batchId', $1::uuid, 'externalBatchId', $3::text,
           'source', $4::text, 'month', $2::text, 'surveyCode', p.survey_code, 'divisionCode', p.division_code,
           'areaM2', c.area_m2, 'coveredM2', c.covered_m2, 'coverage', x.share, 'uncoveredM2', x.uncovered,
           'toleranceM2', c.tolerance_m2, 'status', c.status, 'primaryCause', c.primary_cause,
           'causes', jsonb_build_object(
             'use_differs', jsonb_build_object('areaM2', c.use_differs_m2, 'records', c.use_differs_records),
             'not_registered', jsonb_build_object('areaM2', c.not_registered_m2, 'records', c.not_registered_records),
             'expired', jsonb_build_object('areaM2', c.expired_m2, 'records', c.expired_records),
             'outside', jsonb_build_object('areaM2', c.outside_m2, 'records', '[]'::jsonb)),
           'coveredRecords', c.covered_records) AS evidence
  FROM ${from}
  CROSS JOIN LATERAL (
    SELECT CASE WHEN c.area_m2 > 0 THEN least(1, c.covered_m2 / c.area_m2) ELSE 0 END AS share,
           greatest(0, c.area_m2 - c.covered_m2) AS uncovered) x
  CROSS JOIN LATERAL (
    SELECT coalesce(p.survey_code, c.polygon_id::text) AS name, ${mu('c.area_m2')} AS area,
           ${decimalSql('x.share * 100', 1)} AS percent, ${mu('x.uncovered')} AS uncovered,
           ${coverageCauses.map((c, i) => `CASE WHEN c.${c}_m2 > 0 THEN ${mu(`c.${c}_m2`)} END AS a${i}`).join(', ')}
    OFFSET 0) w
  WHERE c.status <> 'covered'`;

/** The stored findings of the batch joined to their polygons' coverage (aliases s, c, p). */
const storedOfBatch = `supervision_finding s
  JOIN change_polygon_coverage c ON c.polygon_id = (s.evidence ->> 'polygonId')::uuid
  JOIN change_polygon p ON p.id = c.polygon_id`;
const ofBatch = `s.subject_kind = 'change_polygon' AND s.evidence ->> 'batchId' = $1::text`;

type FindingBatch = Pick<BatchRow, 'id' | 'month' | 'source' | 'externalId'>;

/** The parameters of the statements below; prints floats shortest for the rest of the transaction. */
async function findingsParams(q: Queryable, batch: FindingBatch) {
  await q.query(`SELECT set_config('extra_float_digits', '1', true)`);
  return [
    batch.id,
    batch.month,
    batch.externalId,
    batch.source,
    squareMetresPerMu,
    messageTemplates(),
  ];
}

const counted = async (q: Queryable, sql: string, params: unknown[]) =>
  (
    await q.query<{ n: number }>(
      `WITH done AS (${sql} RETURNING 1) SELECT count(*)::int AS n FROM done`,
      params,
    )
  )[0]?.n ?? 0;

/** How many of the batch's polygons fire TL-ENF-01 (are not covered). */
export async function firingCount(q: Queryable, batchId: string): Promise<number> {
  const [row] = await q.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM change_polygon_coverage WHERE batch_id = $1 AND status <> 'covered'`,
    [batchId],
  );
  return row?.n ?? 0;
}

/** Inserts the findings of firing polygons that have none yet; returns how many. */
export async function insertNewFindings(
  q: Queryable,
  batch: FindingBatch,
  asOf: string,
): Promise<number> {
  const params = [...(await findingsParams(q, batch)), asOf];
  return counted(
    q,
    `INSERT INTO supervision_finding (finding_key, province_code, division_code, rule_code, subject_kind, record_id,
       period, severity, message_zh, message_en, evidence, first_seen_on)
     SELECT f.finding_key, left(f.division_code, 2), f.division_code, 'TL-ENF-01', 'change_polygon', NULL, $2::text,
            f.severity, f.message_zh, f.message_en, f.evidence, $7::date
     FROM (${firing(`change_polygon_coverage c JOIN change_polygon p ON p.id = c.polygon_id`)}
             AND c.batch_id = $1::uuid
             AND NOT EXISTS (SELECT FROM supervision_finding s WHERE s.finding_key = ${findingKey})) f`,
    params,
  );
}

/** Reopens the batch's findings resolved earlier whose polygons fire again; returns how many. */
export async function reopenFindings(q: Queryable, batch: FindingBatch): Promise<number> {
  const params = await findingsParams(q, batch);
  return counted(
    q,
    `UPDATE supervision_finding t SET status = 'open', resolved_on = NULL, severity = f.severity,
       message_zh = f.message_zh, message_en = f.message_en, evidence = f.evidence
     FROM (${firing(storedOfBatch)} AND ${ofBatch} AND s.resolved_on IS NOT NULL) f
     WHERE t.finding_key = f.finding_key`,
    params,
  );
}

/**
 * Rewrites the batch's live findings (open, acknowledged) whose figures or severity moved
 * (records registered, extended, written off…); returns how many.
 */
export async function refreshFindings(q: Queryable, batch: FindingBatch): Promise<number> {
  const params = await findingsParams(q, batch);
  return counted(
    q,
    `UPDATE supervision_finding t SET severity = f.severity, message_zh = f.message_zh, message_en = f.message_en,
       evidence = f.evidence
     FROM (${firing(storedOfBatch)} AND ${ofBatch} AND s.resolved_on IS NULL
             AND s.status IN ('open', 'acknowledged')) f
     WHERE t.finding_key = f.finding_key AND (t.severity <> f.severity OR t.message_en <> f.message_en)`,
    params,
  );
}

/**
 * Resolves the batch's findings whose polygons no longer fire: live ones become rectified,
 * rectified or closed ones are marked resolved as of `asOf`; returns how many.
 */
export async function resolveFindings(
  q: Queryable,
  batchId: string,
  asOf: string,
): Promise<number> {
  return counted(
    q,
    `UPDATE supervision_finding s
     SET status = CASE WHEN s.status IN ('open', 'acknowledged') THEN 'rectified' ELSE s.status END,
         resolved_on = $2::date
     WHERE ${ofBatch} AND s.resolved_on IS NULL
       AND NOT EXISTS (SELECT FROM change_polygon_coverage c
                       WHERE c.polygon_id = (s.evidence ->> 'polygonId')::uuid AND c.status <> 'covered')`,
    [batchId, asOf],
  );
}
