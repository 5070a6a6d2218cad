// Notices in the caller's scope (PN-01/PN-02): officials create drafts in their division,
// edit them, publish them — the window is computed then, on the working-day calendar, from
// the kind as the province has it, and kept on the notice — close them once the window has
// ended, or withdraw them with a reason. The public reads what was published. History keeps
// every step (record_version, with who and why).
import type { Db, Queryable } from '../platform/db/db.ts';
import { AppError } from '../platform/errors.ts';
import { todayInShanghai } from '../platform/time/iso-date.ts';
import { type Actor, actorLabel, publicActor, scopeLikePattern } from '../identity/domain/actor.ts';
import { governmentRoles } from '../identity/domain/roles.ts';
import { inScope } from '../identity/scoped-db.ts';
import { requireWithinScope } from '../identity/require-scope.ts';
import { isWithinDivision, levelOfCode } from '../reference/divisions/domain/division-code.ts';
import { findDivision } from '../reference/divisions/divisions.store.ts';
import type { CalendarService } from '../reference/calendar/calendar.service.ts';
import { checkGeometry } from '../register/geometry.store.ts';
import { checkStatusAction } from '../supervision/domain/status-machine.ts';
import { actionRefused, dossierNotFound, staleVersion } from '../supervision/dossier-errors.ts';
import { mayClose, noticeMachine, type NoticeAction } from './domain/notice-lifecycle.ts';
import { periodEnd } from './domain/notice-window.ts';
import { requireKind, resolvedKindIn } from './notice-kinds.service.ts';
import { requireTexts } from './notice-text.ts';
import { toNoticeView, type NoticeView } from './notice-view.ts';
import * as store from './notices.store.ts';

/** The clock the notice board reads "now" from (tests set their own). */
export interface NoticeClock {
  now(): Date;
}
export const systemClock: NoticeClock = { now: () => new Date() };

const what = { zh: '公示', en: 'notice' };
export const noticeNotFound = () => dossierNotFound('NOTICE_NOT_FOUND', '公示', 'notice');

/** Officials read the board of their division; everyone else reads it as the public. */
const boardReader = (actor: Actor): Actor =>
  governmentRoles.includes(actor.role) ? actor : publicActor;

export interface NoticeInput {
  divisionCode?: string;
  kindCode: string;
  subjectType?: store.SubjectType | null;
  subjectId?: string | null;
  titleZh: string;
  titleEn?: string | null;
  bodyZh: string;
  bodyEn?: string | null;
  /** GeoJSON Point, Polygon or MultiPolygon, [lng, lat] in EPSG:4490. */
  place?: { type: string; coordinates: unknown } | null;
}

function invalid(code: string, zh: string, en: string, field: string): AppError {
  return new AppError('invalid', { code, messageZh: zh, messageEn: en, location: { field } });
}

/** A point inside China's extent, or a valid polygon (checked by PostGIS); null stays null. */
async function checkedPlace(q: Queryable, place: NoticeInput['place']): Promise<unknown> {
  if (!place) return null;
  if (place.type === 'Point') {
    const c = place.coordinates;
    const ok =
      Array.isArray(c) &&
      c.length === 2 &&
      c.every((v) => typeof v === 'number' && Number.isFinite(v)) &&
      (c[0] as number) >= 73 &&
      (c[0] as number) <= 136 &&
      (c[1] as number) >= 3 &&
      (c[1] as number) <= 54;
    if (!ok)
      throw invalid(
        'PLACE_INVALID',
        '地点应为中国范围内的 [经度, 纬度]（EPSG:4490）',
        'a place point is [lng, lat] inside China (EPSG:4490)',
        'place',
      );
    return place;
  }
  const { problems } = await checkGeometry(q, place, { field: 'place' });
  const [first, ...rest] = problems;
  if (first) throw AppError.many('invalid', first, rest);
  return place;
}

/** Subjects whose capability exists: the table they live in, checked in the caller's scope. */
const checkedSubjects: Partial<
  Record<store.SubjectType, { table: string; zh: string; en: string }>
> = {
  temporary_land: { table: 'temporary_land', zh: '临时用地记录', en: 'a temporary-land record' },
  reclamation_acceptance: {
    table: 'reclamation_acceptance',
    zh: '复垦验收申请',
    en: 'a reclamation acceptance application',
  },
};

/** A temporary-land or acceptance subject must be one the caller sees, inside the notice's division. */
async function checkSubject(
  q: Queryable,
  actor: Actor,
  divisionCode: string,
  subjectType: store.SubjectType | null,
  subjectId: string | null,
): Promise<void> {
  if ((subjectType === null) !== (subjectId === null))
    throw invalid(
      'NOTICE_SUBJECT_INCOMPLETE',
      '公示对象需同时给出类型与编号',
      'a subject needs both its type and its id',
      subjectType === null ? 'subjectType' : 'subjectId',
    );
  const checked = subjectType ? checkedSubjects[subjectType] : undefined;
  if (!checked) return;
  const [record] = await q.query<{ divisionCode: string }>(
    `SELECT division_code AS "divisionCode" FROM ${checked.table} WHERE id = $1 AND division_code LIKE $2`,
    [subjectId, scopeLikePattern(actor)],
  );
  if (!record)
    throw invalid(
      'NOTICE_SUBJECT_UNKNOWN',
      `公示对象（${checked.zh}）不存在或不在您的管辖范围内`,
      `the subject (${checked.en}) does not exist or is outside your division`,
      'subjectId',
    );
  if (!isWithinDivision(record.divisionCode, divisionCode))
    throw invalid(
      'NOTICE_SUBJECT_OUTSIDE_DIVISION',
      `公示对象位于 ${record.divisionCode}，不在公示的行政区 ${divisionCode} 内`,
      `the subject lies in ${record.divisionCode}, outside the notice's division ${divisionCode}`,
      'subjectId',
    );
}

async function checkedFields(
  q: Queryable,
  actor: Actor,
  divisionCode: string,
  input: NoticeInput,
): Promise<store.NoticeFields> {
  requireKind(input.kindCode);
  const texts = requireTexts({
    titleZh: input.titleZh,
    titleEn: input.titleEn,
    bodyZh: input.bodyZh,
    bodyEn: input.bodyEn,
  });
  const subjectType = input.subjectType ?? null;
  const subjectId = input.subjectId ?? null;
  await checkSubject(q, actor, divisionCode, subjectType, subjectId);
  return {
    kindCode: input.kindCode,
    subjectType,
    subjectId,
    titleZh: texts.titleZh!,
    titleEn: texts.titleEn,
    bodyZh: texts.bodyZh!,
    bodyEn: texts.bodyEn,
    place: await checkedPlace(q, input.place),
  };
}

/** A notice belongs to a province, city or county inside the caller's scope. */
function checkDivisionLevel(actor: Actor, divisionCode: string): void {
  if (levelOfCode(divisionCode) === 'nation')
    throw invalid(
      'NOTICE_DIVISION_LEVEL',
      '公示由省、市或县级自然资源主管部门在其行政区内发布，请指定行政区',
      'a notice is published by a province, city or county bureau in its division: name the division',
      'divisionCode',
    );
  requireWithinScope(actor, divisionCode);
}

export function createNoticeService(
  db: Db,
  calendars: CalendarService,
  clock: NoticeClock = systemClock,
) {
  const today = () => todayInShanghai(clock.now());

  async function load(tx: Queryable, actor: Actor, id: string): Promise<store.NoticeRow> {
    const row = await store.findNotice(tx, id, scopeLikePattern(actor), today());
    if (!row) throw noticeNotFound();
    return row;
  }

  async function view(tx: Queryable, actor: Actor, id: string): Promise<NoticeView> {
    return toNoticeView(await load(tx, actor, id), await calendars.calendar(tx), today(), actor);
  }

  async function publish(tx: Queryable, row: store.NoticeRow, version: number): Promise<boolean> {
    const kind = await resolvedKindIn(tx, row.kindCode, row.divisionCode);
    const publishedAt = clock.now();
    const publishedOn = todayInShanghai(publishedAt);
    const end = periodEnd(await calendars.calendar(tx), publishedOn, kind.window);
    return store.publishNotice(tx, row.id, version, {
      publishedAt,
      publishedOn,
      windowLength: kind.window.length,
      windowUnit: kind.window.unit,
      windowEndsOn: end.endsOn,
      windowProvisional: end.provisional,
      answerLength: kind.answer.length,
      answerUnit: kind.answer.unit,
      kindBasis: {
        ruleCodes: kind.ruleCodes,
        source: kind.source,
        basis: kind.basis,
        setBy: kind.setBy,
        overridden: kind.overridden,
        provincialNote: kind.provincialNote,
      },
    });
  }

  /**
   * Creates a draft inside the caller's transaction; `tx` must run in the actor's scope with
   * a reason set.
   */
  async function createWithin(
    tx: Queryable,
    actor: Actor,
    input: NoticeInput,
  ): Promise<NoticeView> {
    const divisionCode = input.divisionCode ?? actor.divisionCode;
    checkDivisionLevel(actor, divisionCode);
    if (!(await findDivision(tx, divisionCode)))
      throw invalid(
        'DIVISION_UNKNOWN',
        `行政区代码 ${divisionCode} 不存在`,
        `division ${divisionCode} does not exist`,
        'divisionCode',
      );
    const fields = await checkedFields(tx, actor, divisionCode, input);
    const id = await store.insertNotice(tx, {
      ...fields,
      divisionCode,
      createdBy: actorLabel(actor),
    });
    return view(tx, actor, id);
  }

  return {
    clock,

    /** Creates a draft in the caller's division (or a division inside it). */
    create(actor: Actor, input: NoticeInput, reason: string): Promise<NoticeView> {
      const divisionCode = input.divisionCode ?? actor.divisionCode;
      checkDivisionLevel(actor, divisionCode);
      return inScope(db, actor, (tx) => createWithin(tx, actor, input), reason);
    },

    createWithin,

    /**
     * Publishes a draft inside the caller's transaction (another capability publishing its
     * own notice, e.g. a reclamation acceptance); `tx` runs in the actor's scope with a reason.
     */
    async publishWithin(tx: Queryable, actor: Actor, id: string): Promise<NoticeView> {
      const row = await load(tx, actor, id);
      if (row.state !== 'draft' || !(await publish(tx, row, row.version)))
        throw staleVersion(what, row.version, row.version);
      return view(tx, actor, id);
    },

    /** Changes a draft (a published notice is withdrawn and published anew instead). */
    update(
      actor: Actor,
      id: string,
      input: Partial<NoticeInput> & { version: number },
      reason: string,
    ): Promise<NoticeView> {
      return inScope(
        db,
        actor,
        async (tx) => {
          const row = await load(tx, actor, id);
          if (row.state !== 'draft')
            throw new AppError('conflict', {
              code: 'NOTICE_NOT_DRAFT',
              messageZh: `只能修改草稿；该公示状态为 ${row.state}（已发布的公示请撤回后重新发布）`,
              messageEn: `only a draft can be changed; this notice is ${row.state} (withdraw a published notice and publish a new one)`,
              location: { field: 'state' },
            });
          const merged: NoticeInput = {
            kindCode: input.kindCode ?? row.kindCode,
            subjectType: input.subjectType !== undefined ? input.subjectType : row.subjectType,
            subjectId: input.subjectId !== undefined ? input.subjectId : row.subjectId,
            titleZh: input.titleZh ?? row.titleZh,
            titleEn: input.titleEn !== undefined ? input.titleEn : row.titleEn,
            bodyZh: input.bodyZh ?? row.bodyZh,
            bodyEn: input.bodyEn !== undefined ? input.bodyEn : row.bodyEn,
            place: input.place !== undefined ? input.place : (row.place as NoticeInput['place']),
          };
          const fields = await checkedFields(tx, actor, row.divisionCode, merged);
          if (!(await store.updateDraft(tx, id, input.version, fields)))
            throw staleVersion(what, row.version, input.version);
          return view(tx, actor, id);
        },
        reason,
      );
    },

    /** One notice; an enterprise reads the board as the public does. */
    get(actor: Actor, id: string): Promise<NoticeView> {
      const reader = boardReader(actor);
      return inScope(db, reader, (tx) => view(tx, reader, id));
    },

    list(
      actor: Actor,
      filter: Omit<store.NoticeFilter, 'scopeLike' | 'today'>,
    ): Promise<{ items: NoticeView[]; total: number }> {
      actor = boardReader(actor);
      return inScope(db, actor, async (tx) => {
        const date = today();
        const { items, total } = await store.listNotices(tx, {
          ...filter,
          scopeLike: scopeLikePattern(actor),
          today: date,
        });
        const calendar = await calendars.calendar(tx);
        return { items: items.map((r) => toNoticeView(r, calendar, date, actor)), total };
      });
    },

    /**
     * Publishes a draft (its window starts counting the next day), closes a published notice
     * after its window, or withdraws a draft or published notice; the reason goes to history
     * (and, for a withdrawal, onto the notice).
     */
    act(
      actor: Actor,
      id: string,
      input: { action: NoticeAction; version: number; reason: string },
    ): Promise<NoticeView> {
      return inScope(
        db,
        actor,
        async (tx) => {
          const row = await load(tx, actor, id);
          const check = checkStatusAction(noticeMachine, input.action, row.state, actor.role);
          if (!check.ok)
            throw actionRefused(
              'NOTICE_ACTION_REFUSED',
              what,
              input.action,
              row.state,
              check.reason,
            );
          if (input.action === 'close' && !mayClose(today(), row.windowEndsOn ?? today()))
            throw new AppError('conflict', {
              code: 'NOTICE_WINDOW_OPEN',
              messageZh: `公示期至 ${row.windowEndsOn} 结束，期满前不能关闭（如需提前终止请撤回并说明理由）`,
              messageEn: `the window runs until ${row.windowEndsOn}; a notice closes after it (withdraw it, with a reason, to end it early)`,
              location: { field: 'action' },
            });
          const moved =
            input.action === 'publish'
              ? await publish(tx, row, input.version)
              : input.action === 'close'
                ? await store.closeNotice(tx, id, input.version, clock.now())
                : await store.withdrawNotice(tx, id, input.version, clock.now(), input.reason);
          if (!moved) throw staleVersion(what, row.version, input.version);
          return view(tx, actor, id);
        },
        input.reason,
      );
    },
  };
}

export type NoticeService = ReturnType<typeof createNoticeService>;
