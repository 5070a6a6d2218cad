// Register rules: registration within 20 working days (TL-REG-01), completeness of the
// registration (TL-REG-03), declared versus computed area (TL-DATA-01).
import {
  addWorkingDays,
  workingDaysBetween,
} from '../../../reference/calendar/domain/working-days.ts';
import { fmtM2, fmtMu, type Finding } from '../finding.ts';
import type { AreaBreakdown } from '../record.ts';
import { squareMetresPerMu } from '../record.ts';
import type { Rule } from './rule.ts';

export const registrationDeadlineRule: Rule = {
  code: 'TL-REG-01',
  titleZh: '批准后 20 个工作日内上图入库',
  titleEn: 'register within 20 working days of approval',
  check({ record, asOf, calendar, settings }) {
    const approved = record.approval.date;
    if (!approved || record.backfilled) return [];
    const days = settings.registrationWorkingDays;
    const deadline = addWorkingDays(calendar, approved, days);
    const evidence = {
      approvalDate: approved,
      deadline: deadline.date,
      provisional: deadline.provisional,
      workingDays: days,
    };
    const provisionalNote = deadline.provisional
      ? {
          zh: '（期限含未发布放假安排的年份，按周末推算，暂定）',
          en: ' (provisional: a year without a published holiday schedule is counted by weekends only)',
        }
      : { zh: '', en: '' };
    if (record.registeredOn) {
      if (record.registeredOn <= deadline.date) return [];
      const late = workingDaysBetween(calendar, deadline.date, record.registeredOn).count;
      return [
        {
          code: this.code,
          severity: 'warning',
          messageZh: `逾期上图入库：批准日 ${approved}，期限 ${deadline.date}${provisionalNote.zh}，实际 ${record.registeredOn}，晚 ${late} 个工作日`,
          messageEn: `registered late: approved ${approved}, deadline ${deadline.date}${provisionalNote.en}, registered ${record.registeredOn}, ${late} working days late`,
          evidence: { ...evidence, registeredOn: record.registeredOn, lateWorkingDays: late },
        },
      ];
    }
    if (asOf > deadline.date) {
      const late = workingDaysBetween(calendar, deadline.date, asOf).count;
      return [
        {
          code: this.code,
          severity: 'error',
          messageZh: `未按期上图入库：批准日 ${approved}，期限 ${deadline.date}${provisionalNote.zh}，已超期 ${late} 个工作日`,
          messageEn: `not registered in time: approved ${approved}, deadline ${deadline.date}${provisionalNote.en}, now ${late} working days overdue`,
          evidence: { ...evidence, asOf, overdueWorkingDays: late },
        },
      ];
    }
    const left = workingDaysBetween(calendar, asOf, deadline.date).count;
    return [
      {
        code: this.code,
        severity: 'info',
        messageZh: `待上图入库：期限 ${deadline.date}${provisionalNote.zh}，剩余 ${left} 个工作日`,
        messageEn: `to be registered by ${deadline.date}${provisionalNote.en}: ${left} working days left`,
        evidence: { ...evidence, asOf, workingDaysLeft: left },
      },
    ];
  },
};

export const declaredAreaRule: Rule = {
  code: 'TL-DATA-01',
  titleZh: '申报面积与图形面积一致',
  titleEn: 'declared area agrees with the boundary',
  check({ record, settings }) {
    if (record.declaredAreaM2 === null || !record.hasBoundary) return [];
    const computed = record.areaM2;
    const declared = record.declaredAreaM2;
    const allowed = Math.max(
      settings.areaTolerance.relative * computed,
      settings.areaTolerance.minimumMu * squareMetresPerMu,
    );
    const difference = declared - computed;
    if (Math.abs(difference) <= allowed) return [];
    return [
      {
        code: this.code,
        severity: 'warning',
        messageZh: `申报面积 ${fmtM2(declared)}（${fmtMu(declared)}）与界址计算面积 ${fmtM2(computed)}（${fmtMu(computed)}）相差 ${fmtM2(Math.abs(difference))}，超过允许误差 ${fmtM2(allowed)}`,
        messageEn: `declared area ${fmtM2(declared)} differs from the area computed from the boundary, ${fmtM2(computed)}, by ${fmtM2(Math.abs(difference))}, more than the tolerance of ${fmtM2(allowed)}`,
        evidence: {
          declaredM2: declared,
          computedM2: computed,
          differenceM2: difference,
          toleranceM2: allowed,
        },
      },
    ];
  },
};

const breakdownGroups: { key: keyof AreaBreakdown; zh: string; en: string }[] = [
  { key: 'cultivatedM2', zh: '一般耕地', en: 'cultivated land' },
  { key: 'farmlandM2', zh: '永久基本农田', en: 'permanent basic farmland' },
  { key: 'forestM2', zh: '林地', en: 'forest' },
  { key: 'otherAgriculturalM2', zh: '其他农用地', en: 'other agricultural land' },
  { key: 'constructionM2', zh: '建设用地', en: 'construction land' },
  { key: 'unusedM2', zh: '未利用地', en: 'unused land' },
];

export const completenessRule: Rule = {
  code: 'TL-REG-03',
  titleZh: '上图入库材料齐全、地类面积与变更调查一致',
  titleEn: 'registration is complete and its land-class breakdown matches the survey',
  check({ record, overlay, settings }) {
    const findings: Finding[] = [];
    const missing: { zh: string; en: string }[] = [];
    if (!record.approval.number) missing.push({ zh: '批准文号', en: 'approval number' });
    if (!record.approval.date) missing.push({ zh: '批准日期', en: 'approval date' });
    if (!record.approval.body) missing.push({ zh: '批准机关', en: 'approving body' });
    if (!record.approval.level) missing.push({ zh: '批准层级', en: 'approval level' });
    if (!record.termEnd) missing.push({ zh: '使用期限', en: 'term end' });
    if (!record.hasBoundary) missing.push({ zh: '界址范围', en: 'boundary' });
    if (missing.length > 0) {
      findings.push({
        code: this.code,
        severity: 'error',
        messageZh: `缺少：${missing.map((m) => m.zh).join('、')}`,
        messageEn: `missing: ${missing.map((m) => m.en).join(', ')}`,
        evidence: { missing: missing.map((m) => m.en) },
      });
    }
    const attachments: { zh: string; en: string }[] = [];
    if (!record.contractAttached) attachments.push({ zh: '临时使用土地合同', en: 'use contract' });
    if (record.photoCount === 0)
      attachments.push({ zh: '土地利用现状照片', en: 'photos of the current land use' });
    if (!record.declaredBreakdown) attachments.push({ zh: '分地类面积', en: 'area by land class' });
    if (attachments.length > 0) {
      findings.push({
        code: this.code,
        severity: 'warning',
        messageZh: `尚未提供：${attachments.map((m) => m.zh).join('、')}`,
        messageEn: `not yet provided: ${attachments.map((m) => m.en).join(', ')}`,
        evidence: { notProvided: attachments.map((m) => m.en) },
      });
    }
    if (record.declaredBreakdown && overlay) {
      const declared = record.declaredBreakdown;
      const differing = breakdownGroups
        .map((g) => ({ ...g, declared: declared[g.key], computed: overlay.breakdown[g.key] }))
        .filter(
          (g) =>
            Math.abs(g.declared - g.computed) >
            Math.max(
              settings.breakdownTolerance.minimumM2,
              settings.breakdownTolerance.relative * record.areaM2,
            ),
        );
      if (differing.length > 0) {
        findings.push({
          code: this.code,
          severity: 'warning',
          messageZh: `分地类面积与变更调查叠加结果不一致：${differing.map((g) => `${g.zh} 申报 ${fmtM2(g.declared)}、叠加 ${fmtM2(g.computed)}`).join('；')}`,
          messageEn: `area by land class differs from the survey overlay: ${differing.map((g) => `${g.en} declared ${fmtM2(g.declared)}, overlay ${fmtM2(g.computed)}`).join('; ')}`,
          evidence: {
            groups: differing.map(({ key, declared: d, computed: c }) => ({
              group: key,
              declaredM2: d,
              computedM2: c,
            })),
          },
        });
      }
    }
    return findings;
  },
};
