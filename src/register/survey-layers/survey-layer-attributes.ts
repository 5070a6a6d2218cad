// What a survey-layer feature must say about itself: its land class (地类编码 DLBM) for the
// land-class layer, its patch number (图斑编号 TBBH) and, when present, where it lies
// (坐落单位代码 ZLDWDM, whose first six digits are the county). Pure: no I/O.
import type { Problem } from '../../platform/errors.ts';
import { shown } from '../../platform/control-characters.ts';
import type { ImportCandidate } from '../import/candidate.ts';
import { attributeByNames } from '../import/attribute-names.ts';

export const surveyLayerAttributeNames = {
  landClassCode: ['DLBM', 'dlbm', '地类编码', 'landClassCode', 'land_class_code'],
  surveyCode: ['TBBH', 'tbbh', '图斑编号', 'surveyCode', 'survey_code'],
  locationCode: [
    'ZLDWDM',
    'zldwdm',
    '坐落单位代码',
    'XZQDM',
    'xzqdm',
    '行政区代码',
    'divisionCode',
    'division_code',
  ],
  /** The division layer (行政区, XZQ): its code and name. */
  boundaryCode: ['XZQDM', 'xzqdm', '行政区代码', 'divisionCode', 'division_code'],
  boundaryName: ['XZQMC', 'xzqmc', '行政区名称', 'name'],
} as const;

export type SurveyLayer = 'land_class' | 'farmland' | 'division';

export interface SurveyFeatureAttributes {
  divisionCode: string;
  surveyCode: string | null;
  /** Present for the land-class layer. */
  landClassCode?: string;
  /** The code as written when it carried the third-survey 'K' (adjustable) suffix. */
  adjustableCode?: string;
}

/**
 * Reads one feature's attributes for a batch of a patch layer (`layer` land_class or
 * farmland) in county `batchDivision`.
 * `knownClasses` is the set of GB/T 21010 / third-survey codes in the land_class table.
 */
export function surveyFeatureAttributes(
  candidate: ImportCandidate,
  layer: SurveyLayer,
  batchDivision: string,
  knownClasses: ReadonlySet<string>,
  file: string,
): { attributes: SurveyFeatureAttributes | null; problems: Problem[] } {
  const where = { file, feature: candidate.feature };
  const problems: Problem[] = [];
  const surveyCode = attributeByNames(candidate.properties, surveyLayerAttributeNames.surveyCode);
  const location = attributeByNames(candidate.properties, surveyLayerAttributeNames.locationCode);
  // ZLDWDM is the 19-digit village-level code; its county is the first six digits.
  const county = location && /^\d{6}/.test(location) ? location.slice(0, 6) : undefined;
  if (location !== undefined && county === undefined) {
    problems.push({
      code: 'LAYER_LOCATION_CODE',
      messageZh: `坐落单位代码“${shown(location)}”不是行政区划代码`,
      messageEn: `location code "${shown(location)}" is not a division code`,
      location: { ...where, field: 'ZLDWDM' },
    });
  } else if (county !== undefined && county !== batchDivision) {
    problems.push({
      code: 'LAYER_FEATURE_OUTSIDE_DIVISION',
      messageZh: `图斑坐落于 ${county}，不属于本批次的县级行政区 ${batchDivision}`,
      messageEn: `the patch lies in ${county}, not in this batch's county ${batchDivision}`,
      location: { ...where, field: 'ZLDWDM' },
    });
  }
  const base = { divisionCode: batchDivision, surveyCode: surveyCode ?? null };
  if (layer !== 'land_class') return { attributes: problems.length ? null : base, problems };

  const written = attributeByNames(candidate.properties, surveyLayerAttributeNames.landClassCode);
  if (written === undefined) {
    problems.push({
      code: 'LAYER_LAND_CLASS_MISSING',
      messageZh: '地类图斑缺少地类编码（DLBM）',
      messageEn: 'the land-class patch has no land-class code (DLBM)',
      location: { ...where, field: 'DLBM' },
    });
    return { attributes: null, problems };
  }
  const upper = written.toUpperCase();
  // The third survey marks adjustable land (可调整地类) with a trailing K on the base code.
  const adjustable = upper.endsWith('K') && knownClasses.has(upper.slice(0, -1));
  const code = adjustable ? upper.slice(0, -1) : upper;
  if (!knownClasses.has(code)) {
    problems.push({
      code: 'LAYER_LAND_CLASS_UNKNOWN',
      messageZh: `地类编码“${shown(written)}”不在 GB/T 21010-2017 及三调工作分类中`,
      messageEn: `land-class code "${shown(written)}" is not in GB/T 21010-2017 or the third-survey working classes`,
      location: { ...where, field: 'DLBM' },
    });
    return { attributes: null, problems };
  }
  if (problems.length > 0) return { attributes: null, problems };
  return {
    attributes: { ...base, landClassCode: code, ...(adjustable ? { adjustableCode: upper } : {}) },
    problems,
  };
}
