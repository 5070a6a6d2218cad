// Parcel shapes in a local plane (metres, x east, y north, centred on the parcel): star-shaped
// rings with sorted angles (always simple), holes strictly inside the outer ring's inscribed
// circle, multipolygon parts in disjoint circles. Pure and deterministic given `rand`.

export type Xy = [number, number];
/** A closed ring: the first point is repeated at the end. */
export type RingXy = Xy[];
/** Polygons, each an outer ring (counter-clockwise) then holes (clockwise). */
export type PolygonsXy = RingXy[][];

export interface ShapeXy {
  polygons: PolygonsXy;
  /** Net planar area (holes subtracted), m². */
  areaM2: number;
  /** Largest distance of any vertex from the origin, m. */
  radiusM: number;
  /** Distinct vertices over all rings (closing points not counted). */
  vertices: number;
}

export const minVertices = 4;
export const maxVertices = 60;

/** Signed shoelace area (positive for counter-clockwise), m². */
function signedArea(ring: RingXy): number {
  let sum = 0;
  for (let i = 0; i + 1 < ring.length; i += 1) {
    const [x1, y1] = ring[i]!;
    const [x2, y2] = ring[i + 1]!;
    sum += x1 * y2 - x2 * y1;
  }
  return sum / 2;
}

/** Distance from (cx, cy) to the nearest edge of a ring. */
function distanceToEdges(ring: RingXy, cx: number, cy: number): number {
  let best = Infinity;
  for (let i = 0; i + 1 < ring.length; i += 1) {
    const [x1, y1] = ring[i]!;
    const [x2, y2] = ring[i + 1]!;
    const dx = x2 - x1;
    const dy = y2 - y1;
    const t = Math.max(0, Math.min(1, ((cx - x1) * dx + (cy - y1) * dy) / (dx * dx + dy * dy)));
    best = Math.min(best, Math.hypot(x1 + t * dx - cx, y1 + t * dy - cy));
  }
  return best;
}

/**
 * A star-shaped ring of `n` distinct vertices around (cx, cy): angles strictly increasing with
 * every gap below π (n ≥ 4, gap weights 0.6–1.4), radii between 0.6 and 1 × `radius`. Such a
 * ring never crosses itself. Counter-clockwise unless `clockwise`.
 */
export function starRing(
  rand: () => number,
  n: number,
  radius: number,
  cx = 0,
  cy = 0,
  clockwise = false,
): RingXy {
  const weights = Array.from({ length: n }, () => 0.6 + 0.8 * rand());
  const total = weights.reduce((a, b) => a + b, 0);
  const start = rand() * 2 * Math.PI;
  const ring: RingXy = [];
  let angle = start;
  for (const w of weights) {
    const r = radius * (1 - 0.4 * rand());
    ring.push([cx + r * Math.cos(angle), cy + r * Math.sin(angle)]);
    angle += (w / total) * 2 * Math.PI;
  }
  if (clockwise) ring.reverse();
  ring.push(ring[0]!);
  return ring;
}

/** Vertex count skewed towards simple shapes: 4–60, median 14, mean about 20. */
function vertexBudget(rand: () => number): number {
  return minVertices + Math.floor((maxVertices - minVertices + 1) * rand() ** 2.5);
}

function scaled(polygons: PolygonsXy, k: number): PolygonsXy {
  return polygons.map((rings) => rings.map((ring) => ring.map(([x, y]): Xy => [x * k, y * k])));
}

/**
 * One parcel with net area `targetAreaM2`: 80 % simple polygons, 12 % with a hole, 8 %
 * multipolygons of two or three parts. Vertex counts stay within 4–60 in total.
 */
export function parcelShape(rand: () => number, targetAreaM2: number): ShapeXy {
  const kind = rand();
  let budget = vertexBudget(rand);
  let polygons: PolygonsXy;
  if (kind < 0.08) {
    const parts = rand() < 0.7 ? 2 : 3;
    budget = Math.max(budget, parts * minVertices);
    // Part centres on a unit circle; each part inside a circle of radius < sin(π/parts), so
    // neighbouring parts' circles are disjoint.
    const partRadius = 0.85 * Math.sin(Math.PI / parts);
    const phase = rand() * 2 * Math.PI;
    const per = Math.floor(budget / parts);
    polygons = Array.from({ length: parts }, (_, j) => {
      const a = phase + (j * 2 * Math.PI) / parts;
      const n = j === parts - 1 ? budget - per * (parts - 1) : per;
      return [starRing(rand, n, partRadius, Math.cos(a), Math.sin(a))];
    });
  } else if (kind < 0.2) {
    budget = Math.max(budget, 2 * minVertices);
    const holeVertices = Math.min(minVertices + Math.floor(rand() * 5), budget - minVertices);
    const outer = starRing(rand, budget - holeVertices, 1);
    // The hole lies within the outer ring's inscribed circle around the centre.
    const inscribed = distanceToEdges(outer, 0, 0);
    polygons = [
      [outer, starRing(rand, holeVertices, inscribed * (0.3 + 0.3 * rand()), 0, 0, true)],
    ];
  } else {
    polygons = [[starRing(rand, budget, 1)]];
  }
  const area = polygons.reduce(
    (sum, rings) => sum + rings.reduce((s, ring) => s + signedArea(ring), 0),
    0,
  );
  const k = Math.sqrt(targetAreaM2 / area);
  const result = scaled(polygons, k);
  let radius = 0;
  for (const rings of result)
    for (const ring of rings)
      for (const [x, y] of ring) radius = Math.max(radius, Math.hypot(x, y));
  return {
    polygons: result,
    areaM2: targetAreaM2,
    radiusM: radius,
    vertices: result.reduce((n, rings) => n + rings.reduce((m, r) => m + r.length - 1, 0), 0),
  };
}

/** Bounds of parcel areas, hectares; kept slightly inside 0.1–50 ha so the ellipsoidal area
 * (which differs from the local plane's by well under 1 %) stays within them too. */
export const minAreaHa = 0.1;
export const maxAreaHa = 50;
const lowM2 = minAreaHa * 10_000 * 1.02;
const highM2 = maxAreaHa * 10_000 * 0.98;

/**
 * A parcel area, m²: log-uniform in shape but skewed towards small parcels (u^1.8 in the
 * exponent): median ≈ 0.7 ha, mean ≈ 5 ha, up to 50 ha.
 */
export function areaFromUniform(u: number): number {
  return lowM2 * (highM2 / lowM2) ** (u ** 1.8);
}

/** The mean of `areaFromUniform` over u in [0, 1), m² (numerically). */
export function meanParcelAreaM2(): number {
  const steps = 10_000;
  let sum = 0;
  for (let i = 0; i < steps; i += 1) sum += areaFromUniform((i + 0.5) / steps);
  return sum / steps;
}
