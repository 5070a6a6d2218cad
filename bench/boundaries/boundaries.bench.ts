// Division-boundary tiles from the pre-simplified copies (migration 0025) against the same tiles
// from the full geometry (the baseline, what every zoom read before), in the same run, on
// synthetic county boundaries as large as real XZQ ones (test/support/boundaries.ts: 50,000
// vertices each by default, an enclave each), loaded by the city of Xuzhou as one multi-county
// file. Per zoom band, one repetition draws every tile over the counties at zoom 5 and 8 and a
// row of tiles across them at zoom 11, as a ministry user under row-level security, encoded as
// the mode serves them (server: ST_AsMVT; embedded: the Node encoder).
//
// Sizes: RECLAIM_BENCH_BOUNDARY_COUNTIES (default 8, at most 10) and
// RECLAIM_BENCH_BOUNDARY_VERTICES (default 50,000 per county).
import { readFileSync } from 'node:fs';
import { systemActor } from '../../src/identity/domain/actor.ts';
import { inScope } from '../../src/identity/scoped-db.ts';
import type { Db } from '../../src/platform/db/db.ts';
import type { TileAddress } from '../../src/register/tiles/domain/tile-address.ts';
import { encodeTile } from '../../src/register/tiles/mvt-encoder.ts';
import {
  divisionFileUrl,
  toRow,
  type DivisionFile,
} from '../../src/reference/divisions/division-file.ts';
import { createSurveyLayerImportService } from '../../src/register/survey-layers/survey-layer-import.service.ts';
import {
  clippedReferenceFeatures,
  postgisReferenceTile,
  referenceTileLayers,
  type BoundarySource,
} from '../../src/reference/tiles/reference-tiles.store.ts';
import { boundaryFile, syntheticCounty } from '../../test/support/boundaries.ts';
import { tileContaining } from '../../test/support/mvt.ts';
import type { Benchmark, Case, Comparison } from '../harness/bench.ts';
import { ministryUser as actor } from '../harness/actors.ts';

const counties = Number(process.env.RECLAIM_BENCH_BOUNDARY_COUNTIES ?? 8);
const vertices = Number(process.env.RECLAIM_BENCH_BOUNDARY_VERTICES ?? 50_000);
/** Xuzhou's current counties from the shipped division table (real codes; schematic shapes). */
const codes = (JSON.parse(readFileSync(divisionFileUrl, 'utf8')) as DivisionFile).rows
  .map(toRow)
  .filter((r) => r.parent === '320300' && r.level === 'county' && r.validTo === null)
  .map((r) => r.code);

/** Counties 20 km in radius on a grid of 0.5° × 0.4° from 117.0°E, 34.0°N, five to a row. */
const boundaries = () =>
  codes.slice(0, Math.min(counties, codes.length)).map((code, i) =>
    syntheticCounty(code, [117 + (i % 5) * 0.5, 34 + Math.floor(i / 5) * 0.4], {
      radiusM: 20_000,
      vertices,
      seed: i + 1,
    }),
  );

/** The tiles one repetition of a band draws. */
function tilesAt(z: number): TileAddress[] {
  const rows = Math.ceil(counties / 5);
  const [west, south] = [116.7, 33.75];
  const [east, north] = [117 + Math.min(counties - 1, 4) * 0.5 + 0.3, 34 + (rows - 1) * 0.4 + 0.25];
  const nw = tileContaining(west, north, z);
  const se = tileContaining(east, south, z);
  // Zoomed in, one row of tiles through the first row of centres (crossing every county there).
  const ys = z <= 8 ? range(nw.y, se.y) : [tileContaining(117, 34, z).y];
  return range(nw.x, se.x).flatMap((x) => ys.map((y) => ({ z, x, y })));
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

async function drawAll(
  db: Db,
  tiles: readonly TileAddress[],
  mode: 'server' | 'embedded',
  from: BoundarySource,
): Promise<number> {
  let bytes = 0;
  for (const address of tiles) {
    if (mode === 'server') {
      bytes += (
        await inScope(db, actor, (tx) => postgisReferenceTile(tx, 'division', address, '%', from))
      ).length;
    } else {
      const features = await inScope(db, actor, (tx) =>
        clippedReferenceFeatures(tx, 'division', address, '%', from),
      );
      bytes += encodeTile(features, referenceTileLayers.division.name).length;
    }
  }
  return bytes;
}

export const benchmark: Benchmark = {
  name: 'boundaries',
  description:
    `Division-boundary tiles from the copies pre-simplified per zoom band on load (migration 0025) ` +
    `against the same tiles from the full geometry, on ${counties} synthetic counties of ` +
    `${vertices.toLocaleString('en')} vertices each (an enclave each), as a ministry user.`,
  async setup(options, databases) {
    const comparisons: Comparison[] = [];
    const teardowns: (() => Promise<void>)[] = [];
    const file = boundaryFile(boundaries());
    let loadMs = 0;
    const fill = async (db: Db) => {
      const started = performance.now();
      await createSurveyLayerImportService(db).import(
        systemActor('bench'),
        [{ name: 'xzq.geojson', bytes: file }],
        {
          layer: 'division',
          divisionCode: '320300',
          surveyYear: 2025,
          source: 'synthetic boundaries',
          reason: 'boundary benchmark',
        },
      );
      loadMs = performance.now() - started;
    };
    for (const mode of options.modes) {
      let db: Db;
      if (mode === 'server') {
        const clone = await (await databases.serverTemplate('boundaries', fill)).clone();
        db = clone.db;
        teardowns.push(() => clone.drop());
      } else {
        db = await (await databases.embeddedTemplate(fill)).clone();
        teardowns.push(() => db.close());
      }
      const [points] = await db.query<{ z5: number; z8: number; z11: number; full: number }>(
        `SELECT sum(ST_NPoints(geom_z5))::int AS z5, sum(ST_NPoints(geom_z8))::int AS z8,
                sum(ST_NPoints(geom_z11))::int AS z11, sum(ST_NPoints(geom))::int AS full
         FROM division_boundary`,
      );
      for (const z of [5, 8, 11]) {
        const tiles = tilesAt(z);
        const on = (name: string, from: BoundarySource): Case => ({
          name,
          run: () => drawAll(db, tiles, mode, from).then(() => undefined),
        });
        // One untimed pass each, so both start warm (plans, caches, PostGIS and PROJ loaded).
        const fullBytes = await drawAll(db, tiles, mode, 'full');
        const bandedBytes = await drawAll(db, tiles, mode, 'banded');
        comparisons.push({
          title: `boundary tiles at zoom ${z}, ${mode}`,
          description:
            `${tiles.length} tiles per repetition (${fullBytes.toLocaleString('en')} bytes from the full ` +
            `geometry, ${bandedBytes.toLocaleString('en')} from the copies).`,
          baseline: on('full geometry', 'full'),
          cases: [on('pre-simplified copy', 'banded')],
          repetitions: options.repetitions,
          units: { count: tiles.length, name: 'tiles' },
          notes: [
            `Vertices stored, all counties: full ${points?.full.toLocaleString('en')}, ` +
              `zoom 9–11 copy ${points?.z11.toLocaleString('en')}, 6–8 ${points?.z8.toLocaleString('en')}, ` +
              `0–5 ${points?.z5.toLocaleString('en')}; the load with the copies took ${(loadMs / 1000).toFixed(1)} s ` +
              `(${mode}, once, untimed by the harness).`,
          ],
        });
      }
    }
    return {
      comparisons,
      teardown: async () => {
        for (const t of teardowns) await t();
      },
    };
  },
};
