// Checks made once a parcel's lines have all been read: rings closed and large enough,
// coordinates plausible for a Gauss–Krüger plane in China, the declared point count.
// Whether a ring is a hole is not decided here: the database does it geometrically.
import type { CoordinateTxtParcel, CoordinateTxtPoint, CoordinateTxtRing } from './model.ts';
import type { ProblemList } from './problems.ts';

/** A parcel being read, with what the checks need to know about how it was read. */
export interface ParcelDraft {
  parcel: CoordinateTxtParcel;
  /** Point lines seen for this parcel, good or bad. */
  pointLines: number;
  /** 圈号 used so far, to notice one used for a second ring. */
  ringNumbers: Set<number>;
  /** Point lines that could not be placed in a ring (bad field count or 圈号). */
  rejectedLines: number;
  /** More points than the limit: the rest were not read. */
  overflowed: boolean;
}

// X (northing) of any point in China, 3°/6° Gauss–Krüger: the equator to beyond 53°N.
const maxNorthingM = 6_500_000;
// Y (easting) without zone prefix: 500 000 m false easting ± half a zone.
const maxEastingM = 1_000_000;

const northingOk = (x: number) => x >= 0 && x <= maxNorthingM;
/** An easting below 10⁶ m, or one with a two-digit zone prefix (zone 10–99). */
const eastingOk = (y: number) =>
  (y >= 0 && y < maxEastingM) || (y >= 10 * maxEastingM && y < 100 * maxEastingM);

export const samePosition = (a: CoordinateTxtPoint, b: CoordinateTxtPoint) =>
  a.x === b.x && a.y === b.y;

export function finishParcel(
  draft: ParcelDraft,
  problems: ProblemList,
  warnings: ProblemList,
): void {
  const { parcel } = draft;
  const feature = parcel.feature;
  if (draft.pointLines === 0) {
    problems.add('TXT_PARCEL_EMPTY', { line: parcel.headerLine, feature });
    return;
  }
  // With lines missing, ring sizes and counts would only repeat those lines' errors.
  const complete = draft.rejectedLines === 0 && !draft.overflowed;
  let written = 0;
  for (const ring of parcel.rings) {
    written += ring.points.length;
    closeRing(ring, feature, warnings);
    checkRing(ring, feature, complete, problems);
  }
  if (parcel.pointCount !== null && complete && parcel.rings.length > 0) {
    const closed = parcel.rings.reduce((sum, ring) => sum + ring.points.length, 0);
    const distinct = closed - parcel.rings.length;
    // Producers count the closing points or not; both are right.
    if (![written, closed, distinct].includes(parcel.pointCount)) {
      warnings.add(
        'TXT_POINT_COUNT_MISMATCH',
        { line: parcel.headerLine, feature, field: 'pointCount' },
        { declared: parcel.pointCount, written, distinct },
      );
    }
  }
}

function closeRing(ring: CoordinateTxtRing, feature: number, warnings: ProblemList): void {
  const first = ring.points[0];
  const last = ring.points.at(-1);
  if (ring.closedAsWritten || !first || !last) return;
  warnings.add('TXT_RING_NOT_CLOSED', { line: last.line, feature, ring: ring.ring });
  ring.points.push({ ...first });
}

/**
 * How many distinct positions `vertices` hold, counting no further than `enough` (a ring needs
 * three). A point with an unreadable coordinate counts as distinct: it already has its own error.
 */
function distinctPositions(vertices: readonly CoordinateTxtPoint[], enough: number): number {
  const seen: CoordinateTxtPoint[] = [];
  for (const p of vertices) {
    if (isFinitePoint(p) && seen.some((q) => isFinitePoint(q) && samePosition(p, q))) continue;
    seen.push(p);
    if (seen.length >= enough) break;
  }
  return seen.length;
}

/** `ring` is closed: its last point repeats the first, so it is left out of the checks. */
function checkRing(
  ring: CoordinateTxtRing,
  feature: number,
  complete: boolean,
  problems: ProblemList,
): void {
  const vertices = ring.points.slice(0, -1);
  const first = vertices[0];
  if (!first) return;
  const distinct = complete ? distinctPositions(vertices, 3) : 3;
  if (distinct < 3) {
    problems.add('TXT_RING_TOO_FEW', { line: first.line, feature, ring: ring.ring }, { distinct });
  }

  const swapped: { line: number; vertex: number }[] = [];
  vertices.forEach((point, i) => {
    if (!isFinitePoint(point)) return;
    const xOk = northingOk(point.x);
    const yOk = eastingOk(point.y);
    if (xOk && yOk) return;
    const where = { line: point.line, feature, ring: ring.ring, vertex: i + 1 };
    if (northingOk(point.y) && eastingOk(point.x)) {
      swapped.push(where);
      return;
    }
    if (!xOk) {
      problems.add('TXT_COORDINATE_RANGE', { ...where, field: 'x' }, { axis: 'X', value: point.x });
    }
    if (!yOk) {
      problems.add('TXT_COORDINATE_RANGE', { ...where, field: 'y' }, { axis: 'Y', value: point.y });
    }
  });
  // One problem per ring: a swapped file would otherwise give one per point.
  const firstSwapped = swapped[0];
  if (firstSwapped) {
    problems.add(
      'TXT_AXES_SWAPPED',
      { ...firstSwapped, feature, ring: ring.ring },
      { count: swapped.length, total: vertices.length },
    );
  }
}

const isFinitePoint = (p: CoordinateTxtPoint) => Number.isFinite(p.x) && Number.isFinite(p.y);
