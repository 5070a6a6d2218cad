// Where the synthetic parcels go: one square box per mining cluster (side chosen so parcels
// cover about 15 % of it), boxes that never overlap each other, and inside each box parcel
// centres drawn around the mine and kept apart by their enclosing circles.
import { miningSites, type MiningSite } from './sites.ts';
import { meanParcelAreaM2 } from './shapes.ts';

/** Metres per degree of longitude and latitude on the CGCS2000 (GRS 80) ellipsoid. */
export function metresPerDegree(latDeg: number): { lng: number; lat: number } {
  const a = 6_378_137;
  const e2 = 0.0066943800229;
  const phi = (latDeg * Math.PI) / 180;
  const w = Math.sqrt(1 - e2 * Math.sin(phi) ** 2);
  const rad = Math.PI / 180;
  return { lng: ((a * Math.cos(phi)) / w) * rad, lat: ((a * (1 - e2)) / w ** 3) * rad };
}

export interface ClusterPlan {
  index: number;
  site: MiningSite;
  parcels: number;
  /** Side of the square box, metres, centred on the site. */
  sideM: number;
  /** [west, south, east, north], degrees. */
  box: [number, number, number, number];
}

const coverage = 0.15;
/** Parcels per cluster aimed at; more when there are too few non-overlapping sites. */
const preferredPerCluster = 4000;

function boxOf(site: MiningSite, sideM: number): [number, number, number, number] {
  const m = metresPerDegree(site.lat);
  const dx = sideM / 2 / m.lng;
  const dy = sideM / 2 / m.lat;
  return [site.lng - dx, site.lat - dy, site.lng + dx, site.lat + dy];
}

const overlaps = (a: readonly number[], b: readonly number[]) =>
  a[0]! < b[2]! && b[0]! < a[2]! && a[1]! < b[3]! && b[1]! < a[3]!;

/**
 * Splits `parcelCount` parcels over mining clusters whose boxes do not overlap (so the
 * land-class layers of two clusters never overlap either).
 */
export function planClusters(parcelCount: number): ClusterPlan[] {
  const mean = meanParcelAreaM2();
  for (let perCluster = preferredPerCluster; ; perCluster = Math.ceil(perCluster * 1.5)) {
    const wanted = Math.max(1, Math.ceil(parcelCount / perCluster));
    const size = Math.ceil(parcelCount / wanted);
    const sideM = Math.max(2000, Math.sqrt((size * mean) / coverage));
    const chosen: { site: MiningSite; box: [number, number, number, number] }[] = [];
    for (const site of miningSites) {
      if (chosen.length === wanted) break;
      const box = boxOf(site, sideM);
      if (!chosen.some((c) => overlaps(c.box, box))) chosen.push({ site, box });
    }
    if (chosen.length === wanted) {
      return chosen.map((c, index) => ({
        index,
        site: c.site,
        parcels: Math.min(size, parcelCount - index * size),
        sideM,
        box: c.box,
      }));
    }
  }
}

/** A spatial hash of placed circles (metres, in the cluster's plane) to keep parcels apart. */
export class CircleIndex {
  readonly #cells = new Map<string, { x: number; y: number; r: number }[]>();
  #maxRadius = 0;

  constructor(private readonly cellM: number) {}

  /** True when a circle at (x, y) of radius r keeps `gapM` from every placed circle. */
  fits(x: number, y: number, r: number, gapM: number): boolean {
    const reach = Math.ceil((r + this.#maxRadius + gapM) / this.cellM);
    const ci = Math.floor(x / this.cellM);
    const cj = Math.floor(y / this.cellM);
    for (let i = ci - reach; i <= ci + reach; i += 1) {
      for (let j = cj - reach; j <= cj + reach; j += 1) {
        for (const c of this.#cells.get(`${i},${j}`) ?? []) {
          if (Math.hypot(c.x - x, c.y - y) < c.r + r + gapM) return false;
        }
      }
    }
    return true;
  }

  add(x: number, y: number, r: number): void {
    const key = `${Math.floor(x / this.cellM)},${Math.floor(y / this.cellM)}`;
    const list = this.#cells.get(key) ?? [];
    list.push({ x, y, r });
    this.#cells.set(key, list);
    this.#maxRadius = Math.max(this.#maxRadius, r);
  }
}
