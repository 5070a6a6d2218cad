// The classification of a 2021 change-survey temporary-land polygon (TL-STOCK-01, R-RG-4),
// as of the batch's as-of date:
//   (a) reclaimed and accepted — not back-filled, recorded as such;
//   (b) within the term, or past it but within the reclamation period — back-filled;
//   (c) overdue: past the term and still used, or past the reclamation deadline and not
//       reclaimed — back-filled, and a rectification order with a deadline (TL-RECL-02);
//   (d) permanent buildings or structures built — not back-filled; an illegal-land-use case.
// (d) is decided first (the seed: 实际已经修建永久性建（构）筑物的，不再补录), then (a), then the
// dates. Every decision carries the signals and dates that decided it. Pure: no I/O.
import { addMonths, addYears, daysBetween } from '../../../platform/time/iso-date.ts';
import type { RecordState } from '../../../register/domain/lifecycle.ts';
import type { RuleSettings } from '../../../register/domain/settings.ts';
import type { OrderGrounds } from '../../rectification/domain/rectification-order.ts';
import type { PolygonFacts } from './polygon-facts.ts';
import {
  gatherSignals,
  readTopic,
  type EvidenceItem,
  type LinkedRecordFacts,
  type ReviewNote,
  type Signal,
  type TopicReading,
} from './signals.ts';

export const backfillClasses = [
  'reclaimed_accepted',
  'in_term',
  'overdue',
  'permanent_structure',
] as const;
export type BackfillClass = (typeof backfillClasses)[number];

/** The letters R-RG-4 gives the four cases. */
export const classLetters: Record<BackfillClass, 'a' | 'b' | 'c' | 'd'> = {
  reclaimed_accepted: 'a',
  in_term: 'b',
  overdue: 'c',
  permanent_structure: 'd',
};

export const classNames: Record<BackfillClass, { zh: string; en: string }> = {
  reclaimed_accepted: { zh: '已复垦并验收，不补录', en: 'reclaimed and accepted: not back-filled' },
  in_term: {
    zh: '在使用期限或复垦期限内，补录',
    en: 'within the term or reclamation period: back-filled',
  },
  overdue: {
    zh: '超期使用或逾期未复垦，补录并限期整改',
    en: 'overdue: back-filled with a rectification order',
  },
  permanent_structure: {
    zh: '已建永久性建（构）筑物，不补录，按违法用地处理',
    en: 'permanent structures built: not back-filled, an illegal-land-use case',
  },
};

export type DecisionGrounds =
  | 'PERMANENT_STRUCTURE'
  | 'RECLAIMED_ACCEPTED'
  | 'WITHIN_TERM'
  | 'WITHIN_RECLAMATION_PERIOD'
  | 'RECLAIMED_AWAITING_ACCEPTANCE'
  | 'USED_PAST_TERM'
  | 'NOT_RECLAIMED_PAST_DEADLINE';

/** How the term end was found: from the register, as written, from a duration, or assumed. */
export type TermEndSource = 'register' | 'written' | 'duration' | 'cap' | 'survey_bound';

export interface TermEndFrom {
  field?: string;
  written?: string;
  startField?: string;
  recordId?: string;
}

export interface DecisionDates {
  asOf: string;
  termEnd: string;
  termEndSource: TermEndSource;
  /** Where the term end was read: the attribute and its text, the start's attribute, the record. */
  termEndFrom: TermEndFrom;
  /** The statutory reclamation deadline: the term end plus the reclamation years (TL-RECL-01). */
  reclamationDeadline: string;
}

export interface Decision {
  rule: 'TL-STOCK-01';
  class: BackfillClass;
  letter: 'a' | 'b' | 'c' | 'd';
  grounds: DecisionGrounds;
  messageZh: string;
  messageEn: string;
  /** The signals that decided it. */
  basis: Signal[];
  /** Signals that said otherwise (kept, and sent for review). */
  contrary: Signal[];
  dates: DecisionDates | null;
  /** The state a back-filled record takes (classes b and c); null when none is back-filled. */
  recordState: RecordState | null;
  /** For class c: why the order is issued. */
  orderGrounds: OrderGrounds | null;
  /** The record the polygon lies on (linked, not back-filled again). */
  linked: LinkedRecordFacts | null;
  /** Registered records it overlaps below the link share. */
  partialOverlaps: ClassifyInput['partialOverlaps'];
  review: ReviewNote[];
}

export interface ClassifyInput {
  facts: PolygonFacts;
  evidence: readonly EvidenceItem[];
  linked: LinkedRecordFacts | null;
  /** Registered records the polygon overlaps below the link share (m² and share). */
  partialOverlaps: readonly { recordId: string; systemNumber: string | null; share: number }[];
  asOf: string;
  surveyYear: number;
  settings: Pick<RuleSettings, 'reclamationYears' | 'termCapYears' | 'transitionalCapYears'>;
}

/**
 * The term end: the register's (after extensions) for a linked record, else as written, else
 * start + duration, else start + the general two-year cap (TL-TERM-01: the longest an approval
 * may give), else — nothing known — the latest a lawful term could end: the survey's standard
 * date (31 December) plus the longest lawful total term (TL-TERM-02, four years).
 */
export function termEndOf(
  input: Pick<ClassifyInput, 'facts' | 'linked' | 'surveyYear' | 'settings'>,
): { date: string; source: TermEndSource; from: TermEndFrom } {
  const { facts, linked, settings } = input;
  if (linked?.termEnd)
    return { date: linked.termEnd, source: 'register', from: { recordId: linked.recordId } };
  if (facts.termEnd) {
    const { field, written } = facts.termEnd;
    return { date: facts.termEnd.value, source: 'written', from: { field, written } };
  }
  const start = facts.termStart ?? facts.approvalDate;
  if (start && facts.termMonths) {
    const { field, written } = facts.termMonths;
    return {
      date: addMonths(start.value, facts.termMonths.value),
      source: 'duration',
      from: { field, written, startField: start.field },
    };
  }
  if (start)
    return {
      date: addYears(start.value, settings.termCapYears.general),
      source: 'cap',
      from: { startField: start.field },
    };
  const longest = Math.max(
    settings.transitionalCapYears,
    settings.termCapYears.longCycle,
    settings.termCapYears.general,
  );
  return { date: addYears(`${input.surveyYear}-12-31`, longest), source: 'survey_bound', from: {} };
}

const texts: Record<DecisionGrounds, (d: { dates: DecisionDates | null }) => [string, string]> = {
  PERMANENT_STRUCTURE: () => [
    '图斑上已建永久性建（构）筑物：不再补录，纳入违法用地处理',
    'permanent buildings or structures stand on the polygon: not back-filled, handed over as illegal land use',
  ],
  RECLAIMED_ACCEPTED: () => [
    '已完成复垦并通过验收：不补录',
    'reclaimed and the reclamation accepted: not back-filled',
  ],
  WITHIN_TERM: ({ dates }) => [
    `仍在使用期限内（至 ${dates?.termEnd}）：正常补录`,
    `within its term (until ${dates?.termEnd}): back-filled`,
  ],
  WITHIN_RECLAMATION_PERIOD: ({ dates }) => [
    `期限已于 ${dates?.termEnd} 届满，仍在复垦期限内（至 ${dates?.reclamationDeadline}）：正常补录`,
    `the term ended on ${dates?.termEnd}; within the reclamation period (until ${dates?.reclamationDeadline}): back-filled`,
  ],
  RECLAIMED_AWAITING_ACCEPTANCE: () => [
    '已复垦、尚待验收：正常补录，待验收',
    'reclaimed, acceptance pending: back-filled to await acceptance',
  ],
  USED_PAST_TERM: ({ dates }) => [
    `期限已于 ${dates?.termEnd} 届满仍在使用：补录并限期整改（TL-RECL-02）`,
    `still used after the term ended on ${dates?.termEnd}: back-filled with a rectification order (TL-RECL-02)`,
  ],
  NOT_RECLAIMED_PAST_DEADLINE: ({ dates }) => [
    `复垦期限 ${dates?.reclamationDeadline} 已过仍未复垦（已逾期 ${dates ? daysBetween(dates.reclamationDeadline, dates.asOf) : 0} 天）：补录并限期整改（TL-RECL-02）`,
    `not reclaimed by the deadline ${dates?.reclamationDeadline} (${dates ? daysBetween(dates.reclamationDeadline, dates.asOf) : 0} days late): back-filled with a rectification order (TL-RECL-02)`,
  ],
};

const classOf: Record<DecisionGrounds, BackfillClass> = {
  PERMANENT_STRUCTURE: 'permanent_structure',
  RECLAIMED_ACCEPTED: 'reclaimed_accepted',
  WITHIN_TERM: 'in_term',
  WITHIN_RECLAMATION_PERIOD: 'in_term',
  RECLAIMED_AWAITING_ACCEPTANCE: 'in_term',
  USED_PAST_TERM: 'overdue',
  NOT_RECLAIMED_PAST_DEADLINE: 'overdue',
};

function conflictNote(topic: string, reading: TopicReading): ReviewNote[] {
  if (reading.contrary.length === 0) return [];
  return [
    {
      code: 'EVIDENCE_CONFLICT',
      zh: `关于“${topic}”的依据不一致，已按较可靠或较严重的一方判断`,
      en: `the evidence on "${topic}" disagrees; the more reliable or graver reading was used`,
    },
  ];
}

/** Classifies one polygon; see the module comment for the order of the questions. */
export function classifyPolygon(input: ClassifyInput): Decision {
  const { facts, asOf, linked } = input;
  const { signals, notes } = gatherSignals(facts, input.evidence, linked, asOf);
  const review: ReviewNote[] = [...notes];
  for (const o of input.partialOverlaps) {
    review.push({
      code: 'PARTIAL_OVERLAP',
      zh: `与已登记地块 ${o.systemNumber ?? o.recordId} 部分重叠（占较小者 ${(o.share * 100).toFixed(1)}%），未视为同一地块`,
      en: `overlaps registered parcel ${o.systemNumber ?? o.recordId} in part (${(o.share * 100).toFixed(1)}% of the smaller); not taken as the same land`,
    });
  }
  const structure = readTopic(signals, 'structure');
  const reclamation = readTopic(signals, 'reclamation');
  const use = readTopic(signals, 'use');
  const textOnly = (r: TopicReading) => r.basis.every((s) => s.source.kind === 'text');

  const decide = (
    grounds: DecisionGrounds,
    basis: Signal[],
    contrary: Signal[],
    dates: DecisionDates | null,
    recordState: RecordState | null,
  ): Decision => {
    const [messageZh, messageEn] = texts[grounds]({ dates });
    const klass = classOf[grounds];
    return {
      rule: 'TL-STOCK-01',
      class: klass,
      letter: classLetters[klass],
      grounds,
      messageZh,
      messageEn,
      basis,
      contrary,
      dates,
      recordState,
      orderGrounds:
        grounds === 'USED_PAST_TERM'
          ? 'used_past_term'
          : grounds === 'NOT_RECLAIMED_PAST_DEADLINE'
            ? 'not_reclaimed_past_deadline'
            : null,
      linked,
      partialOverlaps: input.partialOverlaps,
      review,
    };
  };

  if (structure?.shows === 'permanent_structure') {
    review.push(...conflictNote('永久性建（构）筑物 / permanent structures', structure));
    if (textOnly(structure))
      review.push({
        code: 'INFERRED_FROM_TEXT',
        zh: '仅凭现状描述判断建有永久性建（构）筑物，请核实',
        en: 'permanent structures were inferred from the current-use text only; verify',
      });
    return decide('PERMANENT_STRUCTURE', structure.basis, structure.contrary, null, null);
  }
  const structureContrary = structure?.contrary ?? [];
  if (structure)
    review.push(...conflictNote('永久性建（构）筑物 / permanent structures', structure));

  if (reclamation?.shows === 'accepted') {
    review.push(...conflictNote('复垦 / reclamation', reclamation));
    if (use?.shows === 'in_use')
      review.push({
        code: 'ACCEPTED_BUT_IN_USE',
        zh: '复垦已验收，但有依据称仍在使用',
        en: 'the reclamation was accepted, yet evidence says the land is still used',
      });
    return decide('RECLAIMED_ACCEPTED', reclamation.basis, reclamation.contrary, null, null);
  }

  const term = termEndOf(input);
  const dates: DecisionDates = {
    asOf,
    termEnd: term.date,
    termEndSource: term.source,
    termEndFrom: term.from,
    reclamationDeadline: addYears(term.date, input.settings.reclamationYears),
  };
  if (term.source === 'cap' || term.source === 'survey_bound') {
    review.push({
      code: 'TERM_ASSUMED',
      zh:
        term.source === 'cap'
          ? `未写明终止日期，按两年上限推定期满日 ${term.date}（TL-TERM-01）`
          : `未写明批准与期限，按变更调查标准时点加最长四年推定最晚期满日 ${term.date}`,
      en:
        term.source === 'cap'
          ? `no term end written; assumed the two-year cap: ${term.date} (TL-TERM-01)`
          : `no approval or term written; the latest lawful end assumed: the survey date plus four years, ${term.date}`,
    });
  }
  const reclaiming =
    reclamation?.shows === 'reclamation_under_way' || reclamation?.shows === 'reclaimed';
  const contraryOf = (...readings: (TopicReading | null)[]) => [
    ...structureContrary,
    ...readings.flatMap((r) => r?.contrary ?? []),
  ];
  if (reclamation) review.push(...conflictNote('复垦 / reclamation', reclamation));
  if (use) review.push(...conflictNote('使用 / use', use));

  if (asOf <= dates.termEnd) {
    return decide(
      'WITHIN_TERM',
      reclamation?.basis ?? [],
      contraryOf(reclamation, use),
      dates,
      reclaiming ? 'reclaiming' : 'in_use',
    );
  }
  if (use?.shows === 'in_use') {
    return decide('USED_PAST_TERM', use.basis, contraryOf(use, reclamation), dates, 'in_use');
  }
  if (reclamation?.shows === 'reclaimed') {
    return decide(
      'RECLAIMED_AWAITING_ACCEPTANCE',
      reclamation.basis,
      contraryOf(reclamation, use),
      dates,
      'reclaiming',
    );
  }
  const useBasis = [...(use?.basis ?? []), ...(reclamation?.basis ?? [])];
  if (asOf <= dates.reclamationDeadline) {
    return decide(
      'WITHIN_RECLAMATION_PERIOD',
      useBasis,
      contraryOf(use, reclamation),
      dates,
      reclaiming ? 'reclaiming' : 'expired',
    );
  }
  return decide(
    'NOT_RECLAIMED_PAST_DEADLINE',
    useBasis,
    contraryOf(use, reclamation),
    dates,
    reclaiming ? 'reclaiming' : 'expired',
  );
}
