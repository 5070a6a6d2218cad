// The pure reclamation rules at their boundaries: the deadline (TL-RECL-01) across a leap day
// and with extended terms, an extension applied on, before and after the deadline day
// (TL-RECL-03), plan targets against the land occupied (TL-RECL-04), the ledger's balance and
// release grounds (TL-RECL-06), guarantee warnings, and the 60 working days of acceptance
// across Spring Festival and National Day (TL-RECL-05).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { shippedCalendar } from '../../../test/support/shipped-calendar.ts';
import type { AreaBreakdown, TemporaryLandRecord } from '../../register/domain/record.ts';
import { nationalSettings } from '../../register/domain/settings.ts';
import { reclamationDeadline } from '../../register/domain/rules/reclamation-rules.ts';
import { addDays } from '../../platform/time/iso-date.ts';
import { isWorkingDay } from '../../reference/calendar/domain/working-days.ts';
import {
  acceptanceDue,
  dueStatus,
  mayRecordVerdict,
  missingDepartments,
  type PanelMember,
} from './acceptance.ts';
import { checkExtension } from './deadline.ts';
import { applyEntry, guaranteeWarnings, type LedgerEntryFacts } from './ledger.ts';
import { checkTargets } from './plan-rules.ts';

const base = JSON.parse(
  readFileSync(
    join(import.meta.dirname, '../../register/domain/rules/scenarios/base-record.json'),
    'utf8',
  ),
) as TemporaryLandRecord;
const record = (patch: Partial<TemporaryLandRecord>): TemporaryLandRecord => ({
  ...base,
  ...patch,
});
const deadlineOf = (patch: Partial<TemporaryLandRecord>) =>
  reclamationDeadline(record(patch), nationalSettings)!;

describe('the reclamation deadline (TL-RECL-01), the register’s function', () => {
  it('is the term end plus one year, as written', () => {
    expect(deadlineOf({ termEnd: '2025-06-30', extensions: [] }).deadline).toBe('2026-06-30');
  });

  it('falls on 28 February when the term ends on a leap day (the month-end rule)', () => {
    const d = deadlineOf({ termEnd: '2024-02-29', extensions: [], reclamationExtension: null });
    expect(d.statutory).toBe('2025-02-28');
  });

  it('counts from the last extension of the term (TL-TERM-02)', () => {
    const d = deadlineOf({
      termEnd: '2024-05-31',
      extensions: [
        {
          approvalNumber: 'X',
          approvedOn: '2024-05-01',
          newTermEnd: '2025-05-31',
          areaM2: 1,
          withinOriginalBoundary: true,
        },
      ],
      reclamationExtension: null,
    });
    expect(d.deadline).toBe('2026-05-31');
  });
});

describe('an extension for climate or disaster (TL-RECL-03)', () => {
  const d = deadlineOf({ termEnd: '2025-03-31', extensions: [], reclamationExtension: null });
  const ask = (appliedOn: string) =>
    checkExtension(d, { appliedOn, approvedOn: '2026-04-10', newDeadline: '2026-10-31' }, false);

  it('is granted when applied for one day before the deadline, or on the deadline day', () => {
    expect(d.deadline).toBe('2026-03-31');
    expect(ask('2026-03-30')).toEqual({ ok: true });
    expect(ask('2026-03-31')).toEqual({ ok: true });
  });

  it('is refused when applied for one day after the deadline passed', () => {
    const refused = ask('2026-04-01');
    expect(refused).toMatchObject({ ok: false, code: 'TL-RECL-03', field: 'appliedOn' });
    if (!refused.ok) expect(refused.messageEn).toContain('1 days late');
  });

  it('must move the deadline later, be approved after it was applied for, and come once', () => {
    expect(
      checkExtension(
        d,
        { appliedOn: '2026-03-01', approvedOn: '2026-03-05', newDeadline: '2026-03-31' },
        false,
      ),
    ).toMatchObject({ ok: false, code: 'RECLAMATION_EXTENSION_NOT_LATER' });
    expect(
      checkExtension(
        d,
        { appliedOn: '2026-03-01', approvedOn: '2026-02-05', newDeadline: '2026-09-30' },
        false,
      ),
    ).toMatchObject({ ok: false, code: 'RECLAMATION_EXTENSION_DATES' });
    expect(
      checkExtension(
        d,
        { appliedOn: '2026-03-01', approvedOn: '2026-03-05', newDeadline: '2026-09-30' },
        true,
      ),
    ).toMatchObject({ ok: false, code: 'RECLAMATION_EXTENSION_EXISTS' });
    expect(
      checkExtension(
        null,
        { appliedOn: '2026-03-01', approvedOn: '2026-03-05', newDeadline: '2026-09-30' },
        false,
      ),
    ).toMatchObject({
      ok: false,
      code: 'RECLAMATION_NO_DEADLINE',
    });
  });

  it('once on the record, is what the register’s TL-RECL-01 rule counts to', () => {
    const extended = deadlineOf({
      termEnd: '2025-03-31',
      extensions: [],
      reclamationExtension: {
        appliedOn: '2026-03-31',
        newDeadline: '2026-10-31',
        cause: 'disaster',
      },
    });
    expect(extended).toMatchObject({ deadline: '2026-10-31', extensionIgnored: false });
  });
});

const land = (patch: Partial<AreaBreakdown>): AreaBreakdown => ({
  cultivatedM2: 0,
  farmlandM2: 0,
  forestM2: 0,
  otherAgriculturalM2: 0,
  constructionM2: 0,
  unusedM2: 0,
  ...patch,
});

describe('plan targets against the land occupied (TL-RECL-04)', () => {
  const occupied = {
    breakdown: land({ cultivatedM2: 6000, farmlandM2: 1000, forestM2: 2000, unusedM2: 1000 }),
    source: 'overlay' as const,
  };
  const codes = (targets: AreaBreakdown) =>
    checkTargets(targets, occupied, nationalSettings).map((f) => `${f.code}:${f.severity}`);

  it('accepts cultivated land back to cultivated land with the same area', () => {
    expect(codes(land({ cultivatedM2: 7000, forestM2: 2000, unusedM2: 1000 }))).toEqual([]);
  });

  it('accepts a shortfall within the tolerance (1 %) and refuses one beyond it', () => {
    // 7,000 m² of cultivated land: 1 % is 70 m².
    expect(codes(land({ cultivatedM2: 6930, forestM2: 2070, unusedM2: 1000 }))).toEqual([]);
    const short = checkTargets(
      land({ cultivatedM2: 6929, forestM2: 2071, unusedM2: 1000 }),
      occupied,
      nationalSettings,
    );
    expect(short).toHaveLength(1);
    expect(short[0]).toMatchObject({
      code: 'TL-RECL-04',
      severity: 'error',
      evidence: { cultivatedBefore: 7000, cultivatedAfter: 6929, source: 'overlay' },
    });
  });

  it('refuses agricultural land turned unused, and structures kept as construction land', () => {
    expect(codes(land({ cultivatedM2: 7000, unusedM2: 3000 }))).toEqual(['TL-RECL-04:error']);
    expect(codes(land({ cultivatedM2: 7000, forestM2: 2000, constructionM2: 1000 }))).toEqual([
      'TL-RECL-04:error',
    ]);
  });

  it('warns when the targets do not add up to the land occupied', () => {
    expect(codes(land({ cultivatedM2: 7000, forestM2: 2000 }))).toEqual(['TL-RECL-04:warning']);
  });

  it('notes unused land turned cultivated (encouraged)', () => {
    expect(codes(land({ cultivatedM2: 8000, forestM2: 2000 }))).toEqual(['TL-RECL-04:info']);
  });

  it('says it cannot check without a breakdown', () => {
    expect(checkTargets(land({}), null, nationalSettings)[0]).toMatchObject({
      code: 'TL-RECL-04',
      severity: 'warning',
    });
  });
});

describe('the ledger (TL-RECL-06)', () => {
  it('adds deposits, guarantees and top-ups, in fen, exactly', () => {
    expect(applyEntry(0.1, 'top_up', 0.2, null)).toEqual({
      ok: true,
      balanceYuan: 0.3,
      amountYuan: 0.2,
    });
    expect(applyEntry(0, 'deposit_paid', 0, null)).toMatchObject({
      ok: false,
      code: 'LEDGER_AMOUNT',
    });
    expect(applyEntry(0, 'deposit_paid', 1.005, null)).toMatchObject({
      ok: false,
      code: 'LEDGER_AMOUNT',
    });
  });

  it('refuses a release without a lawful ground, with the rule code', () => {
    expect(applyEntry(500, 'release', undefined, null)).toMatchObject({
      ok: false,
      code: 'TL-RECL-06',
      kind: 'conflict',
    });
  });

  it('releases the whole balance after acceptance or conversion, nothing less', () => {
    const passed = {
      ground: 'acceptance_passed' as const,
      acceptanceId: 'a',
      confirmationNumber: 'c',
    };
    expect(applyEntry(500, 'release', undefined, passed)).toEqual({
      ok: true,
      balanceYuan: 0,
      amountYuan: 500,
    });
    expect(applyEntry(500, 'release', 200, passed)).toMatchObject({
      ok: false,
      code: 'LEDGER_RELEASE_AMOUNT',
    });
    expect(
      applyEntry(0, 'release', undefined, {
        ground: 'converted_to_construction_land',
        recordState: 'converted',
      }),
    ).toMatchObject({ ok: false, code: 'LEDGER_NOTHING_HELD' });
  });

  it('lets the bureau use at most what is held', () => {
    expect(applyEntry(500, 'forfeit', 500, null)).toMatchObject({ ok: true, balanceYuan: 0 });
    expect(applyEntry(500, 'forfeit', 500.01, null)).toMatchObject({
      ok: false,
      code: 'LEDGER_OVERDRAWN',
    });
  });

  it('warns of a guarantee expiring within 30 days, and of one expired while the obligation is open', () => {
    const g = (expires: string): LedgerEntryFacts => ({
      kind: 'guarantee_issued',
      amountYuan: 100,
      balanceYuan: 100,
      guaranteeNumber: 'BG-1',
      guaranteeExpiresOn: expires,
      bank: '工商银行',
    });
    const today = '2026-12-04';
    expect(guaranteeWarnings([g(addDays(today, 31))], true, today, 30)).toEqual([]);
    expect(guaranteeWarnings([g(addDays(today, 30))], true, today, 30)).toMatchObject([
      { severity: 'warning', daysLeft: 30 },
    ]);
    expect(guaranteeWarnings([g(today)], true, today, 30)).toMatchObject([
      { severity: 'warning', daysLeft: 0 },
    ]);
    expect(guaranteeWarnings([g(addDays(today, -1))], true, today, 30)).toMatchObject([
      { severity: 'error', daysLeft: -1 },
    ]);
    expect(guaranteeWarnings([g(addDays(today, -1))], false, today, 30)).toEqual([]);
    const released = { ...g(addDays(today, -1)), kind: 'release' as const, balanceYuan: 0 };
    expect(guaranteeWarnings([g(addDays(today, -1)), released], true, today, 30)).toEqual([]);
  });
});

describe('acceptance within 60 working days (TL-RECL-05)', () => {
  const calendar = shippedCalendar();

  /** The n-th working day after `start`, by walking the days one at a time. */
  function walk(start: string, n: number): string {
    let day = start;
    for (let left = n; left > 0;) {
      day = addDays(day, 1);
      if (isWorkingDay(calendar, day)) left -= 1;
    }
    return day;
  }

  it('skips the Spring Festival holidays and counts the make-up Saturdays', () => {
    // From Tuesday 2026-01-20: 8 in January, 10 in February before the festival, Saturday
    // 02-14, none in 02-15…02-23, 4 more and Saturday 02-28 (24), 22 in March (46), then
    // 04-01…04-03, Qingming 04-04…04-06 off, and 04-07…04-21 (60).
    expect(acceptanceDue(calendar, '2026-01-20', 60)).toEqual({
      dueOn: '2026-04-21',
      provisional: false,
    });
    expect(walk('2026-01-20', 60)).toBe('2026-04-21');
  });

  it('skips Mid-Autumn and National Day and counts the make-up days around them', () => {
    // From 2026-09-01: Sunday 09-20 and Saturday 10-10 are working days, 09-25 and 10-01…10-07 are not.
    expect(acceptanceDue(calendar, '2026-09-01', 60).dueOn).toBe('2026-11-30');
    expect(walk('2026-09-01', 60)).toBe('2026-11-30');
  });

  it('is provisional when it runs into a year without a loaded schedule', () => {
    const only2026 = shippedCalendar([2026]);
    expect(acceptanceDue(only2026, '2026-12-01', 60).provisional).toBe(true);
  });

  it('flags an undecided application near (10 working days, Qingming in between) and over its deadline', () => {
    const due = '2026-04-21';
    expect(dueStatus(calendar, '2026-04-03', due, false, 10)).toMatchObject({
      flag: 'on_time',
      workingDaysLeft: 11,
    });
    expect(dueStatus(calendar, '2026-04-07', due, false, 10)).toMatchObject({
      flag: 'near',
      workingDaysLeft: 10,
    });
    expect(dueStatus(calendar, due, due, false, 10)).toMatchObject({
      flag: 'near',
      workingDaysLeft: 0,
    });
    expect(dueStatus(calendar, '2026-04-22', due, false, 10)).toMatchObject({
      flag: 'overdue',
      workingDaysOverdue: 1,
    });
    expect(dueStatus(calendar, '2026-04-22', due, true, 10).flag).toBe('decided');
  });

  it('needs a joint panel with all four departments, and a panel member to record the verdict', () => {
    const panel: PanelMember[] = [
      { name: '王', department: 'natural_resources', userId: 'u1' },
      { name: '李', department: 'agriculture' },
    ];
    expect(missingDepartments(panel)).toEqual(['forestry', 'environment']);
    expect(mayRecordVerdict(panel, { kind: 'user', userId: 'u1' })).toBe(true);
    expect(mayRecordVerdict(panel, { kind: 'user', userId: 'u2' })).toBe(false);
    expect(mayRecordVerdict(panel, { kind: 'user', userId: null })).toBe(false);
    expect(mayRecordVerdict(panel, { kind: 'system', userId: null })).toBe(true);
  });
});
