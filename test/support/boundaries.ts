// Large synthetic division boundaries for the tests and the benchmark of the pre-simplified
// boundary copies: county-sized rings with as many vertices as a real XZQ county boundary
// (10^4–10^5), wiggling at every scale. Schematic shapes with real county codes; never real
// boundary data. Coordinates [lng, lat] in EPSG:4490.
import { random } from '../../src/demo/demo-data.ts';

export interface SyntheticBoundary {
  /** 行政区代码 (XZQDM) and 行政区名称 (XZQMC). */
  XZQDM: string;
  XZQMC: string;
  geometry: { type: 'Polygon'; coordinates: number[][][] };
}

const metresPerDegreeLat = 111_319.49;

/**
 * A star-shaped ring around [lng, lat]: `vertices` points at strictly increasing angles (so the
 * ring never crosses itself), the radius `radiusM` varied by ±15 % in broad lobes, then by
 * meanders of a few kilometres, a few hundred metres and a hundred metres (at 20 km: 200, 40
 * and 4 m across), and by up to `jitterM` metres per vertex (the survey's fine detail).
 * Counter-clockwise.
 */
function wigglyRing(
  rand: () => number,
  [lng, lat]: readonly [number, number],
  radiusM: number,
  vertices: number,
  jitterM: number,
): number[][] {
  const phases = Array.from({ length: 6 }, () => rand() * 2 * Math.PI);
  const cosLat = Math.cos((lat * Math.PI) / 180);
  const ring: number[][] = [];
  for (let i = 0; i < vertices; i++) {
    const a = (2 * Math.PI * (i + 0.2 + 0.6 * rand())) / vertices;
    const r =
      radiusM *
        (1 +
          0.1 * Math.sin(3 * a + phases[0]!) +
          0.05 * Math.sin(7 * a + phases[1]!) +
          0.01 * Math.sin(41 * a + phases[2]!) +
          0.002 * Math.sin(173 * a + phases[3]!) +
          0.0002 * Math.sin(911 * a + phases[4]!)) +
      jitterM * (rand() - 0.5);
    const round = (n: number) => Math.round(n * 1e8) / 1e8;
    ring.push([
      round(lng + (r * Math.cos(a)) / (metresPerDegreeLat * cosLat)),
      round(lat + (r * Math.sin(a)) / metresPerDegreeLat),
    ]);
  }
  ring.push(ring[0]!);
  return ring;
}

/**
 * A county boundary of `vertices` vertices (and a hole of a tenth of them: an enclave) about
 * `radiusM` metres across its centre [lng, lat]; the same seed gives the same shape.
 */
export function syntheticCounty(
  code: string,
  centre: readonly [number, number],
  options: { radiusM?: number; vertices?: number; seed?: number } = {},
): SyntheticBoundary {
  const { radiusM = 20_000, vertices = 20_000, seed = 1 } = options;
  const rand = random(seed);
  const outer = wigglyRing(rand, centre, radiusM, vertices, 0.5);
  // The outer ring stays beyond 0.82 of its radius; the hole within 0.12 of it.
  const hole = wigglyRing(
    rand,
    centre,
    radiusM * 0.1,
    Math.max(8, Math.floor(vertices / 10)),
    5,
  ).reverse();
  return {
    XZQDM: code,
    XZQMC: `示意县 ${code}`,
    geometry: { type: 'Polygon', coordinates: [outer, hole] },
  };
}

/** Boundaries as the bytes of a GeoJSON file of the XZQ layer (XZQDM, XZQMC attributes). */
export function boundaryFile(boundaries: readonly SyntheticBoundary[]): Uint8Array {
  return new TextEncoder().encode(
    JSON.stringify({
      type: 'FeatureCollection',
      features: boundaries.map(({ geometry, ...properties }) => ({
        type: 'Feature',
        properties,
        geometry,
      })),
    }),
  );
}
