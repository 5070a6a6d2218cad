// SQL for the working-day calendar.
import type { Queryable } from '../../platform/db/db.ts';
import type { DayKind, WorkingCalendar } from './domain/working-days.ts';
import type { ScheduleDay, YearSchedule } from './domain/schedule-file.ts';

export interface CalendarYearRow {
  id: string;
  year: number;
  source: string;
  days: ScheduleDay[];
  version: number;
  updated_at: Date;
}

export async function readWorkingCalendar(q: Queryable): Promise<WorkingCalendar> {
  const years = await q.query<{ year: number }>('SELECT year FROM calendar_year');
  const days = await q.query<{ day: string; kind: DayKind }>('SELECT day, kind FROM calendar_day');
  return {
    loadedYears: new Set(years.map((y) => y.year)),
    exceptions: new Map(days.map((d) => [d.day, d.kind])),
  };
}

/**
 * A cheap fingerprint of the calendar, to know when a cached copy is stale: an SQL expression,
 * so a read that needs the calendar can fetch it in the statement it runs anyway.
 */
export const calendarStampSql = `(SELECT count(*)::text || ':' || coalesce(max(updated_at)::text, '') FROM calendar_year)`;

export async function calendarStamp(q: Queryable): Promise<string> {
  const [row] = await q.query<{ stamp: string }>(`SELECT ${calendarStampSql} AS stamp`);
  return row?.stamp ?? '';
}

export function listYears(q: Queryable): Promise<CalendarYearRow[]> {
  return q.query<CalendarYearRow>(
    'SELECT id, year, source, days, version, updated_at FROM calendar_year ORDER BY year',
  );
}

export async function findYear(q: Queryable, year: number): Promise<CalendarYearRow | undefined> {
  const [row] = await q.query<CalendarYearRow>(
    'SELECT id, year, source, days, version, updated_at FROM calendar_year WHERE year = $1',
    [year],
  );
  return row;
}

export async function insertYear(q: Queryable, schedule: YearSchedule): Promise<void> {
  await q.query('INSERT INTO calendar_year (year, source, days) VALUES ($1, $2, $3::jsonb)', [
    schedule.year,
    schedule.source,
    JSON.stringify(schedule.days),
  ]);
}

export async function replaceYear(q: Queryable, schedule: YearSchedule): Promise<void> {
  await q.query('UPDATE calendar_year SET source = $2, days = $3::jsonb WHERE year = $1', [
    schedule.year,
    schedule.source,
    JSON.stringify(schedule.days),
  ]);
}
