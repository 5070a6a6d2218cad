// Working-day arithmetic (工作日) on the official Chinese calendar: Monday to Friday, minus
// statutory holidays, plus make-up working days (调休). A result that depends on a year
// whose official schedule is not loaded is computed from weekends alone and marked
// provisional (RULES.md, "Dates").
import { daysBetween, weekday, yearOf } from '../../../platform/time/iso-date.ts';

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

/** Refuses spans that cannot be meant (guards against absurd input). */
const maxWorkingDays = 10_000;

const dayMs = 86_400_000;

/** Days since 1970-01-01 of a 'YYYY-MM-DD' date (RangeError when it is no calendar date). */
function epochDay(date: string): number {
  return daysBetween('1970-01-01', date);
}

function isoOf(day: number): string {
  return new Date(day * dayMs).toISOString().slice(0, 10);
}

/** Mondays to Fridays before epoch day `e`, counted from Monday 1970-01-05 (negative before it). */
function weekdaysBefore(e: number): number {
  const x = e - 4;
  const weeks = Math.floor(x / 7);
  return 5 * weeks + Math.min(x - 7 * weeks, 5);
}

/**
 * Cumulative counts over the years a calendar knows (loaded years and years with exceptions,
 * and any gap between them): `work[i]` and `unloaded[i]` are the working days and the days of
 * unloaded years in [lo, lo + i). Outside [lo, hi) every day is a plain Monday–Friday day of
 * an unloaded year, counted in closed form.
 */
interface DayIndex {
  lo: number;
  hi: number;
  work: Int32Array;
  unloaded: Int32Array;
}

const indexes = new WeakMap<WorkingCalendar, DayIndex>();

function indexOf(calendar: WorkingCalendar): DayIndex {
  const cached = indexes.get(calendar);
  if (cached) return cached;
  let first = Infinity;
  let last = -Infinity;
  for (const year of [...calendar.loadedYears, ...[...calendar.exceptions.keys()].map(yearOf)]) {
    first = Math.min(first, year);
    last = Math.max(last, year);
  }
  if (first > last) [first, last] = [1970, 1969];
  const lo = Math.round(Date.UTC(first, 0, 1) / dayMs);
  const hi = Math.round(Date.UTC(last + 1, 0, 1) / dayMs);
  const size = Math.max(0, hi - lo);
  const work = new Int32Array(size + 1);
  const unloaded = new Int32Array(size + 1);
  for (let i = 0; i < size; i += 1) {
    const date = isoOf(lo + i);
    const exception = calendar.exceptions.get(date);
    const day = (((lo + i + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday (4)
    const working = exception ? exception === 'workday' : day !== 0 && day !== 6;
    work[i + 1] = work[i]! + (working ? 1 : 0);
    unloaded[i + 1] = unloaded[i]! + (calendar.loadedYears.has(yearOf(date)) ? 0 : 1);
  }
  const index = { lo, hi: lo + size, work, unloaded };
  indexes.set(calendar, index);
  return index;
}

/** Working days before epoch day `e` (relative to the index's start; only differences count). */
function workBefore(index: DayIndex, e: number): number {
  const inside = index.work[Math.min(Math.max(e - index.lo, 0), index.hi - index.lo)]!;
  const before = e < index.lo ? weekdaysBefore(e) - weekdaysBefore(index.lo) : 0;
  const after = e > index.hi ? weekdaysBefore(e) - weekdaysBefore(index.hi) : 0;
  return inside + before + after;
}

/** Days of unloaded years before epoch day `e` (relative, as workBefore). */
function unloadedBefore(index: DayIndex, e: number): number {
  const inside = index.unloaded[Math.min(Math.max(e - index.lo, 0), index.hi - index.lo)]!;
  return inside + Math.min(e - index.lo, 0) + Math.max(e - index.hi, 0);
}

/**
 * The `n`-th working day after `start` (start itself not counted). With n = 0 the result is
 * `start`. "Register within 20 working days of approval" (TL-REG-01) has its deadline at
 * `addWorkingDays(approvalDate, 20)`. O(log n) on the calendar's cumulative index.
 */
export function addWorkingDays(
  calendar: WorkingCalendar,
  start: string,
  n: number,
): WorkingDayResult {
  if (!Number.isInteger(n) || n < 0 || n > maxWorkingDays) {
    throw new RangeError(`working days must be a whole number from 0 to ${maxWorkingDays}: ${n}`);
  }
  if (n === 0) return { date: start, provisional: false };
  const index = indexOf(calendar);
  const s = epochDay(start);
  const base = workBefore(index, s + 1);
  // The answer is the first day d > s with n working days in (s, d]: widen, then bisect.
  let low = s + 1;
  let high = s + n;
  while (workBefore(index, high + 1) - base < n) high += Math.max(high - s, 7);
  while (low < high) {
    const mid = Math.floor((low + high) / 2);
    if (workBefore(index, mid + 1) - base >= n) high = mid;
    else low = mid + 1;
  }
  const provisional = unloadedBefore(index, low + 1) - unloadedBefore(index, s + 1) > 0;
  return { date: isoOf(low), provisional };
}

/**
 * Working days in the span (from, to]: after `from`, up to and including `to`. Zero when
 * `to` is not after `from`. `workingDaysBetween(d, addWorkingDays(d, n).date)` is n. O(1) on
 * the calendar's cumulative index.
 */
export function workingDaysBetween(
  calendar: WorkingCalendar,
  from: string,
  to: string,
): WorkingDayCount {
  const span = daysBetween(from, to);
  if (span > maxWorkingDays * 2) throw new RangeError(`span too long: ${from} to ${to}`);
  if (span <= 0) return { count: 0, provisional: false };
  const index = indexOf(calendar);
  const f = epochDay(from);
  const t = f + span;
  return {
    count: workBefore(index, t + 1) - workBefore(index, f + 1),
    provisional: unloadedBefore(index, t + 1) - unloadedBefore(index, f + 1) > 0,
  };
}
