// The pre-simplified boundary copies (migration 0025), in both storage modes, on two synthetic
// counties of 8,000 vertices with an enclave each: every copy is valid with the parts and rings
// of its boundary, lies within its tolerance of it in metres (Gauss–Krüger zone 39), keeps fewer
// vertices the lower its band; and a tile of zooms 0–11 drawn from the band's copy is the tile
// drawn from the full geometry, feature by feature, within two tile units and 1 % of the area
// (zooms 4–11).
import { beforeAll, expect, it } from 'vitest';
import { systemActor } from '../../identity/domain/actor.ts';
import { loadConfig } from '../../platform/config/config.ts';
import { encodeTile } from '../../register/tiles/mvt-encoder.ts';
import { createServices } from '../../server/services.ts';
import { boundaryFile, syntheticCounty } from '../../../test/support/boundaries.ts';
import { decodeTile, tileContaining, tileDifferences } from '../../../test/support/mvt.ts';
import { describeEachMode } from '../../../test/support/test-db.ts';
import { boundaryBands, boundaryColumnAt, boundaryToleranceM } from './domain/boundary-bands.ts';
import {
  clippedReferenceFeatures,
  postgisReferenceTile,
  referenceTileLayers,
  type BoundarySource,
} from './reference-tiles.store.ts';

const counties = [
  syntheticCounty('320305', [117.55, 34.45], { radiusM: 15_000, vertices: 8_000, seed: 5 }),
  syntheticCounty('320312', [117.15, 34.15], { radiusM: 15_000, vertices: 8_000, seed: 12 }),
];

it('picks the band of each zoom, the full geometry from zoom 12', () => {
  expect([0, 5, 6, 8, 9, 11, 12, 18].map(boundaryColumnAt)).toEqual([
    'geom_z5',
    'geom_z5',
    'geom_z8',
    'geom_z8',
    'geom_z11',
    'geom_z11',
    'geom',
    'geom',
  ]);
  // Half a tile unit of the band's deepest zoom on the ground, at Xuzhou's latitude.
  expect(boundaryBands.map((b) => Math.round(boundaryToleranceM(b, 34.4) * 100) / 100)).toEqual([
    126.14, 15.77, 1.97,
  ]);
});

describeEachMode('pre-simplified division boundaries', (db, mode) => {
  beforeAll(async () => {
    const services = createServices(db(), loadConfig({}));
    await services.surveyLayers.import(
      systemActor('test'),
      [{ name: 'xzq.geojson', bytes: boundaryFile(counties) }],
      {
        layer: 'division',
        divisionCode: '320300',
        surveyYear: 2025,
        source: 'synthetic',
        reason: 'test boundaries',
      },
    );
  }, 180_000);

  it('stores a valid copy per band, within its tolerance, fewer vertices the lower the band', async () => {
    for (const band of boundaryBands) {
      const rows = await db().query<{
        code: string;
        valid: boolean;
        parts: number;
        rings: number;
        fullRings: number;
        points: number;
        fullPoints: number;
        distanceM: number;
        maxLat: number;
        labelInside: boolean;
      }>(
        `SELECT boundary_code AS code, ST_IsValid(c) AS valid, ST_NumGeometries(c) AS parts,
                ST_NRings(c) AS rings, ST_NRings(geom) AS "fullRings",
                ST_NPoints(c) AS points, ST_NPoints(geom) AS "fullPoints",
                ST_HausdorffDistance(ST_Transform(geom, 4527), ST_Transform(c, 4527)) AS "distanceM",
                greatest(abs(ST_YMin(geom)), abs(ST_YMax(geom))) AS "maxLat",
                ST_Within(label_point, geom) AS "labelInside"
         FROM (SELECT *, ${band.column} AS c FROM division_boundary) b ORDER BY boundary_code`,
      );
      expect(rows.map((r) => r.code)).toEqual(['320305', '320312']);
      for (const r of rows) {
        expect(r).toMatchObject({
          valid: true,
          parts: 1,
          rings: 2,
          fullRings: 2,
          labelInside: true,
        });
        expect(r.fullPoints).toBe(8_000 + 800 + 2);
        expect(r.distanceM).toBeLessThanOrEqual(boundaryToleranceM(band, r.maxLat));
        // The copy keeps the detail its band can draw, and no more.
        expect(r.distanceM).toBeGreaterThan(boundaryToleranceM(band, r.maxLat) / 4);
      }
    }
    const points = await db().query<{ z5: number; z8: number; z11: number; full: number }>(
      `SELECT sum(ST_NPoints(geom_z5))::int AS z5, sum(ST_NPoints(geom_z8))::int AS z8,
              sum(ST_NPoints(geom_z11))::int AS z11, sum(ST_NPoints(geom))::int AS full
       FROM division_boundary`,
    );
    const [p] = points;
    expect(p!.z5).toBeLessThan(p!.z8);
    expect(p!.z8).toBeLessThan(p!.z11);
    expect(p!.z11).toBeLessThan(p!.full / 2);
    expect(p!.z5).toBeLessThan(p!.full / 50);
  });

  it('draws tiles of zooms 4–11 from the copies as from the full boundaries', async () => {
    const failures: string[] = [];
    let compared = 0;
    const drawn = async (address: { z: number; x: number; y: number }, from: BoundarySource) =>
      decodeTile(
        mode === 'server'
          ? await postgisReferenceTile(db(), 'division', address, '%', from)
          : encodeTile(
              await clippedReferenceFeatures(db(), 'division', address, '%', from),
              referenceTileLayers.division.name,
            ),
      );
    // Every tile over the two counties from zoom 4 to 8, then tiles along an edge deeper. (At
    // zooms 2–3 an enclave 3 km across is one or two tile units, an eighth of a pixel: whether
    // Douglas–Peucker keeps it as a sliver or drops it is arbitrary either way.)
    const [west, south, east, north] = [116.95, 33.98, 117.75, 34.62];
    for (const z of [4, 5, 6, 7, 8, 9, 10, 11]) {
      const nw = tileContaining(west, north, z);
      const se = tileContaining(east, south, z);
      const row = z <= 8 ? [nw.y, se.y] : [tileContaining(117.55, 34.45, z).y];
      for (let x = nw.x; x <= se.x; x++) {
        for (const y of row.length === 2 ? range(row[0]!, row[1]!) : row) {
          const banded = await drawn({ z, x, y }, 'banded');
          const full = await drawn({ z, x, y }, 'full');
          compared += full.features.length;
          for (const d of await tileDifferences(db(), banded, full, {
            units: 2,
            areaRatio: 0.01,
            areaUnits2: 8,
          }))
            failures.push(`${z}/${x}/${y}: ${d}`);
        }
      }
    }
    expect(failures).toEqual([]);
    expect(compared).toBeGreaterThan(20);
  }, 300_000);
});

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}
