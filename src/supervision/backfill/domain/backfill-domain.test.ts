// Reading polygon attributes (every value understood or a located problem), the consequence
// plan between every pair of classes, and the status machines of the dossiers.
import { expect, it } from 'vitest';
import { transitions } from '../../../register/domain/lifecycle.ts';
import { checkStatusAction } from '../../domain/status-machine.ts';
import { caseMachine } from '../../illegal-cases/domain/illegal-case.ts';
import {
  isOverdue,
  orderDeadline,
  orderMachine,
} from '../../rectification/domain/rectification-order.ts';
import {
  needsConfirmation,
  writeOffMachine,
  writeOffReasons,
} from '../../write-offs/domain/write-off.ts';
import type { BackfillClass, Decision } from './classify.ts';
import { planConsequences, targetFor, type PolygonHoldings } from './consequences.ts';
import { polygonFacts, termFrom } from './polygon-facts.ts';

const where = { file: 'tb.geojson', feature: 3 };

it('reads the attribute names bureaus use, Chinese or English', () => {
  const { facts, problems } = polygonFacts(
    {
      TBBH: '3203052021LS0001',
      批复文号: '贾自然资临〔2020〕12号',
      批准日期: '2020年5月1日',
      使用期限: '2020.5.1-2022.4.30',
      复垦状态: '复垦中',
      '是否建有永久性建（构）筑物': '否',
      使用状态: '停用',
      利用现状: '堆放建材',
      ZLDWDM: '3203051020010000000',
    },
    where,
  );
  expect(problems).toEqual([]);
  expect(facts).toMatchObject({
    surveyCode: '3203052021LS0001',
    approvalNumber: '贾自然资临〔2020〕12号',
    approvalDate: { value: '2020-05-01', field: '批准日期' },
    termStart: { value: '2020-05-01', field: '使用期限' },
    termEnd: { value: '2022-04-30', field: '使用期限' },
    reclamation: { value: 'under_way', field: '复垦状态', written: '复垦中' },
    permanentStructure: { value: false },
    inUse: { value: false, field: '使用状态' },
    currentUse: { field: '利用现状', written: '堆放建材' },
    locatedIn: { value: '320305', field: 'ZLDWDM' },
  });
  const english = polygonFacts(
    { surveyCode: 'X1', termEnd: '2024-01-31', permanentStructure: 'yes', inUse: 'false' },
    where,
  );
  expect(english.problems).toEqual([]);
  expect(english.facts).toMatchObject({
    surveyCode: 'X1',
    termEnd: { value: '2024-01-31' },
    permanentStructure: { value: true },
    inUse: { value: false },
  });
});

it('reports every value it cannot understand, located by feature and field', () => {
  const { problems } = polygonFacts(
    {
      终止日期: '明年春天',
      使用期限: '很久',
      永久建筑: '也许',
      复垦验收: '待定',
      ZLDWDM: 'JW-01',
    },
    where,
  );
  expect(problems.map((p) => [p.code, p.location?.field, p.location?.feature])).toEqual([
    ['BACKFILL_VALUE_UNRECOGNISED', '终止日期', 3],
    ['BACKFILL_VALUE_UNRECOGNISED', '使用期限', 3],
    ['BACKFILL_VALUE_UNRECOGNISED', '永久建筑', 3],
    ['BACKFILL_VALUE_UNRECOGNISED', '复垦验收', 3],
    ['BACKFILL_VALUE_UNRECOGNISED', 'ZLDWDM', 3],
  ]);
  expect(problems.every((p) => p.messageZh.length > 0 && p.messageEn.length > 0)).toBe(true);
  const conflict = polygonFacts(
    { 终止日期: '2022-04-30', 使用期限: '2020-05-01至2022-05-31' },
    where,
  );
  expect(conflict.problems.map((p) => p.code)).toEqual(['BACKFILL_TERM_CONFLICT']);
});

it('reads terms as ranges or durations', () => {
  expect(termFrom('2019-03-01至2021-02-28')).toEqual({ start: '2019-03-01', end: '2021-02-28' });
  expect(termFrom('2019.3.1-2021.2.28')).toEqual({ start: '2019-03-01', end: '2021-02-28' });
  expect(termFrom('2019年3月1日～2021年2月28日')).toEqual({
    start: '2019-03-01',
    end: '2021-02-28',
  });
  expect(termFrom('两年')).toEqual({ months: 24 });
  expect(termFrom('18个月')).toEqual({ months: 18 });
  expect(termFrom('2019-03-01至明年')).toBeUndefined();
  expect(termFrom('永久')).toBeUndefined();
});

const decisionOf = (klass: BackfillClass): Decision =>
  ({
    class: klass,
    recordState: klass === 'in_term' ? 'in_use' : klass === 'overdue' ? 'expired' : null,
    orderGrounds: klass === 'overdue' ? 'not_reclaimed_past_deadline' : null,
    dates: {
      asOf: '2023-08-01',
      termEnd: '2022-04-30',
      termEndSource: 'written',
      termEndFrom: {},
      reclamationDeadline: '2023-04-30',
    },
  }) as Decision;

/** What a polygon holds after the import in each class. */
const holdingsAfter = (
  klass: BackfillClass,
  link: 'created' | 'linked' = 'created',
): PolygonHoldings => ({
  record:
    klass === 'in_term' || klass === 'overdue' || link === 'linked'
      ? { id: 'rec', link, state: klass === 'overdue' ? 'expired' : 'in_use' }
      : null,
  liveOrderId: klass === 'overdue' ? 'ord' : null,
  liveCaseId: klass === 'permanent_structure' ? 'case' : null,
});

it('plans the import of each class', () => {
  const none: PolygonHoldings = { record: null, liveOrderId: null, liveCaseId: null };
  const plan = (k: BackfillClass) =>
    planConsequences(none, targetFor(k, decisionOf(k))).map((s) => s.kind);
  expect(plan('reclaimed_accepted')).toEqual([]);
  expect(plan('in_term')).toEqual(['create_record']);
  expect(plan('overdue')).toEqual(['create_record', 'issue_order']);
  expect(plan('permanent_structure')).toEqual(['open_case']);
  // A polygon on a registered record is linked: nothing is back-filled twice.
  const linked: PolygonHoldings = {
    record: { id: 'rec', link: 'linked', state: 'in_use' },
    liveOrderId: null,
    liveCaseId: null,
  };
  expect(planConsequences(linked, targetFor('overdue', decisionOf('overdue')))).toEqual([
    { kind: 'issue_order', grounds: 'not_reclaimed_past_deadline' },
  ]);
  expect(planConsequences(linked, targetFor('in_term', decisionOf('in_term')))).toEqual([]);
});

it('plans every override so that the consequences match the new class', () => {
  const table: [BackfillClass, BackfillClass, string[]][] = [
    ['permanent_structure', 'in_term', ['dismiss_case', 'create_record']],
    ['permanent_structure', 'overdue', ['dismiss_case', 'create_record', 'issue_order']],
    ['permanent_structure', 'reclaimed_accepted', ['dismiss_case']],
    ['in_term', 'permanent_structure', ['open_case', 'write_off_record']],
    ['in_term', 'overdue', ['issue_order']],
    ['in_term', 'reclaimed_accepted', ['write_off_record']],
    ['overdue', 'in_term', ['close_order']],
    ['overdue', 'permanent_structure', ['open_case', 'close_order', 'write_off_record']],
    ['overdue', 'reclaimed_accepted', ['close_order', 'write_off_record']],
    ['reclaimed_accepted', 'in_term', ['create_record']],
    ['reclaimed_accepted', 'overdue', ['create_record', 'issue_order']],
    ['reclaimed_accepted', 'permanent_structure', ['open_case']],
  ];
  for (const [from, to, expected] of table) {
    const steps = planConsequences(holdingsAfter(from), targetFor(to, decisionOf(from)));
    expect(
      steps.map((s) => s.kind),
      `${from} → ${to}`,
    ).toEqual(expected);
  }
  // The write-off reason follows the new class.
  const toD = planConsequences(
    holdingsAfter('in_term'),
    targetFor('permanent_structure', decisionOf('in_term')),
  );
  expect(toD).toContainEqual({
    kind: 'write_off_record',
    recordId: 'rec',
    reasonCode: 'PERMANENT_STRUCTURE',
  });
  const toA = planConsequences(
    holdingsAfter('in_term'),
    targetFor('reclaimed_accepted', decisionOf('in_term')),
  );
  expect(toA).toContainEqual({
    kind: 'write_off_record',
    recordId: 'rec',
    reasonCode: 'BACKFILL_RECLASSIFIED',
  });
  // A record written off earlier is not revived: a new one is back-filled.
  const gone: PolygonHoldings = {
    record: { id: 'old', link: 'created', state: 'written_off' },
    liveOrderId: null,
    liveCaseId: 'case',
  };
  expect(planConsequences(gone, targetFor('in_term', decisionOf('permanent_structure')))).toEqual([
    { kind: 'dismiss_case', caseId: 'case' },
    { kind: 'create_record', state: 'expired' },
  ]);
  // A linked record (registered on its own) is never written off by a reclassification.
  const linkedSteps = planConsequences(
    holdingsAfter('in_term', 'linked'),
    targetFor('permanent_structure', decisionOf('in_term')),
  );
  expect(linkedSteps.map((s) => s.kind)).toEqual(['open_case']);
  // Confirming the class changes nothing.
  for (const k of ['reclaimed_accepted', 'in_term', 'overdue', 'permanent_structure'] as const)
    expect(planConsequences(holdingsAfter(k), targetFor(k, decisionOf(k)))).toEqual([]);
});

it('gives an overridden order grounds from the dates unless the supervisor names them', () => {
  const withinPeriod = {
    ...decisionOf('in_term'),
    dates: { ...decisionOf('in_term').dates!, asOf: '2023-01-01' },
  };
  expect(targetFor('overdue', withinPeriod)).toMatchObject({
    orderGrounds: 'used_past_term',
    recordState: 'in_use',
  });
  expect(targetFor('overdue', decisionOf('in_term'))).toMatchObject({
    orderGrounds: 'not_reclaimed_past_deadline',
    recordState: 'expired',
  });
  expect(targetFor('overdue', decisionOf('in_term'), 'used_past_term').orderGrounds).toBe(
    'used_past_term',
  );
});

it('moves orders and cases by role and status', () => {
  expect(checkStatusAction(orderMachine, 'rectify', 'open', 'county')).toEqual({
    ok: true,
    to: 'rectified',
  });
  expect(checkStatusAction(orderMachine, 'verify', 'rectified', 'county')).toEqual({
    ok: true,
    to: 'verified',
  });
  expect(checkStatusAction(orderMachine, 'reopen', 'rectified', 'county')).toEqual({
    ok: true,
    to: 'open',
  });
  expect(checkStatusAction(orderMachine, 'close', 'open', 'county')).toEqual({
    ok: false,
    reason: 'role',
  });
  expect(checkStatusAction(orderMachine, 'close', 'open', 'province')).toEqual({
    ok: true,
    to: 'closed',
  });
  expect(checkStatusAction(orderMachine, 'verify', 'open', 'city')).toEqual({
    ok: false,
    reason: 'state',
  });
  expect(checkStatusAction(orderMachine, 'rectify', 'open', 'enterprise').ok).toBe(false);
  expect(checkStatusAction(caseMachine, 'investigate', 'open', 'county')).toEqual({
    ok: true,
    to: 'investigating',
  });
  expect(checkStatusAction(caseMachine, 'conclude', 'open', 'county')).toEqual({
    ok: false,
    reason: 'state',
  });
  expect(checkStatusAction(caseMachine, 'dismiss', 'investigating', 'county')).toEqual({
    ok: false,
    reason: 'role',
  });
  expect(checkStatusAction(caseMachine, 'dismiss', 'investigating', 'city')).toEqual({
    ok: true,
    to: 'dismissed',
  });
});

it('counts order deadlines in calendar days and calls an open order past it overdue', () => {
  expect(orderDeadline('2023-08-01', 90)).toBe('2023-10-30');
  const order = { status: 'open' as const, deadline: '2023-10-30' };
  expect(isOverdue(order, '2023-10-30')).toBe(false);
  expect(isOverdue(order, '2023-10-31')).toBe(true);
  expect(isOverdue({ ...order, status: 'rectified' }, '2024-01-01')).toBe(false);
});

it('explains every write-off reason of the lifecycle, and has a county wait for the level above', () => {
  for (const code of transitions.write_off.reasons) {
    expect(writeOffReasons[code]?.zh, code).toBeTruthy();
    expect(writeOffReasons[code]?.basis, code).toBeTruthy();
  }
  expect(needsConfirmation('county')).toBe(true);
  expect(needsConfirmation('city')).toBe(false);
  expect(needsConfirmation('ministry')).toBe(false);
  expect(checkStatusAction(writeOffMachine, 'confirm', 'pending', 'county')).toEqual({
    ok: false,
    reason: 'role',
  });
  expect(checkStatusAction(writeOffMachine, 'confirm', 'pending', 'city')).toEqual({
    ok: true,
    to: 'confirmed',
  });
  expect(checkStatusAction(writeOffMachine, 'reject', 'confirmed', 'province')).toEqual({
    ok: false,
    reason: 'state',
  });
});
