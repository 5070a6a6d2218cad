// TL-RECL-04 as a pure rule: a reclamation plan's targets (area by land class after
// reclamation) against the land the record occupies by class (the overlay's breakdown, else
// the declared one). Cultivated land (with permanent basic farmland) comes back as cultivated
// land with no less area; agricultural land comes back as agricultural land; temporary
// structures are removed (no construction land beyond what was construction land before);
// unused land becoming cultivated land is encouraged. Findings in the register's shape.
import { fmtM2, type Finding } from '../../register/domain/finding.ts';
import type { AreaBreakdown } from '../../register/domain/record.ts';
import type { RuleSettings } from '../../register/domain/settings.ts';

export const landClassKeys = [
  'cultivatedM2',
  'farmlandM2',
  'forestM2',
  'otherAgriculturalM2',
  'constructionM2',
  'unusedM2',
] as const satisfies readonly (keyof AreaBreakdown)[];

export const cultivatedOf = (b: AreaBreakdown) => b.cultivatedM2 + b.farmlandM2;
export const agriculturalOf = (b: AreaBreakdown) =>
  cultivatedOf(b) + b.forestM2 + b.otherAgriculturalM2;
export const totalOf = (b: AreaBreakdown) => landClassKeys.reduce((sum, k) => sum + b[k], 0);

/** The tolerance a comparison of two areas allows (the register's breakdown tolerance). */
function tolerance(area: number, settings: RuleSettings): number {
  return Math.max(
    settings.breakdownTolerance.minimumM2,
    area * settings.breakdownTolerance.relative,
  );
}

export interface OccupiedLand {
  breakdown: AreaBreakdown;
  source: 'overlay' | 'declared';
}

/**
 * Checks `targets` (the plan, or the areas found reclaimed at acceptance) against the land
 * occupied. `what` names what is checked in the messages.
 */
export function checkTargets(
  targets: AreaBreakdown,
  occupied: OccupiedLand | null,
  settings: RuleSettings,
  what: { zh: string; en: string } = { zh: '复垦方案', en: 'the reclamation plan' },
): Finding[] {
  if (!occupied) {
    return [
      {
        code: 'TL-RECL-04',
        severity: 'warning',
        messageZh: `记录没有地类面积（无叠加分析结果、无申报分类），无法核对${what.zh}的复垦方向`,
        messageEn: `the record has no land-class breakdown (no overlay, none declared): ${what.en} cannot be checked against it`,
        evidence: { targets },
      },
    ];
  }
  const before = occupied.breakdown;
  const evidence = {
    before,
    after: targets,
    source: occupied.source,
    tolerance: settings.breakdownTolerance,
  };
  const findings: Finding[] = [];
  const cultivatedBefore = cultivatedOf(before);
  const cultivatedAfter = cultivatedOf(targets);
  if (cultivatedAfter < cultivatedBefore - tolerance(cultivatedBefore, settings)) {
    findings.push({
      code: 'TL-RECL-04',
      severity: 'error',
      messageZh: `${what.zh}恢复耕地 ${fmtM2(cultivatedAfter)}，少于占用耕地（含永久基本农田）${fmtM2(cultivatedBefore)}：耕地须复垦为耕地且面积不减少`,
      messageEn: `${what.en} restores ${fmtM2(cultivatedAfter)} of cultivated land, less than the ${fmtM2(cultivatedBefore)} occupied (farmland included): cultivated land goes back to cultivated land with no less area`,
      evidence: { ...evidence, cultivatedBefore, cultivatedAfter },
    });
  }
  const agriculturalBefore = agriculturalOf(before);
  const agriculturalAfter = agriculturalOf(targets);
  if (agriculturalAfter < agriculturalBefore - tolerance(agriculturalBefore, settings)) {
    findings.push({
      code: 'TL-RECL-04',
      severity: 'error',
      messageZh: `${what.zh}恢复农用地 ${fmtM2(agriculturalAfter)}，少于占用农用地 ${fmtM2(agriculturalBefore)}：其他农用地须复垦为农用地`,
      messageEn: `${what.en} restores ${fmtM2(agriculturalAfter)} of agricultural land, less than the ${fmtM2(agriculturalBefore)} occupied: agricultural land goes back to agricultural land`,
      evidence: { ...evidence, agriculturalBefore, agriculturalAfter },
    });
  }
  if (targets.constructionM2 > before.constructionM2 + tolerance(before.constructionM2, settings)) {
    findings.push({
      code: 'TL-RECL-04',
      severity: 'error',
      messageZh: `${what.zh}保留建设用地 ${fmtM2(targets.constructionM2)}，多于原有建设用地 ${fmtM2(before.constructionM2)}：临时建（构）筑物须拆除`,
      messageEn: `${what.en} keeps ${fmtM2(targets.constructionM2)} of construction land, more than the ${fmtM2(before.constructionM2)} there before: temporary structures are removed`,
      evidence,
    });
  }
  const totalBefore = totalOf(before);
  const totalAfter = totalOf(targets);
  if (Math.abs(totalAfter - totalBefore) > tolerance(totalBefore, settings)) {
    findings.push({
      code: 'TL-RECL-04',
      severity: 'warning',
      messageZh: `${what.zh}各地类面积合计 ${fmtM2(totalAfter)}，与占地面积 ${fmtM2(totalBefore)} 不一致`,
      messageEn: `${what.en} adds up to ${fmtM2(totalAfter)}, not the ${fmtM2(totalBefore)} occupied`,
      evidence: { ...evidence, totalBefore, totalAfter },
    });
  }
  const gained = cultivatedAfter - cultivatedBefore;
  if (
    findings.length === 0 &&
    gained > tolerance(cultivatedBefore, settings) &&
    before.unusedM2 > 0
  ) {
    findings.push({
      code: 'TL-RECL-04',
      severity: 'info',
      messageZh: `${what.zh}将 ${fmtM2(gained)} 未利用地等复垦为耕地（鼓励）`,
      messageEn: `${what.en} turns ${fmtM2(gained)} of unused or other land into cultivated land (encouraged)`,
      evidence: { ...evidence, gained },
    });
  }
  return findings;
}

/** Problems with a target breakdown as given: each class a finite, non-negative area. */
export function targetProblems(targets: Partial<Record<string, unknown>>): string[] {
  return landClassKeys.filter((k) => {
    const v = targets[k];
    return typeof v !== 'number' || !Number.isFinite(v) || v < 0;
  });
}
