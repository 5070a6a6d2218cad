// SQL for notices: create, edit a draft, publish with its window, close, withdraw, read one
// and list in scope. Objection counts come from notice_objection under the caller's RLS (the
// public sees none). Updates use optimistic locking on `version`.
import type { Queryable } from '../platform/db/db.ts';
import type { NoticeState } from './domain/notice-lifecycle.ts';
import type { PeriodUnit } from './domain/notice-kinds.ts';

export const subjectTypes = [
  'temporary_land',
  'reclamation_acceptance',
  'reclamation_plan',
  'restoration_project',
  'approval',
  'other',
] as const;
export type SubjectType = (typeof subjectTypes)[number];

export interface NoticeRow {
  id: string;
  divisionCode: string;
  divisionName: string;
  kindCode: string;
  subjectType: SubjectType | null;
  subjectId: string | null;
  titleZh: string;
  titleEn: string | null;
  bodyZh: string;
  bodyEn: string | null;
  /** GeoJSON, [lng, lat] in EPSG:4490. */
  place: Record<string, unknown> | null;
  state: NoticeState;
  kindBasis: Record<string, unknown> | null;
  publishedAt: Date | null;
  publishedOn: string | null;
  windowLength: number | null;
  windowUnit: PeriodUnit | null;
  windowEndsOn: string | null;
  windowProvisional: boolean;
  answerLength: number | null;
  answerUnit: PeriodUnit | null;
  closedAt: Date | null;
  withdrawnAt: Date | null;
  withdrawnReason: string | null;
  createdBy: string;
  objectionsTotal: number;
  objectionsAwaiting: number;
  objectionsOverdue: number;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

/** $1 in every query using it is the date objections are judged overdue on. */
const columns = `n.id, n.division_code AS "divisionCode", d.name AS "divisionName", n.kind_code AS "kindCode",
  n.subject_type AS "subjectType", n.subject_id AS "subjectId", n.title_zh AS "titleZh", n.title_en AS "titleEn",
  n.body_zh AS "bodyZh", n.body_en AS "bodyEn", ST_AsGeoJSON(n.place, 8, 0)::json AS place, n.state,
  n.kind_basis AS "kindBasis", n.published_at AS "publishedAt", n.published_on AS "publishedOn",
  n.window_length AS "windowLength", n.window_unit AS "windowUnit", n.window_ends_on AS "windowEndsOn",
  n.window_provisional AS "windowProvisional", n.answer_length AS "answerLength", n.answer_unit AS "answerUnit",
  n.closed_at AS "closedAt", n.withdrawn_at AS "withdrawnAt", n.withdrawn_reason AS "withdrawnReason",
  n.created_by AS "createdBy", coalesce(o.total, 0)::int AS "objectionsTotal",
  coalesce(o.awaiting, 0)::int AS "objectionsAwaiting", coalesce(o.overdue, 0)::int AS "objectionsOverdue",
  n.version, n.created_at AS "createdAt", n.updated_at AS "updatedAt"`;
const from = `notice n JOIN division d ON d.code = n.division_code
  LEFT JOIN LATERAL (
    SELECT count(*) AS total, count(*) FILTER (WHERE x.status IN ('received', 'assigned')) AS awaiting,
           count(*) FILTER (WHERE x.status IN ('received', 'assigned') AND x.answer_due_on < $1::date) AS overdue
    FROM notice_objection x WHERE x.notice_id = n.id) o ON true`;

export interface NoticeFields {
  kindCode: string;
  subjectType: SubjectType | null;
  subjectId: string | null;
  titleZh: string;
  titleEn: string | null;
  bodyZh: string;
  bodyEn: string | null;
  /** GeoJSON in EPSG:4490, already checked. */
  place: unknown;
}

/** The editable fields as eight consecutive query parameters, in column order. */
const fieldParams = (n: NoticeFields) => [
  n.kindCode,
  n.subjectType,
  n.subjectId,
  n.titleZh,
  n.titleEn,
  n.bodyZh,
  n.bodyEn,
  n.place === null ? null : JSON.stringify(n.place),
];

export async function insertNotice(
  q: Queryable,
  n: NoticeFields & { divisionCode: string; createdBy: string },
): Promise<string> {
  const [row] = await q.query<{ id: string }>(
    `INSERT INTO notice (province_code, division_code, kind_code, subject_type, subject_id, title_zh, title_en,
                         body_zh, body_en, place, created_by)
     VALUES (left($1, 2), $1, $2, $3, $4, $5, $6, $7, $8,
             CASE WHEN $9::text IS NULL THEN NULL ELSE ST_SetSRID(ST_GeomFromGeoJSON($9::text), 4490) END, $10)
     RETURNING id`,
    [n.divisionCode, ...fieldParams(n), n.createdBy],
  );
  return row!.id;
}

export async function findNotice(
  q: Queryable,
  id: string,
  scopeLike: string,
  today: string,
): Promise<NoticeRow | undefined> {
  const [row] = await q.query<NoticeRow>(
    `SELECT ${columns} FROM ${from} WHERE n.id = $2 AND n.division_code LIKE $3`,
    [today, id, scopeLike],
  );
  return row;
}

export interface NoticeFilter {
  scopeLike: string;
  /** The date objections are judged overdue on, and `open` is judged on. */
  today: string;
  state?: NoticeState;
  kindCode?: string;
  divisionCode?: string;
  subjectType?: SubjectType;
  subjectId?: string;
  /**
   * True: only published notices whose window is open today; false: only the others (ended,
   * not yet begun, closed, drafts); absent: both.
   */
  open?: boolean;
  /** Only notices whose place meets this box: [minLng, minLat, maxLng, maxLat], EPSG:4490. */
  bbox?: [number, number, number, number];
  limit: number;
  offset: number;
}

export async function listNotices(
  q: Queryable,
  filter: NoticeFilter,
): Promise<{ items: NoticeRow[]; total: number }> {
  const where = `n.division_code LIKE $2 AND ($3::text IS NULL OR n.state = $3)
    AND ($4::text IS NULL OR n.kind_code = $4)
    AND ($5::text IS NULL OR n.division_code LIKE reclaim_division_prefix($5) || '%')
    AND ($6::text IS NULL OR n.subject_type = $6) AND ($7::uuid IS NULL OR n.subject_id = $7::uuid)
    AND ($8::boolean IS NULL
         OR coalesce(n.state = 'published' AND n.published_on <= $1::date AND n.window_ends_on >= $1::date, false) = $8)
    AND ($9::float8 IS NULL OR ST_Intersects(n.place, ST_MakeEnvelope($9, $10, $11, $12, 4490)))`;
  const params = [
    filter.today,
    filter.scopeLike,
    filter.state ?? null,
    filter.kindCode ?? null,
    filter.divisionCode ?? null,
    filter.subjectType ?? null,
    filter.subjectId ?? null,
    filter.open ?? null,
    ...(filter.bbox ?? [null, null, null, null]),
  ];
  const items = await q.query<NoticeRow>(
    `SELECT ${columns} FROM ${from} WHERE ${where}
     ORDER BY n.published_at DESC NULLS FIRST, n.created_at DESC, n.id LIMIT $13 OFFSET $14`,
    [...params, filter.limit, filter.offset],
  );
  const [count] = await q.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM notice n WHERE ${where}`,
    params,
  );
  return { items, total: count?.n ?? 0 };
}

/** Changes a draft's text, kind, subject or place; false when the version moved on. */
export async function updateDraft(
  q: Queryable,
  id: string,
  version: number,
  n: NoticeFields,
): Promise<boolean> {
  const rows = await q.query(
    `UPDATE notice SET kind_code = $3, subject_type = $4, subject_id = $5, title_zh = $6, title_en = $7,
       body_zh = $8, body_en = $9,
       place = CASE WHEN $10::text IS NULL THEN NULL ELSE ST_SetSRID(ST_GeomFromGeoJSON($10::text), 4490) END
     WHERE id = $1 AND version = $2 AND state = 'draft' RETURNING id`,
    [id, version, ...fieldParams(n)],
  );
  return rows.length === 1;
}

export interface Publication {
  publishedAt: Date;
  publishedOn: string;
  windowLength: number;
  windowUnit: PeriodUnit;
  windowEndsOn: string;
  windowProvisional: boolean;
  answerLength: number;
  answerUnit: PeriodUnit;
  kindBasis: Record<string, unknown>;
}

export async function publishNotice(
  q: Queryable,
  id: string,
  version: number,
  p: Publication,
): Promise<boolean> {
  const rows = await q.query(
    `UPDATE notice SET state = 'published', published_at = $3, published_on = $4, window_length = $5,
       window_unit = $6, window_ends_on = $7, window_provisional = $8, answer_length = $9, answer_unit = $10,
       kind_basis = $11
     WHERE id = $1 AND version = $2 AND state = 'draft' RETURNING id`,
    [
      id,
      version,
      p.publishedAt,
      p.publishedOn,
      p.windowLength,
      p.windowUnit,
      p.windowEndsOn,
      p.windowProvisional,
      p.answerLength,
      p.answerUnit,
      JSON.stringify(p.kindBasis),
    ],
  );
  return rows.length === 1;
}

export async function closeNotice(
  q: Queryable,
  id: string,
  version: number,
  at: Date,
): Promise<boolean> {
  const rows = await q.query(
    `UPDATE notice SET state = 'closed', closed_at = $3
     WHERE id = $1 AND version = $2 AND state = 'published' RETURNING id`,
    [id, version, at],
  );
  return rows.length === 1;
}

export async function withdrawNotice(
  q: Queryable,
  id: string,
  version: number,
  at: Date,
  reason: string,
): Promise<boolean> {
  const rows = await q.query(
    `UPDATE notice SET state = 'withdrawn', withdrawn_at = $3, withdrawn_reason = $4
     WHERE id = $1 AND version = $2 AND state IN ('draft', 'published') RETURNING id`,
    [id, version, at, reason],
  );
  return rows.length === 1;
}
