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
  // One scan for the four counts (GROUPING SETS): each row says by its grouping bits which
  // set it belongs to — rule_code alone 3 (0b011), division_code alone 5, month alone 6, the
  // totals 7. Each set comes out in its own order: months oldest first, the others by live
  // findings, then all, then code.
  const rows = await q.query<
    FindingCounts & {
      set: number;
      ruleCode: string | null;
      divisionCode: string | null;
      divisionName: string | null;
      month: string | null;
    }
  >(
    `WITH g AS (
       SELECT GROUPING(f.rule_code, f.division_code, to_char(f.first_seen_on, 'YYYY-MM'))::int AS set,
              f.rule_code AS "ruleCode", f.division_code AS "divisionCode",
              to_char(f.first_seen_on, 'YYYY-MM') AS month, ${counts}
       FROM supervision_finding f WHERE ${where}
       GROUP BY GROUPING SETS ((f.rule_code), (f.division_code), (to_char(f.first_seen_on, 'YYYY-MM')), ())
     )
     SELECT g.*, CASE WHEN g.set = 5 THEN coalesce(d.name, g."divisionCode") END AS "divisionName"
     FROM g LEFT JOIN division d ON g.set = 5 AND d.code = g."divisionCode"
     ORDER BY g.set, g.month, g.live DESC, g.total DESC, g."ruleCode", g."divisionCode"`,
    params,
  );
  const countsOf = (r: FindingCounts): FindingCounts => ({
    total: r.total,
    live: r.live,
    liveErrors: r.liveErrors,
    liveWarnings: r.liveWarnings,
  });
  const byRule = rows
    .filter((r) => r.set === 3)
    .map((r) => ({ ruleCode: r.ruleCode!, ...countsOf(r) }));
  const byDivision = rows
    .filter((r) => r.set === 5)
    .map((r) => ({
      divisionCode: r.divisionCode!,
      divisionName: r.divisionName!,
      ...countsOf(r),
    }));
  const byMonth = rows.filter((r) => r.set === 6).map((r) => ({ month: r.month!, ...countsOf(r) }));
  const all = rows.find((r) => r.set === 7);
  const totals = all ? countsOf(all) : undefined;
  return {
    byRule,
    byDivision,
    byMonth,
    totals: totals ?? { total: 0, live: 0, liveErrors: 0, liveWarnings: 0 },
  };
}
