// Today's date is Shanghai's, whatever the process's own time zone.
import { describe, expect, it } from 'vitest';
import { addDays, daysBetween, isIsoDate, todayInShanghai } from './iso-date.ts';

describe('todayInShanghai', () => {
  it('turns the date at midnight Shanghai time (UTC+8), on every call', () => {
    expect(todayInShanghai(new Date('2026-01-31T15:59:59Z'))).toBe('2026-01-31');
    expect(todayInShanghai(new Date('2026-01-31T16:00:00Z'))).toBe('2026-02-01');
    expect(todayInShanghai(new Date('2024-02-28T16:00:00Z'))).toBe('2024-02-29');
    expect(todayInShanghai(new Date('2026-12-31T16:00:00Z'))).toBe('2027-01-01');
  });
});

describe('isIsoDate', () => {
  /** The definition it had before it was made arithmetic: a Date round trip. */
  const byRoundTrip = (value: string) => {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
    if (!m) return false;
    const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
    return d.toISOString().slice(0, 10) === value;
  };
  const pad = (n: number, width: number) => String(n).padStart(width, '0');

  it('accepts exactly the dates a Date round trip gives back, leap days and odd years included', () => {
    const years = [0, 1, 99, 100, 1582, 1899, 1900, 2000, 2023, 2024, 2026, 2100, 2400, 9999];
    for (const year of years)
      for (let month = 0; month <= 13; month += 1)
        for (let day = 0; day <= 32; day += 1) {
          const value = `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
          expect(isIsoDate(value), value).toBe(byRoundTrip(value));
        }
    for (const odd of [
      '2026-1-01',
      '2026-01-1',
      ' 2026-01-01',
      '2026-01-01T00:00',
      '２０２６-01-01',
      '',
    ])
      expect(isIsoDate(odd), odd).toBe(false);
  });

  it('counts days across month, leap-day and year ends', () => {
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
    expect(daysBetween('2023-02-28', '2023-03-01')).toBe(1);
    expect(daysBetween('2026-12-31', '2025-12-31')).toBe(-365);
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(() => daysBetween('2026-02-30', '2026-03-01')).toThrow(RangeError);
  });
});
