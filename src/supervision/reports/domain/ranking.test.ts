// The ranking's score and order (TL-SUP-05): weights, tie-breaks, shared ranks, per-rule columns.
import { describe, expect, it } from 'vitest';
import { rankDivisions, type LiveFindingCount, type RankedDivisionInput } from './ranking.ts';

const division = (code: string, records = 10): RankedDivisionInput => ({
  divisionCode: code,
  divisionName: `D${code}`,
  records,
  areaM2: records * 1_000,
  brakesOn: 0,
});
const count = (
  divisionCode: string,
  ruleCode: string,
  severity: 'error' | 'warning',
  n: number,
): LiveFindingCount => ({ divisionCode, ruleCode, severity, count: n });

describe('rankDivisions', () => {
  it('scores errors 3 and warnings 1, with a column per rule', () => {
    const { ruleCodes, rows } = rankDivisions(
      [division('320305'), division('320312')],
      [
        count('320305', 'TL-REG-01', 'error', 2),
        count('320305', 'TL-SUP-03', 'warning', 1),
        count('320312', 'TL-SUP-03', 'warning', 4),
      ],
    );
    expect(ruleCodes).toEqual(['TL-REG-01', 'TL-SUP-03']);
    expect(rows.map((r) => [r.rank, r.divisionCode, r.score, r.errors, r.warnings])).toEqual([
      [1, '320305', 7, 2, 1],
      [2, '320312', 4, 0, 4],
    ]);
    expect(rows[1]!.byRule).toEqual({ 'TL-REG-01': 0, 'TL-SUP-03': 4 });
    expect(rows[0]!.scorePer100Records).toBe(70);
  });

  it('breaks equal scores by errors, then live findings; equal on all three share a rank, by code', () => {
    const { rows } = rankDivisions(
      ['04', '03', '02', '01', '05'].map((c) => division(`3203${c}`)),
      [
        count('320302', 'A', 'error', 1), // score 3 with an error: first
        count('320301', 'A', 'warning', 3), // score 3, 3 warnings
        count('320303', 'A', 'warning', 1), // score 3, 3 warnings over two rules
        count('320303', 'B', 'warning', 2),
        count('320304', 'A', 'warning', 3), // score 3, 3 warnings
      ],
    );
    expect(rows.map((r) => [r.rank, r.divisionCode])).toEqual([
      [1, '320302'],
      [2, '320301'],
      [2, '320303'],
      [2, '320304'],
      [5, '320305'],
    ]);
  });

  it('ignores counts of divisions not ranked and gives no density without records', () => {
    const { rows } = rankDivisions([division('140212', 0)], [count('320305', 'A', 'error', 1)]);
    expect(rows).toEqual([
      expect.objectContaining({
        rank: 1,
        score: 0,
        live: 0,
        scorePer100Records: null,
        byRule: { A: 0 },
      }),
    ]);
  });
});
