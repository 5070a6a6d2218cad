// Demo reclamation, so the web app's reclamation screens have something to show: the Pan'an
// Lake wetland park phase II mixing plant (贾自然资临〔2024〕3号, term ended 2026-02-28, its
// plan review on the demo notice board) taken through registration, use and expiry into
// reclaiming, with an obligation whose plan restores the land it occupies class by class, a
// cash deposit and a bank guarantee, a progress report with a photo, and an acceptance
// application filed a few days before the demo is loaded (its completion survey's indicators
// measured in the demo criteria's region), its joint panel named and its 60 working days running. Loaded once, after the demo records.
import type { Db } from '../platform/db/db.ts';
import { addDays, todayInShanghai } from '../platform/time/iso-date.ts';
import { systemActor } from '../identity/domain/actor.ts';
import type { Services } from '../server/services.ts';
import { demoCriteriaRegion } from './demo-restoration.ts';

/** A small PNG (1×1, green) standing in for a site photo. */
const photoBase64 =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

export const demoReclamationRecord = '贾自然资临〔2024〕3号';

type DemoServices = Pick<
  Services,
  'register' | 'obligations' | 'reclamationLedger' | 'acceptances'
>;

/** Loads the demo reclamation once; returns 1 when it did, 0 when it was there already. */
export async function loadDemoReclamation(db: Db, services: DemoServices): Promise<number> {
  const [marker] = await db.query(
    "SELECT 1 FROM reference_data_version WHERE dataset = 'demo-reclamation'",
  );
  if (marker) return 0;
  const [row] = await db.query<{ id: string }>(
    'SELECT id FROM temporary_land WHERE approval_number = $1',
    [demoReclamationRecord],
  );
  if (!row) return 0;
  const actor = systemActor('demo');
  const why = '演示数据：复垦';
  let record = await services.register.get(actor, row.id);
  for (const step of [
    { action: 'register', reasonCode: 'REGISTERED', occurredOn: '2024-03-04' },
    { action: 'start_use', reasonCode: 'WORKS_STARTED', occurredOn: '2024-03-06' },
    { action: 'expire', reasonCode: 'TERM_ENDED', occurredOn: '2026-03-01' },
    { action: 'start_reclamation', reasonCode: 'USE_ENDED', occurredOn: '2026-03-02' },
  ] as const) {
    if (record.availableActions.includes(step.action))
      record = await services.register.transition(actor, record.id, record.version, step, why);
  }
  const occupied = record.computedBreakdown;
  const area = record.areaM2 ?? 0;
  // The plan: what was cultivated (with farmland) back to cultivated land, forest and other
  // agricultural land back as they were, unused land and the plant's hard standing to cultivated land.
  const targets = {
    cultivatedM2: occupied
      ? occupied.cultivatedM2 + occupied.farmlandM2 + occupied.unusedM2 + occupied.constructionM2
      : area,
    farmlandM2: 0,
    forestM2: occupied?.forestM2 ?? 0,
    otherAgriculturalM2: occupied?.otherAgriculturalM2 ?? 0,
    constructionM2: 0,
    unusedM2: 0,
  };
  const obligation = await services.obligations.create(
    actor,
    {
      recordId: record.id,
      planNumber: '贾复垦方案〔2024〕3号',
      targets,
      estimatedCostYuan: 186_000,
      measures:
        '拆除拌合站设备基础及硬化地面，清运建筑垃圾；回覆表土不少于 30 厘米并深翻；配套田间道路与排灌沟渠，恢复耕作条件。',
      obligor: '徐州潘安湖生态建设有限公司',
    },
    why,
  );
  await services.reclamationLedger.add(
    actor,
    obligation.id,
    {
      kind: 'deposit_paid',
      amountYuan: 120_000,
      occurredOn: '2024-03-05',
      account: '贾汪区土地复垦费用监管专户 3203 0501 0000 8821',
    },
    why,
  );
  const today = todayInShanghai();
  await services.reclamationLedger.add(
    actor,
    obligation.id,
    {
      kind: 'guarantee_issued',
      amountYuan: 66_000,
      occurredOn: '2024-03-05',
      bank: '中国农业银行徐州贾汪支行',
      guaranteeNumber: 'NH-BG-2024-0305',
      // Expiring within the month: the ledger shows the warning.
      guaranteeExpiresOn: addDays(today, 21),
    },
    why,
  );
  await services.obligations.report(
    actor,
    obligation.id,
    {
      reportedOn: addDays(today, -12),
      percentComplete: 95,
      summary:
        '拌合站设备及基础已全部拆除，硬化地面破除清运完毕；表土回覆 35 厘米并完成深翻，田间道路和排灌沟渠已完工，待验收。',
      photos: [
        { fileName: '潘安湖二期拌合站复垦现场.png', bytes: Buffer.from(photoBase64, 'base64') },
      ],
    },
    why,
  );
  const applied = await services.acceptances.apply(
    actor,
    obligation.id,
    {
      appliedOn: addDays(today, -5),
      filedBy: 'land_user',
      applicant: '徐州潘安湖生态建设有限公司',
      statement: '复垦工程已按方案完成，申请联合验收。',
      // The completion survey's figures, checked against the demo acceptance criteria.
      criteriaRegion: demoCriteriaRegion,
      measured: [
        { indicator: 'soil_thickness', value: 35, unit: 'cm' },
        { indicator: 'soil_ph', value: 7.6, unit: 'pH' },
        { indicator: 'soil_organic_matter', value: 1.4, unit: '%' },
        { indicator: 'slope', value: 2, unit: '°' },
      ],
    },
    why,
  );
  await services.acceptances.panel(
    actor,
    applied.id,
    {
      version: applied.version,
      members: [
        { name: '贾汪区自然资源和规划局 刘明', department: 'natural_resources' },
        { name: '贾汪区农业农村局 陈芳', department: 'agriculture' },
        { name: '贾汪区林业站 周涛', department: 'forestry' },
        { name: '徐州市贾汪生态环境局 孙丽', department: 'environment' },
      ],
    },
    why,
  );
  await db.query(
    `INSERT INTO reference_data_version (dataset, checksum, rows) VALUES ('demo-reclamation', 'v1', 1)`,
  );
  return 1;
}
