// What a feature of the division layer (行政区, the survey's XZQ layer) must say about itself:
// its code (行政区代码 XZQDM: 6, 9 or 12 digits for a county, township or village) naming a
// division of GB/T 2260 by its first six digits, inside the division loaded (a county, or a
// city or province loading a file of several counties), and, when present, its name
// (行政区名称 XZQMC). Both are kept as delivered. Pure: no I/O.
import type { Problem } from '../../platform/errors.ts';
import { shown } from '../../platform/control-characters.ts';
import { isWithinDivision } from '../../reference/divisions/domain/division-code.ts';
import type { BoundaryFeature } from '../../reference/layers/layers.store.ts';
import type { ImportCandidate } from '../import/candidate.ts';
import { attributeByNames } from '../import/attribute-names.ts';
import { surveyLayerAttributeNames } from './survey-layer-attributes.ts';

const boundaryCodePattern = /^\d{6}(\d{3}(\d{3})?)?$/;

/**
 * Reads one boundary's attributes for a load of the division layer into `loadDivision` (a
 * county, city, province or the nation); `knownDivisions` holds the codes of the division
 * table. The boundary's division (`divisionCode`, its batch) is its code's first six digits.
 */
export function boundaryFeatureAttributes(
  candidate: ImportCandidate,
  loadDivision: string,
  knownDivisions: ReadonlySet<string>,
  file: string,
): { attributes: Omit<BoundaryFeature, 'geometry'> | null; problems: Problem[] } {
  const where = { file, feature: candidate.feature, field: 'XZQDM' };
  const fail = (code: string, messageZh: string, messageEn: string) => ({
    attributes: null,
    problems: [{ code, messageZh, messageEn, location: where }],
  });
  const code = attributeByNames(candidate.properties, surveyLayerAttributeNames.boundaryCode);
  if (code === undefined) {
    return fail(
      'BOUNDARY_CODE_MISSING',
      '行政区图斑缺少行政区代码（XZQDM）',
      'the division boundary has no division code (XZQDM)',
    );
  }
  if (!boundaryCodePattern.test(code)) {
    return fail(
      'BOUNDARY_CODE_INVALID',
      `行政区代码“${shown(code)}”应为 6、9 或 12 位数字（县级、乡级、村级）`,
      `division code "${shown(code)}" must have 6, 9 or 12 digits (county, township, village)`,
    );
  }
  const county = code.slice(0, 6);
  if (!knownDivisions.has(county)) {
    return fail(
      'BOUNDARY_DIVISION_UNKNOWN',
      `行政区代码 ${code} 的前六位 ${county} 不是现行行政区划代码`,
      `the first six digits of division code ${code}, ${county}, are not a known division`,
    );
  }
  if (!isWithinDivision(county, loadDivision)) {
    return fail(
      'LAYER_FEATURE_OUTSIDE_DIVISION',
      `行政区 ${code} 不在本次导入的行政区 ${loadDivision} 之内`,
      `division ${code} does not lie in the division loaded, ${loadDivision}`,
    );
  }
  const name = attributeByNames(candidate.properties, surveyLayerAttributeNames.boundaryName);
  return {
    attributes: { divisionCode: county, boundaryCode: code, name: name ?? null },
    problems: [],
  };
}
