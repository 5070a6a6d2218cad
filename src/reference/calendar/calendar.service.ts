// Use cases of the working-day calendar: answer deadline questions, import next year's
// official schedule (versioned, with a reason), seed the years chinese-days ships.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { Db, Queryable } from '../../platform/db/db.ts';
import { AppError } from '../../platform/errors.ts';
import type { Actor } from '../../identity/domain/actor.ts';
import { asActor } from '../../identity/scoped-db.ts';
import { parseScheduleFile, type YearSchedule } from './domain/schedule-file.ts';
import type { WorkingCalendar } from './domain/working-days.ts';
import {
  calendarStamp,
  findYear,
  insertYear,
  readWorkingCalendar,
  replaceYear,
} from './calendar.store.ts';

export interface ImportOutcome {
  year: number;
  action: 'created' | 'replaced' | 'unchanged';
  holidays: number;
  workdays: number;
}

const sameDays = (a: YearSchedule['days'], b: YearSchedule['days']) =>
  JSON.stringify(a) === JSON.stringify(b);

async function applySchedules(
  tx: Queryable,
  schedules: readonly YearSchedule[],
  replace: boolean,
): Promise<ImportOutcome[]> {
  const outcomes: ImportOutcome[] = [];
  for (const schedule of schedules) {
    const existing = await findYear(tx, schedule.year);
    const counts = {
      holidays: schedule.days.filter((d) => d.kind === 'holiday').length,
      workdays: schedule.days.filter((d) => d.kind === 'workday').length,
    };
    if (!existing) {
      await insertYear(tx, schedule);
      outcomes.push({ year: schedule.year, action: 'created', ...counts });
    } else if (
      !replace ||
      (sameDays(existing.days, schedule.days) && existing.source === schedule.source)
    ) {
      outcomes.push({ year: schedule.year, action: 'unchanged', ...counts });
    } else {
      await replaceYear(tx, schedule);
      outcomes.push({ year: schedule.year, action: 'replaced', ...counts });
    }
  }
  return outcomes;
}

export function createCalendarService(db: Db) {
  let cached: { stamp: string; calendar: WorkingCalendar } | undefined;

  return {
    /**
     * The calendar as loaded now (re-read when an import changed it). Inside a transaction
     * pass it as `q`: the embedded database has one connection, held by that transaction.
     * A caller that read the stamp (`calendarStampSql`) in its own statement passes it as
     * `stamp` and saves the round trip.
     */
    async calendar(q: Queryable = db, stamp?: string): Promise<WorkingCalendar> {
      stamp ??= await calendarStamp(q);
      if (cached?.stamp !== stamp) cached = { stamp, calendar: await readWorkingCalendar(q) };
      return cached.calendar;
    },

    /**
     * Loads official schedules; a year already present is replaced (its previous version stays
     * in history). Only a national administrator may change the calendar.
     */
    async importSchedules(
      actor: Actor,
      schedules: readonly YearSchedule[],
      reason: string,
    ): Promise<ImportOutcome[]> {
      if (!(actor.role === 'ministry' && actor.isAdmin)) {
        throw new AppError('forbidden', {
          code: 'CALENDAR_ADMIN_ONLY',
          messageZh: '只有部级管理员可以导入节假日安排',
          messageEn: 'only a ministry administrator may import the holiday schedule',
        });
      }
      return asActor(db, actor, (tx) => applySchedules(tx, schedules, true), reason);
    },

    /** Reads a schedule file and imports it (the CLI's `calendar import`). */
    async importFile(
      actor: Actor,
      path: string,
      source: string | undefined,
      reason: string,
    ): Promise<ImportOutcome[]> {
      const text = await readFile(path, 'utf8');
      const schedules = parseScheduleFile(text, path, source);
      return this.importSchedules(actor, schedules, reason);
    },
  };
}

export type CalendarService = ReturnType<typeof createCalendarService>;

const require = createRequire(import.meta.url);

/** The schedules shipped in chinese-days (2004 onwards), as YearSchedules. */
export async function shippedSchedules(): Promise<{ schedules: YearSchedule[]; text: string }> {
  const path = require.resolve('chinese-days/dist/chinese-days.json');
  const text = await readFile(path, 'utf8');
  const version = (require('chinese-days/package.json') as { version: string }).version;
  return {
    schedules: parseScheduleFile(text, 'chinese-days.json', `chinese-days ${version}`),
    text,
  };
}

/** Adds shipped years that are missing; never overwrites a year already loaded. */
export function seedShippedSchedules(
  tx: Queryable,
  schedules: readonly YearSchedule[],
): Promise<ImportOutcome[]> {
  return applySchedules(tx, schedules, false);
}
