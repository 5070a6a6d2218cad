// Objections (异议) on published notices (PN-01/PN-02). The public files one inside the
// window, without an account, and gets a receipt; with it, anyone holding it reads the
// status and the answer, nothing else. Officials of the notice's division assign, answer
// (by the deadline the notice's kind set, counted and flagged overdue) and close. Every step
// is a version in history; an objection is never deleted.
import { randomBytes, randomUUID } from 'node:crypto';
import type { Db, Queryable } from '../platform/db/db.ts';
import { AppError } from '../platform/errors.ts';
import { todayInShanghai } from '../platform/time/iso-date.ts';
import { type Actor, actorLabel, publicActor, scopeLikePattern } from '../identity/domain/actor.ts';
import { inScope } from '../identity/scoped-db.ts';
import { hashSecret } from '../identity/secret-tokens.ts';
import type { CalendarService } from '../reference/calendar/calendar.service.ts';
import type { WorkingCalendar } from '../reference/calendar/domain/working-days.ts';
import { checkStatusAction } from '../supervision/domain/status-machine.ts';
import { actionRefused, dossierNotFound, staleVersion } from '../supervision/dossier-errors.ts';
import {
  isAnswerOverdue,
  objectionMachine,
  type ObjectionAction,
} from './domain/notice-lifecycle.ts';
import { daysLeft, daysPast, periodEnd, windowStatus } from './domain/notice-window.ts';
import {
  makeReceipt,
  normaliseReceipt,
  receiptHint,
  receiptRandomBytes,
} from './domain/receipt.ts';
import { requireTexts } from './notice-text.ts';
import { noticeNotFound, systemClock, type NoticeClock } from './notices.service.ts';
import * as notices from './notices.store.ts';
import * as store from './objections.store.ts';

const what = { zh: '异议', en: 'objection' };

export interface ObjectionView extends Omit<store.ObjectionRow, 'answerUnit'> {
  answerDeadline: {
    dueOn: string;
    unit: store.ObjectionRow['answerUnit'];
    /** Days of the unit left after today while the objection waits for its answer. */
    daysLeft: number;
    overdue: boolean;
    daysOverdue: number;
    /** Answered after the deadline. */
    answeredLate: boolean;
  };
  asOf: string;
}

function toObjectionView(
  row: store.ObjectionRow,
  calendar: WorkingCalendar,
  today: string,
): ObjectionView {
  const { answerUnit, ...rest } = row;
  const overdue = isAnswerOverdue(row, today);
  const waiting = row.status === 'received' || row.status === 'assigned';
  return {
    ...rest,
    answerDeadline: {
      dueOn: row.answerDueOn,
      unit: answerUnit,
      daysLeft: waiting ? daysLeft(calendar, today, row.answerDueOn, answerUnit) : 0,
      overdue,
      daysOverdue: overdue ? daysPast(calendar, today, row.answerDueOn, answerUnit) : 0,
      answeredLate: row.answeredOn !== null && row.answeredOn > row.answerDueOn,
    },
    asOf: today,
  };
}

export interface FiledObjection {
  /** The filer's key to the answer: shown once, stored only as a hash. */
  receipt: string;
  noticeId: string;
  receivedOn: string;
  answerDueOn: string;
}

export interface ReceiptView extends store.ReceiptAnswer {
  receipt: string;
  overdue: boolean;
}

export interface ObjectionActionInput {
  action: ObjectionAction;
  version: number;
  reason: string;
  assigneeId?: string;
  answer?: string;
  note?: string;
}

export function createObjectionService(
  db: Db,
  calendars: CalendarService,
  clock: NoticeClock = systemClock,
  random: (n: number) => Uint8Array = randomBytes,
) {
  const today = () => todayInShanghai(clock.now());

  async function load(tx: Queryable, actor: Actor, id: string): Promise<store.ObjectionRow> {
    const row = await store.findObjection(tx, id, scopeLikePattern(actor));
    if (!row) throw dossierNotFound('OBJECTION_NOT_FOUND', '异议', 'objection');
    return row;
  }

  async function view(tx: Queryable, actor: Actor, id: string): Promise<ObjectionView> {
    return toObjectionView(await load(tx, actor, id), await calendars.calendar(tx), today());
  }

  function missing(field: string, zh: string, en: string): AppError {
    return new AppError('invalid', {
      code: 'OBJECTION_FIELD_MISSING',
      messageZh: zh,
      messageEn: en,
      location: { field },
    });
  }

  return {
    /**
     * Files an objection on a published notice inside its window, as the public (whoever is
     * logged in). A draft or withdrawn notice answers 404, a closed one or a window that has
     * ended 409; nothing is stored then.
     */
    file(
      noticeId: string,
      input: { body: string; contact?: string | null },
    ): Promise<FiledObjection> {
      const texts = requireTexts({ body: input.body, contact: input.contact });
      return inScope(
        db,
        publicActor,
        async (tx) => {
          const receivedAt = clock.now();
          const receivedOn = todayInShanghai(receivedAt);
          const notice = await notices.findNotice(tx, noticeId, '%', receivedOn);
          if (!notice) throw noticeNotFound();
          const calendar = await calendars.calendar(tx);
          const window =
            notice.state === 'published' && notice.publishedOn && notice.windowEndsOn
              ? windowStatus(calendar, receivedOn, {
                  publishedOn: notice.publishedOn,
                  endsOn: notice.windowEndsOn,
                  unit: notice.windowUnit!,
                })
              : undefined;
          if (!window?.open)
            throw new AppError('conflict', {
              code: 'OBJECTION_WINDOW_CLOSED',
              messageZh: `该公示的异议期已于 ${notice.windowEndsOn ?? '—'} 结束，不再受理异议`,
              messageEn: `this notice's window ended on ${notice.windowEndsOn ?? '—'}; objections are no longer accepted`,
              location: { field: 'noticeId' },
            });
          const due = periodEnd(calendar, receivedOn, {
            length: notice.answerLength!,
            unit: notice.answerUnit!,
          });
          const receipt = makeReceipt(receivedOn, random(receiptRandomBytes));
          await store.insertObjection(tx, {
            id: randomUUID(),
            noticeId,
            divisionCode: notice.divisionCode,
            receiptSha256: hashSecret(receipt),
            receiptHint: receiptHint(receipt),
            body: texts.body!,
            contact: texts.contact,
            receivedAt,
            receivedOn,
            answerDueOn: due.endsOn,
          });
          return { receipt, noticeId, receivedOn, answerDueOn: due.endsOn };
        },
        '公众在公示期内提出异议（PN-01） / objection filed by the public (PN-01)',
      );
    },

    /** The status and answer of the objection a receipt belongs to (anyone holding it). */
    lookup(typed: string): Promise<ReceiptView> {
      const receipt = normaliseReceipt(typed);
      if (!receipt)
        throw new AppError('invalid', {
          code: 'RECEIPT_INVALID',
          messageZh: '回执编号格式不对（应形如 PN261204-7K3M-QX9T-2B4H）',
          messageEn: 'that is not a receipt number (they look like PN261204-7K3M-QX9T-2B4H)',
          location: { field: 'receipt' },
        });
      return inScope(db, publicActor, async (tx) => {
        const found = await store.objectionByReceipt(tx, hashSecret(receipt));
        if (!found)
          throw new AppError('not_found', {
            code: 'RECEIPT_NOT_FOUND',
            messageZh: '没有与该回执编号对应的异议',
            messageEn: 'no objection has that receipt number',
            location: { field: 'receipt' },
          });
        return { receipt, ...found, overdue: isAnswerOverdue(found, today()) };
      });
    },

    get(actor: Actor, id: string): Promise<ObjectionView> {
      return inScope(db, actor, (tx) => view(tx, actor, id));
    },

    list(
      actor: Actor,
      filter: Omit<store.ObjectionFilter, 'scopeLike' | 'today'>,
    ): Promise<{ items: ObjectionView[]; total: number }> {
      return inScope(db, actor, async (tx) => {
        const date = today();
        const { items, total } = await store.listObjections(tx, {
          ...filter,
          scopeLike: scopeLikePattern(actor),
          today: date,
        });
        const calendar = await calendars.calendar(tx);
        return { items: items.map((r) => toObjectionView(r, calendar, date)), total };
      });
    },

    /** Assigns (to an official of the division), answers, or closes an answered objection. */
    act(actor: Actor, id: string, input: ObjectionActionInput): Promise<ObjectionView> {
      return inScope(
        db,
        actor,
        async (tx) => {
          const row = await load(tx, actor, id);
          const check = checkStatusAction(objectionMachine, input.action, row.status, actor.role);
          if (!check.ok)
            throw actionRefused(
              'OBJECTION_ACTION_REFUSED',
              what,
              input.action,
              row.status,
              check.reason,
            );
          const next: store.ObjectionMove = {
            status: check.to,
            assigneeId: row.assigneeId,
            answer: row.answer,
            answeredAt: row.answeredAt,
            answeredOn: row.answeredOn,
            answeredBy: row.answeredBy,
            statusNote: input.note?.trim() || input.reason,
          };
          if (input.action === 'assign') {
            if (!input.assigneeId)
              throw missing('assigneeId', '指派需要被指派人员', 'assigning needs an assignee');
            const user = await store.assignableUser(
              tx,
              input.assigneeId,
              row.divisionCode,
              scopeLikePattern(actor),
            );
            if (!user)
              throw new AppError('invalid', {
                code: 'OBJECTION_ASSIGNEE_INVALID',
                messageZh: '被指派人员须为您辖区内、管辖该公示所在行政区的在岗政府工作人员',
                messageEn:
                  'the assignee must be an active government official in your division whose division includes the notice',
                location: { field: 'assigneeId' },
              });
            next.assigneeId = user.id;
          }
          if (input.action === 'answer') {
            if (!input.answer)
              throw missing('answer', '答复需要答复内容', 'answering needs the answer');
            const { answer } = requireTexts({ answer: input.answer });
            const at = clock.now();
            Object.assign(next, {
              answer,
              answeredAt: at,
              answeredOn: todayInShanghai(at),
              answeredBy: actorLabel(actor),
            });
          }
          if (!(await store.moveObjection(tx, id, input.version, next)))
            throw staleVersion(what, row.version, input.version);
          return view(tx, actor, id);
        },
        input.reason,
      );
    },
  };
}

export type ObjectionService = ReturnType<typeof createObjectionService>;
