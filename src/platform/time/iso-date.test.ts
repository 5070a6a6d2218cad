// Today's date is Shanghai's, whatever the process's own time zone.
import { describe, expect, it } from 'vitest';
import { todayInShanghai } from './iso-date.ts';

describe('todayInShanghai', () => {
  it('turns the date at midnight Shanghai time (UTC+8), on every call', () => {
    expect(todayInShanghai(new Date('2026-01-31T15:59:59Z'))).toBe('2026-01-31');
    expect(todayInShanghai(new Date('2026-01-31T16:00:00Z'))).toBe('2026-02-01');
    expect(todayInShanghai(new Date('2024-02-28T16:00:00Z'))).toBe('2024-02-29');
    expect(todayInShanghai(new Date('2026-12-31T16:00:00Z'))).toBe('2027-01-01');
  });
});
