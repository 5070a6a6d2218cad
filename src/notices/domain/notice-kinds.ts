// Notice kinds (公示类别, PN-01/PN-02): how long the public may object — counted in working or
// calendar days — and how soon an objection is answered. National defaults live here; a
// province overrides them in its rule pack (rule_pack.overrides.noticeKinds), never silently:
// resolveNoticeKind says which values the province changed. Pure: no I/O.

export const periodUnits = ['working_days', 'calendar_days'] as const;
export type PeriodUnit = (typeof periodUnits)[number];

/** A span of days counted from the day after a start date (the start day is not counted). */
export interface Period {
  length: number;
  unit: PeriodUnit;
}

/** Where a kind's figures come from: RULES.md's source column, or a stated assumption. */
export type FigureSource = 'seed' | 'local practice' | 'assumed';

export interface NoticeKind {
  code: string;
  name: { zh: string; en: string };
  /** How long objections are accepted after publication (PN-01). */
  window: Period;
  /** How long an objection may wait for its answer, from the day it was received (PN-02). */
  answer: Period;
  /** The shortest window a province may set, in calendar days (PN-02 "at least 30 days"). */
  minimumWindowDays?: number;
  ruleCodes: string[];
  source: FigureSource;
  /** Why the figures are what they are, and whether they are a local example. */
  basis: { zh: string; en: string };
}

/** PN-02: "objections are answered within 15 days" (local practice), counted in calendar days. */
const answerIn15Days: Period = { length: 15, unit: 'calendar_days' };

export const nationalNoticeKinds: readonly NoticeKind[] = Object.freeze([
  {
    code: 'reclamation_acceptance',
    name: { zh: '土地复垦验收结果公示', en: 'reclamation acceptance result' },
    window: { length: 30, unit: 'calendar_days' },
    answer: answerIn15Days,
    minimumWindowDays: 30,
    ruleCodes: ['PN-01', 'PN-02', 'TL-RECL-05'],
    source: 'local practice',
    basis: {
      zh: 'PN-02：验收结果公示不少于30日（地方实践）；异议15日内答复',
      en: 'PN-02: acceptance results are publicised for at least 30 days (local practice); objections answered within 15 days',
    },
  },
  {
    code: 'reclamation_plan_review',
    name: { zh: '土地复垦方案审查公示', en: 'reclamation plan review' },
    window: { length: 7, unit: 'working_days' },
    answer: answerIn15Days,
    ruleCodes: ['PN-01', 'PN-02'],
    source: 'local practice',
    basis: {
      zh: 'PN-02：7个工作日为一省的地方示例，并非全国规定；各省可在规则包中调整',
      en: 'PN-02: 7 working days is one province’s example, not a national rule; a province sets its own in its rule pack',
    },
  },
  {
    code: 'approval_publication',
    name: { zh: '临时用地批准信息公示', en: 'temporary-land approval publication' },
    window: { length: 20, unit: 'working_days' },
    answer: answerIn15Days,
    ruleCodes: ['PN-01', 'TL-SUP-03'],
    source: 'assumed',
    basis: {
      zh: '规则目录未规定批准公示的期限：暂采用 PN-01 所举20个工作日，各省应在规则包中设定',
      en: 'the catalogue gives no window for approval publication: the 20 working days of PN-01’s example are assumed until a province sets its own',
    },
  },
  {
    code: 'asset_disposal',
    name: { zh: '资产处置公告', en: 'asset disposal announcement' },
    window: { length: 20, unit: 'working_days' },
    answer: answerIn15Days,
    ruleCodes: ['PN-01'],
    source: 'seed',
    basis: {
      zh: 'PN-01：种子文件000所载资产处置公告，公告及受理异议有效期均为20个工作日',
      en: 'PN-01: the asset-disposal announcement of seed 000 runs, and accepts objections, for 20 working days',
    },
  },
] satisfies NoticeKind[]);

/** A province's change to one kind: any of window and answer, with a note saying why. */
export interface NoticeKindOverride {
  window?: Period;
  answer?: Period;
  note?: string;
}

/** rule_pack.overrides.noticeKinds: overrides by kind code. */
export type NoticeKindOverrides = Readonly<Record<string, NoticeKindOverride>>;

export interface ResolvedNoticeKind extends NoticeKind {
  /** 'provincial' when the province changed a figure. */
  setBy: 'national' | 'provincial';
  /** The figures the province changed, with the national and provincial values. */
  overridden: { key: 'window' | 'answer'; national: Period; provincial: Period }[];
  /** The province's note on its override, if any. */
  provincialNote: string | null;
}

export function findNationalKind(code: string): NoticeKind | undefined {
  return nationalNoticeKinds.find((k) => k.code === code);
}

const samePeriod = (a: Period, b: Period) => a.length === b.length && a.unit === b.unit;

/** Applies a province's override (if any) to a national kind. */
export function resolveNoticeKind(
  kind: NoticeKind,
  override: NoticeKindOverride | undefined,
): ResolvedNoticeKind {
  const window = override?.window ?? kind.window;
  const answer = override?.answer ?? kind.answer;
  const overridden: ResolvedNoticeKind['overridden'] = [];
  if (!samePeriod(window, kind.window))
    overridden.push({ key: 'window', national: kind.window, provincial: window });
  if (!samePeriod(answer, kind.answer))
    overridden.push({ key: 'answer', national: kind.answer, provincial: answer });
  return {
    ...kind,
    window,
    answer,
    setBy: overridden.length > 0 ? 'provincial' : 'national',
    overridden,
    provincialNote: override?.note ?? null,
  };
}

/** Every national kind as a province has it. */
export function resolveNoticeKinds(
  overrides: NoticeKindOverrides | undefined,
): ResolvedNoticeKind[] {
  return nationalNoticeKinds.map((k) => resolveNoticeKind(k, overrides?.[k.code]));
}

/**
 * Why a province may not set `window` for `kind`, or undefined when it may. A window in
 * working days is never shorter than the same number of calendar days, so the PN-02 floor
 * (in calendar days) is met by either unit of at least that length.
 */
export function windowBelowFloor(kind: NoticeKind, window: Period): number | undefined {
  if (kind.minimumWindowDays !== undefined && window.length < kind.minimumWindowDays)
    return kind.minimumWindowDays;
  return undefined;
}
