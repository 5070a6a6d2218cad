// SQL for rectification orders: issue, read with the record and polygon they concern, list in
// scope (overdue ones on request), move with optimistic locking.
import type { Queryable } from '../../platform/db/db.ts';
import type { OrderGrounds, OrderStatus } from './domain/rectification-order.ts';

export interface OrderRow {
  id: string;
  divisionCode: string;
  recordId: string;
  systemNumber: string | null;
  projectName: string;
  polygonId: string | null;
  surveyCode: string | null;
  ruleCode: string;
  grounds: OrderGrounds;
  issuedOn: string;
  deadline: string;
  status: OrderStatus;
  basis: Record<string, unknown>;
  statusNote: string | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

const columns = `o.id, o.division_code AS "divisionCode", o.record_id AS "recordId", t.system_number AS "systemNumber",
  t.project_name AS "projectName", o.polygon_id AS "polygonId", p.survey_code AS "surveyCode", o.rule_code AS "ruleCode",
  o.grounds, o.issued_on AS "issuedOn", o.deadline, o.status, o.basis, o.status_note AS "statusNote", o.version,
  o.created_at AS "createdAt", o.updated_at AS "updatedAt"`;
const from = `rectification_order o JOIN temporary_land t ON t.id = o.record_id
  LEFT JOIN backfill_polygon p ON p.id = o.polygon_id`;

export async function insertOrder(
  q: Queryable,
  o: {
    divisionCode: string;
    recordId: string;
    polygonId: string | null;
    grounds: OrderGrounds;
    issuedOn: string;
    deadline: string;
    basis: Record<string, unknown>;
  },
): Promise<string> {
  const [row] = await q.query<{ id: string }>(
    `INSERT INTO rectification_order (province_code, division_code, record_id, polygon_id, grounds, issued_on, deadline, basis)
     VALUES (left($1, 2), $1, $2, $3, $4, $5, $6, $7) RETURNING id`,
    [
      o.divisionCode,
      o.recordId,
      o.polygonId,
      o.grounds,
      o.issuedOn,
      o.deadline,
      JSON.stringify(o.basis),
    ],
  );
  return row!.id;
}

export async function findOrder(
  q: Queryable,
  id: string,
  scopeLike: string,
): Promise<OrderRow | undefined> {
  const [row] = await q.query<OrderRow>(
    `SELECT ${columns} FROM ${from} WHERE o.id = $1 AND o.division_code LIKE $2`,
    [id, scopeLike],
  );
  return row;
}

/** The polygon's order that is still open or rectified, if any. */
export async function liveOrderOf(q: Queryable, polygonId: string): Promise<OrderRow | undefined> {
  const [row] = await q.query<OrderRow>(
    `SELECT ${columns} FROM ${from} WHERE o.polygon_id = $1 AND o.status IN ('open', 'rectified')`,
    [polygonId],
  );
  return row;
}

export interface OrderFilter {
  scopeLike: string;
  status?: OrderStatus;
  /** Only open orders past their deadline as of `asOf`. */
  overdue?: boolean;
  asOf: string;
  divisionCode?: string;
  recordId?: string;
  polygonId?: string;
  limit: number;
  offset: number;
}

export async function listOrders(
  q: Queryable,
  filter: OrderFilter,
): Promise<{ items: OrderRow[]; total: number }> {
  const where = `o.division_code LIKE $1 AND ($2::text IS NULL OR o.status = $2)
    AND (NOT $3::boolean OR (o.status = 'open' AND o.deadline < $4::date))
    AND ($5::text IS NULL OR o.division_code LIKE reclaim_division_prefix($5) || '%')
    AND ($6::uuid IS NULL OR o.record_id = $6::uuid) AND ($7::uuid IS NULL OR o.polygon_id = $7::uuid)`;
  const params = [
    filter.scopeLike,
    filter.status ?? null,
    filter.overdue ?? false,
    filter.asOf,
    filter.divisionCode ?? null,
    filter.recordId ?? null,
    filter.polygonId ?? null,
  ];
  const items = await q.query<OrderRow>(
    `SELECT ${columns} FROM ${from} WHERE ${where} ORDER BY o.deadline, o.id LIMIT $8 OFFSET $9`,
    [...params, filter.limit, filter.offset],
  );
  const [count] = await q.query<{ n: number }>(
    `SELECT count(*) AS n FROM rectification_order o WHERE ${where}`,
    params,
  );
  return { items, total: count?.n ?? 0 };
}

/** Moves an order when its version is still `version`; false when it is not. */
export async function moveOrder(
  q: Queryable,
  id: string,
  version: number,
  status: OrderStatus,
  note: string | null,
): Promise<boolean> {
  const rows = await q.query(
    `UPDATE rectification_order SET status = $3, status_note = $4 WHERE id = $1 AND version = $2 RETURNING id`,
    [id, version, status, note],
  );
  return rows.length === 1;
}

/** Closes the record's open or rectified orders (a written-off record has nothing to rectify). */
export async function closeOrdersOfRecord(
  q: Queryable,
  recordId: string,
  note: string,
): Promise<number> {
  const rows = await q.query(
    `UPDATE rectification_order SET status = 'closed', status_note = $2
     WHERE record_id = $1 AND status IN ('open', 'rectified') RETURNING id`,
    [recordId, note],
  );
  return rows.length;
}
