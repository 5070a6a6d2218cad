// What the evidence about a back-fill polygon says, as signals on three questions — are there
// permanent structures, is the land still used, how far is its reclamation — each with its
// source: evidence supplied (photo, document, flag), the register (the record the polygon lies
// on), an attribute of the survey file, or a keyword in the 现状 text. A better source
// outranks a weaker one; disagreement is kept and sent for review. Pure: no I/O.
import type { RecordState } from '../../../register/domain/lifecycle.ts';
import type { PolygonFacts } from './polygon-facts.ts';

export const evidenceKinds = ['photo', 'document', 'flag'] as const;
export type EvidenceKind = (typeof evidenceKinds)[number];

export const evidenceShows = [
  'permanent_structure',
  'no_permanent_structure',
  'in_use',
  'not_in_use',
  'reclamation_under_way',
  'reclaimed',
  'accepted',
  'not_reclaimed',
] as const;
export type EvidenceShows = (typeof evidenceShows)[number];

export const showsNames: Record<EvidenceShows, { zh: string; en: string }> = {
  permanent_structure: { zh: '建有永久性建（构）筑物', en: 'permanent buildings or structures' },
  no_permanent_structure: {
    zh: '无永久性建（构）筑物',
    en: 'no permanent buildings or structures',
  },
  in_use: { zh: '仍在使用', en: 'still in use' },
  not_in_use: { zh: '已停止使用', en: 'no longer used' },
  reclamation_under_way: { zh: '正在复垦', en: 'reclamation under way' },
  reclaimed: { zh: '已复垦（待验收）', en: 'reclaimed (acceptance pending)' },
  accepted: { zh: '复垦已验收', en: 'reclamation accepted' },
  not_reclaimed: { zh: '未复垦', en: 'not reclaimed' },
};

/** Evidence supplied for a polygon (its id is the stored evidence's). */
export interface EvidenceItem {
  id: string;
  kind: EvidenceKind;
  shows: EvidenceShows;
  note: string | null;
}

export type SignalSource =
  | { kind: 'evidence'; evidenceId: string; evidenceKind: EvidenceKind; note: string | null }
  | { kind: 'register'; recordId: string; systemNumber: string | null; state: RecordState }
  | { kind: 'attribute'; field: string; written: string }
  | { kind: 'text'; field: string; written: string; keyword: string };

export interface Signal {
  shows: EvidenceShows;
  source: SignalSource;
}

export type Topic = 'structure' | 'use' | 'reclamation';

export const topicOf: Record<EvidenceShows, Topic> = {
  permanent_structure: 'structure',
  no_permanent_structure: 'structure',
  in_use: 'use',
  not_in_use: 'use',
  reclamation_under_way: 'reclamation',
  reclaimed: 'reclamation',
  accepted: 'reclamation',
  not_reclaimed: 'reclamation',
};

/** Evidence supplied for the polygon outranks the register, which outranks the survey file. */
const rank: Record<SignalSource['kind'], number> = {
  evidence: 3,
  register: 2,
  attribute: 1,
  text: 0,
};

/**
 * When sources of the same rank disagree, the graver reading is kept (and the polygon sent for
 * review): structures over none, in use over not, the least advanced reclamation.
 */
const gravity: Record<EvidenceShows, number> = {
  permanent_structure: 2,
  no_permanent_structure: 1,
  in_use: 2,
  not_in_use: 1,
  not_reclaimed: 4,
  reclamation_under_way: 3,
  reclaimed: 2,
  accepted: 1,
};

/** Keywords read in the 现状 text (a keyword preceded by 不/未/非/无/没 does not count). */
export const currentUseKeywords: Readonly<Record<EvidenceShows, readonly string[]>> = {
  permanent_structure: [
    '永久性建筑',
    '永久建筑',
    '永久性建（构）筑物',
    '永久性构筑物',
    '厂房',
    '住宅',
    '楼房',
    '办公楼',
  ],
  no_permanent_structure: [],
  in_use: ['在用', '使用中', '仍在使用', '正在使用', '施工中', '生产中', '堆放'],
  not_in_use: ['闲置', '停用', '停止使用', '未使用', '已撤场', '空置'],
  reclamation_under_way: ['复垦中', '正在复垦'],
  reclaimed: ['已复垦', '已复耕', '复垦完成'],
  accepted: ['已验收', '验收合格', '通过验收'],
  not_reclaimed: ['未复垦'],
};
const negations = ['不', '未', '非', '无', '没'];
/** Words saying structures were removed: a structure keyword next to them is not read. */
const removal = ['已拆除', '拆除完毕', '已清除', '已拆'];

function keywordSignals(field: string, written: string): { signals: Signal[]; ambiguous: boolean } {
  const signals: Signal[] = [];
  let ambiguous = false;
  const removed = removal.some((w) => written.includes(w));
  for (const [shows, words] of Object.entries(currentUseKeywords) as [EvidenceShows, string[]][]) {
    const keyword = words.find((w) => {
      for (let at = written.indexOf(w); at >= 0; at = written.indexOf(w, at + 1)) {
        if (!negations.includes(written[at - 1] ?? '')) return true;
      }
      return false;
    });
    if (!keyword) continue;
    if (shows === 'permanent_structure' && removed) {
      ambiguous = true;
      continue;
    }
    signals.push({ shows, source: { kind: 'text', field, written, keyword } });
  }
  return { signals, ambiguous };
}

/** A register record's state read as a reclamation signal (a live record says nothing). */
function registerSignal(linked: LinkedRecordFacts): Signal | null {
  const source = {
    kind: 'register',
    recordId: linked.recordId,
    systemNumber: linked.systemNumber,
    state: linked.state,
  } as const;
  if (linked.state === 'accepted') return { shows: 'accepted', source };
  if (linked.state === 'reclaiming') return { shows: 'reclamation_under_way', source };
  return null;
}

/** The record a polygon lies on, as far as the classifier needs it. */
export interface LinkedRecordFacts {
  recordId: string;
  systemNumber: string | null;
  state: RecordState;
  /** The record's term end after its extensions. */
  termEnd: string | null;
  /** Shared area over the smaller of the two areas. */
  share: number;
}

/** Every signal the facts, the evidence and the linked record give, as of `asOf`. */
export function gatherSignals(
  facts: PolygonFacts,
  evidence: readonly EvidenceItem[],
  linked: LinkedRecordFacts | null,
  asOf: string,
): { signals: Signal[]; notes: ReviewNote[] } {
  const signals: Signal[] = [];
  const notes: ReviewNote[] = [];
  const attr = (w: { field: string; written: string }) =>
    ({ kind: 'attribute', field: w.field, written: w.written }) as const;
  for (const e of evidence) {
    signals.push({
      shows: e.shows,
      source: { kind: 'evidence', evidenceId: e.id, evidenceKind: e.kind, note: e.note },
    });
  }
  const fromRegister = linked ? registerSignal(linked) : null;
  if (fromRegister) signals.push(fromRegister);
  const f = facts;
  if (f.permanentStructure)
    signals.push({
      shows: f.permanentStructure.value ? 'permanent_structure' : 'no_permanent_structure',
      source: attr(f.permanentStructure),
    });
  if (f.inUse)
    signals.push({ shows: f.inUse.value ? 'in_use' : 'not_in_use', source: attr(f.inUse) });
  if (f.reclamation) {
    const shows: Record<typeof f.reclamation.value, EvidenceShows> = {
      accepted: 'accepted',
      reclaimed: 'reclaimed',
      under_way: 'reclamation_under_way',
      not_reclaimed: 'not_reclaimed',
    };
    signals.push({ shows: shows[f.reclamation.value], source: attr(f.reclamation) });
  }
  if (f.acceptedOn) {
    if (f.acceptedOn.value <= asOf) signals.push({ shows: 'accepted', source: attr(f.acceptedOn) });
    else
      notes.push({
        code: 'ACCEPTED_AFTER_AS_OF',
        zh: `验收日期 ${f.acceptedOn.value} 晚于评估日 ${asOf}，不计为已验收`,
        en: `acceptance on ${f.acceptedOn.value} is after the as-of date ${asOf} and does not count`,
      });
  }
  if (f.currentUse) {
    const read = keywordSignals(f.currentUse.field, f.currentUse.written);
    signals.push(...read.signals);
    if (read.ambiguous)
      notes.push({
        code: 'TEXT_AMBIGUOUS',
        zh: `现状“${f.currentUse.written}”提到永久性建筑又提到拆除，未据以判断`,
        en: `the current-use text "${f.currentUse.written}" names permanent structures and their removal; it was not used`,
      });
  }
  return { signals, notes };
}

/** Something a supervisor should look at before relying on the decision. */
export interface ReviewNote {
  code: string;
  zh: string;
  en: string;
}

export interface TopicReading {
  shows: EvidenceShows;
  /** The signals that decided it (the best-ranked ones agreeing with the reading). */
  basis: Signal[];
  /** Signals that say otherwise. */
  contrary: Signal[];
}

/** Readings that do not contradict each other: accepted land has been reclaimed. */
const compatible = (a: EvidenceShows, b: EvidenceShows) =>
  a === b || (a === 'reclaimed' && b === 'accepted') || (a === 'accepted' && b === 'reclaimed');

/** What the signals on one topic say, or null when none speaks to it. */
export function readTopic(signals: readonly Signal[], topic: Topic): TopicReading | null {
  const on = signals.filter((s) => topicOf[s.shows] === topic);
  if (on.length === 0) return null;
  const best = Math.max(...on.map((s) => rank[s.source.kind]));
  const top = on.filter((s) => rank[s.source.kind] === best);
  const agree = top.every((a) => top.every((b) => compatible(a.shows, b.shows)));
  // Agreeing sources give the most advanced reading (an acceptance date beside 已复垦);
  // disagreeing ones the gravest.
  const pick = (a: Signal, b: Signal) =>
    agree
      ? gravity[b.shows] < gravity[a.shows]
        ? b
        : a
      : gravity[b.shows] > gravity[a.shows]
        ? b
        : a;
  const shows = top.reduce(pick).shows;
  return {
    shows,
    basis: top.filter((s) => compatible(s.shows, shows)),
    contrary: on.filter((s) => !compatible(s.shows, shows)),
  };
}
