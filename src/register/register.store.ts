// SQL for temporary-land records: insert, read, list, update with optimistic locking,
// transitions, system numbers. Geometry goes in and out as GeoJSON ([lng, lat], EPSG:4490).
import type { Queryable } from '../platform/db/db.ts';
import { calendarStampSql } from '../reference/calendar/calendar.store.ts';
import type { ApprovalLevel, ProjectClass } from './domain/classification.ts';
import type { RecordState } from './domain/lifecycle.ts';
import type { AreaBreakdown, Extension, TemporaryLandRecord } from './domain/record.ts';
import type { SettingsOverride } from './domain/settings.ts';

/** The record as stored (camelCase), with its boundary as GeoJSON. */
export interface RecordRow {
  id: string;
  systemNumber: string | null;
  provinceCode: string;
  divisionCode: string;
  state: RecordState;
  projectName: string;
  projectClass: ProjectClass;
  longCycle: boolean;
  oilGasIntegrated: boolean;
  projectOwner: string | null;
  landUser: string | null;
  useType: string;
  approvalNumber: string | null;
  approvalDate: string | null;
  approvalBody: string | null;
  approvalLevel: ApprovalLevel | null;
  termStart: string | null;
  termEnd: string | null;
  extensions: Extension[];
  backfilled: boolean;
  registeredOn: string | null;
  geometry: unknown;
  areaM2: number | null;
  declaredAreaM2: number | null;
  declaredBreakdown: AreaBreakdown | null;
  computedBreakdown: (AreaBreakdown & { unsurveyedM2: number; computedAt: string }) | null;
  railwayException: TemporaryLandRecord['railwayException'];
  restoresCultivation: boolean;
  reassignedFromProject: string | null;
  reclamationPlan: Record<string, unknown> | null;
  deposit: Record<string, unknown> | null;
  reclamationExtension: TemporaryLandRecord['reclamationExtension'];
  disclosurePublishedOn: string | null;
  disclosureWhere: string | null;
  source: Record<string, unknown> | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

/** Writable columns: API name → SQL column and how the value is cast. */
const writable = {
  projectName: ['project_name', 'text'],
  projectClass: ['project_class', 'text'],
  longCycle: ['long_cycle', 'boolean'],
  oilGasIntegrated: ['oil_gas_integrated', 'boolean'],
  projectOwner: ['project_owner', 'text'],
  landUser: ['land_user', 'text'],
  useType: ['use_type', 'text'],
  approvalNumber: ['approval_number', 'text'],
  approvalDate: ['approval_date', 'date'],
  approvalBody: ['approval_body', 'text'],
  approvalLevel: ['approval_level', 'text'],
  termStart: ['term_start', 'date'],
  termEnd: ['term_end', 'date'],
  declaredAreaM2: ['declared_area_m2', 'float8'],
  declaredBreakdown: ['declared_breakdown', 'jsonb'],
  railwayException: ['railway_exception', 'jsonb'],
  restoresCultivation: ['restores_cultivation', 'boolean'],
  reclamationPlan: ['reclamation_plan', 'jsonb'],
  deposit: ['deposit', 'jsonb'],
  reclamationExtension: ['reclamation_extension', 'jsonb'],
  disclosurePublishedOn: ['disclosure_published_on', 'date'],
  disclosureWhere: ['disclosure_where', 'text'],
  source: ['source', 'jsonb'],
  computedBreakdown: ['computed_breakdown', 'jsonb'],
} as const;

export type WritableField = keyof typeof writable;
export type RecordFields = Partial<Record<WritableField, unknown>>;

/** The columns of a RecordRow, with `geometry` the SQL expression for its boundary. */
export const recordColumnsWith = (
  geometry: string,
) => `id, system_number AS "systemNumber", province_code AS "provinceCode", division_code AS "divisionCode", state,
  project_name AS "projectName", project_class AS "projectClass", long_cycle AS "longCycle",
  oil_gas_integrated AS "oilGasIntegrated", project_owner AS "projectOwner", land_user AS "landUser",
  use_type AS "useType", approval_number AS "approvalNumber", approval_date AS "approvalDate",
  approval_body AS "approvalBody", approval_level AS "approvalLevel", term_start AS "termStart", term_end AS "termEnd",
  extensions, backfilled, registered_on AS "registeredOn", ${geometry} AS geometry, area_m2 AS "areaM2",
  declared_area_m2 AS "declaredAreaM2", declared_breakdown AS "declaredBreakdown", computed_breakdown AS "computedBreakdown",
  railway_exception AS "railwayException", restores_cultivation AS "restoresCultivation",
  reassigned_from_project AS "reassignedFromProject", reclamation_plan AS "reclamationPlan", deposit,
  reclamation_extension AS "reclamationExtension", disclosure_published_on AS "disclosurePublishedOn",
  disclosure_where AS "disclosureWhere", source, version, created_at AS "createdAt", updated_at AS "updatedAt"`;
const columns = recordColumnsWith('ST_AsGeoJSON(geom, 8, 0)::json');

/** A record for rule evaluation: its boundary is left out (`geometry` only says whether it has one). */
export type EvaluationRow = RecordRow & { contracts: number; photos: number };

/** The active contracts and photos of the record `t`, as columns `contracts` and `photos`. */
const attachmentCounts = `(SELECT count(*)::int FROM attachment a WHERE a.record_id = t.id AND a.status = 'active' AND a.kind = 'contract') AS contracts,
  (SELECT count(*)::int FROM attachment a WHERE a.record_id = t.id AND a.status = 'active' AND a.kind = 'photo') AS photos`;

/** What the rules need beside a record to present it: attachments, the province's rule pack, the calendar's stamp. */
export interface ViewContext {
  contracts: number;
  photos: number;
  ruleOverrides: SettingsOverride | null;
  calendarStamp: string;
}

const viewContextColumns = `${attachmentCounts},
  (SELECT overrides FROM rule_pack r WHERE r.division_code = t.province_code || '0000') AS "ruleOverrides",
  ${calendarStampSql} AS "calendarStamp"`;

/**
 * A record in scope with everything its view needs, in one statement: reading a record by id
 * is the register's most frequent request, and each round trip counts under load.
 */
export async function findRecordForView(
  q: Queryable,
  id: string,
  scopeLike: string,
): Promise<(RecordRow & ViewContext) | undefined> {
  const [row] = await q.query<RecordRow & ViewContext>(
    `SELECT ${columns}, ${viewContextColumns} FROM temporary_land t WHERE id = $1 AND division_code LIKE $2`,
    [id, scopeLike],
    // Planning it cost three times running it (RLS policies, three sub-queries): plan it once.
    { prepared: true },
  );
  return row;
}

/** The view context of a record already read (after a write, which returns the row). */
export async function viewContext(q: Queryable, row: RecordRow): Promise<ViewContext> {
  const [context] = await q.query<ViewContext>(
    `SELECT ${viewContextColumns} FROM (SELECT $1::uuid AS id, $2::text AS province_code) t`,
    [row.id, row.provinceCode],
  );
  return context!;
}

/** Records in scope with their active attachment counts, in id order, a page after `afterId`. */
export function recordsForEvaluation(
  q: Queryable,
  scopeLike: string,
  afterId: string | null,
  limit: number,
): Promise<EvaluationRow[]> {
  return q.query<EvaluationRow>(
    `SELECT ${recordColumnsWith(`CASE WHEN geom IS NULL THEN NULL ELSE 'true'::json END`)},
            ${attachmentCounts}
     FROM temporary_land t
     WHERE division_code LIKE $1 AND ($2::uuid IS NULL OR id > $2::uuid)
     ORDER BY id LIMIT $3`,
    [scopeLike, afterId, limit],
  );
}

const encode = (cast: string, value: unknown) =>
  value === null || value === undefined ? null : cast === 'jsonb' ? JSON.stringify(value) : value;

export async function insertRecord(
  q: Queryable,
  divisionCode: string,
  fields: RecordFields,
  geometry: unknown,
): Promise<RecordRow> {
  const names = (Object.keys(fields) as WritableField[]).filter((k) => k in writable);
  const cols = names.map((k) => writable[k][0]);
  const values = names.map((k) => encode(writable[k][1], fields[k]));
  const placeholders = names.map((k, i) => `$${i + 3}::${writable[k][1]}`);
  const [row] = await q.query<RecordRow>(
    `INSERT INTO temporary_land (division_code, province_code, geom${cols.map((c) => `, ${c}`).join('')})
     VALUES ($1, left($1, 2), ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON($2), 4490))${placeholders.map((p) => `, ${p}`).join('')})
     RETURNING ${columns}`,
    [divisionCode, geometry === null ? null : JSON.stringify(geometry), ...values],
  );
  return row!;
}

/** A record for insertStagedRecords: the key of its boundary in the staging table, its fields. */
export interface StagedRecord {
  key: number;
  divisionCode: string;
  fields: RecordFields;
}

/** What insertStagedRecords returns of a stored record: what the database gave it. */
export interface StagedRecordStored {
  key: number;
  id: string;
  /** The ellipsoidal area the trigger computed. */
  areaM2: number | null;
}

/**
 * Inserts many records with one INSERT … SELECT, each with the id and boundary (EPSG:4490
 * MultiPolygon) of its row in a staging table `stage` (columns `seq`, `id`, `geom`). Returns,
 * in key order, only what the caller does not know already: the id and the area. Every other
 * column is a field given here or a column default (the import builds the record the rules see
 * from those, see importedDomainRecord); sending 5,000 whole rows back and parsing them cost
 * more than the rest of the insert but its triggers.
 */
export async function insertStagedRecords(
  q: Queryable,
  stage: string,
  records: readonly StagedRecord[],
): Promise<StagedRecordStored[]> {
  const names = [
    ...new Set(records.flatMap((r) => Object.keys(r.fields) as WritableField[])),
  ].filter((k) => k in writable);
  // encode gives JSON text for jsonb; the other writable fields are text, dates, numbers, booleans.
  const text = (cast: string, value: unknown) => {
    const v = encode(cast, value);
    return v === null ? null : typeof v === 'string' ? v : JSON.stringify(v);
  };
  const arrays = names.map((k) => records.map((r) => text(writable[k][1], r.fields[k])));
  return q.query<StagedRecordStored>(
    `WITH input AS (
       SELECT * FROM unnest($1::int[], $2::text[]${names.map((_, i) => `, $${i + 3}::text[]`).join('')})
         AS t(key, division_code${names.map((_, i) => `, c${i}`).join('')})),
     stored AS (
       INSERT INTO temporary_land (id, division_code, province_code, geom${names.map((k) => `, ${writable[k][0]}`).join('')})
       SELECT s.id, i.division_code, left(i.division_code, 2), s.geom${names.map((k, i) => `, i.c${i}::${writable[k][1]}`).join('')}
       FROM input i JOIN ${stage} s ON s.seq = i.key ORDER BY i.key
       RETURNING id, area_m2)
     SELECT s.seq AS key, stored.id, stored.area_m2 AS "areaM2" FROM stored JOIN ${stage} s ON s.id = stored.id ORDER BY s.seq`,
    [records.map((r) => r.key), records.map((r) => r.divisionCode), ...arrays],
  );
}

export async function findRecord(
  q: Queryable,
  id: string,
  scopeLike: string,
): Promise<RecordRow | undefined> {
  const [row] = await q.query<RecordRow>(
    `SELECT ${columns} FROM temporary_land WHERE id = $1 AND division_code LIKE $2`,
    [id, scopeLike],
  );
  return row;
}

export interface RecordFilter {
  /** The caller's division-code prefix ('' for national): `scopePrefix` of its actor. */
  scopePrefix: string;
  state?: RecordState;
  divisionCode?: string;
  q?: string;
  limit: number;
  offset: number;
}

/** What a list shows of a record: no boundary, no JSON documents. */
export type RecordSummaryRow = Pick<
  RecordRow,
  | 'id'
  | 'systemNumber'
  | 'divisionCode'
  | 'state'
  | 'projectName'
  | 'useType'
  | 'approvalNumber'
  | 'approvalDate'
  | 'termEnd'
  | 'areaM2'
  | 'version'
  | 'updatedAt'
>;

const summaryColumns = `id, system_number AS "systemNumber", division_code AS "divisionCode", state,
  project_name AS "projectName", use_type AS "useType", approval_number AS "approvalNumber",
  approval_date AS "approvalDate", term_end AS "termEnd", area_m2 AS "areaM2", version, updated_at AS "updatedAt"`;

/**
 * A page of records in scope with the filter's total. Only the summary columns: writing each
 * boundary as GeoJSON for a list that never shows it was most of a list's cost under load.
 */
export async function listRecords(
  q: Queryable,
  filter: RecordFilter,
): Promise<{ items: RecordSummaryRow[]; total: number }> {
  // Every filter but q is leakproof (^@, =), so that under row-level security an index may
  // still answer it: a county's records by the prefix index, a page newest first by the
  // order index (migration 0027).
  const where = `division_code ^@ $1 AND ($2::text IS NULL OR state = $2) AND ($3::text IS NULL OR division_code = $3)
     AND ($4::text IS NULL OR project_name LIKE '%' || $4 || '%' OR system_number LIKE $4 || '%' OR approval_number LIKE '%' || $4 || '%')`;
  const params = [
    filter.scopePrefix,
    filter.state ?? null,
    filter.divisionCode ?? null,
    filter.q ?? null,
  ];
  const items = await q.query<RecordSummaryRow>(
    `SELECT ${summaryColumns} FROM temporary_land WHERE ${where} ORDER BY approval_date DESC NULLS LAST, id LIMIT $5 OFFSET $6`,
    [...params, filter.limit, filter.offset],
  );
  const [count] = await q.query<{ n: number }>(
    `SELECT count(*) AS n FROM temporary_land WHERE ${where}`,
    params,
  );
  return { items, total: count?.n ?? 0 };
}

/** Updates fields when the stored version is `expectedVersion`; undefined when it is not. */
export async function updateRecord(
  q: Queryable,
  id: string,
  expectedVersion: number,
  fields: RecordFields & {
    state?: RecordState;
    registeredOn?: string;
    systemNumber?: string;
    extensions?: Extension[];
    reassignedFromProject?: string;
    backfilled?: boolean;
  },
  geometry?: unknown,
): Promise<RecordRow | undefined> {
  const extra = {
    state: ['state', 'text'],
    registeredOn: ['registered_on', 'date'],
    systemNumber: ['system_number', 'text'],
    extensions: ['extensions', 'jsonb'],
    reassignedFromProject: ['reassigned_from_project', 'text'],
    backfilled: ['backfilled', 'boolean'],
  } as const;
  const all: Record<string, readonly [string, string]> = { ...writable, ...extra };
  const names = Object.keys(fields).filter((k) => k in all);
  const sets = names.map((k, i) => `${all[k]![0]} = $${i + 3}::${all[k]![1]}`);
  const values = names.map((k) => encode(all[k]![1], (fields as Record<string, unknown>)[k]));
  if (geometry !== undefined) {
    sets.push(`geom = ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON($${values.length + 3}), 4490))`);
    values.push(JSON.stringify(geometry));
  }
  if (sets.length === 0) sets.push('version = version');
  const [row] = await q.query<RecordRow>(
    `UPDATE temporary_land SET ${sets.join(', ')} WHERE id = $1 AND version = $2 RETURNING ${columns}`,
    [id, expectedVersion, ...values],
  );
  return row;
}

export async function nextSystemNumber(
  q: Queryable,
  divisionCode: string,
  year: number,
): Promise<string> {
  const [row] = await q.query<{ n: number }>(
    `INSERT INTO system_number_sequence (division_code, year, last_value) VALUES ($1, $2, 1)
     ON CONFLICT (division_code, year) DO UPDATE SET last_value = system_number_sequence.last_value + 1
     RETURNING last_value AS n`,
    [divisionCode, year],
  );
  return `${divisionCode}-${year}-${String(row!.n).padStart(5, '0')}`;
}

export interface TransitionRow {
  id: string;
  action: string;
  fromState: string;
  toState: string;
  reasonCode: string;
  note: string | null;
  occurredOn: string;
  recordedAt: Date;
  recordedBy: string;
}

export async function insertTransition(
  q: Queryable,
  t: {
    recordId: string;
    divisionCode: string;
    action: string;
    fromState: string;
    toState: string;
    reasonCode: string;
    note: string | null;
    occurredOn: string;
    recordedBy: string;
  },
): Promise<void> {
  await q.query(
    `INSERT INTO record_transition (record_id, division_code, action, from_state, to_state, reason_code, note, occurred_on, recorded_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [
      t.recordId,
      t.divisionCode,
      t.action,
      t.fromState,
      t.toState,
      t.reasonCode,
      t.note,
      t.occurredOn,
      t.recordedBy,
    ],
  );
}

export function listTransitions(
  q: Queryable,
  recordId: string,
  scopeLike: string,
): Promise<TransitionRow[]> {
  return q.query<TransitionRow>(
    `SELECT id, action, from_state AS "fromState", to_state AS "toState", reason_code AS "reasonCode", note,
            occurred_on AS "occurredOn", recorded_at AS "recordedAt", recorded_by AS "recordedBy"
     FROM record_transition WHERE record_id = $1 AND division_code LIKE $2 ORDER BY recorded_at, id`,
    [recordId, scopeLike],
  );
}
