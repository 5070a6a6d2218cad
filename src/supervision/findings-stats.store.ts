// SQL for the supervision dashboard: stored findings counted by rule, by division (county) and
// by the month they were first seen, in one division prefix, so that the browser gets a few
// rows instead of paging every finding.
import type { Queryable } from '../platform/db/db.ts';

/** Counts of one group: every finding, the live ones (open or acknowledged), live errors and warnings. */
export interface FindingCounts {
  total: number;
  live: number;
  liveErrors: number;
  liveWarnings: number;
}

export interface FindingStats {
  byRule: (FindingCounts & { ruleCode: string })[];
  byDivision: (FindingCounts & { divisionCode: string; divisionName: string })[];
  /** By the month of first_seen_on (YYYY-MM), oldest first. */
  byMonth: (FindingCounts & { month: string })[];
  totals: FindingCounts;
}

const counts = `count(*)::int AS total,
  (count(*) FILTER (WHERE f.status IN ('open', 'acknowledged')))::int AS live,
  (count(*) FILTER (WHERE f.status IN ('open', 'acknowledged') AND f.severity = 'error'))::int AS "liveErrors",
  (count(*) FILTER (WHERE f.status IN ('open', 'acknowledged') AND f.severity = 'warning'))::int AS "liveWarnings"`;

/**
 * Findings whose division lies under `scopePrefix` (and under `divisionCode` when given), first
 * seen in [`from`, `to`] (ISO dates, inclusive; either may be null), counted three ways.
 */
export async function findingStats(
  q: Queryable,
  filter: {
    scopePrefix: string;
    divisionCode: string | null;
    from: string | null;
    to: string | null;
  },
): Promise<FindingStats> {
  const where = `f.division_code ^@ $1 AND ($2::text IS NULL OR f.division_code ^@ $2)
    AND ($3::date IS NULL OR f.first_seen_on >= $3::date) AND ($4::date IS NULL OR f.first_seen_on <= $4::date)`;
  const params = [filter.scopePrefix, filter.divisionCode, filter.from, filter.to];
  const byRule = await q.query<FindingStats['byRule'][number]>(
    `SELECT f.rule_code AS "ruleCode", ${counts} FROM supervision_finding f WHERE ${where}
     GROUP BY f.rule_code ORDER BY live DESC, total DESC, f.rule_code`,
    params,
  );
  const byDivision = await q.query<FindingStats['byDivision'][number]>(
    `SELECT f.division_code AS "divisionCode", coalesce(min(d.name), f.division_code) AS "divisionName", ${counts}
     FROM supervision_finding f LEFT JOIN division d ON d.code = f.division_code WHERE ${where}
     GROUP BY f.division_code ORDER BY live DESC, total DESC, f.division_code`,
    params,
  );
  const byMonth = await q.query<FindingStats['byMonth'][number]>(
    `SELECT to_char(f.first_seen_on, 'YYYY-MM') AS month, ${counts} FROM supervision_finding f WHERE ${where}
     GROUP BY 1 ORDER BY 1`,
    params,
  );
  const [totals] = await q.query<FindingCounts>(
    `SELECT ${counts} FROM supervision_finding f WHERE ${where}`,
    params,
  );
  return {
    byRule,
    byDivision,
    byMonth,
    totals: totals ?? { total: 0, live: 0, liveErrors: 0, liveWarnings: 0 },
  };
}
