// Calendar dates as 'YYYY-MM-DD' strings (no time, no zone). Arithmetic goes through UTC
// midnight so that no local time zone or daylight-saving rule can shift a day.
import { AppError } from '../errors.ts';

const isoPattern = /^(\d{4})-(\d{2})-(\d{2})$/;

const monthDays = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * UTC midnight of `value` in ms when it is a real calendar date written YYYY-MM-DD, else
 * undefined. Arithmetic only (the rules call it for every date of every record an import
 * evaluates). Years before 100 are refused: Date.UTC reads 0–99 as 1900–1999.
 */
function utcMs(value: string): number | undefined {
  const m = isoPattern.exec(value);
  if (!m) return undefined;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (year < 100 || month < 1 || month > 12 || day < 1) return undefined;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  if (day > (month === 2 && leap ? 29 : monthDays[month - 1]!)) return undefined;
  return Date.UTC(year, month - 1, day);
}

/** Whether `value` is a real calendar date written YYYY-MM-DD (2026-02-30 is not). */
export function isIsoDate(value: string): boolean {
  return utcMs(value) !== undefined;
}

function toUtcMs(date: string): number {
  const ms = utcMs(date);
  if (ms === undefined) throw new RangeError(`not a calendar date (YYYY-MM-DD): ${date}`);
  return ms;
}

function toUtc(date: string): Date {
  return new Date(toUtcMs(date));
}

/** The date `days` days after `date` (negative: before). */
export function addDays(date: string, days: number): string {
  const d = toUtc(date);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Day of week, 0 = Sunday … 6 = Saturday. */
export function weekday(date: string): number {
  return toUtc(date).getUTCDay();
}

export function yearOf(date: string): number {
  return Number(date.slice(0, 4));
}

/** Whole days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: string, to: string): number {
  return Math.round((toUtcMs(to) - toUtcMs(from)) / 86_400_000);
}

/** Made once: building an Intl.DateTimeFormat costs far more than formatting with it. */
const shanghaiDate = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** Today's date in Asia/Shanghai, the zone of every deadline Reclaim counts. */
export function todayInShanghai(now: Date = new Date()): string {
  return shanghaiDate.format(now);
}

/** Returns `value` when it is a real calendar date; otherwise a located 400 error. */
export function requireIsoDate(value: string, field: string): string {
  if (!isIsoDate(value)) {
    throw new AppError('invalid', {
      code: 'DATE_INVALID',
      messageZh: `${field} 不是有效日期（应为 YYYY-MM-DD）：${value}`,
      messageEn: `${field} is not a calendar date (YYYY-MM-DD): ${value}`,
      location: { field },
    });
  }
  return value;
}

/**
 * The same day `years` later. When that day does not exist (29 February in a common year)
 * the month's last day is used — the Civil Code's rule for periods counted in years
 * (到期月的对应日为期间的最后一日；没有对应日的，月末日为期间的最后一日).
 */
export function addYears(date: string, years: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  if (!isIsoDate(date)) throw new RangeError(`not a calendar date (YYYY-MM-DD): ${date}`);
  const year = y + years;
  const lastDay = new Date(Date.UTC(year, m, 0)).getUTCDate();
  const day = Math.min(d, lastDay);
  return `${String(year).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * The same day `months` later, with the month-end rule of addYears (31 January + 1 month is
 * the last day of February).
 */
export function addMonths(date: string, months: number): string {
  if (!isIsoDate(date)) throw new RangeError(`not a calendar date (YYYY-MM-DD): ${date}`);
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(d, lastDay)).padStart(2, '0')}`;
}
