// Demo temporary-land records: a dozen approvals around Pan'an Lake (Jiawang) and in Tongshan,
// of every common use, with terms that are running, ending soon, ended and overdue for
// reclamation, most of them publicised (the public sees those), so that a new user sees the
// register, its findings and the map at once.
// Registered through the register service like any record (overlay, rules, history), in
// order of approval, once (a marker in reference_data_version).
import type { Progress } from '../platform/progress.ts';
import { systemActor } from '../identity/domain/actor.ts';
import type { Db } from '../platform/db/db.ts';
import type { RecordInput, RegisterService } from '../register/register.service.ts';

interface DemoRecord {
  divisionCode: string;
  projectName: string;
  projectClass: string;
  useType: string;
  approvalNumber: string;
  approvalDate: string;
  termStart: string;
  termEnd: string;
  /** The land user (用地单位), where the demo names one: its enterprise account reaches its reclamation. */
  landUser?: string;
  /** When the approval was publicised (公示); absent: not publicised (TL-SUP-03 shows it). */
  publishedOn?: string;
  /** South-west corner and size of the rectangle, degrees. */
  at: [lng: number, lat: number, width: number, height: number];
}

const jiawang = (n: number) => `贾自然资临〔${n}〕`;

export const demoRecords: readonly DemoRecord[] = [
  {
    divisionCode: '320305',
    projectName: '徐贾快速路施工便道',
    projectClass: 'transport',
    useType: 'construction_road',
    approvalNumber: `${jiawang(2022)}5号`,
    approvalDate: '2022-03-10',
    publishedOn: '2022-03-18',
    termStart: '2022-03-15',
    termEnd: '2024-03-14',
    at: [117.402, 34.394, 0.004, 0.0012],
  },
  {
    divisionCode: '320305',
    projectName: '国道310改线取土场',
    projectClass: 'transport',
    useType: 'borrow_pit',
    approvalNumber: `${jiawang(2022)}11号`,
    approvalDate: '2022-06-01',
    termStart: '2022-06-05',
    termEnd: '2024-06-04',
    at: [117.452, 34.431, 0.003, 0.0025],
  },
  {
    divisionCode: '320305',
    projectName: '220千伏线路塔基施工场地',
    projectClass: 'energy',
    useType: 'material_yard',
    approvalNumber: `${jiawang(2023)}7号`,
    approvalDate: '2023-04-18',
    publishedOn: '2023-04-25',
    termStart: '2023-04-20',
    termEnd: '2025-04-19',
    at: [117.415, 34.404, 0.0015, 0.0012],
  },
  {
    divisionCode: '320305',
    projectName: '潘安湖湿地公园二期拌合站',
    landUser: '徐州潘安湖生态建设有限公司',
    projectClass: 'water',
    useType: 'mixing_plant',
    approvalNumber: `${jiawang(2024)}3号`,
    approvalDate: '2024-02-26',
    publishedOn: '2024-03-05',
    termStart: '2024-03-01',
    termEnd: '2026-02-28',
    at: [117.44, 34.398, 0.002, 0.0016],
  },
  {
    divisionCode: '320305',
    projectName: '徐州东站扩建钢筋加工场',
    projectClass: 'railway',
    useType: 'rebar_yard',
    approvalNumber: `${jiawang(2025)}9号`,
    approvalDate: '2025-05-12',
    publishedOn: '2025-05-20',
    termStart: '2025-05-15',
    termEnd: '2027-05-14',
    at: [117.458, 34.41, 0.0025, 0.0018],
  },
  {
    divisionCode: '320305',
    projectName: '采煤塌陷区治理工程临时工棚',
    projectClass: 'other',
    useType: 'work_shed',
    approvalNumber: `${jiawang(2025)}14号`,
    approvalDate: '2025-09-03',
    termStart: '2025-09-08',
    termEnd: '2027-09-07',
    at: [117.425, 34.425, 0.0012, 0.001],
  },
  {
    divisionCode: '320305',
    projectName: '贾汪至马庄输水管线施工场地',
    projectClass: 'water',
    useType: 'pipeline',
    approvalNumber: `${jiawang(2026)}2号`,
    approvalDate: '2026-03-02',
    publishedOn: '2026-03-09',
    termStart: '2026-03-05',
    termEnd: '2028-03-04',
    at: [117.398, 34.418, 0.003, 0.0008],
  },
  {
    divisionCode: '320305',
    projectName: '地质勘查钻孔场地',
    projectClass: 'mining_survey',
    useType: 'mineral_survey',
    approvalNumber: `${jiawang(2026)}6号`,
    approvalDate: '2026-06-15',
    termStart: '2026-06-18',
    termEnd: '2027-06-17',
    at: [117.446, 34.437, 0.0008, 0.0006],
  },
  {
    divisionCode: '320312',
    projectName: '铜山区乡村道路改造材料堆场',
    projectClass: 'transport',
    useType: 'material_yard',
    approvalNumber: '铜自然资临〔2023〕4号',
    approvalDate: '2023-08-21',
    termStart: '2023-08-25',
    termEnd: '2025-08-24',
    at: [117.205, 34.184, 0.002, 0.0015],
  },
  {
    divisionCode: '320312',
    projectName: '铜山光伏电站施工便道',
    projectClass: 'energy',
    useType: 'construction_road',
    approvalNumber: '铜自然资临〔2025〕8号',
    approvalDate: '2025-11-10',
    publishedOn: '2025-11-18',
    termStart: '2025-11-12',
    termEnd: '2027-11-11',
    at: [117.215, 34.19, 0.005, 0.0008],
  },
];

/** The record input of a demo record: its rectangle as a GeoJSON polygon. */
export function demoRecordInput(r: DemoRecord): RecordInput {
  const [lng, lat, w, h] = r.at;
  const { at: _at, publishedOn, ...fields } = r;
  return {
    ...fields,
    ...(publishedOn
      ? { disclosurePublishedOn: publishedOn, disclosureWhere: '区人民政府门户网站 · 政务公开栏' }
      : {}),
    approvalBody:
      r.divisionCode === '320305' ? '徐州市贾汪区自然资源和规划局' : '徐州市铜山区自然资源和规划局',
    approvalLevel: 'county',
    geometry: {
      type: 'Polygon',
      coordinates: [
        [
          [lng, lat],
          [lng + w, lat],
          [lng + w, lat + h],
          [lng, lat + h],
          [lng, lat],
        ],
      ],
    },
  };
}

/** Registers the demo records once; returns how many were registered by this call. */
export async function loadDemoRecords(
  db: Db,
  register: RegisterService,
  progress?: Progress,
): Promise<number> {
  const [marker] = await db.query(
    "SELECT 1 FROM reference_data_version WHERE dataset = 'demo-records'",
  );
  if (marker) return 0;
  const actor = systemActor('demo');
  // A run that stopped half-way left some: keep them, add the rest.
  const present = new Set(
    (
      await db.query<{ n: string }>(
        'SELECT approval_number AS n FROM temporary_land WHERE approval_number = ANY ($1)',
        [demoRecords.map((r) => r.approvalNumber)],
      )
    ).map((row) => row.n),
  );
  const task = progress?.start('demo records', demoRecords.length);
  for (const record of demoRecords) {
    if (!present.has(record.approvalNumber))
      await register.create(actor, demoRecordInput(record), '演示数据：临时用地上图入库');
    task?.tick(record.projectName);
  }
  task?.done();
  await db.query(
    `INSERT INTO reference_data_version (dataset, checksum, rows) VALUES ('demo-records', 'v1', $1)`,
    [demoRecords.length],
  );
  return demoRecords.length;
}
