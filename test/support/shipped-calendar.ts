// The working-day calendar shipped by chinese-days, built in memory for pure tests.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { parseScheduleFile } from '../../src/reference/calendar/domain/schedule-file.ts';
import type { WorkingCalendar } from '../../src/reference/calendar/domain/working-days.ts';

const require = createRequire(import.meta.url);

export const shippedSchedules = parseScheduleFile(
  readFileSync(require.resolve('chinese-days/dist/chinese-days.json'), 'utf8'),
  'chinese-days.json',
);

/** The calendar with the given years loaded (all shipped years by default). */
export function shippedCalendar(
  years: readonly number[] = shippedSchedules.map((s) => s.year),
): WorkingCalendar {
  const chosen = shippedSchedules.filter((s) => years.includes(s.year));
  return {
    loadedYears: new Set(chosen.map((s) => s.year)),
    exceptions: new Map(chosen.flatMap((s) => s.days.map((d) => [d.date, d.kind] as const))),
  };
}
