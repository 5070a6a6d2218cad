// A quick look at tile cost: generates a few hundred parcels around Jiawang, then times every
// tile holding a parcel centre at zooms 10–16 through the tile service, per encoder the
// database offers, and prints medians. Not the load test; a sanity check of the SQL.
//
//   node --import tsx bench/tiles/tile-medians.ts [--parcels 400]          (embedded, temporary)
//   DATABASE_URL=postgres://… node --import tsx bench/tiles/tile-medians.ts (server; an empty database)
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { systemActor, type Actor } from '../../src/identity/domain/actor.ts';
import { asSystem } from '../../src/identity/scoped-db.ts';
import { loadConfig } from '../../src/platform/config/config.ts';
import { openDb } from '../../src/platform/db/open-db.ts';
import type { Db } from '../../src/platform/db/db.ts';
import type { TileAddress } from '../../src/register/tiles/domain/tile-address.ts';
import {
  createTileService,
  type TileEncoderSetting,
} from '../../src/register/tiles/tiles.service.ts';
import { prepareDatabase } from '../../src/startup/prepare-database.ts';

const { values } = parseArgs({ options: { parcels: { type: 'string', default: '400' } } });
const parcels = Number(values.parcels);
const zooms = [10, 12, 14, 16];
const tilesPerZoom = 60;

/** Parcels of 30–300 m, some with a hole, scattered over 0.3° × 0.2° of Jiawang (fixed seed). */
async function seed(db: Db): Promise<void> {
  await asSystem(
    db,
    systemActor('bench'),
    async (tx) => {
      await tx.query('SELECT setseed(0.42)');
      await tx.query(
        `INSERT INTO temporary_land (province_code, division_code, state, project_name, project_class, use_type,
           term_end, disclosure_published_on, geom)
         SELECT '32', '320305', 'in_use', '基准地块 ' || i, 'transport', 'material_yard', DATE '2028-03-01', DATE '2026-03-01',
                ST_Multi(CASE WHEN i % 5 = 0 THEN ST_Difference(shape, ST_Buffer(ST_Centroid(shape), r / 3, 'quad_segs=3'))
                              ELSE shape END)
         FROM (SELECT i, r, ST_Buffer(ST_SetSRID(ST_MakePoint(117.30 + random() * 0.3, 34.30 + random() * 0.2), 4490),
                                     r, 'quad_segs=' || (2 + i % 6)) AS shape
               FROM (SELECT i, 0.0003 + random() * 0.0027 AS r FROM generate_series(1, $1) i) p) s`,
        [parcels],
      );
    },
    'tile benchmark data',
  );
}

async function tileAddresses(db: Db): Promise<Map<number, TileAddress[]>> {
  const byZoom = new Map<number, TileAddress[]>();
  for (const z of zooms) {
    const rows = await db.query<TileAddress>(
      `SELECT DISTINCT $1::int AS z, floor((ST_X(c) + 180) / 360 * 2 ^ $1)::int AS x,
              floor((1 - ln(tan(radians(ST_Y(c))) + 1 / cos(radians(ST_Y(c)))) / pi()) / 2 * 2 ^ $1)::int AS y
       FROM (SELECT ST_PointOnSurface(geom) AS c FROM temporary_land ORDER BY id LIMIT $2) p`,
      [z, tilesPerZoom],
    );
    byZoom.set(z, rows);
  }
  return byZoom;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
};

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const dir = config.databaseUrl ? undefined : await mkdtemp(join(tmpdir(), 'reclaim-bench-'));
  const db = await openDb({ ...config, ...(dir ? { dataDir: dir } : {}) });
  try {
    await prepareDatabase(db);
    await seed(db);
    const addresses = await tileAddresses(db);
    const county: Actor = {
      kind: 'user',
      userId: null,
      name: 'bench',
      role: 'county',
      divisionCode: '320305',
      isAdmin: false,
    };
    const settings: TileEncoderSetting[] = ['auto', 'node'];
    console.log(`${db.mode} mode, ${parcels} parcels, up to ${tilesPerZoom} tiles per zoom`);
    console.log('encoder  zoom  tiles  median ms  p90 ms  median bytes');
    for (const setting of settings) {
      const tiles = createTileService(db, setting);
      const encoder = await tiles.encoder();
      if (setting === 'auto' && encoder === 'node') continue; // the row below covers it
      for (const z of zooms) {
        const list = addresses.get(z) ?? [];
        for (const a of list) await tiles.tile(county, a); // warm caches and plans
        const ms: number[] = [];
        const bytes: number[] = [];
        for (const a of list) {
          const start = performance.now();
          const tile = await tiles.tile(county, a);
          ms.push(performance.now() - start);
          bytes.push(tile.bytes.length);
        }
        const p90 = [...ms].sort((a, b) => a - b)[Math.floor(ms.length * 0.9)] ?? 0;
        console.log(
          `${encoder.padEnd(8)} ${String(z).padStart(4)} ${String(list.length).padStart(6)} ${median(ms).toFixed(1).padStart(10)} ${p90.toFixed(1).padStart(7)} ${String(median(bytes)).padStart(13)}`,
        );
      }
    }
  } finally {
    await db.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  }
}

await main();
