// Acceptance of reclamation (验收, TL-RECL-05): the land user applies (or the clerk files on
// its behalf); a joint panel — natural resources with agriculture, forestry and environment —
// is named; the bureau decides within 60 working days (counted on the official calendar and
// flagged when near or over). A pass needs a written confirmation (number and date) and land
// found reclaimed as TL-RECL-04 asks; in one transaction it moves the record to `accepted`
// through the register's lifecycle, settles the obligation, publishes the acceptance notice on
// the notice board (kind reclamation_acceptance, ≥ 30 days, objections possible) and records
// the land-class change event for the land-change survey. A fail lists rectification items with
// a deadline; the land user applies again after rectifying. Only a panel member records the
// verdict.
import type { Db, Queryable } from '../platform/db/db.ts';
import { AppError } from '../platform/errors.ts';
import { requireIsoDate } from '../platform/time/iso-date.ts';
import { type Actor, actorLabel, scopeLikePattern } from '../identity/domain/actor.ts';
import { inScope } from '../identity/scoped-db.ts';
import type { NoticeService } from '../notices/notices.service.ts';
import { fmtM2 } from '../register/domain/finding.ts';
import type { AreaBreakdown } from '../register/domain/record.ts';
import { findRecord } from '../register/register.store.ts';
import type { RegisterService } from '../register/register.service.ts';
import { staleVersion } from '../supervision/dossier-errors.ts';
import { acceptanceView, type AcceptanceView } from './acceptance-view.ts';
import {
  acceptanceDue,
  departmentNames,
  mayRecordVerdict,
  missingDepartments,
  type PanelMember,
} from './domain/acceptance.ts';
import { checkTargets, cultivatedOf, landClassKeys, targetProblems } from './domain/plan-rules.ts';
import type { IndicatorValue } from '../restoration/acceptance-check.ts';
import { occupiedLand } from './obligation-view.ts';
import type { ObligationService } from './obligations.service.ts';
import {
  acceptanceNotFound,
  obligationNotFound,
  recordNotFound,
  refused,
} from './reclamation-errors.ts';
import { landUserFilter } from './enterprise-access.ts';
import * as store from './reclamation.store.ts';

const what = { zh: '复垦验收申请', en: 'acceptance application' };

export interface ApplicationInput {
  appliedOn: string;
  filedBy: 'land_user' | 'clerk_on_behalf';
  applicant?: string;
  /** What was done; after a failed round, how the rectification items were put right. */
  statement?: string;
  /** The reclamation region (复垦区域) whose acceptance criteria apply. */
  criteriaRegion?: string;
  /** Indicators measured on the land (e.g. by the completion survey), checked against them. */
  measured?: IndicatorValue[];
}

export interface VerdictInput {
  verdict: 'pass' | 'fail';
  version: number;
  decidedOn: string;
  note?: string;
  /** Pass: the written confirmation. */
  confirmationNumber?: string;
  confirmationDate?: string;
  /** Pass: area by land class found reclaimed (default: the plan's targets). */
  reclaimed?: AreaBreakdown;
  /** Fail: what to put right, and by when. */
  rectificationItems?: string[];
  rectificationDueOn?: string;
}

const sumAreas = (b: AreaBreakdown) => fmtM2(landClassKeys.reduce((s, k) => s + b[k], 0));

export function createAcceptanceService(
  db: Db,
  register: RegisterService,
  notices: NoticeService,
  obligations: ObligationService,
) {
  const today = () => obligations.clock.today();

  async function view(tx: Queryable, actor: Actor, id: string): Promise<AcceptanceView> {
    const row = await store.findAcceptance(tx, id, scopeLikePattern(actor));
    if (!row) throw acceptanceNotFound();
    const { settings, calendar } = await register.ruleInputs(tx, row.divisionCode);
    return acceptanceView(tx, row, calendar, today(), settings.acceptanceNearWorkingDays);
  }

  async function loadOpen(tx: Queryable, actor: Actor, id: string, version: number) {
    const row = await store.findAcceptance(tx, id, scopeLikePattern(actor));
    if (!row) throw acceptanceNotFound();
    if (row.status !== 'applied')
      throw refused(
        'conflict',
        'ACCEPTANCE_DECIDED',
        `该验收申请已有结论（${row.status === 'passed' ? '合格' : '不合格'}，${row.decidedOn}）`,
        `the application was already decided (${row.status} on ${row.decidedOn})`,
        'id',
      );
    if (row.version !== version) throw staleVersion(what, row.version, version);
    return row;
  }

  /** Pass: the record accepted, the obligation settled, the notice published, the change recorded. */
  async function pass(tx: Queryable, actor: Actor, row: store.AcceptanceRow, input: VerdictInput) {
    if (!input.confirmationNumber)
      throw refused(
        'invalid',
        'CONFIRMATION_MISSING',
        '验收合格须出具书面确认（确认书编号）',
        'a pass is confirmed in writing: give the confirmation number',
        'confirmationNumber',
      );
    const confirmationDate = input.confirmationDate ?? input.decidedOn;
    requireIsoDate(confirmationDate, 'confirmationDate');
    const obligation = await store.findObligation(tx, row.obligationId, scopeLikePattern(actor));
    if (!obligation) throw obligationNotFound();
    const record = await findRecord(tx, obligation.recordId, scopeLikePattern(actor));
    if (!record) throw recordNotFound();
    const reclaimed = input.reclaimed ?? obligation.targets;
    if (targetProblems(reclaimed as unknown as Record<string, unknown>).length > 0)
      throw refused(
        'invalid',
        'RECLAIMED_AREAS',
        `复垦后各地类面积须为非负数：${landClassKeys.join('、')}`,
        `the areas found reclaimed are non-negative numbers for ${landClassKeys.join(', ')}`,
        'reclaimed',
      );
    const { settings } = await register.ruleInputs(tx, row.divisionCode);
    const occupied = occupiedLand(record);
    const errors = checkTargets(reclaimed, occupied, settings, {
      zh: '验收核实的复垦结果',
      en: 'the land found reclaimed',
    }).filter((f) => f.severity === 'error');
    const [first, ...rest] = errors;
    if (first)
      throw AppError.many(
        'conflict',
        {
          code: 'TL-RECL-04',
          messageZh: `复垦结果不符合复垦方向，不能验收合格：${first.messageZh}`,
          messageEn: `the land found reclaimed does not meet TL-RECL-04, so it cannot pass: ${first.messageEn}`,
          location: { field: 'reclaimed' },
        },
        rest.map((f) => ({ code: f.code, messageZh: f.messageZh, messageEn: f.messageEn })),
      );
    await register.transitionWithin(tx, actor, record.id, record.version, {
      action: 'accept',
      reasonCode: 'RECLAMATION_ACCEPTED',
      occurredOn: input.decidedOn,
      note: `复垦验收合格 reclamation accepted: ${input.confirmationNumber} (${row.id})`,
    });
    if (
      !(await store.updateObligation(tx, obligation.id, obligation.version, {
        status: 'accepted',
        settledOn: input.decidedOn,
      }))
    )
      throw staleVersion(
        { zh: '复垦义务', en: 'obligation' },
        obligation.version,
        obligation.version,
      );
    const title = `${record.projectName}土地复垦验收结果公示`;
    const notice = await notices.createWithin(tx, actor, {
      divisionCode: record.divisionCode,
      kindCode: 'reclamation_acceptance',
      subjectType: 'reclamation_acceptance',
      subjectId: row.id,
      titleZh: title.slice(0, 200),
      titleEn: `Reclamation acceptance result: ${record.projectName}`.slice(0, 200),
      bodyZh:
        `${record.projectName}临时用地（${record.approvalNumber ?? record.systemNumber ?? record.id}）土地复垦经自然资源、农业农村、林业、生态环境部门联合验收合格，` +
        `验收确认书 ${input.confirmationNumber}（${confirmationDate}）。复垦后耕地 ${fmtM2(cultivatedOf(reclaimed))}，合计 ${sumAreas(reclaimed)}。` +
        `现予公示，公示期内如有异议，请通过本平台提出。`,
      bodyEn:
        `The reclamation of the temporary land of ${record.projectName} passed the joint acceptance of the natural resources, agriculture, forestry and environment departments; ` +
        `confirmation ${input.confirmationNumber} of ${confirmationDate}. Cultivated land after reclamation: ${fmtM2(cultivatedOf(reclaimed))}; in all ${sumAreas(reclaimed)}. ` +
        `Objections may be filed on this platform while the notice is open.`,
      place: await store.recordPlace(tx, record.id),
    });
    await notices.publishWithin(tx, actor, notice.id);
    await store.insertLandClassChange(tx, {
      divisionCode: record.divisionCode,
      recordId: record.id,
      obligationId: obligation.id,
      acceptanceId: row.id,
      occurredOn: input.decidedOn,
      // Without an overlay or a declared breakdown the land before is unknown: zeros, marked 'none'.
      beforeM2: occupied?.breakdown ?? {
        cultivatedM2: 0,
        farmlandM2: 0,
        forestM2: 0,
        otherAgriculturalM2: 0,
        constructionM2: 0,
        unusedM2: 0,
      },
      afterM2: reclaimed,
      beforeSource: occupied?.source ?? 'none',
    });
    return {
      status: 'passed' as const,
      confirmationNumber: input.confirmationNumber,
      confirmationDate,
      reclaimed,
      noticeId: notice.id,
    };
  }

  function fail(input: VerdictInput) {
    const items = (input.rectificationItems ?? []).map((i) => i.trim()).filter((i) => i.length > 0);
    if (items.length === 0)
      throw refused(
        'invalid',
        'RECTIFICATION_ITEMS_MISSING',
        '验收不合格须列明整改事项',
        'a fail lists the rectification items',
        'rectificationItems',
      );
    if (!input.rectificationDueOn || input.rectificationDueOn <= input.decidedOn)
      throw refused(
        'invalid',
        'RECTIFICATION_DUE',
        '验收不合格须给出晚于结论日的整改期限',
        'a fail gives a rectification deadline after the day of the verdict',
        'rectificationDueOn',
      );
    requireIsoDate(input.rectificationDueOn, 'rectificationDueOn');
    return {
      status: 'failed' as const,
      rectificationItems: items,
      rectificationDueOn: input.rectificationDueOn,
    };
  }

  return {
    /** Files an application (the next round after a failed one). */
    apply(actor: Actor, obligationId: string, input: ApplicationInput, reason: string) {
      requireIsoDate(input.appliedOn, 'appliedOn');
      return inScope(
        db,
        actor,
        async (tx) => {
          const obligation = await store.findObligation(
            tx,
            obligationId,
            scopeLikePattern(actor),
            landUserFilter(actor),
          );
          if (!obligation) throw obligationNotFound();
          if (obligation.status !== 'open')
            throw refused(
              'conflict',
              'OBLIGATION_SETTLED',
              `复垦义务已了结（${obligation.status}）`,
              `the obligation is settled (${obligation.status})`,
              'obligationId',
            );
          if (obligation.recordState !== 'reclaiming')
            throw refused(
              'conflict',
              'ACCEPTANCE_RECORD_STATE',
              `记录状态为 ${obligation.recordState}：须先在登记簿中转入“复垦中”（start_reclamation）再申请验收`,
              `the record is ${obligation.recordState}: move it to reclaiming in the register (start_reclamation) before applying for acceptance`,
              'obligationId',
            );
          if (input.appliedOn > today())
            throw refused(
              'invalid',
              'APPLIED_IN_FUTURE',
              `申请日 ${input.appliedOn} 晚于今天`,
              `applied on ${input.appliedOn}, after today`,
              'appliedOn',
            );
          const rounds = await store.acceptancesOf(tx, obligationId);
          const open = rounds.find((r) => r.status === 'applied');
          if (open)
            throw refused(
              'conflict',
              'ACCEPTANCE_PENDING',
              `已有待决的验收申请（第 ${open.round} 轮，${open.appliedOn}）`,
              `an application is already pending (round ${open.round}, ${open.appliedOn})`,
              'obligationId',
            );
          const last = rounds.at(-1);
          if (last?.status === 'failed' && !input.statement?.trim())
            throw refused(
              'invalid',
              'RECTIFICATION_STATEMENT_MISSING',
              `上一轮验收不合格（整改期限 ${last.rectificationDueOn}）：重新申请须说明整改情况`,
              `the last round failed (rectify by ${last.rectificationDueOn}): a new application states how the items were put right`,
              'statement',
            );
          if (last && input.appliedOn < last.decidedOn!)
            throw refused(
              'invalid',
              'APPLIED_BEFORE_LAST_VERDICT',
              `申请日 ${input.appliedOn} 早于上一轮结论日 ${last.decidedOn}`,
              `applied on ${input.appliedOn}, before the last round was decided (${last.decidedOn})`,
              'appliedOn',
            );
          const { settings, calendar } = await register.ruleInputs(tx, obligation.divisionCode);
          const due = acceptanceDue(calendar, input.appliedOn, settings.acceptanceWorkingDays);
          const id = await store.insertAcceptance(tx, {
            divisionCode: obligation.divisionCode,
            obligationId,
            round: rounds.length + 1,
            applicant: input.applicant ?? obligation.obligor,
            // An enterprise files for itself: the land user's own application.
            filedBy: actor.role === 'enterprise' ? 'land_user' : input.filedBy,
            appliedOn: input.appliedOn,
            dueOn: due.dueOn,
            dueProvisional: due.provisional,
            statement: input.statement ?? null,
            criteriaRegion: input.criteriaRegion ?? null,
            measured: input.measured ?? [],
          });
          return view(tx, actor, id);
        },
        reason,
      );
    },

    /** Names the joint panel (replacing the one named before) while undecided. */
    panel(
      actor: Actor,
      id: string,
      input: { version: number; members: PanelMember[] },
      reason: string,
    ) {
      return inScope(
        db,
        actor,
        async (tx) => {
          const row = await loadOpen(tx, actor, id, input.version);
          const members = input.members.map((m) => ({
            name: m.name.trim(),
            department: m.department,
            userId: m.userId ?? null,
          }));
          if (members.some((m) => m.name.length === 0))
            throw refused(
              'invalid',
              'PANEL_MEMBER_NAME',
              '验收组成员须有姓名',
              'each panel member has a name',
              'members',
            );
          if (!(await store.updateAcceptance(tx, id, input.version, { panel: members })))
            throw staleVersion(what, row.version, input.version);
          return view(tx, actor, id);
        },
        reason,
      );
    },

    /** Records the panel's verdict: pass or fail. */
    verdict(actor: Actor, id: string, input: VerdictInput, reason: string) {
      requireIsoDate(input.decidedOn, 'decidedOn');
      return inScope(
        db,
        actor,
        async (tx) => {
          const row = await loadOpen(tx, actor, id, input.version);
          const missing = missingDepartments(row.panel);
          if (missing.length > 0)
            throw refused(
              'conflict',
              'PANEL_INCOMPLETE',
              `验收组缺少${missing.map((d) => departmentNames[d].zh).join('、')}部门成员：须自然资源会同农业农村、林业、生态环境部门联合验收（TL-RECL-05）`,
              `the panel lacks ${missing.map((d) => departmentNames[d].en).join(', ')}: acceptance is joint with agriculture, forestry and environment (TL-RECL-05)`,
              'panel',
            );
          if (!mayRecordVerdict(row.panel, actor))
            throw refused(
              'forbidden',
              'ACCEPTANCE_NOT_ON_PANEL',
              '只有验收组成员可以录入验收结论',
              'only a member of the acceptance panel records its verdict',
              'verdict',
            );
          if (input.decidedOn < row.appliedOn || input.decidedOn > today())
            throw refused(
              'invalid',
              'DECIDED_ON',
              `结论日 ${input.decidedOn} 须在申请日 ${row.appliedOn} 与今天之间`,
              `the verdict date ${input.decidedOn} lies between the application (${row.appliedOn}) and today`,
              'decidedOn',
            );
          const outcome =
            input.verdict === 'pass' ? await pass(tx, actor, row, input) : fail(input);
          const done = await store.updateAcceptance(tx, id, input.version, {
            ...outcome,
            decidedOn: input.decidedOn,
            decidedBy: actorLabel(actor),
            verdictNote: input.note ?? null,
          });
          if (!done) throw staleVersion(what, row.version, input.version);
          return view(tx, actor, id);
        },
        reason,
      );
    },

    get(actor: Actor, id: string) {
      return inScope(db, actor, (tx) => view(tx, actor, id));
    },

    /** Applications in scope, soonest due first, with their deadline flags. */
    list(
      actor: Actor,
      filter: {
        status?: store.AcceptanceStatus;
        due?: 'near' | 'overdue';
        limit: number;
        offset: number;
      },
    ) {
      return inScope(db, actor, async (tx) => {
        const rows = await store.listAcceptances(tx, {
          scopeLike: scopeLikePattern(actor),
          status: filter.status,
        });
        const views: AcceptanceView[] = [];
        for (const row of rows) {
          const { settings, calendar } = await register.ruleInputs(tx, row.divisionCode);
          views.push(
            await acceptanceView(tx, row, calendar, today(), settings.acceptanceNearWorkingDays),
          );
        }
        const kept = filter.due ? views.filter((v) => v.due.flag === filter.due) : views;
        return {
          items: kept.slice(filter.offset, filter.offset + filter.limit),
          total: kept.length,
        };
      });
    },

    landClassChanges(actor: Actor, filter: { recordId?: string; limit: number; offset: number }) {
      return inScope(db, actor, async (tx) => {
        const rows = await store.listLandClassChanges(tx, {
          ...filter,
          scopeLike: scopeLikePattern(actor),
        });
        return {
          items: rows.map(({ total: _t, ...r }) => r),
          total: rows[0]?.total ?? 0,
        };
      });
    },
  };
}

export type AcceptanceService = ReturnType<typeof createAcceptanceService>;
