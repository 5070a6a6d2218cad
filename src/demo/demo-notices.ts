// Demo notices (公示, PN-01/PN-02) on the demo records, so the notice board has something to
// show: a reclamation-plan review of 2026 that ran its window, drew an objection that was
// answered, and was closed; a reclamation-acceptance result published when the demo is
// loaded, open for 30 days, with an objection waiting for its answer; and a draft to
// publicise an approval that never was (TL-SUP-03). Loaded once, after the demo records.
import type { Db } from '../platform/db/db.ts';
import { systemActor } from '../identity/domain/actor.ts';
import type { CalendarService } from '../reference/calendar/calendar.service.ts';
import { createNoticeService, systemClock, type NoticeClock } from '../notices/notices.service.ts';
import { createObjectionService } from '../notices/objections.service.ts';
import { demoRecords } from './demo-records.ts';

/** A moment in Shanghai time. */
const at = (date: string, time: string) => new Date(`${date}T${time}:00+08:00`);

/** The centre of a demo record's rectangle, [lng, lat] in EPSG:4490. */
function centreOf(approvalNumber: string): [number, number] {
  const record = demoRecords.find((r) => r.approvalNumber === approvalNumber)!;
  const [lng, lat, w, h] = record.at;
  return [Number((lng + w / 2).toFixed(6)), Number((lat + h / 2).toFixed(6))];
}

export async function loadDemoNotices(db: Db, calendar: CalendarService): Promise<number> {
  const [marker] = await db.query(
    "SELECT 1 FROM reference_data_version WHERE dataset = 'demo-notices'",
  );
  if (marker) return 0;
  const records = await db.query<{ id: string; approvalNumber: string }>(
    `SELECT id, approval_number AS "approvalNumber" FROM temporary_land WHERE approval_number LIKE '贾自然资临%'`,
  );
  const idOf = (n: string) => records.find((r) => r.approvalNumber === n)?.id ?? null;
  const [clerk] = await db.query<{ id: string }>(
    "SELECT id FROM app_user WHERE username = 'jiawang'",
  );
  const actor = systemActor('demo');
  const past = { at: at('2026-06-01', '09:30') };
  const pastClock: NoticeClock = { now: () => past.at };
  const then = {
    notices: createNoticeService(db, calendar, pastClock),
    objections: createObjectionService(db, calendar, pastClock),
  };
  const now = {
    notices: createNoticeService(db, calendar, systemClock),
    objections: createObjectionService(db, calendar, systemClock),
  };
  const why = '演示数据：公示';

  // 1. A plan review that ran its 7 working days in June 2026 and closed.
  const planNumber = '贾自然资临〔2024〕3号';
  const plan = await then.notices.create(
    actor,
    {
      divisionCode: '320305',
      kindCode: 'reclamation_plan_review',
      subjectType: idOf(planNumber) ? 'temporary_land' : null,
      subjectId: idOf(planNumber),
      titleZh: '潘安湖湿地公园二期拌合站土地复垦方案审查公示',
      titleEn: 'Review of the reclamation plan: Pan’an Lake wetland park phase II mixing plant',
      bodyZh:
        '潘安湖湿地公园二期拌合站临时用地（贾自然资临〔2024〕3号）使用期满，其土地复垦方案已通过审查，拟恢复为耕地 1.2 公顷、坑塘水面 0.3 公顷。现予公示，公示期内如有异议，请通过本平台提出。',
      bodyEn:
        'The mixing-plant site of the Pan’an Lake wetland park phase II has reached the end of its term; its reclamation plan (1.2 ha back to cultivated land, 0.3 ha of ponds) has passed review. Objections may be filed here during the window.',
      place: { type: 'Point', coordinates: centreOf(planNumber) },
    },
    why,
  );
  await then.notices.act(actor, plan.id, { action: 'publish', version: plan.version, reason: why });
  past.at = at('2026-06-03', '15:20');
  await then.objections.file(plan.id, {
    body: '拌合站场地原有混凝土硬化层，复垦方案中如何清除？清除后的建筑垃圾运往何处？',
    contact: '马庄村村民 王先生',
  });
  const [objection] = (
    await then.objections.list(actor, { noticeId: plan.id, limit: 1, offset: 0 })
  ).items;
  let version = objection!.version;
  if (clerk) {
    past.at = at('2026-06-04', '09:00');
    version = (
      await then.objections.act(actor, objection!.id, {
        action: 'assign',
        version,
        assigneeId: clerk.id,
        reason: '演示数据：指派承办人',
      })
    ).version;
  }
  past.at = at('2026-06-08', '16:00');
  version = (
    await then.objections.act(actor, objection!.id, {
      action: 'answer',
      version,
      answer:
        '硬化层将由施工单位破碎清除，建筑垃圾运至贾汪区建筑垃圾消纳场处置，清除后回覆表土 30 厘米，由区局现场核验。',
      reason: '演示数据：答复异议',
    })
  ).version;
  past.at = at('2026-06-09', '10:00');
  await then.objections.act(actor, objection!.id, {
    action: 'close',
    version,
    reason: '演示数据：已答复，办结',
  });
  past.at = at('2026-06-12', '09:00');
  const planNow = await then.notices.get(actor, plan.id);
  await then.notices.act(actor, plan.id, {
    action: 'close',
    version: planNow.version,
    reason: '演示数据：公示期满',
  });

  // 2. An acceptance result published when the demo is loaded: open, one objection waiting.
  const roadNumber = '贾自然资临〔2022〕5号';
  const acceptance = await now.notices.create(
    actor,
    {
      divisionCode: '320305',
      kindCode: 'reclamation_acceptance',
      subjectType: idOf(roadNumber) ? 'temporary_land' : null,
      subjectId: idOf(roadNumber),
      titleZh: '徐贾快速路施工便道土地复垦验收结果公示',
      titleEn: 'Reclamation acceptance result: Xu–Jia expressway haul road',
      bodyZh:
        '徐贾快速路施工便道临时用地（贾自然资临〔2022〕5号）复垦工程经自然资源、农业农村、林业和生态环境部门联合验收，结论为合格：复垦耕地 0.52 公顷，质量等别不低于原地类。公示期不少于30日。',
      bodyEn:
        'The haul road of the Xu–Jia expressway passed the joint acceptance of natural resources, agriculture, forestry and environment: 0.52 ha back to cultivated land of no lower quality. The notice runs at least 30 days.',
      place: { type: 'Point', coordinates: centreOf(roadNumber) },
    },
    why,
  );
  await now.notices.act(actor, acceptance.id, {
    action: 'publish',
    version: acceptance.version,
    reason: why,
  });
  await now.objections.file(acceptance.id, {
    body: '便道东段仍有碎石未清理，复垦后的地块能否正常耕种？请核实。',
  });

  // 3. A draft to publicise an approval that was never publicised (TL-SUP-03).
  const surveyNumber = '贾自然资临〔2026〕6号';
  await now.notices.create(
    actor,
    {
      divisionCode: '320305',
      kindCode: 'approval_publication',
      subjectType: idOf(surveyNumber) ? 'temporary_land' : null,
      subjectId: idOf(surveyNumber),
      titleZh: '地质勘查钻孔场地临时用地批准信息公示（草稿）',
      bodyZh: '地质勘查钻孔场地临时用地已经批准（贾自然资临〔2026〕6号），现将批准信息予以公示。',
      place: { type: 'Point', coordinates: centreOf(surveyNumber) },
    },
    why,
  );

  await db.query(
    `INSERT INTO reference_data_version (dataset, checksum, rows) VALUES ('demo-notices', 'v1', 3)`,
  );
  return 3;
}
