// Working-day arithmetic (工作日) on the official Chinese calendar: Monday to Friday, minus
// statutory holidays, plus make-up working days (调休). A result that depends on a year
// whose official schedule is not loaded is computed from weekends alone and marked
// provisional (RULES.md, "Dates").
import { daysBetween, isIsoDate, weekday } from '../../../platform/time/iso-date.ts';

export type DayKind = 'holiday' | 'workday';

export interface WorkingCalendar {
  /** Years whose official schedule is loaded. */
  loadedYears: ReadonlySet<number>;
  /** Exceptions to the Monday–Friday week, by 'YYYY-MM-DD'. */
  exceptions: ReadonlyMap<string, DayKind>;
}

export interface WorkingDayResult {
  date: string;
  /** True when a year in the counted span has no loaded schedule. */
  provisional: boolean;
}

export interface WorkingDayCount {
  count: number;
  provisional: boolean;
}

/** Whether `date` is a working day (weekends and holidays are not; 调休 days are). */
export function isWorkingDay(calendar: WorkingCalendar, date: string): boolean {
  return isWorkingDayOf(calendar, date, weekday(date));
}

function isWorkingDayOf(calendar: WorkingCalendar, date: string, day: number): boolean {
  const exception = calendar.exceptions.get(date);
  if (exception) return exception === 'workday';
  return day !== 0 && day !== 6;
}

/**
 * Walks the days after `start` one at a time (one Date stepped forward, not a date string
 * re-parsed per step: records are read with spans of thousands of days), calling `visit`
 * with each day's date and whether it is a working day, until `visit` returns false.
 * `start` must be a checked calendar date.
 */
function walkDaysAfter(
  calendar: WorkingCalendar,
  start: string,
  visit: (date: string, working: boolean, year: number) => boolean,
): void {
  const day = new Date(`${start}T00:00:00Z`);
  for (;;) {
    day.setUTCDate(day.getUTCDate() + 1);
    const date = day.toISOString().slice(0, 10);
    if (!visit(date, isWorkingDayOf(calendar, date, day.getUTCDay()), day.getUTCFullYear())) return;
  }
}

function requireDate(date: string): string {
  if (!isIsoDate(date)) throw new RangeError(`not a calendar date (YYYY-MM-DD): ${date}`);
  return date;
}

/** Refuses spans that cannot be meant (guards loops against absurd input). */
const maxWorkingDays = 10_000;

/**
 * The `n`-th working day after `start` (start itself not counted). With n = 0 the result is
 * `start`. "Register within 20 working days of approval" (TL-REG-01) has its deadline at
 * `addWorkingDays(approvalDate, 20)`.
 */
export function addWorkingDays(
  calendar: WorkingCalendar,
  start: string,
  n: number,
): WorkingDayResult {
  if (!Number.isInteger(n) || n < 0 || n > maxWorkingDays) {
    throw new RangeError(`working days must be a whole number from 0 to ${maxWorkingDays}: ${n}`);
  }
  let date = start;
  let provisional = false;
  let remaining = n;
  if (remaining > 0) {
    walkDaysAfter(calendar, requireDate(start), (day, working, year) => {
      date = day;
      if (!calendar.loadedYears.has(year)) provisional = true;
      if (working) remaining -= 1;
      return remaining > 0;
    });
  }
  return { date, provisional };
}

/**
 * Working days in the span (from, to]: after `from`, up to and including `to`. Zero when
 * `to` is not after `from`. `workingDaysBetween(d, addWorkingDays(d, n).date)` is n.
 */
export function workingDaysBetween(
  calendar: WorkingCalendar,
  from: string,
  to: string,
): WorkingDayCount {
  const span = daysBetween(from, to);
  if (span > maxWorkingDays * 2) throw new RangeError(`span too long: ${from} to ${to}`);
  let count = 0;
  let provisional = false;
  let seen = 0;
  if (span > 0) {
    walkDaysAfter(calendar, from, (_date, working, year) => {
      if (!calendar.loadedYears.has(year)) provisional = true;
      if (working) count += 1;
      seen += 1;
      return seen < span;
    });
  }
  return { count, provisional };
}
