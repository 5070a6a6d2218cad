// Progress of a restoration project against its targets, from its measurements. Each
// measurement states the area restored so far per type (cumulative), so the latest one is the
// project's state; the one before it gives the trend. Overall progress counts each type up to
// its target, so a surplus of wetland cannot hide a shortfall of cultivated land. Pure: no I/O.
import { restorationTypes, type AreaByType, type RestorationType } from './restoration-terms.ts';

export interface ProgressTargets {
  /** Target area per type, m² on the ellipsoid. */
  areaM2: AreaByType;
  /** Target vegetation cover, % (0–100), or null when none is set. */
  vegetationCoverPct: number | null;
}

export interface ProgressMeasurement {
  measuredOn: string; // YYYY-MM-DD
  /** Area restored so far per type, m². */
  restoredAreaM2: AreaByType;
  vegetationCoverPct: number | null;
}

export type Trend = 'none' | 'first' | 'improving' | 'unchanged' | 'declining';

export interface TypeProgress {
  type: RestorationType;
  targetM2: number;
  restoredM2: number;
  /** restored / target × 100, one decimal; null without a target. May exceed 100. */
  percent: number | null;
  /** Change in restored area since the measurement before the latest, m² (null: no earlier one). */
  changeM2: number | null;
}

export interface Progress {
  measurements: number;
  latestMeasuredOn: string | null;
  byType: TypeProgress[];
  overall: {
    targetM2: number;
    /** Restored area counted up to each type's target, m². */
    countedM2: number;
    /** countedM2 / targetM2 × 100, one decimal; null without targets. */
    percent: number | null;
    previousPercent: number | null;
    trend: Trend;
  };
  vegetationCover: {
    targetPct: number | null;
    latestPct: number | null;
    /** latest / target × 100, one decimal. */
    percentOfTarget: number | null;
    trend: Trend;
    /** Every measurement that gave a cover, oldest first: a time series for a chart. */
    series: { measuredOn: string; pct: number }[];
  };
}

const oneDecimal = (n: number) => Math.round(n * 10) / 10;
const ratio = (part: number, whole: number) =>
  whole > 0 ? oneDecimal((part / whole) * 100) : null;

function trendOf(latest: number | null, previous: number | null, count: number): Trend {
  if (latest === null || count === 0) return 'none';
  if (previous === null) return 'first';
  if (Math.abs(latest - previous) < 0.05) return 'unchanged';
  return latest > previous ? 'improving' : 'declining';
}

function countedArea(targets: AreaByType, restored: AreaByType): number {
  let sum = 0;
  for (const type of restorationTypes) {
    const target = targets[type] ?? 0;
    if (target > 0) sum += Math.min(restored[type] ?? 0, target);
  }
  return sum;
}

/** Progress per type and overall, with the trend since the previous measurement. */
export function computeProgress(
  targets: ProgressTargets,
  measurements: readonly ProgressMeasurement[],
): Progress {
  // Oldest first; measurements of the same day keep the order given (the order recorded).
  const ordered = measurements
    .map((m, i) => ({ m, i }))
    .sort((a, b) => a.m.measuredOn.localeCompare(b.m.measuredOn) || a.i - b.i)
    .map(({ m }) => m);
  const latest = ordered.at(-1);
  const previous = ordered.length > 1 ? ordered.at(-2) : undefined;

  const types = restorationTypes.filter(
    (t) => (targets.areaM2[t] ?? 0) > 0 || (latest?.restoredAreaM2[t] ?? 0) > 0,
  );
  const byType = types.map((type): TypeProgress => {
    const targetM2 = targets.areaM2[type] ?? 0;
    const restoredM2 = latest?.restoredAreaM2[type] ?? 0;
    return {
      type,
      targetM2,
      restoredM2,
      percent: ratio(restoredM2, targetM2),
      changeM2: previous ? restoredM2 - (previous.restoredAreaM2[type] ?? 0) : null,
    };
  });

  const targetM2 = restorationTypes.reduce((s, t) => s + Math.max(targets.areaM2[t] ?? 0, 0), 0);
  const countedM2 = latest ? countedArea(targets.areaM2, latest.restoredAreaM2) : 0;
  const percent = latest ? ratio(countedM2, targetM2) : targetM2 > 0 ? 0 : null;
  const previousPercent = previous
    ? ratio(countedArea(targets.areaM2, previous.restoredAreaM2), targetM2)
    : null;

  const series = ordered
    .filter((m) => m.vegetationCoverPct !== null)
    .map((m) => ({ measuredOn: m.measuredOn, pct: m.vegetationCoverPct! }));
  const latestPct = series.at(-1)?.pct ?? null;
  const previousPct = series.length > 1 ? series.at(-2)!.pct : null;

  return {
    measurements: ordered.length,
    latestMeasuredOn: latest?.measuredOn ?? null,
    byType,
    overall: {
      targetM2,
      countedM2,
      percent,
      previousPercent,
      trend: trendOf(latest ? percent : null, previousPercent, ordered.length),
    },
    vegetationCover: {
      targetPct: targets.vegetationCoverPct,
      latestPct,
      percentOfTarget:
        latestPct !== null && targets.vegetationCoverPct
          ? ratio(latestPct, targets.vegetationCoverPct)
          : null,
      trend: trendOf(latestPct, previousPct, series.length),
      series,
    },
  };
}
