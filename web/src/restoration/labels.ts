// Names and colours of the restoration screens: restoration types (the server's own names),
// states, kinds of damage, sources, directions, operators, trends and verdicts, in Chinese
// and English, and the map's colour per project state.
import { criterionOperators } from '../../../src/restoration/domain/criteria-check.ts';
import { projectStates } from '../../../src/restoration/domain/project-lifecycle.ts';
import {
  damageKinds,
  fundingSources,
  measurementSources,
  reclamationDirections,
  restorationTypeNames,
  restorationTypes,
} from '../../../src/restoration/domain/restoration-terms.ts';
import type { Lang } from '../i18n/i18n.tsx';

export {
  criterionOperators,
  damageKinds,
  fundingSources,
  measurementSources,
  projectStates,
  reclamationDirections,
  restorationTypes,
};

type Names = Record<string, { zh: string; en: string }>;

const stateNames: Names = {
  planned: { zh: '计划中', en: 'planned' },
  under_way: { zh: '实施中', en: 'under way' },
  completed: { zh: '已完工', en: 'completed' },
  accepted: { zh: '已验收', en: 'accepted' },
};

const damageNames: Names = {
  subsidence: { zh: '采煤塌陷', en: 'mining subsidence' },
  open_pit: { zh: '露天采场', en: 'open pit' },
  waste_dump: { zh: '排土场/矸石山', en: 'waste dump' },
  industrial: { zh: '工矿废弃地', en: 'derelict industrial land' },
  other: { zh: '其他', en: 'other' },
};

const sourceNames: Names = {
  field_survey: { zh: '实地调查', en: 'field survey' },
  remote_sensing: { zh: '遥感监测', en: 'remote sensing' },
  third_party_report: { zh: '第三方报告', en: 'third-party report' },
};

const fundingNames: Names = {
  central: { zh: '中央财政', en: 'central government' },
  provincial: { zh: '省级财政', en: 'provincial government' },
  local: { zh: '市县财政', en: 'local government' },
  enterprise: { zh: '企业自筹', en: 'enterprise' },
  social_capital: { zh: '社会资本', en: 'social capital' },
};

const directionNames: Names = {
  cultivated: { zh: '耕地', en: 'cultivated land' },
  garden: { zh: '园地', en: 'garden' },
  forest: { zh: '林地', en: 'forest' },
  grassland: { zh: '草地', en: 'grassland' },
  wetland: { zh: '湿地（含水域）', en: 'wetland and water' },
  fishery: { zh: '渔业养殖水面', en: 'fishery' },
  landscape: { zh: '景观游憩', en: 'landscape and recreation' },
  construction: { zh: '建设用地', en: 'construction land' },
  other: { zh: '其他', en: 'other' },
};

const trendNames: Names = {
  none: { zh: '—', en: '—' },
  first: { zh: '首次监测', en: 'first measurement' },
  improving: { zh: '上升', en: 'improving' },
  unchanged: { zh: '持平', en: 'unchanged' },
  declining: { zh: '下降', en: 'declining' },
};

const verdictNames: Names = {
  pass: { zh: '达标', en: 'pass' },
  fail: { zh: '不达标', en: 'fail' },
  incomplete: { zh: '无法完整判定', en: 'incomplete' },
  no_criteria: { zh: '该区域、方向尚无标准', en: 'no criteria for this region and direction' },
};

const findingNames: Names = {
  met: { zh: '达标', en: 'met' },
  not_met: { zh: '不达标', en: 'not met' },
  missing: { zh: '缺少实测值', en: 'missing' },
  unit_mismatch: { zh: '单位不符', en: 'unit mismatch' },
  ambiguous: { zh: '重复数值', en: 'ambiguous' },
};

const name = (names: Names, key: string, lang: Lang) => names[key]?.[lang] ?? key;

export const typeLabel = (t: string, lang: Lang) => name(restorationTypeNames, t, lang);
export const stateLabel = (s: string, lang: Lang) => name(stateNames, s, lang);
export const damageLabel = (d: string, lang: Lang) => name(damageNames, d, lang);
export const sourceLabel = (s: string, lang: Lang) => name(sourceNames, s, lang);
export const fundingLabel = (s: string, lang: Lang) => name(fundingNames, s, lang);
export const directionLabel = (d: string, lang: Lang) => name(directionNames, d, lang);
export const trendLabel = (t: string, lang: Lang) => name(trendNames, t, lang);
export const verdictLabel = (v: string, lang: Lang) => name(verdictNames, v, lang);
export const findingLabel = (f: string, lang: Lang) => name(findingNames, f, lang);

/** A threshold as people read it: "≥ 60 %", "6 – 8.5 pH". */
export function thresholdText(
  operator: string,
  threshold: number,
  thresholdHigh: number | null,
  unit: string,
): string {
  const symbols: Record<string, string> = { '>=': '≥', '>': '>', '<=': '≤', '<': '<', '=': '=' };
  return operator === 'between'
    ? `${threshold} – ${thresholdHigh ?? '?'} ${unit}`
    : `${symbols[operator] ?? operator} ${threshold} ${unit}`;
}

/** Map colours per project state. */
export const stateColours: Record<string, string> = {
  planned: '#90a4ae',
  under_way: '#00897b',
  completed: '#1e88e5',
  accepted: '#2e7d32',
};

/** Colours per restoration type in the charts. */
export const typeColours: Record<string, string> = {
  cultivated_land: '#c0a000',
  wetland: '#0288d1',
  forest_grass: '#2e7d32',
  landscape_park: '#8e24aa',
  fishery_photovoltaic: '#00838f',
  construction_reuse: '#6d4c41',
};

/** m² as hectares with two decimals. */
export const hectares = (m2: number) => m2 / 10_000;
