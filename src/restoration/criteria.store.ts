// SQL for acceptance criteria (验收标准): rows a bureau keeps per (region, direction), read in
// the caller's scope and above it, written inside it; a set is replaced by superseding its
// active rows, never by deleting them.
import type { Queryable } from '../platform/db/db.ts';
import type { CriterionOperator } from './domain/criteria-check.ts';

export interface CriterionRow {
  id: string;
  divisionCode: string;
  divisionName: string;
  region: string;
  direction: string;
  indicator: string;
  indicatorZh: string | null;
  operator: CriterionOperator;
  threshold: number;
  thresholdHigh: number | null;
  unit: string;
  basis: string | null;
  isDemo: boolean;
  version: number;
  updatedAt: Date;
}

const columns = `c.id, c.division_code AS "divisionCode", d.name AS "divisionName", c.region, c.direction,
  c.indicator, c.indicator_zh AS "indicatorZh", c.operator, c.threshold, c.threshold_high AS "thresholdHigh",
  c.unit, c.basis, c.is_demo AS "isDemo", c.version, c.updated_at AS "updatedAt"`;
const from = `acceptance_criterion c JOIN division d ON d.code = c.division_code`;

export interface CriterionFields {
  region: string;
  direction: string;
  indicator: string;
  indicatorZh: string | null;
  operator: CriterionOperator;
  threshold: number;
  thresholdHigh: number | null;
  unit: string;
  basis: string | null;
  isDemo: boolean;
}

export async function insertCriterion(
  q: Queryable,
  divisionCode: string,
  c: CriterionFields,
): Promise<string> {
  const [row] = await q.query<{ id: string }>(
    `INSERT INTO acceptance_criterion (province_code, division_code, region, direction, indicator, indicator_zh,
       operator, threshold, threshold_high, unit, basis, is_demo)
     VALUES (left($1, 2), $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
    [
      divisionCode,
      c.region,
      c.direction,
      c.indicator,
      c.indicatorZh,
      c.operator,
      c.threshold,
      c.thresholdHigh,
      c.unit,
      c.basis,
      c.isDemo,
    ],
  );
  return row!.id;
}

/** Supersedes the active rows of one division's set; returns how many. */
export async function supersedeSet(
  q: Queryable,
  divisionCode: string,
  region: string,
  direction: string,
): Promise<number> {
  const rows = await q.query(
    `UPDATE acceptance_criterion SET status = 'superseded'
     WHERE division_code = $1 AND region = $2 AND direction = $3 AND status = 'active' RETURNING id`,
    [divisionCode, region, direction],
  );
  return rows.length;
}

export interface CriterionFilter {
  /** The caller's scope: scopeLikePattern and scopeOf of the actor. */
  scopeLike: string;
  scope: string;
  /** Only rows of this division itself (a bureau's own table). */
  divisionCode?: string;
  region?: string;
  direction?: string;
}

/** Active rows the caller may read (its division, those inside and those above it). */
export function listCriteria(q: Queryable, f: CriterionFilter): Promise<CriterionRow[]> {
  return q.query<CriterionRow>(
    `SELECT ${columns} FROM ${from}
     WHERE c.status = 'active' AND ($1::text IS NULL OR c.division_code = $1)
       AND ($2::text IS NULL OR c.region = $2) AND ($3::text IS NULL OR c.direction = $3)
       AND (c.division_code LIKE $4 OR $5 LIKE reclaim_division_prefix(c.division_code) || '%')
     ORDER BY c.division_code, c.region, c.direction, c.indicator, c.operator`,
    [f.divisionCode ?? null, f.region ?? null, f.direction ?? null, f.scopeLike, f.scope],
  );
}

/**
 * The set that applies in `divisionCode` for (region, direction): the active rows of the most
 * specific division that holds any — the county's own, else its city's, its province's, the
 * nation's.
 */
export function applicableCriteria(
  q: Queryable,
  divisionCode: string,
  region: string,
  direction: string,
): Promise<CriterionRow[]> {
  return q.query<CriterionRow>(
    `WITH candidates AS (
       SELECT c.division_code FROM acceptance_criterion c
       WHERE c.status = 'active' AND c.region = $2 AND c.direction = $3
         AND $1 LIKE reclaim_division_prefix(c.division_code) || '%'
       ORDER BY length(reclaim_division_prefix(c.division_code)) DESC LIMIT 1)
     SELECT ${columns} FROM ${from} JOIN candidates k ON k.division_code = c.division_code
     WHERE c.status = 'active' AND c.region = $2 AND c.direction = $3
     ORDER BY c.indicator, c.operator`,
    [divisionCode, region, direction],
  );
}
