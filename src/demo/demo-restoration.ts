// A demo subsidence restoration project on the east shore of Pan'an Lake (Jiawang), fictional
// but in the style of the real one: coal-mining subsidence land turned into wetland, farmland,
// forest and a fishery-photovoltaic pond, with targets, funding, and two measurements a year
// apart that move its progress. And a demo acceptance-criteria set for Jiangsu, marked as demo
// data: the rows show the shape of a bureau's table, not the values of TD/T 1036. Loaded once
// (a marker in reference_data_version), through the services like any project.
import type { Db } from '../platform/db/db.ts';
import { systemActor } from '../identity/domain/actor.ts';
import type { CriteriaService, CriterionInput } from '../restoration/criteria.service.ts';
import type { MeasurementService } from '../restoration/measurements.service.ts';
import type { ProjectService } from '../restoration/projects.service.ts';

export const demoProjectName = '潘安湖东岸采煤塌陷地生态修复项目（演示）';
export const demoCriteriaRegion = 'huang_huai_hai_plain';
const demoBasis = '演示数据，非 TD/T 1036 标准值；请按本局所持标准文本填写';

type DemoRow = Omit<CriterionInput, 'region' | 'direction'>;
const row = (r: Omit<DemoRow, 'isDemo' | 'basis'>): DemoRow => ({
  ...r,
  isDemo: true,
  basis: demoBasis,
});

/** Demo criteria per reclamation direction, kept by Jiangsu (320000). */
export const demoCriteria: Readonly<Record<string, DemoRow[]>> = {
  cultivated: [
    row({
      indicator: 'soil_thickness',
      indicatorZh: '有效土层厚度',
      operator: '>=',
      threshold: 60,
      unit: 'cm',
    }),
    row({
      indicator: 'soil_ph',
      indicatorZh: '土壤 pH',
      operator: 'between',
      threshold: 6,
      thresholdHigh: 8.5,
      unit: 'pH',
    }),
    row({
      indicator: 'soil_organic_matter',
      indicatorZh: '土壤有机质',
      operator: '>=',
      threshold: 1,
      unit: '%',
    }),
    row({ indicator: 'slope', indicatorZh: '地面坡度', operator: '<=', threshold: 6, unit: '°' }),
  ],
  wetland: [
    row({
      indicator: 'vegetation_cover',
      indicatorZh: '植被覆盖度',
      operator: '>=',
      threshold: 60,
      unit: '%',
    }),
    row({
      indicator: 'water_depth',
      indicatorZh: '水深',
      operator: 'between',
      threshold: 0.5,
      thresholdHigh: 3,
      unit: 'm',
    }),
  ],
  forest: [
    row({
      indicator: 'vegetation_cover',
      indicatorZh: '植被覆盖度',
      operator: '>=',
      threshold: 70,
      unit: '%',
    }),
    row({
      indicator: 'survival_rate',
      indicatorZh: '造林成活率',
      operator: '>=',
      threshold: 85,
      unit: '%',
    }),
  ],
  fishery: [
    row({
      indicator: 'water_depth',
      indicatorZh: '水深',
      operator: 'between',
      threshold: 1.5,
      thresholdHigh: 3,
      unit: 'm',
    }),
  ],
};

/** The project's two parts, [lng, lat] in EPSG:4490: the eastern bowl and a northern strip. */
const geometry = {
  type: 'MultiPolygon',
  coordinates: [
    [
      [
        [117.444, 34.412],
        [117.4515, 34.4112],
        [117.4545, 34.4168],
        [117.4528, 34.4236],
        [117.4462, 34.4241],
        [117.4435, 34.4184],
        [117.444, 34.412],
      ],
    ],
    [
      [
        [117.432, 34.428],
        [117.438, 34.428],
        [117.438, 34.4325],
        [117.432, 34.4325],
        [117.432, 34.428],
      ],
    ],
  ],
};

export interface DemoRestorationServices {
  restorationProjects: ProjectService;
  restorationMeasurements: MeasurementService;
  acceptanceCriteria: CriteriaService;
}

/** Loads the demo criteria and project once; returns how many projects this call created. */
export async function loadDemoRestoration(
  db: Db,
  services: DemoRestorationServices,
): Promise<number> {
  const [marker] = await db.query(
    "SELECT 1 FROM reference_data_version WHERE dataset = 'demo-restoration'",
  );
  if (marker) return 0;
  const actor = systemActor('demo');
  for (const [direction, rows] of Object.entries(demoCriteria))
    await services.acceptanceCriteria.replace(
      actor,
      { divisionCode: '320000', region: demoCriteriaRegion, direction, rows },
      '演示数据：验收标准（示例，非标准值）',
    );
  // A run that stopped half-way left the project: keep it as it is.
  const [present] = await db.query('SELECT 1 FROM restoration_project WHERE name = $1', [
    demoProjectName,
  ]);
  let created = 0;
  if (!present) {
    const why = '演示数据：生态修复项目';
    const project = await services.restorationProjects.create(
      actor,
      {
        divisionCode: '320305',
        name: demoProjectName,
        responsibleUnit: '贾汪区自然资源和规划局（演示）',
        damageKind: 'subsidence',
        criteriaRegion: demoCriteriaRegion,
        geometry,
        targetAreaM2: {
          wetland: 500_000,
          cultivated_land: 300_000,
          forest_grass: 200_000,
          fishery_photovoltaic: 150_000,
        },
        targetVegetationCoverPct: 75,
        plannedStartOn: '2024-11-01',
        plannedEndOn: '2027-12-31',
        note: '采煤塌陷地分区治理：深陷区蓄水成湿地并建渔光互补，浅陷区复垦为耕地，边坡植树种草。',
      },
      why,
    );
    const started = await services.restorationProjects.act(actor, project.id, {
      action: 'start',
      version: project.version,
      occurredOn: '2024-11-01',
      reason: '演示数据：开工',
    });
    for (const [source, amountYuan, year] of [
      ['central', 30_000_000, 2024],
      ['provincial', 8_000_000, 2025],
      ['local', 5_000_000, 2025],
      ['social_capital', 12_000_000, 2025],
    ] as const)
      await services.restorationMeasurements.addFunding(
        actor,
        started.id,
        { source, amountYuan, year },
        why,
      );
    await services.restorationMeasurements.record(
      actor,
      started.id,
      {
        measuredOn: '2025-05-20',
        source: 'remote_sensing',
        restoredAreaM2: { wetland: 150_000, cultivated_land: 60_000, forest_grass: 40_000 },
        vegetationCoverPct: 38,
        note: '2025 年春季遥感监测（演示）',
      },
      '演示数据：监测',
    );
    await services.restorationMeasurements.record(
      actor,
      started.id,
      {
        measuredOn: '2026-05-18',
        source: 'field_survey',
        restoredAreaM2: {
          wetland: 380_000,
          cultivated_land: 210_000,
          forest_grass: 150_000,
          fishery_photovoltaic: 90_000,
        },
        vegetationCoverPct: 61,
        indicators: [
          { indicator: 'soil_thickness', value: 65, unit: 'cm' },
          { indicator: 'soil_ph', value: 7.6, unit: 'pH' },
          { indicator: 'water_depth', value: 1.8, unit: 'm' },
          { indicator: 'survival_rate', value: 88, unit: '%' },
        ],
        note: '2026 年实地调查（演示）',
      },
      '演示数据：监测',
    );
    created = 1;
  }
  await db.query(
    `INSERT INTO reference_data_version (dataset, checksum, rows) VALUES ('demo-restoration', 'v1', $1)`,
    [1],
  );
  return created;
}
