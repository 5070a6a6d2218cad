// TL-ENF-02: a change polygon's coverage by lawful approvals, and the causes that split its
// uncovered remainder; TL-ENF-01: an unexplained occupation becomes a finding. The areas are
// computed in PostGIS (coverage.store.ts); this module names the causes, fixes their priority
// and words the finding. Areas are m² on the CGCS2000 ellipsoid.
//
// Every record that overlaps the polygon (written-off ones and approvals dated after the batch
// month aside) falls in one class for the batch month; each square metre of the polygon goes
// to the first class in this order that covers it, and to `outside` when none does:
//
//   covered         a lawful approval: registered (上图入库) and its term or reclamation
//                   period includes the month, and its use fits what the polygon shows
//   use_differs     a lawful approval whose use the polygon rules out (observed-use.ts)
//   not_registered  an approval still in state 'approved', in term: not recognised (TL-REG-02)
//   expired         an approval whose term and reclamation period ended before the month
//   outside         no approval at all
//
// The order puts the most lawful explanation first: a square metre covered by a lawful
// approval is covered, whatever else overlaps it.
import type { Finding } from '../../../register/domain/finding.ts';
import { squareMetresPerMu } from '../../../register/domain/record.ts';

export const coverageCauses = ['use_differs', 'not_registered', 'expired', 'outside'] as const;
export type CoverageCause = (typeof coverageCauses)[number];

export const causeNames: Record<CoverageCause, { zh: string; en: string }> = {
  use_differs: { zh: '用途不符', en: 'use differs from the approval' },
  not_registered: { zh: '批准未上图入库', en: 'approval not registered' },
  expired: { zh: '批准已过期', en: 'approval expired' },
  outside: { zh: '超出批准范围', en: 'outside any approval' },
};

export const coverageStatuses = ['covered', 'partly_covered', 'uncovered'] as const;
export type CoverageStatus = (typeof coverageStatuses)[number];

/** Tolerance in m² from the setting in 亩. */
export function toleranceM2(toleranceMu: number): number {
  return toleranceMu * squareMetresPerMu;
}

export interface CauseArea {
  areaM2: number;
  /** Records of the cause's class that overlap the polygon (when its area is positive). */
  records: string[];
}

/** One polygon's stored coverage (see coverage.store.ts for how it is computed). */
export interface PolygonCoverage {
  areaM2: number;
  coveredM2: number;
  coveredRecords: string[];
  causes: Record<CoverageCause, CauseArea>;
  toleranceM2: number;
  /** covered: uncovered ≤ tolerance; uncovered: covered ≤ tolerance; else partly_covered. */
  status: CoverageStatus;
  /** The cause with the largest area (ties go by the priority order); null when covered. */
  primaryCause: CoverageCause | null;
}

/** Covered share of the polygon, 0…1. */
export function coverageRatio(c: Pick<PolygonCoverage, 'areaM2' | 'coveredM2'>): number {
  return c.areaM2 > 0 ? Math.min(1, c.coveredM2 / c.areaM2) : 0;
}

export interface PolygonSubject {
  polygonId: string;
  batchId: string;
  externalBatchId: string;
  source: string;
  month: string;
  surveyCode: string | null;
  divisionCode: string;
}

/**
 * A number with `digits` decimals, rounded half away from zero from its shortest decimal form
 * (the digits JSON and PostgreSQL print): the rounding the cross-check's SQL applies too
 * (`round(x::text::numeric, digits)`, enforcement-findings.store.ts), so both word a finding alike.
 */
export function decimal(x: number, digits: number): string {
  let format = decimalFormats.get(digits);
  if (!format) {
    format = new Intl.NumberFormat('en-US', {
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
      useGrouping: false,
    });
    decimalFormats.set(digits, format);
  }
  return format.format(x);
}
const decimalFormats = new Map<number, Intl.NumberFormat>();

/** m² as 亩 with three decimals, as findings show them. */
export const muText = (m2: number) => decimal(m2 / squareMetresPerMu, 3);
/** A share (0…1) as a percentage with one decimal. */
export const percentText = (share: number) => decimal(share * 100, 1);

/** The figures a TL-ENF-01 message shows, already written out. */
export interface OccupationMessageFields {
  name: string;
  month: string;
  areaMu: string;
  percent: string;
  uncoveredMu: string;
  /** The causes with an area, each worded by `causePart`, joined by `causeSeparator`. */
  causesZh: string;
  causesEn: string;
}

/**
 * The wording of a TL-ENF-01 finding. The SQL that writes findings set-based fills the same
 * templates (enforcement-findings.store.ts), so this is the one place the text lives.
 */
export function occupationMessages(v: OccupationMessageFields): { zh: string; en: string } {
  return {
    zh:
      `变化图斑 ${v.name}（${v.month}）面积 ${v.areaMu} 亩，合法临时用地覆盖 ${v.percent}%，` +
      `未覆盖 ${v.uncoveredMu} 亩：${v.causesZh}；应实地核查`,
    en:
      `change polygon ${v.name} (${v.month}) of ${v.areaMu} mu is ${v.percent}% covered by lawful temporary land; ` +
      `${v.uncoveredMu} mu uncovered: ${v.causesEn}; to be verified on site`,
  };
}

/** One cause with its area in a message. */
export function causePart(cause: CoverageCause, areaMu: string): { zh: string; en: string } {
  return { zh: `${causeNames[cause].zh} ${areaMu} 亩`, en: `${causeNames[cause].en} ${areaMu} mu` };
}
export const causeSeparator = { zh: '，', en: ', ' } as const;

/**
 * TL-ENF-01: the finding for a polygon whose uncovered remainder exceeds the tolerance, or
 * null. A warning when the only causes above the tolerance are approvals not yet registered
 * (the land has an approval; the register lacks it); an error otherwise. The cross-check
 * writes these findings in SQL (enforcement-findings.store.ts); this is their specification,
 * and the tests hold the SQL to it.
 */
export function unexplainedOccupationFinding(
  subject: PolygonSubject,
  coverage: PolygonCoverage,
): Finding | null {
  if (coverage.status === 'covered') return null;
  const uncoveredM2 = Math.max(0, coverage.areaM2 - coverage.coveredM2);
  const significant = coverageCauses.filter(
    (c) => coverage.causes[c].areaM2 > coverage.toleranceM2,
  );
  const parts = coverageCauses
    .filter((c) => coverage.causes[c].areaM2 > 0)
    .map((c) => causePart(c, muText(coverage.causes[c].areaM2)));
  const message = occupationMessages({
    name: subject.surveyCode ?? subject.polygonId,
    month: subject.month,
    areaMu: muText(coverage.areaM2),
    percent: percentText(coverageRatio(coverage)),
    uncoveredMu: muText(uncoveredM2),
    causesZh: parts.map((p) => p.zh).join(causeSeparator.zh),
    causesEn: parts.map((p) => p.en).join(causeSeparator.en),
  });
  return {
    code: 'TL-ENF-01',
    severity: significant.every((c) => c === 'not_registered') ? 'warning' : 'error',
    messageZh: message.zh,
    messageEn: message.en,
    evidence: {
      ...subject,
      areaM2: coverage.areaM2,
      coveredM2: coverage.coveredM2,
      coverage: coverageRatio(coverage),
      uncoveredM2,
      toleranceM2: coverage.toleranceM2,
      status: coverage.status,
      primaryCause: coverage.primaryCause,
      causes: coverage.causes,
      coveredRecords: coverage.coveredRecords,
    },
  };
}

/** The stored finding's identity: one per polygon and month (polygons of a new batch are new). */
export function findingKeyOf(polygonId: string, month: string): string {
  return `TL-ENF-01|change_polygon|${polygonId}|${month}`;
}
