// TL-SUP-01: a parcel obviously large for its kind. "Comparable" is the same province, use
// type and project class; "obviously" is a robust z-score of the log area (areas are roughly
// log-normal): z = (ln a − median ln a) / (1.4826 · MAD), the modified z-score of Iglewicz
// and Hoaglin, whose usual outlier threshold is 3.5. Method and threshold are practice and
// configurable (settings.oversized).
import type { Finding } from '../../register/domain/finding.ts';
import { fmtMu } from '../../register/domain/finding.ts';
import type { RuleSettings } from '../../register/domain/settings.ts';

/** The statistics of one parcel's comparison group, as computed in SQL. */
export interface OversizedFacts {
  areaM2: number;
  useType: string;
  projectClass: string;
  provinceCode: string;
  groupSize: number;
  /** exp(median of ln area), m². */
  medianM2: number;
  /** Median absolute deviation of ln area. */
  madLn: number;
}

/** The modified z-score of the parcel's log area; null when the group has no spread. */
export function robustZ(f: OversizedFacts): number | null {
  if (!(f.madLn > 0) || !(f.areaM2 > 0) || !(f.medianM2 > 0)) return null;
  return (Math.log(f.areaM2) - Math.log(f.medianM2)) / (1.4826 * f.madLn);
}

export function oversizedFinding(f: OversizedFacts, settings: RuleSettings): Finding | null {
  const { robustZ: threshold, minGroupSize } = settings.oversized;
  if (f.groupSize < minGroupSize) return null;
  const z = robustZ(f);
  if (z === null || z <= threshold) return null;
  const times = f.areaM2 / f.medianM2;
  return {
    code: 'TL-SUP-01',
    severity: 'warning',
    messageZh:
      `用地面积明显偏大：${fmtMu(f.areaM2)}，为同省同用途同类项目（${f.groupSize} 宗）中位数 ${fmtMu(f.medianM2)} 的 ${times.toFixed(1)} 倍；` +
      `对数面积稳健 z 值 ${z.toFixed(2)}，超过阈值 ${threshold}`,
    messageEn:
      `obviously large: ${(f.areaM2 / 10_000).toFixed(2)} ha, ${times.toFixed(1)}× the median ${(f.medianM2 / 10_000).toFixed(2)} ha of ${f.groupSize} comparable parcels ` +
      `(same province, use type and project class); robust z-score of log area ${z.toFixed(2)} above ${threshold}`,
    evidence: {
      areaM2: f.areaM2,
      medianM2: f.medianM2,
      madLn: f.madLn,
      robustZ: z,
      threshold,
      groupSize: f.groupSize,
      group: { provinceCode: f.provinceCode, useType: f.useType, projectClass: f.projectClass },
      method: 'modified z-score of ln(area), MAD scaled by 1.4826',
    },
  };
}
