// SQL for the TL-ENF-01 findings of a batch (supervision_finding rows whose subject is a
// change polygon; found by the batch id in their evidence, indexed in migration 0009).
//
// The cross-check writes them set-based: the new ones by the statement that computes and stores
// a chunk's coverage (insertFindingsFrom, used by crosscheck-chunk.store.ts), then one statement
// each reopens, refreshes and resolves the stored ones from the stored coverage. Each finding
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
 * format() templates, in the order the SQL below indexes them (the templates slot): the message in
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

/**
 * Where a statement binds the findings' parameters (values: findingsParams): the batch id, its
 * month, external id and source, m² per 亩 and the message templates (messageTemplates).
 */
export interface FindingsSlots {
  batch: string;
  month: string;
  externalId: string;
  source: string;
  perMu: string;
  templates: string;
}

/** The slots of the statements below, which take findingsParams as they are. */
const ownSlots: FindingsSlots = {
  batch: '$1',
  month: '$2',
  externalId: '$3',
  source: '$4',
  perMu: '$5',
  templates: '$6',
};

const findingKey = ($: FindingsSlots) =>
  `'TL-ENF-01|change_polygon|' || c.polygon_id || '|' || ${$.month}::text`;

/**
 * The TL-ENF-01 finding of each row of `from` (which binds c, the polygon's coverage with the
 * columns of change_polygon_coverage, and p, the polygon; only rows not covered fire). The
 * figures are written out once per row (w, kept apart by OFFSET 0) for both languages.
 */
function firing(from: string, $: FindingsSlots = ownSlots): string {
  const t = (i: number) => `(${$.templates}::text[])[${i}]`;
  const mu = (m2: string) => decimalSql(`${m2} / ${$.perMu}::float8`, 3);
  const parts = (lang: 0 | 1) => {
    const each = coverageCauses.map(
      (_c, i) => `CASE WHEN w.a${i} IS NOT NULL THEN format(${t(3 + 2 * i + lang)}, w.a${i}) END`,
    );
    return `concat_ws(${t(11 + lang)}, ${each.join(', ')})`;
  };
  const message = (lang: 0 | 1) =>
    `format(${t(1 + lang)}, w.name, ${$.month}::text, w.area, w.percent, w.uncovered, ${parts(lang)})`;
  return `
  SELECT c.polygon_id, p.division_code, ${findingKey($)} AS finding_key,
         CASE WHEN greatest(c.use_differs_m2, c.expired_m2, c.outside_m2) > c.tolerance_m2 THEN 'error' ELSE 'warning' END
           AS severity,
         ${message(0)} AS message_zh,
         ${message(1)} AS message_en,
         jsonb_build_object('polygonId', c.polygon_id, 'batchId', ${$.batch}::uuid, 'externalBatchId', ${$.externalId}::text,
           'source', ${$.source}::text, 'month', ${$.month}::text, 'surveyCode', p.survey_code, 'divisionCode', p.division_code,
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
}

/**
 * The INSERT of the TL-ENF-01 findings of the rows of `from` (binding c and p as `firing`
 * needs) that have no finding yet, first seen on `asOf` (a slot holding a date).
 */
export function insertFindingsFrom(from: string, $: FindingsSlots, asOf: string): string {
  return `INSERT INTO supervision_finding (finding_key, province_code, division_code, rule_code, subject_kind, record_id,
       period, severity, message_zh, message_en, evidence, first_seen_on)
     SELECT f.finding_key, left(f.division_code, 2), f.division_code, 'TL-ENF-01', 'change_polygon', NULL, ${$.month}::text,
            f.severity, f.message_zh, f.message_en, f.evidence, ${asOf}::date
     FROM (${firing(from, $)}
             AND NOT EXISTS (SELECT FROM supervision_finding s WHERE s.finding_key = ${findingKey($)})) f`;
}

/** The stored findings of the batch joined to their polygons' coverage (aliases s, c, p). */
const storedOfBatch = `supervision_finding s
  JOIN change_polygon_coverage c ON c.polygon_id = (s.evidence ->> 'polygonId')::uuid
  JOIN change_polygon p ON p.id = c.polygon_id`;
const ofBatch = `s.subject_kind = 'change_polygon' AND s.evidence ->> 'batchId' = $1::text`;

export type FindingBatch = Pick<BatchRow, 'id' | 'month' | 'source' | 'externalId'>;

/**
 * The values of the findings' slots (FindingsSlots, in its order); prints floats shortest for
 * the rest of the transaction.
 */
export async function findingsParams(q: Queryable, batch: FindingBatch): Promise<unknown[]> {
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
