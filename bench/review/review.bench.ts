// The enforcement review's map and list (web app issue 5 item 3, at the scale of issue 4 item
// 7): one monthly batch of change polygons across the generated clusters, its coverage
// computed, opened by a supervisor above it. The baseline is what the page read before the
// batch's tiles existed: the first 5,000 polygons with their geometry as GeoJSON (and no
// others drawn). Against it, in the same run: what it reads now to open the batch — the
// TileJSON and every tile of the opening view (the bounds fitted into the bench map's
// 846 × 816 pixels, as MapLibre's fitBounds does), where every polygon is counted — then the
// list's first page of 100 with the total, and a county's tiles at zoom 12; and what keeping
// the batch's counts per cell (migration 0030) adds to every cross-check.
import { computeCoverage } from '../../src/supervision/enforcement/crosscheck.ts';
import { asSystem } from '../../src/identity/scoped-db.ts';
import { systemActor } from '../../src/identity/domain/actor.ts';
import type { Db, Queryable } from '../../src/platform/db/db.ts';
import type { TileAddress } from '../../src/register/tiles/domain/tile-address.ts';
import { createTileService } from '../../src/register/tiles/tiles.service.ts';
import { createEnforcementReadService } from '../../src/supervision/enforcement/enforcement-read.service.ts';
import { createPolygonTileService } from '../../src/supervision/enforcement/polygon-tiles.service.ts';
import type { Bounds } from '../../src/register/tiles/domain/tilejson.ts';
import { ministryUser } from '../harness/actors.ts';
import type { Benchmark, Case } from '../harness/bench.ts';
import { crosscheckData } from '../crosscheck/dataset.ts';
import { tallyBatch } from '../../src/supervision/enforcement/polygon-tally.store.ts';

/** The bench map's size in CSS pixels (bench/map: the window beside the home page's panel). */
const view = { width: 846, height: 816, padding: 40 };
/** MapLibre draws a tile 512 pixels wide. */
const tilePixels = 512;

const mercatorY = (lat: number) => (1 - Math.asinh(Math.tan((lat * Math.PI) / 180)) / Math.PI) / 2;

/** The zoom fitBounds picks for `bounds` in the view (no cap), and the tiles of that view. */
export function openingTiles(bounds: Bounds): { zoom: number; tiles: TileAddress[] } {
  const [west, south, east, north] = bounds;
  const spanX = ((east - west) / 360) * tilePixels;
  const spanY = (mercatorY(south) - mercatorY(north)) * tilePixels;
  const fit = Math.min(
    (view.width - 2 * view.padding) / spanX,
    (view.height - 2 * view.padding) / spanY,
  );
  const zoom = Math.min(18, Math.log2(fit));
  const z = Math.floor(zoom);
  const n = 2 ** z;
  const x = (lng: number) => Math.floor(((lng + 180) / 360) * n);
  const y = (lat: number) => Math.floor(mercatorY(lat) * n);
  const tiles: TileAddress[] = [];
  for (let tx = x(west); tx <= x(east); tx++)
    for (let ty = y(north); ty <= y(south); ty++) tiles.push({ z, x: tx, y: ty });
  return { zoom, tiles };
}

const sizes = {
  server: Number(process.env.RECLAIM_BENCH_REVIEW_PARCELS ?? 100_000),
  embedded: Number(process.env.RECLAIM_BENCH_REVIEW_EMBEDDED_PARCELS ?? 20_000),
};

async function batchOf(
  db: Queryable,
): Promise<{ id: string; month: string; featureCount: number }> {
  const [batch] = await db.query<{ id: string; month: string; featureCount: number }>(
    `SELECT id, month, feature_count AS "featureCount" FROM enforcement_batch WHERE external_id = 'bench'`,
  );
  if (!batch) throw new Error('the bench batch is missing');
  return batch;
}

export const benchmark: Benchmark = {
  name: 'review',
  description:
    'Opening an enforcement batch for review: its vector tiles and paged list against the page’s former read of 5,000 polygons as GeoJSON.',
  async setup(options, databases) {
    const comparisons = [];
    const teardowns: (() => Promise<void>)[] = [];
    for (const mode of ['server', 'embedded'] as const) {
      if (!options.modes.includes(mode)) continue;
      const parcels = sizes[mode];
      const { fill, changes } = crosscheckData(options.seed, parcels, (line) => options.log(line));
      const withCoverage = async (db: Db) => {
        await fill(db);
        // Statistics first: the coverage statement's plan needs them (the template's own
        // VACUUM ANALYZE comes after this).
        await db.exec('ANALYZE');
        await asSystem(
          db,
          systemActor('bench-review'),
          async (tx) => computeCoverage(tx, await batchOf(tx)),
          'benchmark',
        );
      };
      let db: Db;
      if (mode === 'server') {
        const clone = await (await databases.serverTemplate('review', withCoverage)).clone();
        teardowns.push(() => clone.drop());
        db = clone.db;
      } else {
        db = await (await databases.embeddedTemplate(withCoverage)).clone();
        teardowns.push(() => db.close());
      }
      const batch = await batchOf(db);
      const read = createEnforcementReadService(db);
      const tiles = createPolygonTileService(db, createTileService(db, 'auto'));
      const url = 'http://bench/{z}/{x}/{y}.mvt';
      const { bounds } = await tiles.tileJson(ministryUser, batch.id, url);
      const opening = openingTiles(bounds);
      // A county of the batch, and the zoom-12 tiles of its polygons' bounds.
      const [county] = await db.query<{ code: string }>(
        `SELECT division_code AS code FROM change_polygon WHERE batch_id = $1
         GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`,
        [batch.id],
      );
      const countyBounds = (await tiles.tileJson(ministryUser, batch.id, url, county!.code)).bounds;
      const countyTiles = openingTiles(countyBounds).tiles.length;
      const zoom12 = (() => {
        const [west, south, east, north] = countyBounds;
        const n = 2 ** 12;
        const out: TileAddress[] = [];
        for (
          let x = Math.floor(((west + 180) / 360) * n);
          x <= Math.floor(((east + 180) / 360) * n);
          x++
        )
          for (let y = Math.floor(mercatorY(north) * n); y <= Math.floor(mercatorY(south) * n); y++)
            out.push({ z: 12, x, y });
        return out;
      })();

      const bytes = { geojson: 0, opening: 0, county: 0 };
      // The report prints the notes after the table: the bytes of the latest repetition.
      const notes: string[] = [];
      const noteBytes = () => {
        const n = (b: number) => b.toLocaleString('en');
        notes[0] =
          `Bytes: the GeoJSON of 5,000 polygons ${n(bytes.geojson)}; the opening view's tiles ` +
          `${n(bytes.opening)}; the county's zoom-12 tiles ${n(bytes.county)}.`;
      };
      const baseline: Case = {
        name: `the first 5,000 polygons as GeoJSON (before), ${mode}`,
        run: async () => {
          const { collection } = await read.polygons(ministryUser, {
            batchId: batch.id,
            limit: 5000,
            offset: 0,
            includeSuperseded: true,
          });
          bytes.geojson = JSON.stringify(collection).length;
          noteBytes();
        },
      };
      const cases: Case[] = [
        {
          name: `TileJSON and the ${opening.tiles.length} tiles of the opening view (z${Math.floor(opening.zoom)}), ${mode}`,
          run: async () => {
            await tiles.tileJson(ministryUser, batch.id, url);
            let total = 0;
            for (const address of opening.tiles)
              total += (await tiles.tile(ministryUser, batch.id, address)).bytes.length;
            bytes.opening = total;
            noteBytes();
          },
        },
        {
          name: `the list's first page of 100 with its total, ${mode}`,
          run: async () => {
            await read.polygons(ministryUser, {
              batchId: batch.id,
              limit: 100,
              offset: 0,
              includeSuperseded: true,
            });
          },
        },
        {
          // Rebuilding the counts from the stored polygons and coverage, as the owner; the
          // cross-check counts from the rows it has just computed instead (coverage.store.ts).
          name: `counting the batch per cell again from the stored polygons, ${mode}`,
          reference: true,
          run: async () => {
            await db.transaction((tx) => tallyBatch(tx, batch.id));
          },
        },
        {
          name: `county ${county!.code}: its ${zoom12.length} tiles at zoom 12, ${mode}`,
          reference: true,
          run: async () => {
            let total = 0;
            for (const address of zoom12)
              total += (await tiles.tile(ministryUser, batch.id, address, county!.code)).bytes
                .length;
            bytes.county = total;
            noteBytes();
          },
        },
      ];
      comparisons.push({
        title: `opening a batch of ${changes.toLocaleString('en')} change polygons for review, ${mode}`,
        description: `${parcels.toLocaleString('en')} generated parcels, one batch, coverage computed; as the ministry (row-level security applies). The county's opening view is ${countyTiles} tiles.`,
        baseline,
        cases,
        repetitions: options.repetitions,
        notes,
      });
    }
    return {
      comparisons,
      teardown: async () => {
        for (const teardown of teardowns) await teardown();
      },
    };
  },
};
