// SQL for reclamation: obligations, extensions, progress reports and photos, ledger entries,
// acceptance rounds and land-class change events. Every query filters by the caller's scope
// (row-level security repeats it). Money is numeric in the database and a number of yuan here.
import type { Queryable } from '../platform/db/db.ts';
import type { AreaBreakdown } from '../register/domain/record.ts';
import { recordColumnsWith, type RecordRow } from '../register/register.store.ts';
import type { IndicatorValue } from '../restoration/domain/criteria-check.ts';
import type { PanelMember } from './domain/acceptance.ts';
import type { LedgerKind } from './domain/ledger.ts';

export type ObligationStatus = 'open' | 'accepted' | 'converted';

export interface ObligationRow {
  id: string;
  divisionCode: string;
  recordId: string;
  systemNumber: string | null;
  projectName: string;
  recordState: string;
  planNumber: string | null;
  targets: AreaBreakdown;
  estimatedCostYuan: number;
  measures: string | null;
  obligor: string;
  status: ObligationStatus;
  settledOn: string | null;
  heldYuan: number;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

const obligationColumns = `o.id, o.division_code AS "divisionCode", o.record_id AS "recordId",
  t.system_number AS "systemNumber", t.project_name AS "projectName", t.state AS "recordState",
  o.plan_number AS "planNumber", o.targets, o.estimated_cost_yuan::float8 AS "estimatedCostYuan",
  o.measures, o.obligor, o.status, o.settled_on::text AS "settledOn",
  coalesce((SELECT l.balance_yuan::float8 FROM reclamation_ledger_entry l
            WHERE l.obligation_id = o.id ORDER BY l.seq DESC LIMIT 1), 0) AS "heldYuan",
  o.version, o.created_at AS "createdAt", o.updated_at AS "updatedAt"`;

export async function insertObligation(
  q: Queryable,
  o: {
    divisionCode: string;
    recordId: string;
    planNumber: string | null;
    targets: AreaBreakdown;
    estimatedCostYuan: number;
    measures: string | null;
    obligor: string;
  },
): Promise<string> {
  const [row] = await q.query<{ id: string }>(
    `INSERT INTO reclamation_obligation (province_code, division_code, record_id, plan_number, targets,
       estimated_cost_yuan, measures, obligor)
     VALUES (left($1, 2), $1, $2, $3, $4::jsonb, $5, $6, $7) RETURNING id`,
    [
      o.divisionCode,
      o.recordId,
      o.planNumber,
      JSON.stringify(o.targets),
      o.estimatedCostYuan,
      o.measures,
      o.obligor,
    ],
  );
  return row!.id;
}

/** One obligation in scope; `landUser` (an enterprise's organization) narrows it to its records. */
export async function findObligation(
  q: Queryable,
  id: string,
  scopeLike: string,
  landUser: string | null = null,
): Promise<ObligationRow | undefined> {
  const [row] = await q.query<ObligationRow>(
    `SELECT ${obligationColumns} FROM reclamation_obligation o JOIN temporary_land t ON t.id = o.record_id
     WHERE o.id = $1 AND o.division_code LIKE $2 AND ($3::text IS NULL OR t.land_user = $3)`,
    [id, scopeLike, landUser],
  );
  return row;
}

export async function obligationOfRecord(
  q: Queryable,
  recordId: string,
): Promise<{ id: string } | undefined> {
  const [row] = await q.query<{ id: string }>(
    `SELECT id FROM reclamation_obligation WHERE record_id = $1`,
    [recordId],
  );
  return row;
}

export interface ObligationFilter {
  scopeLike: string;
  status?: ObligationStatus;
  divisionCode?: string;
  recordId?: string;
  /** An enterprise's organization: only the obligations of records it uses. */
  landUser?: string | null;
}

/** Every obligation in scope matching the filter, newest first (deadlines are judged in code). */
export function listObligations(q: Queryable, f: ObligationFilter): Promise<ObligationRow[]> {
  return q.query<ObligationRow>(
    `SELECT ${obligationColumns} FROM reclamation_obligation o JOIN temporary_land t ON t.id = o.record_id
     WHERE o.division_code LIKE $1 AND ($2::text IS NULL OR o.status = $2)
       AND ($3::text IS NULL OR o.division_code LIKE reclaim_division_prefix($3) || '%')
       AND ($4::uuid IS NULL OR o.record_id = $4)
       AND ($5::text IS NULL OR t.land_user = $5)
     ORDER BY o.created_at DESC, o.id`,
    [f.scopeLike, f.status ?? null, f.divisionCode ?? null, f.recordId ?? null, f.landUser ?? null],
  );
}

export async function updateObligation(
  q: Queryable,
  id: string,
  version: number,
  change: {
    planNumber?: string | null;
    targets?: AreaBreakdown;
    estimatedCostYuan?: number;
    measures?: string | null;
    obligor?: string;
    status?: ObligationStatus;
    settledOn?: string;
  },
): Promise<boolean> {
  const columns: Record<string, string> = {
    planNumber: 'plan_number',
    targets: 'targets',
    estimatedCostYuan: 'estimated_cost_yuan',
    measures: 'measures',
    obligor: 'obligor',
    status: 'status',
    settledOn: 'settled_on',
  };
  const keys = Object.keys(change).filter((k) => k in columns);
  const sets = keys.map((k, i) => `${columns[k]} = $${i + 3}${k === 'targets' ? '::jsonb' : ''}`);
  const values = keys.map((k) => {
    const v = (change as Record<string, unknown>)[k];
    return k === 'targets' ? JSON.stringify(v) : v;
  });
  if (sets.length === 0) sets.push('version = version');
  const rows = await q.query(
    `UPDATE reclamation_obligation SET ${sets.join(', ')} WHERE id = $1 AND version = $2 RETURNING id`,
    [id, version, ...values],
  );
  return rows.length === 1;
}

/** The records of obligations, without their boundaries (for the rules: dates, breakdowns). */
export function recordsByIds(q: Queryable, ids: readonly string[]): Promise<RecordRow[]> {
  return q.query<RecordRow>(
    `SELECT ${recordColumnsWith('NULL::json')} FROM temporary_land WHERE id = ANY ($1::uuid[])`,
    [ids],
  );
}

// Extensions (TL-RECL-03)

export interface ExtensionRow {
  id: string;
  cause: 'climate' | 'disaster';
  appliedOn: string;
  approvedOn: string;
  previousDeadline: string;
  newDeadline: string;
  approvalNumber: string | null;
  statement: string;
  recordedBy: string;
  createdAt: Date;
}

export async function insertExtension(
  q: Queryable,
  e: Omit<ExtensionRow, 'id' | 'createdAt'> & { obligationId: string; divisionCode: string },
): Promise<void> {
  await q.query(
    `INSERT INTO reclamation_extension (province_code, division_code, obligation_id, cause, applied_on,
       approved_on, previous_deadline, new_deadline, approval_number, statement, recorded_by)
     VALUES (left($1, 2), $1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [
      e.divisionCode,
      e.obligationId,
      e.cause,
      e.appliedOn,
      e.approvedOn,
      e.previousDeadline,
      e.newDeadline,
      e.approvalNumber,
      e.statement,
      e.recordedBy,
    ],
  );
}

export function listExtensions(q: Queryable, obligationId: string): Promise<ExtensionRow[]> {
  return q.query<ExtensionRow>(
    `SELECT id, cause, applied_on::text AS "appliedOn", approved_on::text AS "approvedOn",
            previous_deadline::text AS "previousDeadline", new_deadline::text AS "newDeadline",
            approval_number AS "approvalNumber", statement, recorded_by AS "recordedBy", created_at AS "createdAt"
     FROM reclamation_extension WHERE obligation_id = $1 ORDER BY created_at`,
    [obligationId],
  );
}

// Progress reports and photos

export interface PhotoRow {
  id: string;
  reportId: string;
  fileName: string;
  contentType: string;
  sha256: string;
  sizeBytes: number;
}

export interface ReportRow {
  id: string;
  reportedOn: string;
  percentComplete: number;
  summary: string;
  recordedBy: string;
  createdAt: Date;
  photos: PhotoRow[];
}

export async function insertReport(
  q: Queryable,
  r: {
    obligationId: string;
    divisionCode: string;
    reportedOn: string;
    percentComplete: number;
    summary: string;
    recordedBy: string;
  },
): Promise<string> {
  const [row] = await q.query<{ id: string }>(
    `INSERT INTO reclamation_report (province_code, division_code, obligation_id, reported_on, percent_complete, summary, recorded_by)
     VALUES (left($1, 2), $1, $2, $3, $4, $5, $6) RETURNING id`,
    [r.divisionCode, r.obligationId, r.reportedOn, r.percentComplete, r.summary, r.recordedBy],
  );
  return row!.id;
}

export async function insertPhoto(
  q: Queryable,
  p: Omit<PhotoRow, 'id'> & { divisionCode: string },
): Promise<void> {
  await q.query(
    `INSERT INTO reclamation_photo (province_code, division_code, report_id, file_name, content_type, sha256, size_bytes)
     VALUES (left($1, 2), $1, $2, $3, $4, $5, $6)`,
    [p.divisionCode, p.reportId, p.fileName, p.contentType, p.sha256, p.sizeBytes],
  );
}

const photoColumns = `p.id, p.report_id AS "reportId", p.file_name AS "fileName", p.content_type AS "contentType",
  p.sha256, p.size_bytes AS "sizeBytes"`;

export function listReports(q: Queryable, obligationId: string): Promise<ReportRow[]> {
  return q.query<ReportRow>(
    `SELECT r.id, r.reported_on::text AS "reportedOn", r.percent_complete AS "percentComplete", r.summary,
            r.recorded_by AS "recordedBy", r.created_at AS "createdAt",
            coalesce((SELECT json_agg(json_build_object('id', p.id, 'reportId', p.report_id, 'fileName', p.file_name,
                        'contentType', p.content_type, 'sha256', p.sha256, 'sizeBytes', p.size_bytes) ORDER BY p.created_at)
                      FROM reclamation_photo p WHERE p.report_id = r.id), '[]'::json) AS photos
     FROM reclamation_report r WHERE r.obligation_id = $1 ORDER BY r.reported_on, r.created_at`,
    [obligationId],
  );
}

export async function findPhoto(
  q: Queryable,
  id: string,
  scopeLike: string,
  landUser: string | null = null,
): Promise<PhotoRow | undefined> {
  const [row] = await q.query<PhotoRow>(
    `SELECT ${photoColumns} FROM reclamation_photo p WHERE p.id = $1 AND p.division_code LIKE $2
       AND ($3::text IS NULL OR EXISTS (
         SELECT 1 FROM reclamation_report r
           JOIN reclamation_obligation o ON o.id = r.obligation_id
           JOIN temporary_land t ON t.id = o.record_id
         WHERE r.id = p.report_id AND t.land_user = $3))`,
    [id, scopeLike, landUser],
  );
  return row;
}

// The ledger (TL-RECL-06)

export interface LedgerEntryRow {
  id: string;
  seq: number;
  kind: LedgerKind;
  amountYuan: number;
  balanceYuan: number;
  account: string | null;
  bank: string | null;
  guaranteeNumber: string | null;
  guaranteeExpiresOn: string | null;
  occurredOn: string;
  basis: Record<string, unknown> | null;
  note: string | null;
  recordedBy: string;
  createdAt: Date;
}

export function listLedger(q: Queryable, obligationId: string): Promise<LedgerEntryRow[]> {
  return q.query<LedgerEntryRow>(
    `SELECT id, seq, kind, amount_yuan::float8 AS "amountYuan", balance_yuan::float8 AS "balanceYuan", account, bank,
            guarantee_number AS "guaranteeNumber", guarantee_expires_on::text AS "guaranteeExpiresOn",
            occurred_on::text AS "occurredOn", basis, note, recorded_by AS "recordedBy", created_at AS "createdAt"
     FROM reclamation_ledger_entry WHERE obligation_id = $1 ORDER BY seq`,
    [obligationId],
  );
}

export async function insertLedgerEntry(
  q: Queryable,
  e: Omit<LedgerEntryRow, 'id' | 'createdAt'> & { obligationId: string; divisionCode: string },
): Promise<void> {
  await q.query(
    `INSERT INTO reclamation_ledger_entry (province_code, division_code, obligation_id, seq, kind, amount_yuan,
       balance_yuan, account, bank, guarantee_number, guarantee_expires_on, occurred_on, basis, note, recorded_by)
     VALUES (left($1, 2), $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12::jsonb, $13, $14)`,
    [
      e.divisionCode,
      e.obligationId,
      e.seq,
      e.kind,
      e.amountYuan,
      e.balanceYuan,
      e.account,
      e.bank,
      e.guaranteeNumber,
      e.guaranteeExpiresOn,
      e.occurredOn,
      e.basis === null ? null : JSON.stringify(e.basis),
      e.note,
      e.recordedBy,
    ],
  );
}

// Acceptance rounds (TL-RECL-05)

export type AcceptanceStatus = 'applied' | 'passed' | 'failed';

export interface AcceptanceRow {
  id: string;
  divisionCode: string;
  obligationId: string;
  recordId: string;
  projectName: string;
  round: number;
  applicant: string;
  filedBy: 'land_user' | 'clerk_on_behalf';
  appliedOn: string;
  dueOn: string;
  dueProvisional: boolean;
  statement: string | null;
  panel: PanelMember[];
  status: AcceptanceStatus;
  decidedOn: string | null;
  decidedBy: string | null;
  confirmationNumber: string | null;
  confirmationDate: string | null;
  reclaimed: AreaBreakdown | null;
  rectificationItems: string[] | null;
  rectificationDueOn: string | null;
  noticeId: string | null;
  verdictNote: string | null;
  /** The reclamation region whose acceptance criteria apply, as the application states it. */
  criteriaRegion: string | null;
  /** Indicators measured on the land, checked against those criteria. */
  measured: IndicatorValue[];
  /** The obligation's plan: which reclamation directions the criteria are looked up for. */
  targets: AreaBreakdown;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

const acceptanceColumns = `a.id, a.division_code AS "divisionCode", a.obligation_id AS "obligationId",
  o.record_id AS "recordId", t.project_name AS "projectName", a.round, a.applicant, a.filed_by AS "filedBy",
  a.applied_on::text AS "appliedOn", a.due_on::text AS "dueOn", a.due_provisional AS "dueProvisional", a.statement,
  a.panel, a.status, a.decided_on::text AS "decidedOn", a.decided_by AS "decidedBy",
  a.confirmation_number AS "confirmationNumber", a.confirmation_date::text AS "confirmationDate", a.reclaimed,
  a.rectification_items AS "rectificationItems", a.rectification_due_on::text AS "rectificationDueOn",
  a.notice_id AS "noticeId", a.verdict_note AS "verdictNote", a.criteria_region AS "criteriaRegion",
  a.measured, o.targets, a.version, a.created_at AS "createdAt",
  a.updated_at AS "updatedAt"`;
const acceptanceFrom = `reclamation_acceptance a JOIN reclamation_obligation o ON o.id = a.obligation_id
  JOIN temporary_land t ON t.id = o.record_id`;

export async function insertAcceptance(
  q: Queryable,
  a: Pick<
    AcceptanceRow,
    | 'divisionCode'
    | 'obligationId'
    | 'round'
    | 'applicant'
    | 'filedBy'
    | 'appliedOn'
    | 'dueOn'
    | 'dueProvisional'
    | 'statement'
    | 'criteriaRegion'
    | 'measured'
  >,
): Promise<string> {
  const [row] = await q.query<{ id: string }>(
    `INSERT INTO reclamation_acceptance (province_code, division_code, obligation_id, round, applicant, filed_by,
       applied_on, due_on, due_provisional, statement, criteria_region, measured)
     VALUES (left($1, 2), $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::jsonb) RETURNING id`,
    [
      a.divisionCode,
      a.obligationId,
      a.round,
      a.applicant,
      a.filedBy,
      a.appliedOn,
      a.dueOn,
      a.dueProvisional,
      a.statement,
      a.criteriaRegion,
      JSON.stringify(a.measured),
    ],
  );
  return row!.id;
}

export async function findAcceptance(
  q: Queryable,
  id: string,
  scopeLike: string,
): Promise<AcceptanceRow | undefined> {
  const [row] = await q.query<AcceptanceRow>(
    `SELECT ${acceptanceColumns} FROM ${acceptanceFrom} WHERE a.id = $1 AND a.division_code LIKE $2`,
    [id, scopeLike],
  );
  return row;
}

export function acceptancesOf(q: Queryable, obligationId: string): Promise<AcceptanceRow[]> {
  return q.query<AcceptanceRow>(
    `SELECT ${acceptanceColumns} FROM ${acceptanceFrom} WHERE a.obligation_id = $1 ORDER BY a.round`,
    [obligationId],
  );
}

export function listAcceptances(
  q: Queryable,
  f: { scopeLike: string; status?: AcceptanceStatus },
): Promise<AcceptanceRow[]> {
  return q.query<AcceptanceRow>(
    `SELECT ${acceptanceColumns} FROM ${acceptanceFrom}
     WHERE a.division_code LIKE $1 AND ($2::text IS NULL OR a.status = $2) ORDER BY a.due_on, a.id`,
    [f.scopeLike, f.status ?? null],
  );
}

export async function updateAcceptance(
  q: Queryable,
  id: string,
  version: number,
  change: Partial<
    Pick<
      AcceptanceRow,
      | 'panel'
      | 'status'
      | 'decidedOn'
      | 'decidedBy'
      | 'confirmationNumber'
      | 'confirmationDate'
      | 'reclaimed'
      | 'rectificationItems'
      | 'rectificationDueOn'
      | 'noticeId'
      | 'verdictNote'
    >
  >,
): Promise<boolean> {
  const columns: Record<string, [string, string]> = {
    panel: ['panel', 'jsonb'],
    status: ['status', 'text'],
    decidedOn: ['decided_on', 'date'],
    decidedBy: ['decided_by', 'text'],
    confirmationNumber: ['confirmation_number', 'text'],
    confirmationDate: ['confirmation_date', 'date'],
    reclaimed: ['reclaimed', 'jsonb'],
    rectificationItems: ['rectification_items', 'jsonb'],
    rectificationDueOn: ['rectification_due_on', 'date'],
    noticeId: ['notice_id', 'uuid'],
    verdictNote: ['verdict_note', 'text'],
  };
  const keys = Object.keys(change).filter((k) => k in columns);
  const sets = keys.map((k, i) => `${columns[k]![0]} = $${i + 3}::${columns[k]![1]}`);
  const values = keys.map((k) => {
    const v = (change as Record<string, unknown>)[k];
    return columns[k]![1] === 'jsonb' && v !== null ? JSON.stringify(v) : v;
  });
  const rows = await q.query(
    `UPDATE reclamation_acceptance SET ${sets.join(', ')} WHERE id = $1 AND version = $2 RETURNING id`,
    [id, version, ...values],
  );
  return rows.length === 1;
}

// Land-class change events (TL-RECL-05, for the land-change survey)

export interface LandClassChangeRow {
  id: string;
  divisionCode: string;
  recordId: string;
  systemNumber: string | null;
  projectName: string;
  obligationId: string;
  acceptanceId: string;
  occurredOn: string;
  beforeM2: AreaBreakdown;
  afterM2: AreaBreakdown;
  beforeSource: 'overlay' | 'declared' | 'none';
  createdAt: Date;
}

export async function insertLandClassChange(
  q: Queryable,
  e: Omit<LandClassChangeRow, 'id' | 'createdAt' | 'systemNumber' | 'projectName'>,
): Promise<string> {
  const [row] = await q.query<{ id: string }>(
    `INSERT INTO land_class_change_event (province_code, division_code, record_id, obligation_id, acceptance_id,
       occurred_on, before_m2, after_m2, before_source)
     VALUES (left($1, 2), $1, $2, $3, $4, $5, $6::jsonb, $7::jsonb, $8) RETURNING id`,
    [
      e.divisionCode,
      e.recordId,
      e.obligationId,
      e.acceptanceId,
      e.occurredOn,
      JSON.stringify(e.beforeM2),
      JSON.stringify(e.afterM2),
      e.beforeSource,
    ],
  );
  return row!.id;
}

/**
 * Where a record's notice points on the map: a point on the record's land (inside it even when
 * the parcel is not convex), [lng, lat] in EPSG:4490 to six decimals, as the notice board's
 * other notices carry their place; null for a record without a boundary.
 */
export async function recordPlace(
  q: Queryable,
  recordId: string,
): Promise<{ type: 'Point'; coordinates: [number, number] } | null> {
  const [row] = await q.query<{ place: { type: 'Point'; coordinates: [number, number] } | null }>(
    `SELECT CASE WHEN geom IS NULL THEN NULL
                 ELSE ST_AsGeoJSON(ST_PointOnSurface(geom), 6, 0)::json END AS place
     FROM temporary_land WHERE id = $1`,
    [recordId],
  );
  return row?.place ?? null;
}

export function listLandClassChanges(
  q: Queryable,
  f: { scopeLike: string; recordId?: string; limit: number; offset: number },
): Promise<(LandClassChangeRow & { total: number })[]> {
  return q.query(
    `SELECT e.id, e.division_code AS "divisionCode", e.record_id AS "recordId", t.system_number AS "systemNumber",
            t.project_name AS "projectName", e.obligation_id AS "obligationId", e.acceptance_id AS "acceptanceId",
            e.occurred_on::text AS "occurredOn", e.before_m2 AS "beforeM2", e.after_m2 AS "afterM2",
            e.before_source AS "beforeSource", e.created_at AS "createdAt", count(*) OVER ()::int AS total
     FROM land_class_change_event e JOIN temporary_land t ON t.id = e.record_id
     WHERE e.division_code LIKE $1 AND ($2::uuid IS NULL OR e.record_id = $2::uuid)
     ORDER BY e.occurred_on DESC, e.id LIMIT $3 OFFSET $4`,
    [f.scopeLike, f.recordId ?? null, f.limit, f.offset],
  );
}

// Dashboard sums per division

export function ledgerSumsByDivision(
  q: Queryable,
  scopeLike: string,
): Promise<{ divisionCode: string; kind: LedgerKind; yuan: number }[]> {
  return q.query(
    `SELECT division_code AS "divisionCode", kind, sum(amount_yuan)::float8 AS yuan
     FROM reclamation_ledger_entry WHERE division_code LIKE $1 GROUP BY division_code, kind`,
    [scopeLike],
  );
}

export function reclaimedByDivision(
  q: Queryable,
  scopeLike: string,
): Promise<({ divisionCode: string; events: number } & AreaBreakdown)[]> {
  return q.query(
    `SELECT division_code AS "divisionCode", count(*)::int AS events,
            sum((after_m2 ->> 'cultivatedM2')::float8) AS "cultivatedM2",
            sum((after_m2 ->> 'farmlandM2')::float8) AS "farmlandM2",
            sum((after_m2 ->> 'forestM2')::float8) AS "forestM2",
            sum((after_m2 ->> 'otherAgriculturalM2')::float8) AS "otherAgriculturalM2",
            sum((after_m2 ->> 'constructionM2')::float8) AS "constructionM2",
            sum((after_m2 ->> 'unusedM2')::float8) AS "unusedM2"
     FROM land_class_change_event WHERE division_code LIKE $1 GROUP BY division_code ORDER BY division_code`,
    [scopeLike],
  );
}
