// How a notice is shown: its window counted on the working-day calendar as of today (open,
// last day, days remaining in the notice's unit), and, for officials only, who created it
// and how its objections stand.
import type { Actor } from '../identity/domain/actor.ts';
import type { WorkingCalendar } from '../reference/calendar/domain/working-days.ts';
import { findNationalKind, type PeriodUnit } from './domain/notice-kinds.ts';
import { windowStatus } from './domain/notice-window.ts';
import type { NoticeRow } from './notices.store.ts';

export interface NoticeView {
  id: string;
  divisionCode: string;
  divisionName: string;
  kind: { code: string; name: { zh: string; en: string } };
  subject: { type: string; id: string } | null;
  title: { zh: string; en: string | null };
  body: { zh: string; en: string | null };
  place: Record<string, unknown> | null;
  state: NoticeRow['state'];
  publishedAt: Date | null;
  window: {
    length: number;
    unit: PeriodUnit;
    publishedOn: string;
    endsOn: string;
    provisional: boolean;
    open: boolean;
    lastDay: boolean;
    daysRemaining: number;
  } | null;
  answerPeriod: { length: number; unit: PeriodUnit } | null;
  /** The kind as resolved on publication (rule codes, basis, provincial overrides). */
  basis: Record<string, unknown> | null;
  closedAt: Date | null;
  withdrawnAt: Date | null;
  withdrawnReason: string | null;
  /** Officials only (null for the public). */
  createdBy: string | null;
  objections: { total: number; awaitingAnswer: number; overdue: number } | null;
  asOf: string;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export function toNoticeView(
  row: NoticeRow,
  calendar: WorkingCalendar,
  today: string,
  actor: Actor,
): NoticeView {
  const official = actor.role !== 'public';
  const kind = findNationalKind(row.kindCode);
  const published =
    row.publishedOn && row.windowEndsOn && row.windowUnit && row.windowLength !== null;
  return {
    id: row.id,
    divisionCode: row.divisionCode,
    divisionName: row.divisionName,
    kind: { code: row.kindCode, name: kind?.name ?? { zh: row.kindCode, en: row.kindCode } },
    subject: row.subjectType && row.subjectId ? { type: row.subjectType, id: row.subjectId } : null,
    title: { zh: row.titleZh, en: row.titleEn },
    body: { zh: row.bodyZh, en: row.bodyEn },
    place: row.place,
    state: row.state,
    publishedAt: row.publishedAt,
    window: published
      ? {
          length: row.windowLength!,
          unit: row.windowUnit!,
          publishedOn: row.publishedOn!,
          endsOn: row.windowEndsOn!,
          provisional: row.windowProvisional,
          // Only a published notice takes objections; a closed or withdrawn one shows its window.
          ...(row.state === 'published'
            ? windowStatus(calendar, today, {
                publishedOn: row.publishedOn!,
                endsOn: row.windowEndsOn!,
                unit: row.windowUnit!,
              })
            : { open: false, lastDay: false, daysRemaining: 0 }),
        }
      : null,
    answerPeriod:
      row.answerLength !== null && row.answerUnit
        ? { length: row.answerLength, unit: row.answerUnit }
        : null,
    basis: row.kindBasis,
    closedAt: row.closedAt,
    withdrawnAt: row.withdrawnAt,
    withdrawnReason: row.withdrawnReason,
    createdBy: official ? row.createdBy : null,
    objections: official
      ? {
          total: row.objectionsTotal,
          awaitingAnswer: row.objectionsAwaiting,
          overdue: row.objectionsOverdue,
        }
      : null,
    asOf: today,
    version: row.version,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}
