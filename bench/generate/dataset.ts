// The whole synthetic data set for one seed: approved parcels clustered around mining areas,
// the land-class and permanent-basic-farmland layers covering the same boxes, and change
// polygons (变化图斑) of which most partly overlap an approval. Deterministic: the same seed
// and size give the same data, whatever else runs.
import {
  demoFarmlandParcels,
  demoLandClassParcels,
  random,
  type DemoArea,
} from '../../src/demo/demo-data.ts';
import type { LayerFeature } from '../../src/reference/layers/layers.store.ts';
import { zoneForLongitude } from '../../src/reference/crs/cgcs2000.ts';
import { parcelAttributes, type DirectState, type ParcelAttributes } from './attributes.ts';
import { CircleIndex, metresPerDegree, planClusters, type ClusterPlan } from './layout.ts';
import { areaFromUniform, parcelShape, starRing, type PolygonsXy } from './shapes.ts';

export interface GenerateOptions {
  seed: number;
  parcels: number;
  /** Change polygons per approved parcel (default 0.3). */
  changesPerParcel?: number;
  /** Side of a land-class cell, metres (default 400). */
  landClassCellM?: number;
}

/** MultiPolygon coordinates, [lng, lat] in EPSG:4490, rings closed. */
export type MultiPolygonCoordinates = number[][][][];

export interface GeneratedParcel {
  /** 1-based across the data set. */
  index: number;
  cluster: number;
  /** 3-degree Gauss–Krüger zone of the cluster (for the coordinate txt). */
  zone: number;
  coordinates: MultiPolygonCoordinates;
  /** Distinct vertices over all rings. */
  vertices: number;
  plannedAreaM2: number;
  attributes: ParcelAttributes;
  /** State given when written straight to the database (imports always start 'approved'). */
  state: DirectState;
}

export interface ChangePolygon {
  code: string;
  divisionCode: string;
  cluster: number;
  /** Polygon coordinates, [lng, lat] in EPSG:4490. */
  coordinates: number[][][];
  /** Code of the approval it was drawn across, or null for a change away from approvals. */
  nearParcel: string | null;
  landClassCode: string;
  detectedOn: string;
}

export interface Dataset {
  seed: number;
  clusters: ClusterPlan[];
  parcels: GeneratedParcel[];
  landClass: LayerFeature[][];
  farmland: LayerFeature[][];
  changes: ChangePolygon[];
}

const round7 = (n: number) => Math.round(n * 1e7) / 1e7;

/** A stream per seed and purpose, so adding one kind of data never shifts another. */
function stream(seed: number, cluster: number, purpose: number): () => number {
  return random((Math.imul(seed, 0x9e3779b1) ^ Math.imul(cluster + 1, 0x85ebca6b) ^ purpose) >>> 0);
}

/** Shape (metres around the parcel's centre) → degrees, by the scale at the parcel's latitude. */
function toDegrees(polygons: PolygonsXy, lng: number, lat: number): MultiPolygonCoordinates {
  const m = metresPerDegree(lat);
  return polygons.map((rings) =>
    rings.map((ring) => ring.map(([x, y]) => [round7(lng + x / m.lng), round7(lat + y / m.lat)])),
  );
}

function placeParcels(
  plan: ClusterPlan,
  seed: number,
  indexBase: number,
): { parcels: GeneratedParcel[]; centres: { x: number; y: number; r: number }[] } {
  const rand = stream(seed, plan.index, 1);
  const shapes = Array.from({ length: plan.parcels }, () =>
    parcelShape(rand, areaFromUniform(rand())),
  );
  const half = plan.sideM / 2;
  const index = new CircleIndex(1000);
  const centres = new Array<{ x: number; y: number; r: number }>(shapes.length);
  const placed: number[] = [];
  // Large parcels first: they are the hardest to fit.
  const order = shapes.map((_, i) => i).sort((a, b) => shapes[b]!.radiusM - shapes[a]!.radiusM);
  const gauss = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
  for (const i of order) {
    const r = shapes[i]!.radiusM;
    const limit = half - r - 100;
    const inside = (x: number, y: number) => Math.abs(x) <= limit && Math.abs(y) <= limit;
    let spot: { x: number; y: number } | undefined;
    const anchor =
      placed.length > 0 && rand() < 0.02
        ? centres[placed[Math.floor(rand() * placed.length)]!]
        : undefined;
    if (anchor) {
      // A light overlap: touching circles pulled 20 % closer; irregular outlines overlap a little or not at all.
      const a = rand() * 2 * Math.PI;
      const d = (anchor.r + r) * 0.8;
      const x = anchor.x + d * Math.cos(a);
      const y = anchor.y + d * Math.sin(a);
      if (inside(x, y)) spot = { x, y };
    }
    for (let attempt = 0; !spot && attempt < 400; attempt += 1) {
      const around = attempt < 200 && rand() < 0.5;
      const x = around ? (gauss() * plan.sideM) / 6 : (rand() * 2 - 1) * limit;
      const y = around ? (gauss() * plan.sideM) / 6 : (rand() * 2 - 1) * limit;
      if (inside(x, y) && index.fits(x, y, r, 5)) spot = { x, y };
    }
    if (!spot) throw new Error(`cluster ${plan.index}: no room for parcel ${i + 1}`);
    index.add(spot.x, spot.y, r);
    centres[i] = { ...spot, r };
    placed.push(i);
  }
  const site = plan.site;
  const m = metresPerDegree(site.lat);
  const zone = zoneForLongitude(site.lng);
  const parcels = shapes.map((shape, i): GeneratedParcel => {
    const c = centres[i]!;
    const lng = site.lng + c.x / m.lng;
    const lat = site.lat + c.y / m.lat;
    const code = `LS${site.divisionCode}${String(i + 1).padStart(5, '0')}`;
    const { attributes, state } = parcelAttributes(rand, site, code, shape.areaM2);
    return {
      index: indexBase + i + 1,
      cluster: plan.index,
      zone,
      coordinates: toDegrees(shape.polygons, lng, lat),
      vertices: shape.vertices,
      plannedAreaM2: shape.areaM2,
      attributes,
      state,
    };
  });
  return { parcels, centres };
}

function layers(plan: ClusterPlan, seed: number, cellM: number) {
  const m = metresPerDegree(plan.site.lat);
  const cells = Math.ceil(plan.sideM / cellM);
  const rand = stream(seed, plan.index, 2);
  const area: DemoArea = {
    divisionCode: plan.site.divisionCode,
    originLng: plan.box[0],
    originLat: plan.box[1],
    columns: cells,
    rows: cells,
    cellLng: cellM / m.lng,
    cellLat: cellM / m.lat,
    // Most mining areas have a subsidence lake (采煤塌陷区).
    lake:
      rand() < 0.6
        ? { x: 0.3 + 0.4 * rand(), y: 0.3 + 0.4 * rand(), radius: 0.1 + 0.1 * rand() }
        : null,
    seed: (seed * 7919 + plan.index) >>> 0,
  };
  const landClass = demoLandClassParcels(area).map((p, i) => ({
    ...p,
    surveyCode: `DLTB${plan.site.divisionCode}${String(i + 1).padStart(6, '0')}`,
  }));
  return { landClass, farmland: demoFarmlandParcels(landClass, area.seed) };
}

function changes(
  plan: ClusterPlan,
  seed: number,
  parcels: readonly GeneratedParcel[],
  centres: readonly { x: number; y: number; r: number }[],
  perParcel: number,
): ChangePolygon[] {
  const rand = stream(seed, plan.index, 3);
  const count = Math.round(parcels.length * perParcel);
  const site = plan.site;
  const m = metresPerDegree(site.lat);
  const half = plan.sideM / 2;
  const classes = ['0602', '1206', '0702', '1003', '0404'];
  return Array.from({ length: count }, (_, i): ChangePolygon => {
    const k = Math.floor(rand() * parcels.length);
    const near = rand() < 2 / 3 ? k : -1;
    let x: number;
    let y: number;
    let radius: number;
    if (near >= 0) {
      // Drawn across the approval's edge: centre 0.4–1 radius away, 0.5–1 of its size.
      const c = centres[near]!;
      const a = rand() * 2 * Math.PI;
      const d = c.r * (0.4 + 0.6 * rand());
      x = c.x + d * Math.cos(a);
      y = c.y + d * Math.sin(a);
      radius = c.r * (0.5 + 0.5 * rand());
    } else {
      radius = 30 + 200 * rand() ** 2;
      x = (rand() * 2 - 1) * (half - radius - 100);
      y = (rand() * 2 - 1) * (half - radius - 100);
    }
    x = Math.max(-half + radius, Math.min(half - radius, x));
    y = Math.max(-half + radius, Math.min(half - radius, y));
    const ring = starRing(rand, 5 + Math.floor(rand() * 12), radius);
    const [polygon] = toDegrees([[ring]], site.lng + x / m.lng, site.lat + y / m.lat);
    const detected = Date.UTC(2025, 0, 1) + Math.floor(rand() * 365) * 86_400_000;
    return {
      code: `BH${site.divisionCode}${String(i + 1).padStart(6, '0')}`,
      divisionCode: site.divisionCode,
      cluster: plan.index,
      coordinates: polygon!,
      nearParcel: near >= 0 ? parcels[near]!.attributes.code : null,
      landClassCode: classes[Math.floor(rand() * classes.length)]!,
      detectedOn: new Date(detected).toISOString().slice(0, 10),
    };
  });
}

export function generateDataset(options: GenerateOptions): Dataset {
  if (!Number.isSafeInteger(options.parcels) || options.parcels < 1)
    throw new RangeError(`parcels must be a positive integer: ${options.parcels}`);
  const seed = options.seed >>> 0;
  const clusters = planClusters(options.parcels);
  const dataset: Dataset = {
    seed,
    clusters,
    parcels: [],
    landClass: [],
    farmland: [],
    changes: [],
  };
  for (const plan of clusters) {
    const { parcels, centres } = placeParcels(plan, seed, dataset.parcels.length);
    const layer = layers(plan, seed, options.landClassCellM ?? 400);
    for (const p of parcels) dataset.parcels.push(p);
    dataset.landClass.push(layer.landClass);
    dataset.farmland.push(layer.farmland);
    for (const c of changes(plan, seed, parcels, centres, options.changesPerParcel ?? 0.3))
      dataset.changes.push(c);
  }
  return dataset;
}
