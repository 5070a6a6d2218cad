// The arithmetic of a notice's window and an objection's answer deadline (PN-01/PN-02), in
// Asia/Shanghai dates. A period of n days starts counting the day after its start date (the
// Civil Code's rule: 开始的当日不计入, art. 201), so a window of 7 working days published on a
// Monday ends on the 7th working day after it; a calendar-day window ends n days later. The
// window stays open through its last day. Pure: no I/O.
import { addDays, daysBetween } from '../../platform/time/iso-date.ts';
import {
  addWorkingDays,
  workingDaysBetween,
  type WorkingCalendar,
} from '../../reference/calendar/domain/working-days.ts';
import type { Period } from './notice-kinds.ts';

export interface PeriodEnd {
  /** The last day of the period (inclusive). */
  endsOn: string;
  /** True when a year in the span has no loaded holiday schedule (weekends only). */
  provisional: boolean;
}

/** The last day of `period` counted from `start` (the start day not counted). */
export function periodEnd(calendar: WorkingCalendar, start: string, period: Period): PeriodEnd {
  if (period.unit === 'working_days') {
    const { date, provisional } = addWorkingDays(calendar, start, period.length);
    return { endsOn: date, provisional };
  }
  return { endsOn: addDays(start, period.length), provisional: false };
}

/**
 * Days of `unit` left after `today` until `endsOn` (0 on the last day itself and after it):
 * working days count only working days, calendar days every day.
 */
export function daysLeft(
  calendar: WorkingCalendar,
  today: string,
  endsOn: string,
  unit: Period['unit'],
): number {
  if (today >= endsOn) return 0;
  return unit === 'working_days'
    ? workingDaysBetween(calendar, today, endsOn).count
    : daysBetween(today, endsOn);
}

/** Days of `unit` past `endsOn` as of `today` (0 until the day after it). */
export function daysPast(
  calendar: WorkingCalendar,
  today: string,
  endsOn: string,
  unit: Period['unit'],
): number {
  if (today <= endsOn) return 0;
  return unit === 'working_days'
    ? workingDaysBetween(calendar, endsOn, today).count
    : daysBetween(endsOn, today);
}

export interface WindowStatus {
  /** Objections are accepted today. */
  open: boolean;
  /** Today is the window's last day. */
  lastDay: boolean;
  /** Days of the window's unit left after today. */
  daysRemaining: number;
}

/** Whether a published notice's window is open on `today`, and how much of it is left. */
export function windowStatus(
  calendar: WorkingCalendar,
  today: string,
  window: { publishedOn: string; endsOn: string; unit: Period['unit'] },
): WindowStatus {
  const open = today >= window.publishedOn && today <= window.endsOn;
  return {
    open,
    lastDay: today === window.endsOn,
    daysRemaining: open ? daysLeft(calendar, today, window.endsOn, window.unit) : 0,
  };
}
