// SQL for stored supervision findings, evaluation runs and the county brake.
import type { Queryable } from '../platform/db/db.ts';
import type { CountyBrakeStatus } from './domain/county-brake.ts';
import type { FindingStatus } from './domain/finding-lifecycle.ts';

export interface StoredFinding {
  id: string;
  findingKey: string;
  divisionCode: string;
  ruleCode: string;
  subjectKind: 'temporary_land' | 'county' | 'change_polygon';
  recordId: string | null;
  systemNumber: string | null;
  projectName: string | null;
  period: string;
  severity: 'error' | 'warning';
  messageZh: string;
  messageEn: string;
  evidence: Record<string, unknown>;
  status: FindingStatus;
  firstSeenOn: string;
  resolvedOn: string | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

const columns = `f.id, f.finding_key AS "findingKey", f.division_code AS "divisionCode", f.rule_code AS "ruleCode",
  f.subject_kind AS "subjectKind", f.record_id AS "recordId", t.system_number AS "systemNumber", t.project_name AS "projectName",
  f.period, f.severity, f.message_zh AS "messageZh", f.message_en AS "messageEn", f.evidence, f.status,
  f.first_seen_on AS "firstSeenOn", f.resolved_on AS "resolvedOn", f.version, f.created_at AS "createdAt", f.updated_at AS "updatedAt"`;
const from = `supervision_finding f LEFT JOIN temporary_land t ON t.id = f.record_id`;

/** Every stored finding whose subject lies in the division (prefix), by key. */
export async function findingsByKey(
  q: Queryable,
  divisionPrefix: string,
): Promise<Map<string, StoredFinding>> {
  const rows = await q.query<StoredFinding>(
    `SELECT ${columns} FROM ${from} WHERE f.division_code LIKE $1 || '%'`,
    [divisionPrefix],
  );
  return new Map(rows.map((r) => [r.findingKey, r]));
}

export interface NewFinding {
  findingKey: string;
  divisionCode: string;
  ruleCode: string;
  subjectKind: 'temporary_land' | 'county' | 'change_polygon';
  recordId: string | null;
  period: string;
  severity: 'error' | 'warning';
  messageZh: string;
  messageEn: string;
  evidence: Record<string, unknown>;
  firstSeenOn: string;
}

export async function insertFindings(q: Queryable, findings: readonly NewFinding[]): Promise<void> {
  if (findings.length === 0) return;
  await q.query(
    `INSERT INTO supervision_finding (finding_key, province_code, division_code, rule_code, subject_kind, record_id,
       period, severity, message_zh, message_en, evidence, first_seen_on)
     SELECT f."findingKey", left(f."divisionCode", 2), f."divisionCode", f."ruleCode", f."subjectKind", f."recordId",
            f.period, f.severity, f."messageZh", f."messageEn", f.evidence, f."firstSeenOn"
     FROM jsonb_to_recordset($1::jsonb) AS f("findingKey" text, "divisionCode" text, "ruleCode" text, "subjectKind" text,
       "recordId" uuid, period text, severity text, "messageZh" text, "messageEn" text, evidence jsonb, "firstSeenOn" date)`,
    [JSON.stringify(findings)],
  );
}

/** Changes a finding when its version is still `version`; undefined when it is not. */
export async function updateFinding(
  q: Queryable,
  id: string,
  version: number,
  change: {
    status?: FindingStatus;
    resolvedOn?: string | null;
    severity?: string;
    messageZh?: string;
    messageEn?: string;
    evidence?: Record<string, unknown>;
  },
): Promise<StoredFinding | undefined> {
  const sets: string[] = [];
  const values: unknown[] = [id, version];
  const set = (column: string, value: unknown, cast = '') => {
    values.push(value);
    sets.push(`${column} = $${values.length}${cast}`);
  };
  if (change.status !== undefined) set('status', change.status);
  if (change.resolvedOn !== undefined) set('resolved_on', change.resolvedOn, '::date');
  if (change.severity !== undefined) set('severity', change.severity);
  if (change.messageZh !== undefined) set('message_zh', change.messageZh);
  if (change.messageEn !== undefined) set('message_en', change.messageEn);
  if (change.evidence !== undefined) set('evidence', JSON.stringify(change.evidence), '::jsonb');
  const [row] = await q.query<{ id: string }>(
    `UPDATE supervision_finding SET ${sets.join(', ')} WHERE id = $1 AND version = $2 RETURNING id`,
    values,
  );
  return row ? findFinding(q, row.id, '') : undefined;
}

export async function findFinding(
  q: Queryable,
  id: string,
  scopePrefix: string,
): Promise<StoredFinding | undefined> {
  const [row] = await q.query<StoredFinding>(
    `SELECT ${columns} FROM ${from} WHERE f.id = $1 AND f.division_code LIKE $2 || '%'`,
    [id, scopePrefix],
  );
  return row;
}

export interface FindingFilter {
  scopePrefix: string;
  divisionCode?: string;
  ruleCode?: string;
  status?: FindingStatus;
  severity?: 'error' | 'warning';
  recordId?: string;
  limit: number;
  offset: number;
}

export async function listFindings(
  q: Queryable,
  filter: FindingFilter,
): Promise<{ items: StoredFinding[]; total: number }> {
  // Leakproof filters (^@, =): under row-level security an index may still answer them
  // (docs/architecture.md, "Row-level security at scale"); the page comes from the order index
  // of migration 0028.
  const where = `f.division_code ^@ $1 AND ($2::text IS NULL OR f.division_code ^@ $2)
    AND ($3::text IS NULL OR f.rule_code = $3) AND ($4::text IS NULL OR f.status = $4)
    AND ($5::text IS NULL OR f.severity = $5) AND ($6::uuid IS NULL OR f.record_id = $6::uuid)`;
  const params = [
    filter.scopePrefix,
    filter.divisionCode ?? null,
    filter.ruleCode ?? null,
    filter.status ?? null,
    filter.severity ?? null,
    filter.recordId ?? null,
  ];
  const items = await q.query<StoredFinding>(
    `SELECT ${columns} FROM ${from} WHERE ${where}
     ORDER BY f.first_seen_on DESC, f.rule_code, f.finding_key LIMIT $7 OFFSET $8`,
    [...params, filter.limit, filter.offset],
  );
  const [count] = await q.query<{ n: number }>(
    `SELECT count(*) AS n FROM supervision_finding f WHERE ${where}`,
    params,
  );
  return { items, total: count?.n ?? 0 };
}

export async function startRun(
  q: Queryable,
  asOf: string,
  divisionCode: string,
  triggeredBy: string,
): Promise<string> {
  const [row] = await q.query<{ id: string }>(
    `INSERT INTO evaluation_run (as_of, division_code, triggered_by) VALUES ($1, $2, $3) RETURNING id`,
    [asOf, divisionCode, triggeredBy],
  );
  return row!.id;
}

export async function finishRun(q: Queryable, id: string, summary: object): Promise<void> {
  await q.query(
    `UPDATE evaluation_run SET finished_at = clock_timestamp(), summary = $2 WHERE id = $1`,
    [id, JSON.stringify(summary)],
  );
}

export interface EvaluationRun {
  id: string;
  asOf: string;
  divisionCode: string;
  triggeredBy: string;
  startedAt: Date;
  finishedAt: Date | null;
  summary: Record<string, unknown>;
}

export function listRuns(q: Queryable, limit: number): Promise<EvaluationRun[]> {
  return q.query<EvaluationRun>(
    `SELECT id, as_of AS "asOf", division_code AS "divisionCode", triggered_by AS "triggeredBy",
            started_at AS "startedAt", finished_at AS "finishedAt", summary
     FROM evaluation_run ORDER BY started_at DESC LIMIT $1`,
    [limit],
  );
}

export async function saveCountyBrakes(
  q: Queryable,
  runId: string,
  statuses: readonly CountyBrakeStatus[],
): Promise<void> {
  if (statuses.length === 0) return;
  await q.query(
    `INSERT INTO county_brake_status (division_code, year, province_code, as_of, due_m2, due_count, overdue_m2,
       overdue_count, share, threshold, brake_on, run_id)
     SELECT s."divisionCode", s.year, left(s."divisionCode", 2), s."asOf", s."dueM2", s."dueCount", s."overdueM2",
            s."overdueCount", s.share, s.threshold, s.on, $2
     FROM jsonb_to_recordset($1::jsonb) AS s("divisionCode" text, year integer, "asOf" date, "dueM2" float8,
       "dueCount" integer, "overdueM2" float8, "overdueCount" integer, share float8, threshold float8, "on" boolean)
     ON CONFLICT (division_code, year) DO UPDATE SET as_of = EXCLUDED.as_of, due_m2 = EXCLUDED.due_m2,
       due_count = EXCLUDED.due_count, overdue_m2 = EXCLUDED.overdue_m2, overdue_count = EXCLUDED.overdue_count,
       share = EXCLUDED.share, threshold = EXCLUDED.threshold, brake_on = EXCLUDED.brake_on, run_id = EXCLUDED.run_id`,
    [JSON.stringify(statuses), runId],
  );
}

export function countyBrakes(
  q: Queryable,
  scopePrefix: string,
  year: number,
): Promise<(CountyBrakeStatus & { runId: string; divisionName: string })[]> {
  return q.query(
    `SELECT s.division_code AS "divisionCode", d.name AS "divisionName", s.year, s.as_of AS "asOf", s.due_m2 AS "dueM2",
            s.due_count AS "dueCount", s.overdue_m2 AS "overdueM2", s.overdue_count AS "overdueCount", s.share,
            s.threshold, s.brake_on AS on, s.run_id AS "runId"
     FROM county_brake_status s JOIN division d ON d.code = s.division_code
     WHERE s.division_code LIKE $1 || '%' AND s.year = $2 ORDER BY s.share DESC, s.division_code`,
    [scopePrefix, year],
  );
}

/** The open brake finding of a county for a year, if the last evaluation set one. */
export async function brakeInForce(
  q: Queryable,
  divisionCode: string,
  year: number,
): Promise<{ since: string; share: number } | undefined> {
  const [row] = await q.query<{ since: string; share: number }>(
    `SELECT first_seen_on AS since, (evidence->>'share')::float8 AS share FROM supervision_finding
     WHERE finding_key = $1 AND status IN ('open', 'acknowledged') AND resolved_on IS NULL`,
    [`TL-SUP-06|county|${divisionCode}|${year}`],
  );
  return row;
}
