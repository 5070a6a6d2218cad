// What a delivered change polygon says about itself: its number (图斑编号 TBBH), change type
// (变化类型), current land class (现状地类 DLBM), division (行政区代码) and detection date, read
// from the usual field names; every attribute is also kept as delivered. Pure: no I/O.
import { shown } from '../../platform/control-characters.ts';
import { isIsoDate } from '../../platform/time/iso-date.ts';
import type { Problem } from '../../platform/errors.ts';
import { isWithinDivision } from '../../reference/divisions/domain/division-code.ts';
import type { ImportCandidate } from '../../register/import/candidate.ts';
import { attributeByNames, dateFrom } from '../../register/import/attribute-names.ts';
import { controlCharacterProblems } from '../../register/import/import.service.ts';

export const changePolygonAttributeNames = {
  surveyCode: [
    'TBBH',
    'tbbh',
    '图斑编号',
    'JCBH',
    'jcbh',
    '监测图斑编号',
    '监测编号',
    'surveyCode',
    'survey_code',
    'code',
    '编号',
  ],
  changeType: [
    'BHLX',
    'bhlx',
    '变化类型',
    'TBLX',
    'tblx',
    '图斑类型',
    'JCLX',
    'jclx',
    '监测类型',
    'changeType',
    'change_type',
  ],
  landClass: [
    'DLBM',
    'dlbm',
    '现状地类',
    '现状地类编码',
    'XZDLBM',
    'xzdlbm',
    '地类编码',
    'landClassCode',
    'land_class_code',
  ],
  divisionCode: [
    'XZQDM',
    'xzqdm',
    '行政区代码',
    '行政区划代码',
    '县级行政区代码',
    'ZLDWDM',
    'zldwdm',
    '坐落单位代码',
    'divisionCode',
    'division_code',
  ],
  detectedOn: ['JCSJ', 'jcsj', '监测时间', '发现时间', '变化时间', 'detectedOn', 'detected_on'],
} as const;

export interface ChangePolygonFacts {
  divisionCode: string;
  surveyCode: string | null;
  changeType: string | null;
  /** GB/T 21010 / third-survey code (a 'K' adjustable suffix dropped, a Chinese name resolved). */
  landClassCode: string | null;
  detectedOn: string | null;
  /** Every attribute as delivered. */
  attributes: Record<string, unknown>;
}

export interface AttributeContext {
  file: string;
  /** The batch's division: every polygon must lie inside it. */
  batchDivision: string;
  knownDivisions: ReadonlySet<string>;
  /** Land-class codes and Chinese names → code. */
  landClasses: ReadonlyMap<string, string>;
}

/** Reads one polygon's facts; `facts` is null when any problem was found. */
export function changePolygonFacts(
  candidate: ImportCandidate,
  context: AttributeContext,
): { facts: ChangePolygonFacts | null; problems: Problem[] } {
  const where = { file: context.file, feature: candidate.feature };
  const props = candidate.properties;
  const problems: Problem[] = controlCharacterProblems(candidate, context.file);

  let divisionCode = context.batchDivision;
  const written = attributeByNames(props, changePolygonAttributeNames.divisionCode);
  if (written !== undefined) {
    // Village-level codes (12 or 19 digits) start with their county's six.
    const county = /^\d{6}/.test(written) ? written.slice(0, 6) : undefined;
    if (county === undefined) {
      problems.push({
        code: 'CHANGE_DIVISION_CODE',
        messageZh: `行政区代码“${shown(written)}”不是行政区划代码`,
        messageEn: `division code "${shown(written)}" is not a division code`,
        location: { ...where, field: 'XZQDM' },
      });
    } else if (!context.knownDivisions.has(county)) {
      problems.push({
        code: 'CHANGE_DIVISION_UNKNOWN',
        messageZh: `行政区代码 ${county} 不存在`,
        messageEn: `division ${county} does not exist`,
        location: { ...where, field: 'XZQDM' },
      });
    } else if (!isWithinDivision(county, context.batchDivision)) {
      problems.push({
        code: 'CHANGE_OUTSIDE_BATCH_DIVISION',
        messageZh: `图斑位于 ${county}，不属于本批次的行政区 ${context.batchDivision}`,
        messageEn: `the polygon lies in ${county}, outside this batch's division ${context.batchDivision}`,
        location: { ...where, field: 'XZQDM' },
      });
    } else {
      divisionCode = county;
    }
  }

  let landClassCode: string | null = null;
  const landClass = attributeByNames(props, changePolygonAttributeNames.landClass);
  if (landClass !== undefined) {
    const upper = landClass.toUpperCase();
    // The third survey marks adjustable land (可调整地类) with a trailing K.
    const base = upper.endsWith('K') ? upper.slice(0, -1) : upper;
    const code =
      context.landClasses.get(upper) ??
      context.landClasses.get(base) ??
      context.landClasses.get(landClass);
    if (code === undefined) {
      problems.push({
        code: 'CHANGE_LAND_CLASS_UNKNOWN',
        messageZh: `现状地类“${shown(landClass)}”不在 GB/T 21010-2017 及三调工作分类中`,
        messageEn: `current land class "${shown(landClass)}" is not in GB/T 21010-2017 or the third-survey working classes`,
        location: { ...where, field: 'DLBM' },
      });
    } else {
      landClassCode = code;
    }
  }

  let detectedOn: string | null = null;
  const detected = attributeByNames(props, changePolygonAttributeNames.detectedOn);
  if (detected !== undefined) {
    // A time of day after the date ("2025-06-03 10:20:00", ISO 8601) is dropped.
    const date = dateFrom(detected.split(/[ T]/)[0]);
    if (date === undefined || !isIsoDate(date)) {
      problems.push({
        code: 'CHANGE_DETECTED_ON_INVALID',
        messageZh: `监测时间“${shown(detected)}”不是有效日期`,
        messageEn: `detection date "${shown(detected)}" is not a calendar date`,
        location: { ...where, field: 'JCSJ' },
      });
    } else {
      detectedOn = date;
    }
  }

  if (problems.length > 0) return { facts: null, problems };
  return {
    facts: {
      divisionCode,
      surveyCode: surveyCodeOf(props),
      changeType: attributeByNames(props, changePolygonAttributeNames.changeType) ?? null,
      landClassCode,
      detectedOn,
      attributes: props,
    },
    problems,
  };
}

/** The polygon's number (图斑编号) as delivered, or null. */
export function surveyCodeOf(properties: Readonly<Record<string, unknown>>): string | null {
  return attributeByNames(properties, changePolygonAttributeNames.surveyCode) ?? null;
}

/** A problem per polygon number used twice in one batch (TBBH identifies a polygon). */
export function duplicateCodeProblems(
  polygons: readonly { file: string; feature: number; surveyCode: string | null }[],
): Problem[] {
  const seen = new Map<string, { file: string; feature: number }>();
  const problems: Problem[] = [];
  for (const p of polygons) {
    if (p.surveyCode === null) continue;
    const first = seen.get(p.surveyCode);
    if (!first) {
      seen.set(p.surveyCode, p);
      continue;
    }
    problems.push({
      code: 'CHANGE_DUPLICATE_CODE',
      messageZh: `图斑编号“${shown(p.surveyCode)}”与 ${first.file} 第 ${first.feature} 个要素重复`,
      messageEn: `polygon number "${shown(p.surveyCode)}" repeats ${first.file} feature ${first.feature}`,
      location: { file: p.file, feature: p.feature, field: 'TBBH' },
    });
  }
  return problems;
}
