// The pure parts of the cross-check: batch months, what a polygon shows, the finding's words
// and severity, and the verification state machine.
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../platform/errors.ts';
import { parseBatchMonth } from './batch-month.ts';
import {
  findingKeyOf,
  toleranceM2,
  unexplainedOccupationFinding,
  type PolygonCoverage,
} from './coverage.ts';
import { excavationUses, observedUse } from './observed-use.ts';
import {
  acceptsPhotos,
  checkVerificationAction,
  findingStatusOnClose,
  verificationActions,
  verificationStates,
} from './verification.ts';

describe('batch month', () => {
  it('reads the usual spellings and spans the whole month', () => {
    expect(parseBatchMonth('2026-02')).toEqual({
      month: '2026-02',
      start: '2026-02-01',
      end: '2026-02-28',
    });
    expect(parseBatchMonth('2024年2月').end).toBe('2024-02-29');
    expect(parseBatchMonth('202612').month).toBe('2026-12');
    expect(parseBatchMonth('2026/3').month).toBe('2026-03');
  });

  it('refuses what is not a month, naming the field', () => {
    for (const bad of ['2026-13', '2026-00', '26-03', '2026-03-01', '']) {
      const error = (() => {
        try {
          parseBatchMonth(bad);
        } catch (e) {
          return e;
        }
      })();
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).problems[0]?.location?.field).toBe('month');
    }
  });
});

describe('observed use', () => {
  it('sees a permanent structure in built-up land classes and in building change types', () => {
    for (const code of ['0702', '0701', '05H1', '0810A', '0601', '1001', '1109']) {
      expect(observedUse(code, null).use, code).toBe('permanent_structure');
    }
    expect(observedUse('0103', '新建房屋').use).toBe('permanent_structure');
    expect(observedUse(null, '建成区扩展').basis).toEqual({
      field: 'changeType',
      value: '建成区扩展',
    });
  });

  it('rules out every use on a permanent structure, all but excavation on mining land', () => {
    expect(observedUse('0702', null).disallowedUses).toContain('material_yard');
    expect(observedUse('0702', null).disallowedUses).toContain('borrow_pit');
    const mining = observedUse('0602', null);
    expect(mining.use).toBe('mining');
    for (const u of excavationUses) expect(mining.disallowedUses).not.toContain(u);
    expect(mining.disallowedUses).toContain('material_yard');
    expect(observedUse(null, '露天采石').use).toBe('mining');
  });

  it('leaves bare soil, roads, farmland and missing attributes unrestricted', () => {
    for (const code of ['1206', '1003', '1006', '0103', '0404', '1201', null]) {
      expect(observedUse(code, null)).toEqual({ use: 'unrestricted', disallowedUses: [] });
    }
    // A permanent structure wins over mining when the two attributes disagree.
    expect(observedUse('0602', '新建厂房').use).toBe('permanent_structure');
  });
});

describe('unexplained occupation finding (TL-ENF-01)', () => {
  const subject = {
    polygonId: 'p1',
    batchId: 'b1',
    externalBatchId: 'WP-2026-05',
    source: 'satellite_enforcement',
    month: '2026-05',
    surveyCode: 'TB001',
    divisionCode: '320305',
  };
  const tol = toleranceM2(0.001);
  const coverage = (
    causes: Partial<Record<'use_differs' | 'not_registered' | 'expired' | 'outside', number>>,
    status: PolygonCoverage['status'],
  ): PolygonCoverage => {
    const area = (k: keyof typeof causes) => ({ areaM2: causes[k] ?? 0, records: [] });
    const uncovered = Object.values(causes).reduce((a, b) => a + b, 0);
    return {
      areaM2: 1000,
      coveredM2: 1000 - uncovered,
      coveredRecords: [],
      causes: {
        use_differs: area('use_differs'),
        not_registered: area('not_registered'),
        expired: area('expired'),
        outside: area('outside'),
      },
      toleranceM2: tol,
      status,
      primaryCause: null,
    };
  };

  it('is none for a covered polygon', () => {
    expect(unexplainedOccupationFinding(subject, coverage({ outside: 0.5 }, 'covered'))).toBeNull();
  });

  it('is an error when land lies outside approvals, naming every cause with its area', () => {
    const f = unexplainedOccupationFinding(
      subject,
      coverage({ outside: 400, expired: 100 }, 'partly_covered'),
    )!;
    expect(f.code).toBe('TL-ENF-01');
    expect(f.severity).toBe('error');
    expect(f.messageZh).toContain('TB001');
    expect(f.messageZh).toContain('超出批准范围 0.600 亩');
    expect(f.messageEn).toContain('50.0% covered');
    expect(f.evidence).toMatchObject({ uncoveredM2: 500, coverage: 0.5, batchId: 'b1' });
  });

  it('is a warning when the only significant cause is an approval not yet registered', () => {
    const f = unexplainedOccupationFinding(
      subject,
      coverage({ not_registered: 1000, outside: 0.1 }, 'uncovered'),
    )!;
    expect(f.severity).toBe('warning');
  });

  it('has one key per polygon and month', () => {
    expect(findingKeyOf('p1', '2026-05')).toBe('TL-ENF-01|change_polygon|p1|2026-05');
    expect(tol).toBeCloseTo(0.6667, 4);
  });
});

describe('verification state machine', () => {
  const county = { role: 'county' as const, isAssignee: false };
  const assignee = { role: 'county' as const, isAssignee: true };
  const city = { role: 'city' as const, isAssignee: false };

  it('goes pending → assigned → verified → closed, and back to assigned on reopen', () => {
    expect(checkVerificationAction('assign', 'pending', county)).toEqual({
      ok: true,
      to: 'assigned',
    });
    expect(checkVerificationAction('assign', 'assigned', county)).toEqual({
      ok: true,
      to: 'assigned',
    });
    expect(checkVerificationAction('record_verdict', 'assigned', assignee)).toEqual({
      ok: true,
      to: 'verified',
    });
    expect(checkVerificationAction('record_verdict', 'verified', assignee)).toEqual({
      ok: true,
      to: 'verified',
    });
    expect(checkVerificationAction('close', 'verified', city)).toEqual({ ok: true, to: 'closed' });
    expect(checkVerificationAction('reopen', 'closed', city)).toEqual({
      ok: true,
      to: 'assigned',
    });
  });

  it('refuses by state, by role and to a county official not assigned', () => {
    expect(checkVerificationAction('record_verdict', 'pending', assignee)).toEqual({
      ok: false,
      reason: 'state',
    });
    expect(checkVerificationAction('close', 'assigned', city)).toEqual({
      ok: false,
      reason: 'state',
    });
    expect(checkVerificationAction('close', 'verified', assignee)).toEqual({
      ok: false,
      reason: 'role',
    });
    expect(checkVerificationAction('record_verdict', 'assigned', county)).toEqual({
      ok: false,
      reason: 'not_assignee',
    });
    expect(checkVerificationAction('record_verdict', 'assigned', city).ok).toBe(true);
    expect(checkVerificationAction('assign', 'closed', city)).toEqual({
      ok: false,
      reason: 'state',
    });
    for (const action of verificationActions)
      expect(
        checkVerificationAction(action, 'pending', { role: 'enterprise', isAssignee: true }),
      ).toEqual({ ok: false, reason: 'role' });
  });

  it('takes photos only while someone is on the case, and settles the finding by verdict', () => {
    expect(verificationStates.filter(acceptsPhotos)).toEqual(['assigned', 'verified']);
    expect(findingStatusOnClose('illegal')).toBe('acknowledged');
    expect(findingStatusOnClose('lawful')).toBe('closed');
    expect(findingStatusOnClose('not_temporary_land')).toBe('closed');
  });
});
