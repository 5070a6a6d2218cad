// What a temporary-land record is for: the project's class and the use of the land.
// The use list is TL-SCOPE-03 (2021 notice §一); provinces may add lawful "other" uses.

export const projectClasses = [
  'energy',
  'transport',
  'water',
  'railway',
  'mining_survey',
  'oil_gas',
  'other',
] as const;
export type ProjectClass = (typeof projectClasses)[number];

export const projectClassNames: Record<ProjectClass, { zh: string; en: string }> = {
  energy: { zh: '能源', en: 'energy' },
  transport: { zh: '交通', en: 'transport' },
  water: { zh: '水利', en: 'water' },
  railway: { zh: '铁路', en: 'railway' },
  mining_survey: { zh: '矿产勘查', en: 'mining survey' },
  oil_gas: { zh: '油气', en: 'oil and gas' },
  other: { zh: '其他', en: 'other' },
};

/** Energy, transport and water infrastructure (railways are transport) — TL-SCOPE-03, TL-TERM-02/04. */
export function isEnergyTransportWater(projectClass: ProjectClass): boolean {
  return (
    projectClass === 'energy' ||
    projectClass === 'transport' ||
    projectClass === 'water' ||
    projectClass === 'railway'
  );
}

export type UseCategory = 'construction' | 'survey' | 'other';

export interface UseType {
  code: string;
  zh: string;
  en: string;
  category: UseCategory;
}

/** TL-SCOPE-03: the allowed uses of temporary land. */
export const useTypes: readonly UseType[] = [
  {
    code: 'temporary_office',
    zh: '临时办公用房',
    en: 'temporary office',
    category: 'construction',
  },
  { code: 'living_quarters', zh: '临时生活用房', en: 'living quarters', category: 'construction' },
  { code: 'work_shed', zh: '工棚', en: 'work shed', category: 'construction' },
  {
    code: 'topsoil_stockpile',
    zh: '表土剥离堆放场',
    en: 'topsoil stockpile',
    category: 'construction',
  },
  { code: 'material_yard', zh: '材料堆场', en: 'material yard', category: 'construction' },
  { code: 'beam_yard', zh: '制梁场', en: 'precast-beam yard', category: 'construction' },
  { code: 'mixing_plant', zh: '拌合站', en: 'mixing plant', category: 'construction' },
  { code: 'rebar_yard', zh: '钢筋加工场', en: 'rebar yard', category: 'construction' },
  { code: 'construction_road', zh: '施工便道', en: 'construction road', category: 'construction' },
  { code: 'haul_road', zh: '运输便道', en: 'haul road', category: 'construction' },
  {
    code: 'overhead_line',
    zh: '架空线路架设',
    en: 'overhead-line erection',
    category: 'construction',
  },
  { code: 'pipeline', zh: '地下管线敷设', en: 'pipeline laying', category: 'construction' },
  { code: 'borrow_pit', zh: '取土场', en: 'borrow pit', category: 'construction' },
  { code: 'spoil_dump', zh: '弃土（渣）场', en: 'spoil dump', category: 'construction' },
  { code: 'mineral_survey', zh: '矿产资源勘查', en: 'mineral survey', category: 'survey' },
  {
    code: 'engineering_geology_survey',
    zh: '工程地质勘查',
    en: 'engineering-geology survey',
    category: 'survey',
  },
  {
    code: 'hydrogeology_survey',
    zh: '水文地质勘查',
    en: 'hydrogeology survey',
    category: 'survey',
  },
  { code: 'survey_road', zh: '勘查道路', en: 'survey road', category: 'survey' },
  { code: 'oil_gas_well_pad', zh: '油气井场', en: 'oil-gas well pad', category: 'survey' },
  { code: 'oil_gas_pipeline', zh: '油气配套管线', en: 'oil-gas pipeline', category: 'survey' },
  {
    code: 'survey_power',
    zh: '勘查配套电力设施',
    en: 'survey power facilities',
    category: 'survey',
  },
  {
    code: 'other_lawful',
    zh: '法律法规允许的其他临时用地',
    en: 'other use allowed by law',
    category: 'other',
  },
];

export function findUseType(code: string): UseType | undefined {
  return useTypes.find((u) => u.code === code);
}

/** Uses that cannot return the land to cropping: no cultivated land or farmland (TL-PBF-01). */
export const nonCroppingUses: readonly string[] = ['beam_yard', 'mixing_plant'];

/** Uses allowed only for energy, transport and water projects (TL-SCOPE-03). */
export const etwOnlyUses: readonly string[] = ['borrow_pit', 'spoil_dump'];

export type ApprovalLevel = 'county' | 'city' | 'province' | 'ministry';
export const approvalLevels: readonly ApprovalLevel[] = ['county', 'city', 'province', 'ministry'];

/** Whether `level` is at least `minimum` (county < city < province < ministry). */
export function isAtLeast(level: ApprovalLevel, minimum: ApprovalLevel): boolean {
  return approvalLevels.indexOf(level) >= approvalLevels.indexOf(minimum);
}
