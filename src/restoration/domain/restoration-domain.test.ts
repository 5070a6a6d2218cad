// The pure parts of restoration: the acceptance-criteria check (each operator at its boundary,
// units refused rather than converted, missing and ambiguous values, the verdict) and progress
// against targets (per type, overall counted up to each target, trends, the cover series).
import { describe, expect, it } from 'vitest';
import { checkAgainstCriteria, type Criterion, type CriterionOperator } from './criteria-check.ts';
import { computeProgress } from './progress.ts';

const criterion = (
  operator: CriterionOperator,
  threshold: number,
  thresholdHigh: number | null = null,
): Criterion => ({
  id: `c-${operator}`,
  indicator: 'soil_thickness',
  indicatorZh: '有效土层厚度',
  operator,
  threshold,
  thresholdHigh,
  unit: 'cm',
});
const value = (v: number, unit = 'cm') => ({ indicator: 'soil_thickness', value: v, unit });

describe('criteria check', () => {
  const cases: [CriterionOperator, number, number | null, number, 'met' | 'not_met'][] = [
    ['>=', 60, null, 60, 'met'],
    ['>=', 60, null, 59.9, 'not_met'],
    ['>', 60, null, 60, 'not_met'],
    ['>', 60, null, 60.1, 'met'],
    ['<=', 25, null, 25, 'met'],
    ['<=', 25, null, 25.01, 'not_met'],
    ['<', 25, null, 25, 'not_met'],
    ['<', 25, null, 24.99, 'met'],
    ['=', 1, null, 1, 'met'],
    ['=', 1, null, 1.0001, 'not_met'],
    ['between', 6.5, 8.5, 6.5, 'met'],
    ['between', 6.5, 8.5, 8.5, 'met'],
    ['between', 6.5, 8.5, 8.51, 'not_met'],
    ['between', 6.5, 8.5, 6.49, 'not_met'],
  ];
  it.each(cases)('%s %s (%s) against %s: %s', (operator, threshold, high, measured, status) => {
    const result = checkAgainstCriteria([criterion(operator, threshold, high)], [value(measured)]);
    expect(result.findings).toHaveLength(1);
    expect(result.findings[0]).toMatchObject({
      status,
      criterionId: `c-${operator}`,
      operator,
      threshold,
      thresholdHigh: high,
      unit: 'cm',
      measured: { value: measured, unit: 'cm' },
    });
    expect(result.verdict).toBe(status === 'met' ? 'pass' : 'fail');
    expect(result.ruleCode).toBe('TL-RECL-05');
  });

  it('says what was measured and what was required, in Chinese and English', () => {
    const [f] = checkAgainstCriteria([criterion('>=', 60)], [value(45)]).findings;
    expect(f!.messageZh).toBe('有效土层厚度（soil_thickness）：实测 45 cm，要求 ≥ 60 cm，未达标');
    expect(f!.messageEn).toBe('soil_thickness: measured 45 cm, required ≥ 60 cm: not met');
  });

  it('refuses a value in another unit instead of converting it', () => {
    const result = checkAgainstCriteria([criterion('>=', 60)], [value(0.7, 'm')]);
    expect(result.findings[0]).toMatchObject({
      status: 'unit_mismatch',
      measured: { value: 0.7, unit: 'm' },
      unit: 'cm',
    });
    expect(result.findings[0]!.messageEn).toContain('units are never converted');
    expect(result.verdict).toBe('incomplete');
  });

  it('compares units after NFKC and trimming (full-width ％ is %)', () => {
    const c = { ...criterion('>=', 80), indicator: 'vegetation_cover', unit: '%' };
    const result = checkAgainstCriteria(
      [c],
      [{ indicator: 'vegetation_cover', value: 85, unit: ' ％' }],
    );
    expect(result.findings[0]!.status).toBe('met');
  });

  it('reports a missing indicator, and lists values no criterion covers', () => {
    const ph = { ...criterion('between', 6, 8.5), id: 'ph', indicator: 'soil_ph', unit: 'pH' };
    const result = checkAgainstCriteria(
      [criterion('>=', 60), ph],
      [value(70), { indicator: 'slope', value: 3, unit: '°' }],
    );
    expect(result.findings.map((f) => f.status)).toEqual(['met', 'missing']);
    expect(result.findings[1]!.measured).toBeNull();
    expect(result.findings[1]!.messageEn).toBe('soil_ph: no value given (required ∈ [6, 8.5] pH)');
    expect(result.notAssessed).toEqual([{ indicator: 'slope', value: 3, unit: '°' }]);
    expect(result.verdict).toBe('incomplete');
  });

  it('does not pick between two values given for one indicator', () => {
    const result = checkAgainstCriteria([criterion('>=', 60)], [value(70), value(50)]);
    expect(result.findings[0]!.status).toBe('ambiguous');
    expect(result.verdict).toBe('incomplete');
  });

  it('fails when any criterion is not met, whatever else is incomplete', () => {
    const other = { ...criterion('<=', 15), id: 'slope', indicator: 'slope', unit: '°' };
    const result = checkAgainstCriteria([criterion('>=', 60), other], [value(50)]);
    expect(result.verdict).toBe('fail');
  });

  it('says so when there are no criteria', () => {
    expect(checkAgainstCriteria([], [value(50)]).verdict).toBe('no_criteria');
  });
});

describe('progress against target', () => {
  const targets = { areaM2: { wetland: 1000, cultivated_land: 500 }, vegetationCoverPct: 80 };

  it('has nothing measured before the first measurement', () => {
    const p = computeProgress(targets, []);
    expect(p.overall).toMatchObject({ targetM2: 1500, countedM2: 0, percent: 0, trend: 'none' });
    expect(p.byType.map((t) => [t.type, t.restoredM2, t.percent])).toEqual([
      ['cultivated_land', 0, 0],
      ['wetland', 0, 0],
    ]);
    expect(p.vegetationCover).toMatchObject({ latestPct: null, trend: 'none', series: [] });
  });

  it('takes the latest measurement by date, whatever the order given, and the trend from the one before', () => {
    const p = computeProgress(targets, [
      {
        measuredOn: '2026-06-01',
        restoredAreaM2: { wetland: 600, cultivated_land: 300 },
        vegetationCoverPct: 60,
      },
      { measuredOn: '2025-06-01', restoredAreaM2: { wetland: 300 }, vegetationCoverPct: 40 },
    ]);
    expect(p.latestMeasuredOn).toBe('2026-06-01');
    expect(p.byType).toEqual([
      { type: 'cultivated_land', targetM2: 500, restoredM2: 300, percent: 60, changeM2: 300 },
      { type: 'wetland', targetM2: 1000, restoredM2: 600, percent: 60, changeM2: 300 },
    ]);
    expect(p.overall).toEqual({
      targetM2: 1500,
      countedM2: 900,
      percent: 60,
      previousPercent: 20,
      trend: 'improving',
    });
    expect(p.vegetationCover).toEqual({
      targetPct: 80,
      latestPct: 60,
      percentOfTarget: 75,
      trend: 'improving',
      series: [
        { measuredOn: '2025-06-01', pct: 40 },
        { measuredOn: '2026-06-01', pct: 60 },
      ],
    });
  });

  it('counts each type only up to its target: a surplus does not hide a shortfall', () => {
    const p = computeProgress(targets, [
      {
        measuredOn: '2026-06-01',
        restoredAreaM2: { wetland: 1400, landscape_park: 50 },
        vegetationCoverPct: null,
      },
    ]);
    expect(p.overall).toMatchObject({ countedM2: 1000, percent: 66.7, trend: 'first' });
    expect(p.byType.find((t) => t.type === 'wetland')!.percent).toBe(140);
    // restored without a target: shown, with no percentage
    expect(p.byType.find((t) => t.type === 'landscape_park')).toMatchObject({
      targetM2: 0,
      percent: null,
    });
  });

  it('shows a decline as a decline', () => {
    const p = computeProgress(targets, [
      { measuredOn: '2025-06-01', restoredAreaM2: { wetland: 800 }, vegetationCoverPct: 70 },
      { measuredOn: '2026-06-01', restoredAreaM2: { wetland: 700 }, vegetationCoverPct: 55 },
    ]);
    expect(p.overall.trend).toBe('declining');
    expect(p.vegetationCover.trend).toBe('declining');
  });
});
