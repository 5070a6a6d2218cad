// Working-day arithmetic: fixed cases around Spring Festival and National Day with their
// make-up days, properties checked against chinese-days' own isWorkday as an oracle, and the
// cumulative index checked against the day-by-day definition on calendars with gaps.
import { createRequire } from 'node:module';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { shippedCalendar } from '../../../../test/support/shipped-calendar.ts';
import { addDays, daysBetween } from '../../../platform/time/iso-date.ts';
import {
  addWorkingDays,
  isWorkingDay,
  workingDaysBetween,
  type WorkingCalendar,
} from './working-days.ts';

const require = createRequire(import.meta.url);
const oracle = require('chinese-days') as { isWorkday(date: string): boolean };

const calendar = shippedCalendar();

describe('fixed cases (2026 schedule: 国办发明电〔2025〕 notice)', () => {
  it.each([
    // Spring Festival 2026: holidays 02-15…02-23, make-up working days Sat 02-14 and Sat 02-28.
    ['2026-02-14', true, 'Saturday make-up day before Spring Festival'],
    ['2026-02-16', false, 'Spring Festival holiday on a Monday'],
    ['2026-02-23', false, 'last day of the Spring Festival holiday'],
    ['2026-02-24', true, 'first working day after Spring Festival'],
    ['2026-02-28', true, 'Saturday make-up day after Spring Festival'],
    ['2026-03-01', false, 'an ordinary Sunday'],
    // National Day 2026: 10-01…10-07 off, make-up Sun 09-20 and Sat 10-10.
    ['2026-09-20', true, 'Sunday make-up day before National Day'],
    ['2026-10-05', false, 'National Day holiday on a Monday'],
    ['2026-10-10', true, 'Saturday make-up day after National Day'],
    ['2026-09-25', false, 'Mid-Autumn Festival on a Friday'],
  ])('%s is a working day: %s (%s)', (date, expected) => {
    expect(isWorkingDay(calendar, date)).toBe(expected);
  });

  it('counts 20 working days across Spring Festival 2026', () => {
    // Approved Fri 2026-02-06. Working days: 02-09…02-13 (5), Sat 02-14 (6), holidays to
    // 02-23, then 02-24…02-27 (10), Sat 02-28 (11), 03-02…03-06 (16), 03-09…03-12 (20).
    expect(addWorkingDays(calendar, '2026-02-06', 20)).toEqual({
      date: '2026-03-12',
      provisional: false,
    });
  });

  it('counts 20 working days across National Day 2026', () => {
    // Approved Fri 2026-09-18. Sun 09-20 (1), 09-21…09-24 (5), Fri 09-25 is Mid-Autumn,
    // 09-28…09-30 (8), holidays 10-01…10-07, 10-08, 10-09 (10), Sat 10-10 (11),
    // 10-12…10-16 (16), 10-19…10-22 (20).
    expect(addWorkingDays(calendar, '2026-09-18', 20)).toEqual({
      date: '2026-10-22',
      provisional: false,
    });
  });

  it('marks a result that reaches an unloaded year as provisional, counting weekends only', () => {
    // 2027 has no loaded schedule (chinese-days ships through 2026): weekends only.
    const result = addWorkingDays(calendar, '2026-12-25', 10);
    expect(result).toEqual({ date: '2027-01-08', provisional: true });
    expect(addWorkingDays(calendar, '2026-12-01', 5).provisional).toBe(false);
  });

  it('handles leap days', () => {
    // 2024-02-29 was a Thursday and a working day.
    expect(isWorkingDay(calendar, '2024-02-29')).toBe(true);
    expect(addWorkingDays(calendar, '2024-02-28', 1).date).toBe('2024-02-29');
    expect(workingDaysBetween(calendar, '2024-02-27', '2024-03-01').count).toBe(3);
  });

  it('refuses negative, fractional and absurd counts', () => {
    expect(() => addWorkingDays(calendar, '2026-01-05', -1)).toThrow(RangeError);
    expect(() => addWorkingDays(calendar, '2026-01-05', 1.5)).toThrow(RangeError);
    expect(() => addWorkingDays(calendar, '2026-01-05', 1e6)).toThrow(RangeError);
    expect(() => addWorkingDays(calendar, '2026-02-30', 1)).toThrow(RangeError);
  });
});

const dateIn = (from: string, to: string) =>
  fc.integer({ min: 0, max: daysBetween(from, to) }).map((offset) => addDays(from, offset));

describe('properties', () => {
  it('agrees day by day with chinese-days (2004–2026)', () => {
    fc.assert(
      fc.property(dateIn('2004-01-01', '2026-12-31'), (date) => {
        expect(isWorkingDay(calendar, date)).toBe(oracle.isWorkday(date));
      }),
      { numRuns: 3000 },
    );
  });

  it('lands on a working day, n working days later, never earlier than n calendar days', () => {
    fc.assert(
      fc.property(
        dateIn('2004-01-01', '2026-06-30'),
        fc.integer({ min: 1, max: 60 }),
        (start, n) => {
          const { date, provisional } = addWorkingDays(calendar, start, n);
          expect(isWorkingDay(calendar, date)).toBe(true);
          expect(oracle.isWorkday(date)).toBe(true);
          expect(workingDaysBetween(calendar, start, date)).toEqual({ count: n, provisional });
          expect(daysBetween(start, date)).toBeGreaterThanOrEqual(n);
          // The oracle counts the same n working days in (start, date].
          let count = 0;
          for (let d = addDays(start, 1); d <= date; d = addDays(d, 1)) {
            if (oracle.isWorkday(d)) count += 1;
          }
          expect(count).toBe(n);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('is monotonic in n and additive: n + m = (n then m)', () => {
    fc.assert(
      fc.property(
        dateIn('2010-01-01', '2026-03-31'),
        fc.integer({ min: 0, max: 40 }),
        fc.integer({ min: 0, max: 40 }),
        (start, n, m) => {
          const nm = addWorkingDays(calendar, start, n + m).date;
          const stepwise = addWorkingDays(
            calendar,
            addWorkingDays(calendar, start, n).date,
            m,
          ).date;
          expect(stepwise).toBe(nm);
          if (m > 0) expect(nm > addWorkingDays(calendar, start, n).date).toBe(true);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('counts weekends only, provisionally, in a year without a schedule', () => {
    const empty: WorkingCalendar = { loadedYears: new Set(), exceptions: new Map() };
    fc.assert(
      fc.property(
        dateIn('2030-01-01', '2030-12-01'),
        fc.integer({ min: 1, max: 20 }),
        (start, n) => {
          const { date, provisional } = addWorkingDays(empty, start, n);
          expect(provisional).toBe(true);
          const weeks = Math.floor((n - 1) / 5);
          expect(daysBetween(start, date)).toBeGreaterThanOrEqual(n + 2 * weeks);
          expect(daysBetween(start, date)).toBeLessThanOrEqual(n + 2 * weeks + 2);
        },
      ),
    );
  });
});

/** The definition, one day at a time (the implementation before the cumulative index). */
function dayByDay(calendar: WorkingCalendar, from: string, to: string) {
  let count = 0;
  let provisional = false;
  for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) {
    if (!calendar.loadedYears.has(Number(d.slice(0, 4)))) provisional = true;
    if (isWorkingDay(calendar, d)) count += 1;
  }
  return { count, provisional };
}

/** Calendars with gaps: a random subset of the shipped years, plus stray exceptions. */
const calendars = fc
  .tuple(
    fc.subarray([2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026]),
    fc.array(fc.tuple(dateIn('2015-01-01', '2029-12-31'), fc.boolean()), { maxLength: 8 }),
  )
  .map(([years, stray]): WorkingCalendar => {
    const shipped = shippedCalendar(years);
    const exceptions = new Map(shipped.exceptions);
    for (const [date, work] of stray) exceptions.set(date, work ? 'workday' : 'holiday');
    return { loadedYears: shipped.loadedYears, exceptions };
  });

describe('the cumulative index equals the day-by-day definition', () => {
  it('workingDaysBetween, inside, across and outside the loaded years', () => {
    fc.assert(
      fc.property(
        calendars,
        dateIn('2012-01-01', '2032-12-31'),
        fc.integer({ min: -30, max: 1500 }),
        (cal, from, span) => {
          const to = addDays(from, span);
          expect(workingDaysBetween(cal, from, to)).toEqual(dayByDay(cal, from, to));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('addWorkingDays is the first day with n working days after the start', () => {
    fc.assert(
      fc.property(
        calendars,
        dateIn('2012-01-01', '2032-12-31'),
        fc.integer({ min: 0, max: 400 }),
        (cal, start, n) => {
          const { date, provisional } = addWorkingDays(cal, start, n);
          expect(dayByDay(cal, start, date)).toEqual({ count: n, provisional });
          if (n > 0) {
            expect(isWorkingDay(cal, date)).toBe(true);
            expect(dayByDay(cal, start, addDays(date, -1)).count).toBe(n - 1);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('works on an empty calendar and far from any loaded year', () => {
    const empty: WorkingCalendar = { loadedYears: new Set(), exceptions: new Map() };
    for (const [from, to] of [
      ['1999-12-25', '2000-03-01'],
      ['1969-12-01', '1970-02-01'],
      ['2040-01-01', '2041-06-30'],
    ] as const) {
      expect(workingDaysBetween(empty, from, to)).toEqual(dayByDay(empty, from, to));
      expect(workingDaysBetween(calendar, from, to)).toEqual(dayByDay(calendar, from, to));
    }
    expect(addWorkingDays(empty, '1969-12-30', 3)).toEqual({
      date: '1970-01-02',
      provisional: true,
    });
  });
});
