// Measurements checked against acceptance criteria held as data (TL-RECL-05: acceptance
// judged against the bureau's copy of TD/T 1036; no threshold lives in code). Each criterion
// gives a finding: met, not met, missing (no value given), unit mismatch (never converted:
// a value in another unit is refused, not guessed) or ambiguous (two values for one
// indicator). Values with no criterion are listed as not assessed. Pure: no I/O.

export const criterionOperators = ['>=', '>', '<=', '<', '=', 'between'] as const;
export type CriterionOperator = (typeof criterionOperators)[number];

export interface Criterion {
  id?: string;
  indicator: string;
  indicatorZh?: string | null;
  operator: CriterionOperator;
  threshold: number;
  /** The upper bound of 'between' (inclusive); null otherwise. */
  thresholdHigh: number | null;
  unit: string;
  /** Example rows, not the standard's values. */
  isDemo?: boolean;
}

/** A measured value of one indicator, as any capability gives it. */
export interface IndicatorValue {
  indicator: string;
  value: number;
  unit: string;
}

export type FindingStatus = 'met' | 'not_met' | 'missing' | 'unit_mismatch' | 'ambiguous';

export interface CriterionFinding {
  status: FindingStatus;
  criterionId: string | null;
  indicator: string;
  operator: CriterionOperator;
  threshold: number;
  thresholdHigh: number | null;
  unit: string;
  /** The value compared (or refused), in the unit it was given; null when none was. */
  measured: { value: number; unit: string } | null;
  isDemo: boolean;
  messageZh: string;
  messageEn: string;
}

export type Verdict = 'pass' | 'fail' | 'incomplete' | 'no_criteria';

export interface CriteriaCheck {
  /** fail: a criterion is not met; incomplete: none failed but some could not be judged. */
  verdict: Verdict;
  ruleCode: 'TL-RECL-05';
  findings: CriterionFinding[];
  /** Values given for indicators no criterion covers. */
  notAssessed: IndicatorValue[];
}

/** Units compare after NFKC and trimming ('％' is '%', 'ｃｍ' is 'cm'); nothing is converted. */
export const normalizeUnit = (unit: string) => unit.normalize('NFKC').trim();

const symbol: Record<CriterionOperator, string> = {
  '>=': '≥',
  '>': '>',
  '<=': '≤',
  '<': '<',
  '=': '=',
  between: '∈',
};

function holds(c: Criterion, value: number): boolean {
  switch (c.operator) {
    case '>=':
      return value >= c.threshold;
    case '>':
      return value > c.threshold;
    case '<=':
      return value <= c.threshold;
    case '<':
      return value < c.threshold;
    case '=':
      return Math.abs(value - c.threshold) <= 1e-9 * Math.max(1, Math.abs(c.threshold));
    case 'between':
      return value >= c.threshold && value <= (c.thresholdHigh ?? c.threshold);
  }
}

/** "≥ 60 cm" or "∈ [6.5, 8.5] pH". */
export function requirementText(c: Criterion): string {
  const bound =
    c.operator === 'between' ? `[${c.threshold}, ${c.thresholdHigh}]` : String(c.threshold);
  return `${symbol[c.operator]} ${bound} ${c.unit}`;
}

function finding(
  c: Criterion,
  status: FindingStatus,
  measured: IndicatorValue[],
): CriterionFinding {
  const name = c.indicatorZh ? `${c.indicatorZh}（${c.indicator}）` : c.indicator;
  const required = requirementText(c);
  const given = measured.map((m) => `${m.value} ${m.unit}`).join('、');
  const texts: Record<FindingStatus, [string, string]> = {
    met: [
      `${name}：实测 ${given}，要求 ${required}，达标`,
      `${c.indicator}: measured ${given}, required ${required}: met`,
    ],
    not_met: [
      `${name}：实测 ${given}，要求 ${required}，未达标`,
      `${c.indicator}: measured ${given}, required ${required}: not met`,
    ],
    missing: [
      `${name}：未提供实测值（要求 ${required}）`,
      `${c.indicator}: no value given (required ${required})`,
    ],
    unit_mismatch: [
      `${name}：实测值单位为 ${given}，标准单位为 ${c.unit}，单位不一致，不作换算，请按 ${c.unit} 提供`,
      `${c.indicator}: the value is given as ${given} but the criterion is in ${c.unit}; units are never converted: give it in ${c.unit}`,
    ],
    ambiguous: [
      `${name}：同一指标给出多个实测值（${given}），无法判定`,
      `${c.indicator}: several values given (${given}); cannot judge`,
    ],
  };
  const [messageZh, messageEn] = texts[status];
  const first = measured[0];
  return {
    status,
    criterionId: c.id ?? null,
    indicator: c.indicator,
    operator: c.operator,
    threshold: c.threshold,
    thresholdHigh: c.thresholdHigh,
    unit: c.unit,
    measured: first ? { value: first.value, unit: first.unit } : null,
    isDemo: c.isDemo ?? false,
    messageZh,
    messageEn,
  };
}

/** Checks measured values against the criteria of one region and direction. */
export function checkAgainstCriteria(
  criteria: readonly Criterion[],
  values: readonly IndicatorValue[],
): CriteriaCheck {
  const findings = criteria.map((c) => {
    const given = values.filter((v) => v.indicator === c.indicator);
    if (given.length === 0) return finding(c, 'missing', given);
    if (given.length > 1) return finding(c, 'ambiguous', given);
    const value = given[0]!;
    if (normalizeUnit(value.unit) !== normalizeUnit(c.unit))
      return finding(c, 'unit_mismatch', given);
    return finding(c, holds(c, value.value) ? 'met' : 'not_met', given);
  });
  const covered = new Set(criteria.map((c) => c.indicator));
  const verdict: Verdict =
    criteria.length === 0
      ? 'no_criteria'
      : findings.some((f) => f.status === 'not_met')
        ? 'fail'
        : findings.every((f) => f.status === 'met')
          ? 'pass'
          : 'incomplete';
  return {
    verdict,
    ruleCode: 'TL-RECL-05',
    findings,
    notAssessed: values.filter((v) => !covered.has(v.indicator)),
  };
}
