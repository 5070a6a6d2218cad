// The overview layer of zoomed-out tiles, over HTTP in both storage modes: parcels counted per
// cell and county where they are, each visible parcel in exactly one tile of a zoom, the same
// visibility as the parcel tiles (published only for the public, the division for officials),
// the sums and states the map draws, and the zoom where parcels take over.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { systemActor } from '../../identity/domain/actor.ts';
import { asSystem } from '../../identity/scoped-db.ts';
import { square } from '../../../test/support/shapes.ts';
import { decodeTile, tileContaining, type DecodedFeature } from '../../../test/support/mvt.ts';
import { describeEachMode } from '../../../test/support/test-db.ts';
import { createTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { squareMetresPerMu } from '../domain/record.ts';

/** Jiawang, Xuzhou ([lng, lat]): the cluster lies well inside one z10 tile and one cell. */
const cluster: [number, number] = [117.45, 34.4];

/** The z10 tile column whose west edge is the first east of the cluster, and that edge's longitude. */
const edgeColumn = tileContaining(cluster[0], cluster[1], 10).x + 1;
const edgeLng = (edgeColumn / 2 ** 10) * 360 - 180;

interface Seed {
  name: string;
  division: string;
  state: string;
  termEnd: string;
  published: boolean;
  /** South-west corner and side in degrees. */
  at: [number, number];
  size?: number;
}

const seeds: Seed[] = [
  {
    name: 'p1',
    division: '320305',
    state: 'approved',
    termEnd: '2026-05-01',
    published: true,
    at: [117.45, 34.4],
  },
  {
    name: 'p2',
    division: '320305',
    state: 'in_use',
    termEnd: '2027-01-01',
    published: true,
    at: [117.453, 34.4],
  },
  {
    name: 'p3',
    division: '320305',
    state: 'in_use',
    termEnd: '2025-12-31',
    published: false,
    at: [117.456, 34.4],
  },
  {
    name: 'p4',
    division: '320305',
    state: 'reclaiming',
    termEnd: '2024-01-01',
    published: true,
    at: [117.45, 34.403],
  },
  {
    name: 'p5',
    division: '320305',
    state: 'written_off',
    termEnd: '2024-01-01',
    published: true,
    at: [117.453, 34.403],
  },
  {
    name: 'q1',
    division: '320312',
    state: 'accepted',
    termEnd: '2023-06-30',
    published: true,
    at: [117.456, 34.403],
  },
  // 0.004° wide, its centre 0.0005° east of a z10 tile edge: it reaches into both tiles.
  {
    name: 'edge',
    division: '320305',
    state: 'approved',
    termEnd: '2029-01-01',
    published: true,
    at: [edgeLng - 0.0015, 34.4],
    size: 0.004,
  },
];

/** [x, y] of a point in the tile units of tile (z, x, y), by the spherical Mercator formulas. */
function tileUnits(lng: number, lat: number, z: number, tx: number, ty: number): [number, number] {
  const n = 2 ** z * 4096;
  const latRad = (lat * Math.PI) / 180;
  const px = ((lng + 180) / 360) * n;
  const py = ((1 - Math.asinh(Math.tan(latRad)) / Math.PI) / 2) * n;
  return [px - tx * 4096, py - ty * 4096];
}

describeEachMode('overview tiles (zooms 0–11)', (db) => {
  let t: TestApp;
  let cookie: Record<string, string> = {};
  const area: Record<string, number> = {};

  const tileAt = async (z: number, lng: number, lat: number, who?: string, dx = 0) => {
    const { x, y } = tileContaining(lng, lat, z);
    const response = await t.app.inject({
      method: 'GET',
      url: `/tiles/temporary-land/${z}/${x + dx}/${y}.mvt`,
      headers: who ? { cookie: cookie[who] ?? '' } : {},
    });
    expect(response.statusCode).toBe(200);
    return { x: x + dx, y, bytes: response.rawPayload, tile: decodeTile(response.rawPayload) };
  };
  const counts = (features: DecodedFeature[]): Record<string, unknown> =>
    Object.fromEntries(
      features.map((f): [string, unknown] => [
        String(f.properties.divisionCode),
        f.properties.count,
      ]),
    );
  const mu = (...names: string[]) =>
    Math.round((names.reduce((sum, n) => sum + (area[n] ?? NaN), 0) / squareMetresPerMu) * 10) / 10;

  beforeAll(async () => {
    t = await createTestApp(db(), { RECLAIM_LOGIN_ATTEMPTS_PER_MINUTE: '1000' });
    const rows = await asSystem(
      db(),
      systemActor('test'),
      (tx) =>
        tx.query<{ name: string; area: number }>(
          `INSERT INTO temporary_land (province_code, division_code, state, project_name, project_class, use_type,
             term_end, disclosure_published_on, geom)
           SELECT left(s.division, 2), s.division, s.state, s.name, 'transport', 'material_yard', s."termEnd"::date,
                  CASE WHEN s.published THEN DATE '2026-03-05' END,
                  ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(s.geometry), 4490))
           FROM jsonb_to_recordset($1::jsonb) AS s(name text, division text, state text, "termEnd" text,
                  published boolean, geometry text)
           RETURNING project_name AS name, area_m2 AS area`,
          [
            JSON.stringify(
              seeds.map((s) => ({
                ...s,
                geometry: JSON.stringify(square(s.at[0], s.at[1], s.size)),
              })),
            ),
          ],
        ),
      'overview seed',
    );
    for (const row of rows) area[row.name] = row.area;
    cookie = await t.addAndLogIn([
      ['jiawang', 'county', '320305'],
      ['xuzhou', 'city', '320300'],
      ['datong', 'county', '140212'],
    ]);
  }, 120_000);
  afterAll(() => t.close());

  it('counts a city official’s parcels per cell and county, with their area, main state and first term end', async () => {
    const { tile, x, y } = await tileAt(10, ...cluster, 'xuzhou');
    expect(tile.layers).toEqual({ temporary_land_overview: { version: 2, extent: 4096 } });
    expect(tile.features.every((f) => f.type === 1 && f.points.length === 1)).toBe(true);
    expect(tile.features.map((f) => f.properties)).toEqual([
      {
        divisionCode: '320305',
        count: 4,
        areaMu: mu('p1', 'p2', 'p3', 'p4'),
        state: 'in_use',
        // p3's: reclaiming p4 ended earlier, but is no longer expected to be in use.
        firstLiveTermEnd: '2025-12-31',
      },
      { divisionCode: '320312', count: 1, areaMu: mu('q1'), state: 'accepted' },
    ]);
    // Each point is the mean of its parcels' box centres, to the nearest tile unit.
    const centre = (s: Seed) =>
      tileUnits(s.at[0] + (s.size ?? 0.002) / 2, s.at[1] + (s.size ?? 0.002) / 2, 10, x, y);
    const members = seeds.slice(0, 4).map(centre);
    const mean = [0, 1].map((k) => members.reduce((sum, m) => sum + m[k]!, 0) / members.length);
    const [px = NaN, py = NaN] = tile.features[0]?.points[0] ?? [];
    expect(Math.abs(px - mean[0]!)).toBeLessThanOrEqual(1);
    expect(Math.abs(py - mean[1]!)).toBeLessThanOrEqual(1);
  });

  it('shows the public published parcels only, a county official their county, others nothing', async () => {
    const pub = (await tileAt(10, ...cluster)).tile.features;
    expect(pub.map((f) => f.properties)).toEqual([
      // One each of approved, in use and reclaiming: the tie goes to the first code.
      {
        divisionCode: '320305',
        count: 3,
        areaMu: mu('p1', 'p2', 'p4'),
        state: 'approved',
        firstLiveTermEnd: '2026-05-01',
      },
      { divisionCode: '320312', count: 1, areaMu: mu('q1'), state: 'accepted' },
    ]);
    expect(counts((await tileAt(10, ...cluster, 'jiawang')).tile.features)).toEqual({
      '320305': 4,
    });
    const outside = await tileAt(10, ...cluster, 'datong');
    expect(outside.bytes.length).toBe(0);
  });

  it('counts a parcel across a tile edge once, in the tile holding its centre, at every overview zoom', async () => {
    const west = await tileAt(10, edgeLng - 0.001, 34.4, 'jiawang');
    const east = await tileAt(10, edgeLng + 0.001, 34.4, 'jiawang');
    expect(east.x).toBe(edgeColumn);
    expect(counts(west.tile.features)).toEqual({ '320305': 4 });
    expect(counts(east.tile.features)).toEqual({ '320305': 1 });
    for (const z of [8, 9]) {
      const total = (await tileAt(z, ...cluster, 'xuzhou')).tile.features.reduce(
        (sum, f) => sum + Number(f.properties.count),
        0,
      );
      expect(total, `zoom ${z}`).toBe(6);
    }
  });

  it('draws parcels themselves from zoom 12, and counts from the tally below zoom 8', async () => {
    // Zoom 11 is the deepest overview: the same parcels as zoom 10's cluster, in smaller cells.
    const eleven = (await tileAt(11, ...cluster, 'xuzhou')).tile;
    expect(Object.keys(eleven.layers)).toEqual(['temporary_land_overview']);
    const perCounty: Record<string, number> = {};
    for (const f of eleven.features) {
      const code = String(f.properties.divisionCode);
      perCounty[code] = (perCounty[code] ?? 0) + Number(f.properties.count);
    }
    expect(perCounty).toEqual({ '320305': 4, '320312': 1 });
    const parcels = (await tileAt(12, ...cluster, 'xuzhou')).tile;
    expect(Object.keys(parcels.layers)).toEqual(['temporary_land']);
    expect(parcels.features.map((f) => f.properties.projectName).sort()).toEqual([
      'p1',
      'p2',
      'p3',
      'p4',
      'q1',
    ]);
    // From zoom 5 out, one cell holds the whole cluster: zoom 10's sums, without term ends.
    for (const z of [5, 3, 0]) {
      const { tile } = await tileAt(z, ...cluster, 'xuzhou');
      expect(tile.layers, `zoom ${z}`).toEqual({
        temporary_land_overview: { version: 2, extent: 4096 },
      });
      expect(
        tile.features.map((f) => f.properties),
        `zoom ${z}`,
      ).toEqual([
        {
          divisionCode: '320305',
          count: 5,
          areaMu: mu('p1', 'p2', 'p3', 'p4', 'edge'),
          state: 'approved',
        },
        { divisionCode: '320312', count: 1, areaMu: mu('q1'), state: 'accepted' },
      ]);
    }
    // Zooms 6 and 7's cells are zoom-10 and zoom-11 tiles: the edge parcel has its own.
    const seven = (await tileAt(7, ...cluster, 'xuzhou')).tile.features;
    expect(seven.map((f) => [f.properties.divisionCode, f.properties.count])).toEqual([
      ['320305', 4],
      ['320312', 1],
      ['320305', 1],
    ]);
    // The public's: published p1, p2, p4 and the edge parcel.
    expect(counts((await tileAt(5, ...cluster)).tile.features)).toEqual({
      '320305': 4,
      '320312': 1,
    });
  });

  it('counts a new registration at once', async () => {
    await t.services.register.create(
      systemActor('test'),
      {
        divisionCode: '320305',
        projectName: 'p6',
        projectClass: 'transport',
        useType: 'material_yard',
        approvalDate: '2026-03-02',
        termEnd: '2028-03-01',
        disclosurePublishedOn: null,
        geometry: square(117.459, 34.4),
      },
      'seed',
    );
    expect(counts((await tileAt(10, ...cluster, 'jiawang')).tile.features)).toEqual({
      '320305': 5,
    });
    expect(counts((await tileAt(5, ...cluster, 'jiawang')).tile.features)).toEqual({
      '320305': 6,
    });
  });
});
