// The supervision domain's pure parts: the robust outlier test (TL-SUP-01), the county brake
// (TL-SUP-06), the finding lifecycle and its reconciliation with a new evaluation.
import { describe, expect, it } from 'vitest';
import { nationalSettings } from '../../register/domain/settings.ts';
import type { TemporaryLandRecord } from '../../register/domain/record.ts';
import { msUntilNext } from '../daily-evaluation.ts';
import { countyBrake, countyBrakeFinding } from './county-brake.ts';
import { checkFindingAction, reconcile } from './finding-lifecycle.ts';
import { oversizedFinding, robustZ } from './oversized.ts';

describe('TL-SUP-01 obviously large parcels', () => {
  const group = {
    useType: 'material_yard',
    projectClass: 'transport',
    provinceCode: '32',
    groupSize: 12,
    medianM2: 10_000,
    madLn: 0.2,
  };
  it('uses the modified z-score of the log area', () => {
    expect(robustZ({ ...group, areaM2: 10_000 })).toBe(0);
    expect(robustZ({ ...group, areaM2: 10_000 * Math.exp(0.2 * 1.4826) })).toBeCloseTo(1, 9);
    expect(robustZ({ ...group, madLn: 0, areaM2: 50_000 })).toBeNull();
  });
  it('flags above the threshold, explains the comparison, and needs a large enough group', () => {
    const at = (z: number) => 10_000 * Math.exp(z * 1.4826 * 0.2);
    expect(oversizedFinding({ ...group, areaM2: at(3.4) }, nationalSettings)).toBeNull();
    const finding = oversizedFinding({ ...group, areaM2: at(3.6) }, nationalSettings);
    expect(finding).toMatchObject({ code: 'TL-SUP-01', severity: 'warning' });
    expect(finding?.evidence).toMatchObject({ groupSize: 12, threshold: 3.5, medianM2: 10_000 });
    expect(finding?.messageZh).toContain('中位数');
    expect(
      oversizedFinding({ ...group, groupSize: 9, areaM2: at(10) }, nationalSettings),
    ).toBeNull();
    const stricter = { ...nationalSettings, oversized: { robustZ: 3, minGroupSize: 5 } };
    expect(oversizedFinding({ ...group, groupSize: 5, areaM2: at(3.2) }, stricter)).not.toBeNull();
  });
});

describe('TL-SUP-06 county brake', () => {
  const parcel = (
    areaM2: number,
    termEnd: string,
    state: TemporaryLandRecord['state'],
  ): TemporaryLandRecord =>
    ({
      areaM2,
      termEnd,
      termStart: null,
      extensions: [],
      reclamationExtension: null,
      state,
      approval: { date: '2020-01-01', number: null, body: null, level: 'county' },
    }) as unknown as TemporaryLandRecord;
  it('counts the area overdue by more than a year against the area due, at the 20% line', () => {
    // Term ended 2023-05-31 → reclamation due 2024-05-31 → a year overdue after 2025-05-31.
    const records = [
      parcel(2_000, '2023-05-31', 'in_use'),
      parcel(8_000, '2023-05-31', 'accepted'),
      parcel(50_000, '2026-01-01', 'in_use'), // reclamation not yet due
      parcel(90_000, '2022-01-01', 'written_off'), // not a duty any more
    ];
    const at = countyBrake('320305', records, '2025-06-01', nationalSettings);
    expect(at).toMatchObject({ dueM2: 10_000, overdueM2: 2_000, share: 0.2, on: true, year: 2025 });
    expect(countyBrakeFinding(at)).toMatchObject({ code: 'TL-SUP-06', severity: 'error' });
    const dayBefore = countyBrake('320305', records, '2025-05-31', nationalSettings);
    expect(dayBefore).toMatchObject({ overdueM2: 0, on: false });
    expect(countyBrakeFinding(dayBefore)).toBeNull();
    expect(countyBrake('320305', [], '2025-06-01', nationalSettings)).toMatchObject({
      share: 0,
      on: false,
    });
  });
});

describe('finding lifecycle', () => {
  it('lets the county acknowledge and rectify, and only levels above close or reopen', () => {
    expect(checkFindingAction('acknowledge', 'open', 'county', 'TL-REG-01')).toEqual({
      ok: true,
      to: 'acknowledged',
    });
    expect(checkFindingAction('close', 'rectified', 'county', 'TL-REG-01')).toEqual({
      ok: false,
      reason: 'role',
    });
    expect(checkFindingAction('close', 'rectified', 'city', 'TL-REG-01')).toEqual({
      ok: true,
      to: 'closed',
    });
    expect(checkFindingAction('acknowledge', 'closed', 'province', 'TL-REG-01')).toEqual({
      ok: false,
      reason: 'state',
    });
    expect(checkFindingAction('rectify', 'open', 'province', 'TL-SUP-06')).toEqual({
      ok: false,
      reason: 'evaluation-only',
    });
    expect(checkFindingAction('acknowledge', 'open', 'enterprise', 'TL-REG-01').ok).toBe(false);
  });
  it('reconciles a stored finding with whether its rule fires today', () => {
    const stored = (
      status: 'open' | 'acknowledged' | 'rectified' | 'closed',
      resolvedOn: string | null,
    ) => ({
      status,
      resolvedOn,
      severity: 'error',
    });
    const fires = { severity: 'error' };
    expect(reconcile(undefined, fires)).toEqual({ kind: 'insert' });
    expect(reconcile(undefined, undefined)).toEqual({ kind: 'none' });
    expect(reconcile(stored('open', null), fires)).toEqual({ kind: 'none' });
    expect(reconcile(stored('open', null), { severity: 'warning' })).toEqual({ kind: 'refresh' });
    expect(reconcile(stored('open', null), undefined)).toEqual({
      kind: 'resolve',
      to: 'rectified',
    });
    expect(reconcile(stored('rectified', '2026-01-01'), undefined)).toEqual({ kind: 'none' });
    expect(reconcile(stored('closed', '2026-01-01'), fires)).toEqual({ kind: 'reopen' });
    // Dismissed by a supervisor while it fires: stays closed.
    expect(reconcile(stored('closed', null), fires)).toEqual({ kind: 'none' });
    expect(reconcile(stored('closed', null), undefined)).toEqual({ kind: 'resolve', to: 'closed' });
  });
});

describe('daily evaluation time', () => {
  it('waits until the next HH:MM in Asia/Shanghai', () => {
    // 2026-11-23 17:30 UTC = 2026-11-24 01:30 in Shanghai.
    const now = new Date('2026-11-23T17:30:00Z');
    expect(msUntilNext(now, '02:00')).toBe(30 * 60 * 1000);
    expect(msUntilNext(now, '01:30')).toBe(24 * 60 * 60 * 1000);
    expect(msUntilNext(now, '00:00')).toBe(22.5 * 60 * 60 * 1000);
  });
});
