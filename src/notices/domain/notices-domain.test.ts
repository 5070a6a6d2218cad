// Notice windows and answer deadlines at the boundaries (Spring Festival, Mid-Autumn and
// National Day 2026 with their make-up days; working vs calendar days; a year without a
// loaded schedule), the kinds with provincial overrides, the status machines and receipts.
import { describe, expect, it } from 'vitest';
import { shippedCalendar } from '../../../test/support/shipped-calendar.ts';
import { checkStatusAction } from '../../supervision/domain/status-machine.ts';
import {
  findNationalKind,
  nationalNoticeKinds,
  resolveNoticeKind,
  resolveNoticeKinds,
  windowBelowFloor,
  type Period,
} from './notice-kinds.ts';
import { isAnswerOverdue, mayClose, noticeMachine, objectionMachine } from './notice-lifecycle.ts';
import { daysLeft, daysPast, periodEnd, windowStatus } from './notice-window.ts';
import { makeReceipt, normaliseReceipt, receiptHint } from './receipt.ts';

const calendar = shippedCalendar();
const wd = (length: number): Period => ({ length, unit: 'working_days' });
const cd = (length: number): Period => ({ length, unit: 'calendar_days' });

describe('window end (the start day is not counted; the window is open through its last day)', () => {
  it.each([
    // Spring Festival 2026: off 02-15…02-23; make-up Saturdays 02-14 and 02-28.
    [
      '2026-02-13',
      wd(7),
      '2026-03-02',
      'Fri before Spring Festival: Sat 02-14 and Sat 02-28 count, the holiday does not',
    ],
    ['2026-02-13', cd(30), '2026-03-15', '30 calendar days run straight through Spring Festival'],
    [
      '2026-02-14',
      wd(1),
      '2026-02-24',
      'published on the make-up Saturday: the next working day is after the holiday',
    ],
    [
      '2026-02-15',
      cd(30),
      '2026-03-17',
      'published on a holiday: calendar days still count from the next day',
    ],
    ['2026-02-06', wd(20), '2026-03-12', 'seed 000’s 20 working days across Spring Festival'],
    // Mid-Autumn Fri 09-25; National Day off 10-01…10-07; make-up Sun 09-20 and Sat 10-10.
    [
      '2026-09-24',
      wd(7),
      '2026-10-12',
      'Thu before Mid-Autumn: 09-25 and 10-01…07 skipped, Sat 10-10 counted',
    ],
    [
      '2026-09-24',
      cd(7),
      '2026-10-01',
      'the same 7 days in calendar days end on National Day itself',
    ],
    ['2026-09-28', wd(20), '2026-10-30', '20 working days from the Monday before National Day'],
    [
      '2026-09-30',
      wd(1),
      '2026-10-08',
      'the day before National Day: one working day ends after the holiday',
    ],
    ['2026-09-30', cd(30), '2026-10-30', '30 calendar days from the day before National Day'],
    ['2026-01-30', cd(30), '2026-03-01', 'calendar days across a short February'],
  ])('%s + %o → %s (%s)', (start, period, endsOn) => {
    expect(periodEnd(calendar, start, period)).toEqual({ endsOn, provisional: false });
  });

  it('marks a working-day window that runs into a year without a loaded schedule as provisional', () => {
    const only2026 = shippedCalendar([2026]);
    const end = periodEnd(only2026, '2026-12-28', wd(7));
    expect(end.provisional).toBe(true);
    // 12-29, 12-30, 12-31 and 2027 by weekdays alone: 01-01 (Fri), 01-04, 01-05, 01-06.
    expect(end.endsOn).toBe('2027-01-06');
    expect(periodEnd(only2026, '2026-12-28', cd(7))).toEqual({
      endsOn: '2027-01-04',
      provisional: false,
    });
  });
});

describe('days remaining, counted in the notice’s unit', () => {
  // 7 working days from Mon 2026-09-28: 09-29, 09-30, 10-08, 10-09, Sat 10-10, 10-12, 10-13.
  const window = { publishedOn: '2026-09-28', endsOn: '2026-10-13', unit: 'working_days' as const };

  it.each([
    ['2026-09-28', true, false, 7, 'publication day: the whole window is ahead'],
    ['2026-10-01', true, false, 5, 'National Day: 10-08, 10-09, 10-10, 10-12, 10-13 remain'],
    ['2026-10-12', true, false, 1, 'the day before the last'],
    ['2026-10-13', true, true, 0, 'the last day: still open, nothing after it'],
    ['2026-10-14', false, false, 0, 'the day after: closed'],
    ['2026-09-27', false, false, 0, 'before publication: not open'],
  ])('on %s open=%s lastDay=%s remaining=%i (%s)', (today, open, lastDay, daysRemaining) => {
    expect(windowStatus(calendar, today, window)).toEqual({ open, lastDay, daysRemaining });
  });

  it('counts calendar days for a calendar-day window, holidays included', () => {
    expect(daysLeft(calendar, '2026-10-01', '2026-10-30', 'calendar_days')).toBe(29);
    expect(daysLeft(calendar, '2026-10-01', '2026-10-30', 'working_days')).toBe(18);
  });

  it('counts days past a deadline in the deadline’s unit', () => {
    expect(daysPast(calendar, '2026-10-08', '2026-09-30', 'working_days')).toBe(1);
    expect(daysPast(calendar, '2026-10-08', '2026-09-30', 'calendar_days')).toBe(8);
    expect(daysPast(calendar, '2026-09-30', '2026-09-30', 'calendar_days')).toBe(0);
  });
});

describe('notice kinds (PN-01/PN-02): national defaults and provincial overrides', () => {
  it('seeds the four kinds with the catalogue’s figures and their sources', () => {
    const byCode = Object.fromEntries(nationalNoticeKinds.map((k) => [k.code, k]));
    expect(byCode.reclamation_acceptance).toMatchObject({
      window: cd(30),
      answer: cd(15),
      minimumWindowDays: 30,
    });
    expect(byCode.reclamation_plan_review).toMatchObject({
      window: wd(7),
      source: 'local practice',
    });
    expect(byCode.asset_disposal).toMatchObject({ window: wd(20), source: 'seed' });
    expect(byCode.approval_publication?.source).toBe('assumed');
    for (const kind of nationalNoticeKinds) expect(kind.ruleCodes).toContain('PN-01');
  });

  it('applies a province’s override and says what it changed', () => {
    const kind = findNationalKind('reclamation_plan_review')!;
    const resolved = resolveNoticeKind(kind, { window: wd(10), note: '本省规定' });
    expect(resolved).toMatchObject({
      window: wd(10),
      setBy: 'provincial',
      provincialNote: '本省规定',
    });
    expect(resolved.overridden).toEqual([{ key: 'window', national: wd(7), provincial: wd(10) }]);
    // An override equal to the national figure changes nothing.
    expect(resolveNoticeKind(kind, { window: wd(7) }).setBy).toBe('national');
    expect(resolveNoticeKinds(undefined).every((k) => k.setBy === 'national')).toBe(true);
  });

  it('refuses an acceptance window under PN-02’s 30 days, in either unit', () => {
    const kind = findNationalKind('reclamation_acceptance')!;
    expect(windowBelowFloor(kind, cd(29))).toBe(30);
    expect(windowBelowFloor(kind, wd(29))).toBe(30);
    expect(windowBelowFloor(kind, wd(30))).toBeUndefined();
    expect(windowBelowFloor(findNationalKind('reclamation_plan_review')!, wd(3))).toBeUndefined();
  });
});

describe('lifecycles', () => {
  it('lets officials publish, close and withdraw, and nobody else', () => {
    expect(checkStatusAction(noticeMachine, 'publish', 'draft', 'county')).toEqual({
      ok: true,
      to: 'published',
    });
    expect(checkStatusAction(noticeMachine, 'publish', 'draft', 'enterprise')).toEqual({
      ok: false,
      reason: 'role',
    });
    expect(checkStatusAction(noticeMachine, 'publish', 'published', 'county')).toEqual({
      ok: false,
      reason: 'state',
    });
    expect(checkStatusAction(noticeMachine, 'withdraw', 'closed', 'city')).toEqual({
      ok: false,
      reason: 'state',
    });
    expect(mayClose('2026-10-13', '2026-10-13')).toBe(false);
    expect(mayClose('2026-10-14', '2026-10-13')).toBe(true);
  });

  it('answers an objection before closing it, and flags it overdue while it waits', () => {
    expect(checkStatusAction(objectionMachine, 'close', 'received', 'county')).toEqual({
      ok: false,
      reason: 'state',
    });
    expect(checkStatusAction(objectionMachine, 'answer', 'received', 'county')).toEqual({
      ok: true,
      to: 'answered',
    });
    expect(checkStatusAction(objectionMachine, 'answer', 'answered', 'county')).toEqual({
      ok: false,
      reason: 'state',
    });
    const due = periodEnd(calendar, '2026-09-30', cd(15)).endsOn;
    expect(due).toBe('2026-10-15');
    expect(isAnswerOverdue({ status: 'assigned', answerDueOn: due }, '2026-10-15')).toBe(false);
    expect(isAnswerOverdue({ status: 'assigned', answerDueOn: due }, '2026-10-16')).toBe(true);
    expect(isAnswerOverdue({ status: 'answered', answerDueOn: due }, '2026-10-16')).toBe(false);
  });
});

describe('receipts', () => {
  const random = Uint8Array.from([0, 1, 2, 3, 31, 30, 29, 28, 10, 11, 12, 13]);

  it('reads as PN + the date received + three groups of four Crockford characters', () => {
    const receipt = makeReceipt('2026-12-04', random);
    expect(receipt).toBe('PN261204-0123-ZYXW-ABCD');
    expect(receiptHint(receipt)).toBe('PN261204-…-ABCD');
  });

  it('forgives case, spaces, missing dashes and O/I/L typed for 0/1', () => {
    expect(normaliseReceipt(' pn261204 0123 zyxw abcd ')).toBe('PN261204-0123-ZYXW-ABCD');
    expect(normaliseReceipt('PN261204-O1I3-ZYXW-ABCD')).toBe('PN261204-0113-ZYXW-ABCD');
    expect(normaliseReceipt('PN261204-0123-ZYXW-ABC')).toBeUndefined();
    expect(normaliseReceipt('XX261204-0123-ZYXW-ABCD')).toBeUndefined();
    expect(normaliseReceipt('PN261204-0123-ZYXW-ABCU')).toBeUndefined();
  });

  it('uses 60 random bits: every character of the alphabet can appear', () => {
    const all = makeReceipt(
      '2026-12-04',
      Uint8Array.from({ length: 12 }, (_, i) => i * 2 + 1),
    );
    expect(all).toMatch(/^PN261204-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect(() => makeReceipt('2026-12-04', new Uint8Array(11))).toThrow(RangeError);
  });
});
