// Demo supervision data, so that a supervisor's screens have something to show on first start:
// two running Jiawang records registered and in use, a satellite-enforcement batch whose
// polygons are covered, partly covered and uncovered for every cause (TL-ENF-01/02), a stock
// back-fill batch from the 2021 survey with a polygon of each class (rectification orders and
// an illegal-land-use case follow, TL-STOCK-01), and evaluations of every rule at two quarter ends
// and today (stored findings with months to count them by, the county brake). Loaded once (a marker in reference_data_version), after
// the demo records, through the services like any delivery.
import { systemActor } from '../identity/domain/actor.ts';
import type { Db } from '../platform/db/db.ts';
import { todayInShanghai } from '../platform/time/iso-date.ts';
import type { Services } from '../server/services.ts';

type Box = [west: number, south: number, east: number, north: number];

const polygon = ([w, s, e, n]: Box) => ({
  type: 'Polygon',
  coordinates: [
    [
      [w, s],
      [e, s],
      [e, n],
      [w, n],
      [w, s],
    ],
  ],
});

const geojsonFile = (name: string, features: { properties: object; box: Box }[]) => ({
  name,
  bytes: new TextEncoder().encode(
    JSON.stringify({
      type: 'FeatureCollection',
      features: features.map((f) => ({
        type: 'Feature',
        properties: f.properties,
        geometry: polygon(f.box),
      })),
    }),
  ),
});

/** Demo records (by project name) registered (上图入库) and in use, so that polygons over them are covered. */
const registeredInUse = [
  { projectName: '徐州东站扩建钢筋加工场', registeredOn: '2025-05-26', startedOn: '2025-06-02' },
  {
    projectName: '采煤塌陷区治理工程临时工棚',
    registeredOn: '2025-09-19',
    startedOn: '2025-09-25',
  },
];

/** The enforcement batch of October 2026: boxes placed against the demo records (demo-records.ts). */
export const demoEnforcementBatch = {
  source: 'satellite_enforcement' as const,
  month: '2026-10',
  batchId: 'WP-320305-2026-10',
  divisionCode: '320305',
  features: [
    // Inside the registered rebar yard: covered.
    { properties: { TBBH: 'WP-01', DLBM: '1206' }, box: [117.4585, 34.4105, 117.46, 34.4115] },
    // Across the rebar yard's east edge: partly covered, the rest outside any approval.
    { properties: { TBBH: 'WP-02', DLBM: '1206' }, box: [117.4595, 34.4108, 117.4625, 34.4116] },
    // Inside the registered work shed, where a building went up: use differs.
    {
      properties: { TBBH: 'WP-03', 变化类型: '新建房屋' },
      box: [117.4252, 34.4252, 117.426, 34.4258],
    },
    // Over the pipeline site approved but not registered: TL-REG-02.
    { properties: { TBBH: 'WP-04', DLBM: '1206' }, box: [117.399, 34.4181, 117.4005, 34.4187] },
    // Over the haul road whose term and reclamation period are over: approval expired.
    { properties: { TBBH: 'WP-05', DLBM: '1206' }, box: [117.403, 34.3942, 117.405, 34.3952] },
    // Far from any approval.
    { properties: { TBBH: 'WP-06', DLBM: '0602' }, box: [117.432, 34.412, 117.434, 34.4135] },
  ] satisfies { properties: object; box: Box }[],
};

/** 2021 survey polygons north of Pan'an Lake, one per class a–d (two overdue). */
const backfillFeatures: { properties: object; box: Box }[] = [
  {
    properties: {
      图斑编号: 'LS-2021-01',
      项目名称: '贾汪区村道改造施工便道',
      用途: '施工便道',
      批准日期: '2019-03-01',
      终止日期: '2021-02-28',
      复垦验收: '已验收',
      验收日期: '2022-05-10',
    },
    box: [117.401, 34.4345, 117.403, 34.436],
  },
  {
    properties: {
      图斑编号: 'LS-2021-02',
      项目名称: '马庄排涝站施工场地',
      用途: '材料堆场',
      批准日期: '2020-09-01',
      终止日期: '2022-08-31',
      复垦验收: '已复垦待验收',
    },
    box: [117.406, 34.4345, 117.408, 34.436],
  },
  {
    properties: {
      图斑编号: 'LS-2021-03',
      项目名称: '徐贾快速路沥青拌合站',
      用途: '拌合站',
      批准日期: '2020-05-01',
      终止日期: '2022-04-30',
      是否在用: '是',
    },
    box: [117.411, 34.4345, 117.4135, 34.4362],
  },
  {
    properties: {
      图斑编号: 'LS-2021-04',
      项目名称: '潘安湖环湖路取土场',
      用途: '取土场',
      批准日期: '2020-08-01',
      终止日期: '2022-07-31',
      复垦验收: '未复垦',
    },
    box: [117.417, 34.4345, 117.419, 34.436],
  },
  {
    properties: {
      图斑编号: 'LS-2021-05',
      项目名称: '某物流园临时工棚',
      用途: '工棚',
      终止日期: '2024-12-31',
      永久建筑: '是',
      现状: '已建厂房',
    },
    box: [117.422, 34.4345, 117.4235, 34.4355],
  },
];

const evaluationHistory = ['2026-06-30', '2026-09-30'];

/** One more 2021 polygon, still used years after its term: back-filled with an order. */
const lateBackfillFeatures: { properties: object; box: Box }[] = [
  {
    properties: {
      图斑编号: 'LS-2021-06',
      项目名称: '贾汪煤矿塌陷区治理材料堆场',
      用途: '材料堆场',
      批准日期: '2020-03-01',
      终止日期: '2022-02-28',
      是否在用: '是',
    },
    box: [117.427, 34.4345, 117.429, 34.436],
  },
];

export interface DemoSupervisionOutcome {
  loaded: boolean;
  enforcementPolygons: number;
  backfillPolygons: number;
  findings: number;
}

/** Loads the demo supervision data once (after the demo records); a second call does nothing. */
export async function loadDemoSupervision(
  db: Db,
  services: Pick<Services, 'register' | 'enforcement' | 'backfill' | 'evaluations'>,
): Promise<DemoSupervisionOutcome> {
  const [marker] = await db.query(
    "SELECT 1 FROM reference_data_version WHERE dataset = 'demo-supervision'",
  );
  if (marker) return { loaded: false, enforcementPolygons: 0, backfillPolygons: 0, findings: 0 };
  const actor = systemActor('demo');

  for (const step of registeredInUse) {
    const [row] = await db.query<{ id: string; state: string; version: number }>(
      'SELECT id, state, version FROM temporary_land WHERE project_name = $1',
      [step.projectName],
    );
    if (!row || row.state !== 'approved') continue;
    const registered = await services.register.transition(
      actor,
      row.id,
      row.version,
      { action: 'register', reasonCode: 'REGISTERED', occurredOn: step.registeredOn },
      '演示数据：上图入库',
    );
    await services.register.transition(
      actor,
      row.id,
      registered.version,
      { action: 'start_use', reasonCode: 'WORKS_STARTED', occurredOn: step.startedOn },
      '演示数据：开工使用',
    );
  }

  const { features, ...batch } = demoEnforcementBatch;
  const enforcement = await services.enforcement.import(
    actor,
    [geojsonFile('卫片执法图斑-2026-10.geojson', features)],
    { ...batch, reason: '演示数据：2026 年 10 月卫片执法图斑下发' },
  );

  const backfill = await services.backfill.import(
    actor,
    [geojsonFile('2021年度变更调查临时用地图斑.geojson', backfillFeatures)],
    {
      divisionCode: '320305',
      asOf: todayInShanghai(),
      source: '演示数据：2021 年度国土变更调查临时用地图斑（合成）',
      reason: '演示数据：存量临时用地信息补录',
    },
  );

  // Evaluated at two earlier quarter ends as well, so that findings have months to be counted by.
  const today = todayInShanghai();
  for (const asOf of evaluationHistory.filter((d) => d < today))
    await services.evaluations.evaluate(actor, { asOf });
  // An older county batch (as of mid-2026) whose order's deadline has passed: overdue now.
  await services.backfill.import(
    actor,
    [geojsonFile('2021年度变更调查临时用地图斑（补充）.geojson', lateBackfillFeatures)],
    {
      divisionCode: '320305',
      asOf: '2026-06-30',
      source: '演示数据：2021 年度变更调查临时用地图斑补充核实（合成）',
      reason: '演示数据：存量临时用地信息补录',
    },
  );

  const evaluation = await services.evaluations.evaluate(actor, { asOf: today });

  await db.query(
    `INSERT INTO reference_data_version (dataset, checksum, rows) VALUES ('demo-supervision', 'v1', $1)`,
    [features.length + backfillFeatures.length + lateBackfillFeatures.length],
  );
  return {
    loaded: true,
    enforcementPolygons: enforcement.batch.featureCount,
    backfillPolygons: backfill.counts.polygons + lateBackfillFeatures.length,
    findings: evaluation.firing,
  };
}
