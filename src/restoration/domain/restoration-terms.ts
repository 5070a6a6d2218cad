// The words of ecological restoration (生态修复) as code values: restoration types, damage
// kinds, measurement and funding sources, and the reclamation direction (复垦方向) each
// restoration type is checked against in the acceptance-criteria table. Pure: no I/O.

/** What the land becomes (修复类型). */
export const restorationTypes = [
  'cultivated_land', // 耕地
  'wetland', // 湿地
  'forest_grass', // 林草地
  'landscape_park', // 景观公园
  'fishery_photovoltaic', // 渔光互补
  'construction_reuse', // 建设利用
] as const;
export type RestorationType = (typeof restorationTypes)[number];

export const restorationTypeNames: Record<RestorationType, { zh: string; en: string }> = {
  cultivated_land: { zh: '耕地', en: 'cultivated land' },
  wetland: { zh: '湿地', en: 'wetland' },
  forest_grass: { zh: '林草地', en: 'forest and grassland' },
  landscape_park: { zh: '景观公园', en: 'landscape park' },
  fishery_photovoltaic: { zh: '渔光互补', en: 'fishery-photovoltaic' },
  construction_reuse: { zh: '建设利用', en: 'reuse for construction' },
};

/**
 * Reclamation directions (复垦方向) as the criteria table keys them. A bureau may key its
 * rows by any of these; restoration projects look theirs up through `directionOf`.
 */
export const reclamationDirections = [
  'cultivated', // 耕地
  'garden', // 园地
  'forest', // 林地
  'grassland', // 草地
  'wetland', // 湿地（含水域）
  'fishery', // 渔业（养殖水面）
  'landscape', // 景观游憩
  'construction', // 建设用地
  'other', // 其他
] as const;
export type ReclamationDirection = (typeof reclamationDirections)[number];

/** The direction whose criteria a restoration type is checked against. */
export const directionOf: Record<RestorationType, ReclamationDirection> = {
  cultivated_land: 'cultivated',
  wetland: 'wetland',
  forest_grass: 'forest',
  landscape_park: 'landscape',
  fishery_photovoltaic: 'fishery',
  construction_reuse: 'construction',
};

/** The damage being repaired. */
export const damageKinds = ['subsidence', 'open_pit', 'waste_dump', 'industrial', 'other'] as const;
export type DamageKind = (typeof damageKinds)[number];

/** Where a measurement comes from. */
export const measurementSources = ['field_survey', 'remote_sensing', 'third_party_report'] as const;
export type MeasurementSource = (typeof measurementSources)[number];

/** Who pays (资金来源). */
export const fundingSources = [
  'central',
  'provincial',
  'local',
  'enterprise',
  'social_capital',
] as const;
export type FundingSource = (typeof fundingSources)[number];

/** Area per restoration type in m² (only the types that apply are present). */
export type AreaByType = Partial<Record<RestorationType, number>>;

/** The indicator name under which a measurement's vegetation cover is checked, in %. */
export const vegetationCoverIndicator = { indicator: 'vegetation_cover', unit: '%' } as const;
