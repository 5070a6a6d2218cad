// Working-day arithmetic (工作日) on the official Chinese calendar: Monday to Friday, minus
// statutory holidays, plus make-up working days (调休). A result that depends on a year
// whose official schedule is not loaded is computed from weekends alone and marked
// provisional (RULES.md, "Dates").
import { addDays, daysBetween, weekday, yearOf } from '../../../platform/time/iso-date.ts';

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
  const exception = calendar.exceptions.get(date);
  if (exception) return exception === 'workday';
  const day = weekday(date);
  return day !== 0 && day !== 6;
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
  while (remaining > 0) {
    date = addDays(date, 1);
    if (!calendar.loadedYears.has(yearOf(date))) provisional = true;
    if (isWorkingDay(calendar, date)) remaining -= 1;
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
  for (let i = 1; i <= span; i += 1) {
    const date = addDays(from, i);
    if (!calendar.loadedYears.has(yearOf(date))) provisional = true;
    if (isWorkingDay(calendar, date)) count += 1;
  }
  return { count, provisional };
}
