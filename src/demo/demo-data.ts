// A synthetic but realistic demo around Xuzhou: Jiawang district (贾汪区, 320305) with the
// Pan'an Lake subsidence area, and a smaller piece of Tongshan district (铜山区, 320312) so
// that scope can be seen. Deterministic: the same seed gives the same data.
//
// Land-class polygons tile a jittered grid (neighbours share jittered corners, so there are
// no gaps or overlaps); classes follow a simple landscape: the lake in a subsidence bowl,
// fish ponds and wetland around it, farmland outside, villages, a mine and its roads.
import type { AccountRole } from '../identity/domain/roles.ts';

export interface DemoUser {
  username: string;
  displayName: string;
  role: AccountRole;
  divisionCode: string;
  organization: string;
  isAdmin: boolean;
}

/** Demo password for every demo account (documented in the README; demo data only). */
export const demoPassword = 'Reclaim-Demo-2026';

export const demoUsers: readonly DemoUser[] = [
  {
    username: 'ministry',
    displayName: '部级监管员',
    role: 'ministry',
    divisionCode: '000000',
    organization: '自然资源部（演示）',
    isAdmin: true,
  },
  {
    username: 'jiangsu',
    displayName: '江苏省厅监管员',
    role: 'province',
    divisionCode: '320000',
    organization: '江苏省自然资源厅（演示）',
    isAdmin: true,
  },
  {
    username: 'shanxi',
    displayName: '山西省厅监管员',
    role: 'province',
    divisionCode: '140000',
    organization: '山西省自然资源厅（演示）',
    isAdmin: true,
  },
  {
    username: 'xuzhou',
    displayName: '徐州市局审批员',
    role: 'city',
    divisionCode: '320300',
    organization: '徐州市自然资源和规划局（演示）',
    isAdmin: true,
  },
  {
    username: 'jiawang',
    displayName: '贾汪区分局登记员',
    role: 'county',
    divisionCode: '320305',
    organization: '徐州市自然资源和规划局贾汪分局（演示）',
    isAdmin: false,
  },
  {
    username: 'tongshan',
    displayName: '铜山区分局登记员',
    role: 'county',
    divisionCode: '320312',
    organization: '徐州市自然资源和规划局铜山分局（演示）',
    isAdmin: false,
  },
  {
    username: 'enterprise',
    displayName: '矿业公司用地专员',
    role: 'enterprise',
    divisionCode: '320305',
    organization: '徐州某矿业有限公司（演示）',
    isAdmin: false,
  },
  {
    // The land user of the demo's reclamation record (demo-records.ts): it sees that obligation,
    // reports progress and applies for acceptance.
    username: 'panan',
    displayName: '潘安湖生态建设公司复垦专员',
    role: 'enterprise',
    divisionCode: '320305',
    organization: '徐州潘安湖生态建设有限公司',
    isAdmin: false,
  },
];

export interface DemoParcel {
  divisionCode: string;
  surveyCode: string;
  landClassCode: string;
  /** GeoJSON Polygon, [lng, lat] in EPSG:4490. */
  geometry: { type: 'Polygon'; coordinates: number[][][] };
}

export interface DemoArea {
  divisionCode: string;
  /** South-west corner, degrees. */
  originLng: number;
  originLat: number;
  columns: number;
  rows: number;
  /** Cell size in degrees (≈ 280 m × 280 m at 34.4°N for 0.003 × 0.0025). */
  cellLng: number;
  cellLat: number;
  /** Centre of the subsidence bowl as a fraction of the grid, or null. */
  lake: { x: number; y: number; radius: number } | null;
  seed: number;
}

export const demoAreas: readonly DemoArea[] = [
  // Pan'an Lake lies west of Jiawang's centre, around 117.43°E 34.42°N.
  {
    divisionCode: '320305',
    originLng: 117.395,
    originLat: 34.39,
    columns: 24,
    rows: 20,
    cellLng: 0.003,
    cellLat: 0.0025,
    lake: { x: 0.45, y: 0.5, radius: 0.22 },
    seed: 320305,
  },
  {
    divisionCode: '320312',
    originLng: 117.2,
    originLat: 34.18,
    columns: 10,
    rows: 8,
    cellLng: 0.003,
    cellLat: 0.0025,
    lake: null,
    seed: 320312,
  },
];

/** mulberry32: small, fast, deterministic; uniform numbers in [0, 1). */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const round7 = (n: number) => Math.round(n * 1e7) / 1e7;

function landClassAt(area: DemoArea, x: number, y: number, r: number): string {
  if (area.lake) {
    const d = Math.hypot(x - area.lake.x, (y - area.lake.y) * 1.2);
    if (d < area.lake.radius * 0.7) return '1102'; // lake surface
    if (d < area.lake.radius) return r < 0.5 ? '1104' : '1108'; // fish ponds, swamp
    if (d < area.lake.radius * 1.25) return r < 0.6 ? '0301' : '0810'; // replanted forest, park
  }
  if (x > 0.82 && y < 0.3) return r < 0.7 ? '0602' : '1003'; // the mine and its haul road
  if (r < 0.06) return '0702'; // village homesteads
  if (r < 0.09) return '1006'; // rural roads
  if (r < 0.12) return '1107'; // ditches
  if (r < 0.16) return '0307'; // other forest
  if (r < 0.2) return '0404'; // other grassland (unused)
  return r < 0.6 ? '0103' : r < 0.85 ? '0101' : '0102'; // dry land, paddy, irrigated
}

/** The land-class polygons of one demo area. */
export function demoLandClassParcels(area: DemoArea): DemoParcel[] {
  const rand = random(area.seed);
  const jitter = () => (rand() - 0.5) * 0.5;
  // Corner grid with interior corners moved by up to a quarter cell.
  const corners: [number, number][][] = [];
  for (let j = 0; j <= area.rows; j += 1) {
    const row: [number, number][] = [];
    for (let i = 0; i <= area.columns; i += 1) {
      const edge = i === 0 || j === 0 || i === area.columns || j === area.rows;
      row.push([
        round7(area.originLng + (i + (edge ? 0 : jitter())) * area.cellLng),
        round7(area.originLat + (j + (edge ? 0 : jitter())) * area.cellLat),
      ]);
    }
    corners.push(row);
  }
  const parcels: DemoParcel[] = [];
  for (let j = 0; j < area.rows; j += 1) {
    for (let i = 0; i < area.columns; i += 1) {
      const c = (a: number, b: number) => corners[a]![b]!;
      const ring = [c(j, i), c(j, i + 1), c(j + 1, i + 1), c(j + 1, i), c(j, i)];
      parcels.push({
        divisionCode: area.divisionCode,
        surveyCode: `${area.divisionCode}-${String(j * area.columns + i + 1).padStart(5, '0')}`,
        landClassCode: landClassAt(area, (i + 0.5) / area.columns, (j + 0.5) / area.rows, rand()),
        geometry: { type: 'Polygon', coordinates: [ring] },
      });
    }
  }
  return parcels;
}

/** Permanent basic farmland: most cultivated parcels away from the lake and the mine. */
export function demoFarmlandParcels(landClass: readonly DemoParcel[], seed: number): DemoParcel[] {
  const rand = random(seed + 1);
  return landClass
    .filter((p) => p.landClassCode.startsWith('01') && rand() < 0.7)
    .map((p) => ({ ...p, surveyCode: `YJJBNT-${p.surveyCode}` }));
}
