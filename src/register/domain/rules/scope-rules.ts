// Scope rules: what may be temporary land at all (TL-SCOPE-01/02/03).
import { etwOnlyUses, findUseType, projectClassNames } from '../classification.ts';
import { fmtM2 } from '../finding.ts';
import { negligibleM2, type Rule } from './rule.ts';

export const landCategoryRule: Rule = {
  code: 'TL-SCOPE-01',
  titleZh: '农用地、未利用地上的临时用地须上图入库',
  titleEn: 'temporary land on agricultural or unused land belongs in the register',
  check({ record, overlay }) {
    if (!overlay) return [];
    const b = overlay.breakdown;
    const agriculturalOrUnused =
      b.cultivatedM2 + b.farmlandM2 + b.forestM2 + b.otherAgriculturalM2 + b.unusedM2;
    if (agriculturalOrUnused > negligibleM2 || b.constructionM2 <= negligibleM2) return [];
    return [
      {
        code: this.code,
        severity: 'warning',
        messageZh: `地块全部位于建设用地（${fmtM2(b.constructionM2)}），临时使用已批建设用地不属于上图入库范围`,
        messageEn: `the parcel lies entirely on construction land (${fmtM2(b.constructionM2)}); temporary use of approved construction land is outside the register`,
        evidence: { constructionM2: b.constructionM2, areaM2: record.areaM2 },
      },
    ];
  },
};

export const allowedUseRule: Rule = {
  code: 'TL-SCOPE-02',
  titleZh: '用途须为施工或地质勘查所需',
  titleEn: 'the use serves construction works or geological survey',
  check({ record, settings }) {
    const use = findUseType(record.useType);
    if (!use) {
      return [
        {
          code: this.code,
          severity: 'error',
          messageZh: `用途“${record.useType}”不在临时用地允许的用途清单内`,
          messageEn: `use "${record.useType}" is not on the list of allowed temporary-land uses`,
          evidence: { useType: record.useType },
        },
      ];
    }
    if (use.category === 'other' && settings.provincialExtraUses.length === 0) {
      return [
        {
          code: this.code,
          severity: 'error',
          messageZh: '“法律法规允许的其他用地”须有本省清单依据，本省未设定该清单',
          messageEn:
            'an "other use allowed by law" needs the province\'s list, and this province has none',
          evidence: { useType: record.useType, provincialExtraUses: [] },
        },
      ];
    }
    return [];
  },
};

export const borrowPitRule: Rule = {
  code: 'TL-SCOPE-03',
  titleZh: '取土场、弃土（渣）场仅限能源、交通、水利项目',
  titleEn: 'borrow pits and spoil dumps only for energy, transport and water projects',
  check({ record, settings }) {
    if (!etwOnlyUses.includes(record.useType)) return [];
    const projectClass = record.project.projectClass;
    if (settings.borrowPitProjectClasses.includes(projectClass)) return [];
    const use = findUseType(record.useType);
    return [
      {
        code: this.code,
        severity: 'error',
        messageZh: `${use?.zh ?? record.useType}仅限能源、交通、水利等基础设施项目，本项目类别为“${projectClassNames[projectClass].zh}”`,
        messageEn: `a ${use?.en ?? record.useType} is allowed only for energy, transport and water projects; this project is ${projectClassNames[projectClass].en}`,
        evidence: {
          useType: record.useType,
          projectClass,
          allowedClasses: settings.borrowPitProjectClasses,
        },
      },
    ];
  },
};
