// SQL for objections: filed by the public (no RETURNING: the public may not read objections
// back), read and listed by officials in scope, moved with optimistic locking, and looked up
// by receipt through reclaim_objection_by_receipt (status and answer only).
import type { Queryable } from '../platform/db/db.ts';
import type { ObjectionStatus } from './domain/notice-lifecycle.ts';
import type { PeriodUnit } from './domain/notice-kinds.ts';

export interface ObjectionRow {
  id: string;
  noticeId: string;
  noticeTitleZh: string;
  divisionCode: string;
  receiptHint: string;
  body: string;
  contact: string | null;
  receivedAt: Date;
  receivedOn: string;
  answerDueOn: string;
  answerUnit: PeriodUnit;
  status: ObjectionStatus;
  assigneeId: string | null;
  assigneeName: string | null;
  answer: string | null;
  answeredAt: Date | null;
  answeredOn: string | null;
  answeredBy: string | null;
  statusNote: string | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

const columns = `o.id, o.notice_id AS "noticeId", n.title_zh AS "noticeTitleZh", o.division_code AS "divisionCode",
  o.receipt_hint AS "receiptHint", o.body, o.contact, o.received_at AS "receivedAt", o.received_on AS "receivedOn",
  o.answer_due_on AS "answerDueOn", n.answer_unit AS "answerUnit", o.status, o.assignee_id AS "assigneeId",
  u.display_name AS "assigneeName", o.answer, o.answered_at AS "answeredAt", o.answered_on AS "answeredOn",
  o.answered_by AS "answeredBy", o.status_note AS "statusNote", o.version, o.created_at AS "createdAt",
  o.updated_at AS "updatedAt"`;
const from = `notice_objection o JOIN notice n ON n.id = o.notice_id LEFT JOIN app_user u ON u.id = o.assignee_id`;

export interface NewObjection {
  id: string;
  noticeId: string;
  divisionCode: string;
  receiptSha256: string;
  receiptHint: string;
  body: string;
  contact: string | null;
  receivedAt: Date;
  receivedOn: string;
  answerDueOn: string;
}

export async function insertObjection(q: Queryable, o: NewObjection): Promise<void> {
  await q.query(
    `INSERT INTO notice_objection (id, notice_id, province_code, division_code, receipt_sha256, receipt_hint,
                                   body, contact, received_at, received_on, answer_due_on)
     VALUES ($1, $2, left($3, 2), $3, $4, $5, $6, $7, $8, $9, $10)`,
    [
      o.id,
      o.noticeId,
      o.divisionCode,
      o.receiptSha256,
      o.receiptHint,
      o.body,
      o.contact,
      o.receivedAt,
      o.receivedOn,
      o.answerDueOn,
    ],
  );
}

export async function findObjection(
  q: Queryable,
  id: string,
  scopeLike: string,
): Promise<ObjectionRow | undefined> {
  const [row] = await q.query<ObjectionRow>(
    `SELECT ${columns} FROM ${from} WHERE o.id = $1 AND o.division_code LIKE $2`,
    [id, scopeLike],
  );
  return row;
}

export interface ObjectionFilter {
  scopeLike: string;
  noticeId?: string;
  status?: ObjectionStatus;
  /** Only objections still waiting for their answer after the deadline, as of `today`. */
  overdue?: boolean;
  today: string;
  limit: number;
  offset: number;
}

export async function listObjections(
  q: Queryable,
  filter: ObjectionFilter,
): Promise<{ items: ObjectionRow[]; total: number }> {
  const where = `o.division_code LIKE $1 AND ($2::uuid IS NULL OR o.notice_id = $2::uuid)
    AND ($3::text IS NULL OR o.status = $3)
    AND (NOT $4::boolean OR (o.status IN ('received', 'assigned') AND o.answer_due_on < $5::date))`;
  const params = [
    filter.scopeLike,
    filter.noticeId ?? null,
    filter.status ?? null,
    filter.overdue ?? false,
    filter.today,
  ];
  const items = await q.query<ObjectionRow>(
    `SELECT ${columns} FROM ${from} WHERE ${where} ORDER BY o.answer_due_on, o.received_at, o.id LIMIT $6 OFFSET $7`,
    [...params, filter.limit, filter.offset],
  );
  const [count] = await q.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM notice_objection o WHERE ${where}`,
    params,
  );
  return { items, total: count?.n ?? 0 };
}

export interface ObjectionMove {
  status: ObjectionStatus;
  assigneeId: string | null;
  answer: string | null;
  answeredAt: Date | null;
  answeredOn: string | null;
  answeredBy: string | null;
  statusNote: string | null;
}

export async function moveObjection(
  q: Queryable,
  id: string,
  version: number,
  m: ObjectionMove,
): Promise<boolean> {
  const rows = await q.query(
    `UPDATE notice_objection SET status = $3, assignee_id = $4, answer = $5, answered_at = $6, answered_on = $7,
       answered_by = $8, status_note = $9
     WHERE id = $1 AND version = $2 RETURNING id`,
    [
      id,
      version,
      m.status,
      m.assigneeId,
      m.answer,
      m.answeredAt,
      m.answeredOn,
      m.answeredBy,
      m.statusNote,
    ],
  );
  return rows.length === 1;
}

export interface ReceiptAnswer {
  noticeId: string;
  noticeTitleZh: string;
  noticeTitleEn: string | null;
  receivedOn: string;
  answerDueOn: string;
  status: ObjectionStatus;
  answer: string | null;
  answeredOn: string | null;
}

export async function objectionByReceipt(
  q: Queryable,
  receiptSha256: string,
): Promise<ReceiptAnswer | undefined> {
  const [row] = await q.query<ReceiptAnswer>(
    `SELECT notice_id AS "noticeId", notice_title_zh AS "noticeTitleZh", notice_title_en AS "noticeTitleEn",
            received_on AS "receivedOn", answer_due_on AS "answerDueOn", status, answer, answered_on AS "answeredOn"
     FROM reclaim_objection_by_receipt($1)`,
    [receiptSha256],
  );
  return row;
}

/** An active government account whose division includes `divisionCode`, if `userId` is one. */
export async function assignableUser(
  q: Queryable,
  userId: string,
  divisionCode: string,
  scopeLike: string,
): Promise<{ id: string; displayName: string } | undefined> {
  const [row] = await q.query<{ id: string; displayName: string }>(
    `SELECT id, display_name AS "displayName" FROM app_user
     WHERE id = $1 AND division_code LIKE $3 AND role IN ('ministry', 'province', 'city', 'county')
       AND status = 'active' AND $2 LIKE reclaim_division_prefix(division_code) || '%'`,
    [userId, divisionCode, scopeLike],
  );
  return row;
}
