// Approval and farmland rules: who approves (TL-APPR-01), beam yards and mixing plants on
// cultivated land and farmland (TL-PBF-01/02), reassignment (TL-REUSE-01).
import { findUseType, isAtLeast, nonCroppingUses } from '../classification.ts';
import { fmtM2, type Finding } from '../finding.ts';
import { effectiveBreakdown, negligibleM2, type Rule } from './rule.ts';

const levelNames = {
  county: { zh: '县级', en: 'county' },
  city: { zh: '市级', en: 'city' },
  province: { zh: '省级', en: 'province' },
  ministry: { zh: '部级', en: 'ministry' },
};

export const approvalLevelRule: Rule = {
  code: 'TL-APPR-01',
  titleZh: '涉及耕地或永久基本农田的由市级以上审批',
  titleEn: 'city level or above approves land involving cultivated land or farmland',
  check(context) {
    const level = context.record.approval.level;
    const effective = effectiveBreakdown(context);
    if (!level || !effective) return [];
    const { cultivatedM2, farmlandM2 } = effective.breakdown;
    if (cultivatedM2 + farmlandM2 <= negligibleM2) return [];
    const required = context.settings.cultivatedApprovalLevel;
    if (isAtLeast(level, required)) return [];
    return [
      {
        code: this.code,
        severity: 'error',
        messageZh: `涉及耕地 ${fmtM2(cultivatedM2)}、永久基本农田 ${fmtM2(farmlandM2)}，应由${levelNames[required].zh}以上批准，实际为${levelNames[level].zh}`,
        messageEn: `involves cultivated land ${fmtM2(cultivatedM2)} and farmland ${fmtM2(farmlandM2)}, so ${levelNames[required].en} level or above must approve; approved at ${levelNames[level].en} level`,
        evidence: {
          approvalLevel: level,
          requiredLevel: required,
          cultivatedM2,
          farmlandM2,
          source: effective.source,
        },
      },
    ];
  },
};

export const farmlandRule: Rule = {
  code: 'TL-PBF-01',
  titleZh: '永久基本农田须能恢复原种植条件；制梁场、拌合站不得占用耕地和永久基本农田',
  titleEn:
    'farmland only where cultivation can be restored; no beam yards or mixing plants on cultivated land or farmland',
  check(context) {
    const { record } = context;
    const effective = effectiveBreakdown(context);
    if (!effective) return [];
    const { cultivatedM2, farmlandM2 } = effective.breakdown;
    const findings: Finding[] = [];
    const use = findUseType(record.useType);
    const evidence = {
      useType: record.useType,
      projectClass: record.project.projectClass,
      cultivatedM2,
      farmlandM2,
      source: effective.source,
    };
    if (nonCroppingUses.includes(record.useType) && cultivatedM2 + farmlandM2 > negligibleM2) {
      if (farmlandM2 > negligibleM2) {
        findings.push({
          code: this.code,
          severity: 'error',
          messageZh: `${use?.zh ?? record.useType}占用永久基本农田 ${fmtM2(farmlandM2)}，不得作为临时用地（铁路项目亦不例外）`,
          messageEn: `a ${use?.en ?? record.useType} occupies permanent basic farmland (${fmtM2(farmlandM2)}); not allowed as temporary land, railway projects included`,
          evidence,
        });
      }
      if (cultivatedM2 > negligibleM2)
        findings.push(...railwayException(context, cultivatedM2, evidence));
    }
    if (
      farmlandM2 > negligibleM2 &&
      !record.restoresCultivation &&
      !nonCroppingUses.includes(record.useType)
    ) {
      findings.push({
        code: this.code,
        severity: 'warning',
        messageZh: `占用永久基本农田 ${fmtM2(farmlandM2)}，复垦方案须载明恢复原种植条件`,
        messageEn: `occupies permanent basic farmland (${fmtM2(farmlandM2)}); the reclamation plan must restore the original cultivation conditions`,
        evidence,
      });
    }
    return findings;
  },
};

/** TL-PBF-02: railway beam yards and mixing plants may use cultivated land on conditions. */
function railwayException(
  context: Parameters<Rule['check']>[0],
  cultivatedM2: number,
  evidence: Record<string, unknown>,
): Finding[] {
  const { record } = context;
  const use = findUseType(record.useType);
  if (record.project.projectClass !== 'railway') {
    return [
      {
        code: 'TL-PBF-01',
        severity: 'error',
        messageZh: `${use?.zh ?? record.useType}占用耕地 ${fmtM2(cultivatedM2)}，不得作为临时用地（仅直接服务铁路工程的可例外）`,
        messageEn: `a ${use?.en ?? record.useType} occupies cultivated land (${fmtM2(cultivatedM2)}); not allowed as temporary land unless it directly serves railway works`,
        evidence,
      },
    ];
  }
  const exception = record.railwayException;
  const missing: { zh: string; en: string }[] = [];
  if (!exception?.planReviewed)
    missing.push({ zh: '复垦方案已论证', en: 'reviewed reclamation plan' });
  if (!exception?.commitmentSigned)
    missing.push({ zh: '建设单位签署承诺书', en: "owner's signed commitment" });
  if (!exception?.completionDeadline)
    missing.push({ zh: '复垦完成时限', en: 'completion deadline' });
  if (missing.length > 0) {
    return [
      {
        code: 'TL-PBF-02',
        severity: 'error',
        messageZh: `铁路${use?.zh ?? ''}占用耕地 ${fmtM2(cultivatedM2)}，须满足：${missing.map((m) => m.zh).join('、')}`,
        messageEn: `a railway ${use?.en ?? ''} on cultivated land (${fmtM2(cultivatedM2)}) needs: ${missing.map((m) => m.en).join(', ')}`,
        evidence: { ...evidence, missing: missing.map((m) => m.en) },
      },
    ];
  }
  return [
    {
      code: 'TL-PBF-02',
      severity: 'info',
      messageZh: `铁路${use?.zh ?? ''}占用耕地 ${fmtM2(cultivatedM2)}，符合例外条件，须于 ${exception?.completionDeadline ?? ''} 前完成复垦`,
      messageEn: `a railway ${use?.en ?? ''} on cultivated land (${fmtM2(cultivatedM2)}) meets the exception; reclamation due by ${exception?.completionDeadline ?? ''}`,
      evidence: { ...evidence, completionDeadline: exception?.completionDeadline },
    },
  ];
}

export const reassignmentRule: Rule = {
  code: 'TL-REUSE-01',
  titleZh: '不占用耕地的临时用地方可转给其他项目使用',
  titleEn: 'only temporary land without cultivated land may be reassigned to another project',
  check(context) {
    const { record } = context;
    if (!record.reassignedFromProject) return [];
    const effective = effectiveBreakdown(context);
    if (!effective) return [];
    const { cultivatedM2, farmlandM2 } = effective.breakdown;
    if (cultivatedM2 + farmlandM2 <= negligibleM2) return [];
    return [
      {
        code: this.code,
        severity: 'error',
        messageZh: `由“${record.reassignedFromProject}”转给本项目使用，但占用耕地 ${fmtM2(cultivatedM2 + farmlandM2)}，不得转用`,
        messageEn: `reassigned from "${record.reassignedFromProject}" although it occupies cultivated land (${fmtM2(cultivatedM2 + farmlandM2)}); not allowed`,
        evidence: {
          reassignedFromProject: record.reassignedFromProject,
          cultivatedM2,
          farmlandM2,
          source: effective.source,
        },
      },
    ];
  },
};
