// The fixed, seeded script of views the map benchmark plays: over one generated mining cluster
// of the caller's province, zoom from z8 to z16 and back in animated steps of two zooms, then
// pan across the cluster at z11, z13 and z15 (a jump to the start, then animated moves along a
// seeded bearing through the cluster), and fly to the nearest other cluster. Pure: the same
// seed, clusters and map width give the same script.
import { random } from '../../src/demo/demo-data.ts';
import type { ClusterPlan } from '../generate/layout.ts';
import { metresPerDegree } from '../generate/layout.ts';

export type MoveKind = 'jumpTo' | 'easeTo' | 'flyTo';

/** One camera move on the MapLibre map (its method and options). */
export interface Move {
  kind: MoveKind;
  center: [number, number];
  zoom: number;
  /** Animation length; 0 for a jump. */
  durationMs: number;
}

/** A row of the report: one or more moves, measured together. */
export interface Step {
  name: string;
  moves: Move[];
}

export interface Script {
  /** The cluster the script plays over, and the one it flies to. */
  cluster: ClusterPlan;
  flyTo: ClusterPlan | null;
  steps: Step[];
}

export const easeMs = 1000;
export const flyMs = 2500;
export const panZooms = [11, 13, 15] as const;
/** Animated moves per pan across the cluster. */
export const panMoves = 3;
/** A pan moves at most this share of the map's width at a time (MapLibre's own keyboard pans move less). */
const panShareOfWidth = 0.6;

/** Ground metres across `widthPx` at `zoom` and `lat` (MapLibre's 512-pixel tiles, Web Mercator). */
export function groundWidthM(widthPx: number, zoom: number, lat: number): number {
  return (widthPx * 40_075_016.686 * Math.cos((lat * Math.PI) / 180)) / (512 * 2 ** zoom);
}

const centreOf = (c: ClusterPlan): [number, number] => [
  (c.box[0] + c.box[2]) / 2,
  (c.box[1] + c.box[3]) / 2,
];

/**
 * The script over a cluster of `province` (two digits) picked by `seed`, for a map `widthPx`
 * wide. Throws when the province has no cluster.
 */
export function viewScript(
  clusters: readonly ClusterPlan[],
  province: string,
  seed: number,
  widthPx: number,
): Script {
  const rnd = random(seed ^ 0x6d6170);
  const own = clusters.filter((c) => c.site.divisionCode.startsWith(province) && c.parcels > 0);
  if (own.length === 0) throw new Error(`no generated cluster in province ${province}`);
  const cluster = own[Math.floor(rnd() * own.length)]!;
  const [cx, cy] = centreOf(cluster);
  const m = metresPerDegree(cy);
  // The view's centre: within the inner fifth of the box around its middle (the mine).
  const centre: [number, number] = [
    cx + ((rnd() - 0.5) * (cluster.box[2] - cluster.box[0])) / 5,
    cy + ((rnd() - 0.5) * (cluster.box[3] - cluster.box[1])) / 5,
  ];
  const at = (z: number, kind: MoveKind, c: [number, number] = centre): Move => ({
    kind,
    center: c,
    zoom: z,
    durationMs: kind === 'jumpTo' ? 0 : kind === 'easeTo' ? easeMs : flyMs,
  });
  const steps: Step[] = [{ name: 'jump to z8', moves: [at(8, 'jumpTo')] }];
  for (const z of [10, 12, 14, 16])
    steps.push({ name: `zoom in to z${z}`, moves: [at(z, 'easeTo')] });
  for (const z of [14, 12, 10, 8])
    steps.push({ name: `zoom out to z${z}`, moves: [at(z, 'easeTo')] });

  // Pans along a seeded bearing through the centre, each move at most panShareOfWidth of the
  // view and panMoves of them together at most the cluster's side.
  const bearing = rnd() * 2 * Math.PI;
  const [ux, uy] = [Math.cos(bearing), Math.sin(bearing)];
  const along = (metres: number): [number, number] => [
    centre[0] + (ux * metres) / m.lng,
    centre[1] + (uy * metres) / m.lat,
  ];
  for (const z of panZooms) {
    const stepM = Math.min(
      cluster.sideM / panMoves,
      panShareOfWidth * groundWidthM(widthPx, z, cy),
    );
    const startM = (-stepM * panMoves) / 2;
    steps.push({ name: `jump to z${z}`, moves: [at(z, 'jumpTo', along(startM))] });
    steps.push({
      name: `pan at z${z} (${panMoves} moves of ${(stepM / 1000).toFixed(1)} km)`,
      moves: Array.from({ length: panMoves }, (_, i) =>
        at(z, 'easeTo', along(startM + stepM * (i + 1))),
      ),
    });
  }

  // The nearest other cluster of the province; with one cluster only, its far corner.
  const others = own
    .filter((c) => c !== cluster)
    .map((c) => ({ c, d: Math.hypot(centreOf(c)[0] - cx, centreOf(c)[1] - cy) }))
    .sort((a, b) => a.d - b.d);
  const flyTo = others[0]?.c ?? null;
  const target: [number, number] = flyTo
    ? centreOf(flyTo)
    : [
        cluster.box[2] - (cluster.box[2] - cluster.box[0]) / 10,
        cluster.box[3] - (cluster.box[3] - cluster.box[1]) / 10,
      ];
  steps.push({
    name: flyTo ? `fly to ${flyTo.site.county} at z13` : 'fly across the cluster at z13',
    moves: [at(13, 'flyTo', target)],
  });
  return { cluster, flyTo, steps };
}
