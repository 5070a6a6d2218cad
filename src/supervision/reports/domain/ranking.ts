// TL-SUP-05: ranking divisions by their supervision findings. The score is the number of
// live findings (open or acknowledged) weighted by severity — an error counts 3, a warning 1 —
// so that one unlawful approval outweighs a late registration. Ties in score go to the
// division with more errors, then more live findings; divisions equal on all three share a
// rank ("1, 2, 2, 4") and are listed by code, so the order never depends on the database.
// Pure: no I/O.

export const severityWeights = { error: 3, warning: 1 } as const;
export type Severity = keyof typeof severityWeights;

/** One division's live findings of one rule and severity. */
export interface LiveFindingCount {
  divisionCode: string;
  ruleCode: string;
  severity: Severity;
  count: number;
}

export interface RankedDivisionInput {
  divisionCode: string;
  divisionName: string;
  /** Records in the register at the as-of date (written-off ones aside), and their area. */
  records: number;
  areaM2: number;
  /** Counties inside the division with the county brake (TL-SUP-06) on. */
  brakesOn: number;
}

export interface RankingRow extends RankedDivisionInput {
  rank: number;
  score: number;
  errors: number;
  warnings: number;
  live: number;
  /** Score per 100 records (null without records): how dense the problems are. */
  scorePer100Records: number | null;
  /** Live findings per rule code (every rule code of the ranking, 0 when none). */
  byRule: Record<string, number>;
}

export interface Ranking {
  /** Rule codes that have a column, sorted. */
  ruleCodes: string[];
  rows: RankingRow[];
}

/** Ranks `divisions` by the live findings counted for them (counts of other divisions are ignored). */
export function rankDivisions(
  divisions: readonly RankedDivisionInput[],
  counts: readonly LiveFindingCount[],
): Ranking {
  const ruleCodes = [...new Set(counts.map((c) => c.ruleCode))].sort();
  const byDivision = new Map<string, LiveFindingCount[]>();
  for (const c of counts)
    byDivision.set(c.divisionCode, [...(byDivision.get(c.divisionCode) ?? []), c]);

  const rows = divisions.map((d): Omit<RankingRow, 'rank'> => {
    const own = byDivision.get(d.divisionCode) ?? [];
    const byRule = Object.fromEntries(ruleCodes.map((code) => [code, 0]));
    let errors = 0;
    let warnings = 0;
    for (const c of own) {
      byRule[c.ruleCode] = (byRule[c.ruleCode] ?? 0) + c.count;
      if (c.severity === 'error') errors += c.count;
      else warnings += c.count;
    }
    const score = errors * severityWeights.error + warnings * severityWeights.warning;
    return {
      ...d,
      score,
      errors,
      warnings,
      live: errors + warnings,
      scorePer100Records: d.records > 0 ? round2((score * 100) / d.records) : null,
      byRule,
    };
  });

  rows.sort(
    (a, b) =>
      b.score - a.score ||
      b.errors - a.errors ||
      b.live - a.live ||
      (a.divisionCode < b.divisionCode ? -1 : a.divisionCode > b.divisionCode ? 1 : 0),
  );
  const ranked: RankingRow[] = [];
  rows.forEach((row, i) => {
    const before = ranked[i - 1];
    const tied =
      before !== undefined &&
      before.score === row.score &&
      before.errors === row.errors &&
      before.live === row.live;
    ranked.push({ ...row, rank: tied ? before.rank : i + 1 });
  });
  return { ruleCodes, rows: ranked };
}

const round2 = (x: number) => Math.round(x * 100) / 100;
