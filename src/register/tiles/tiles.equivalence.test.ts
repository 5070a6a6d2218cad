// The two tile encoders agree. Each folder in fixtures/ holds parcels (input.geojson) and the
// tiles to check (case.json); expected.json is what PostGIS's ST_AsMVT made of them on the
// server, decoded. In server mode both ST_AsMVT and the Node encoder must match it (and each
// other); in embedded mode the Node encoder must. So embedded tiles equal server tiles.
// Regenerate expected.json on purpose: RECLAIM_UPDATE_TILE_FIXTURES=1 RECLAIM_TEST_MODES=server.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor, type Actor } from '../../identity/domain/actor.ts';
import { asSystem, inScope } from '../../identity/scoped-db.ts';
import type { Db, Queryable, StorageMode } from '../../platform/db/db.ts';
import { testModes } from '../../../test/support/modes.ts';
import { describeEachMode, openTestDb } from '../../../test/support/test-db.ts';
import {
  decodeTile,
  readTileCases,
  tileDifferences,
  type DecodedTile,
  type TileCase,
} from '../../../test/support/mvt.ts';
import { parseTileAddress } from './domain/tile-address.ts';
import { encodeTile } from './mvt-encoder.ts';
import { createTileService } from './tiles.service.ts';
import {
  clippedFeatures,
  postgisEncodesTiles,
  postgisTile,
  type TileFilter,
} from './tiles.store.ts';

const fixturesDir = join(import.meta.dirname, 'fixtures');
const updating = process.env.RECLAIM_UPDATE_TILE_FIXTURES === '1';
const everything: TileFilter = { scopeLike: '%', publishedOnly: false };
const nationalOfficial: Actor = {
  kind: 'user',
  userId: null,
  name: 'ministry',
  role: 'ministry',
  divisionCode: '000000',
  isAdmin: false,
};

type Case = TileCase<{
  features: { properties: Record<string, string | null>; geometry: unknown }[];
}>;

const cases: Case[] = readTileCases<Case['input']>(fixturesDir, updating);

const addressOf = (key: string) => {
  const [z = '', x = '', y = ''] = key.split('/');
  return parseTileAddress(z, x, y);
};

/** Stores every fixture parcel (ids as in input.geojson, all published). */
async function seedFixtures(db: Db): Promise<void> {
  const rows = cases.flatMap((c) =>
    c.input.features.map((f) => ({ ...f.properties, geometry: JSON.stringify(f.geometry) })),
  );
  await asSystem(
    db,
    systemActor('test'),
    (tx) =>
      tx.query(
        `INSERT INTO temporary_land (id, province_code, division_code, state, project_name, project_class, use_type,
           system_number, term_end, disclosure_published_on, geom)
         SELECT f.id::uuid, left(f."divisionCode", 2), f."divisionCode", f.state, f."projectName", 'transport',
                f."useType", f."systemNumber", f."termEnd"::date, DATE '2026-03-01',
                ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(f.geometry), 4490))
         FROM jsonb_to_recordset($1::jsonb) AS f(id text, "divisionCode" text, state text, "projectName" text,
                "useType" text, "systemNumber" text, "termEnd" text, geometry text)`,
        [JSON.stringify(rows)],
      ),
    'tile fixtures',
  );
}

describeEachMode('vector tiles: ST_AsMVT and the Node encoder agree', (db, mode) => {
  beforeAll(() => seedFixtures(db()));

  it(`${mode === 'server' ? 'has' : 'lacks'} ST_AsMVT here, which decides the default encoder`, async () => {
    expect(await postgisEncodesTiles(db())).toBe(mode === 'server');
  });

  for (const c of cases) {
    it(`${c.name}: ${c.description}`, async () => {
      const failures: string[] = [];
      const made: Record<string, DecodedTile> = {};
      for (const key of c.tiles) {
        const address = addressOf(key);
        const node = decodeTile(encodeTile(await clippedFeatures(db(), address, everything)));
        if (mode === 'server') {
          const postgis = decodeTile(await postgisTile(db(), address, everything));
          made[key] = postgis;
          for (const d of await tileDifferences(db(), node, postgis)) {
            failures.push(`${key} node vs ST_AsMVT: ${d}`);
          }
          if (!updating) {
            for (const d of await tileDifferences(db(), postgis, c.expected[key] ?? missing)) {
              failures.push(`${key} ST_AsMVT vs expected.json: ${d}`);
            }
          }
        }
        if (!updating) {
          for (const d of await tileDifferences(db(), node, c.expected[key] ?? missing)) {
            failures.push(`${key} node vs expected.json: ${d}`);
          }
        }
      }
      if (updating && mode === 'server') {
        writeFileSync(
          join(fixturesDir, c.name, 'expected.json'),
          `${JSON.stringify(made, null, 1)}\n`,
        );
      }
      expect(failures).toEqual([]);
    });
  }

  it('finds the parcels of a tile through the GiST index under row-level security, in both queries', async () => {
    const address = addressOf(cases[0]?.tiles[0] ?? '');
    const plans: string[] = [];
    // As a caller (reclaim_app), where PostgreSQL may not use a query's own `&&` as an index
    // condition: the candidates must come from reclaim_temporary_land_in_box (which uses the
    // GiST index as the owner) and be read by primary key, not by scanning the table.
    await seedFiller(db(), 3000);
    await inScope(db(), nationalOfficial, async (tx) => {
      const explaining: Queryable = {
        exec: (sql) => tx.exec(sql),
        async query<R>(sql: string, params?: readonly unknown[]) {
          const rows = await tx.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${sql}`, params);
          plans.push(rows.map((r) => r['QUERY PLAN']).join('\n'));
          return [] as R[];
        },
      };
      await clippedFeatures(explaining, address, everything);
      if (mode === 'server') await postgisTile(explaining, address, everything);
    });
    expect(plans).toHaveLength(mode === 'server' ? 2 : 1);
    for (const plan of plans) {
      expect(plan).toMatch(/Index Cond: \(id = ANY \(/);
      expect(plan).not.toMatch(/Seq Scan on temporary_land|Index Cond: \(geom IS NOT NULL\)/);
    }
  });

  it('reads a tile under row-level security as the owner does', async () => {
    // The same tile through the index-backed candidates as a national official and as the
    // system (no row-level security): the candidates must not lose or add a parcel.
    for (const key of cases.flatMap((c) => c.tiles)) {
      const address = addressOf(key);
      const asOwner = await asSystem(db(), systemActor('test'), (tx) =>
        clippedFeatures(tx, address, everything),
      );
      const asCaller = await inScope(db(), nationalOfficial, (tx) =>
        clippedFeatures(tx, address, everything),
      );
      expect(
        asCaller.map((f) => f.properties.id),
        key,
      ).toEqual(asOwner.map((f) => f.properties.id));
    }
  });

  it('draws something in every fixture tile but the one inside the hole', () => {
    const drawn = Object.fromEntries(
      cases.flatMap((c) => c.tiles.map((key) => [key, c.expected[key]?.features.length ?? 0])),
    );
    const empty = Object.entries(drawn).filter(([, n]) => n === 0);
    if (!updating) expect(empty.map(([key]) => key)).toEqual([holeTile()]);
  });
});

/**
 * Parcels far from every fixture (a grid near Xiangning, Shanxi), then ANALYZE: enough rows for
 * the planner to choose as it does on a real register, where scanning the table is dear.
 */
async function seedFiller(db: Db, n: number): Promise<void> {
  await asSystem(
    db,
    systemActor('test'),
    (tx) =>
      tx.query(
        `INSERT INTO temporary_land (province_code, division_code, state, project_name, project_class, use_type, geom)
         SELECT '14', '141029', 'approved', 'filler ' || i, 'transport', 'material_yard',
                ST_Multi(ST_Buffer(ST_SetSRID(ST_MakePoint(110.0 + (i % 60) * 0.008, 36.0 + (i / 60) * 0.008), 4490),
                                   0.002, 'quad_segs=2'))
         FROM generate_series(0, $1::int - 1) i`,
        [n],
      ),
    'tile plan test filler',
  );
  await db.exec('ANALYZE temporary_land');
}

const missing: DecodedTile = { layers: {}, features: [] };

function holeTile(): string {
  return (
    cases.find((c) => c.name === 'parcel-with-hole')?.tiles.find((t) => t.startsWith('18/')) ?? ''
  );
}

// With both modes in the run (always under CI), compare them directly too: what the embedded
// server sends (Node encoder) against what the PostgreSQL server sends (ST_AsMVT), tile by tile.
if (testModes().length === 2) {
  describe('vector tiles: embedded mode serves what server mode serves', () => {
    const dbs: Partial<Record<StorageMode, Db>> = {};
    beforeAll(async () => {
      for (const mode of testModes()) {
        const db = await openTestDb(mode);
        dbs[mode] = db;
        await seedFixtures(db);
      }
    }, 120_000);
    afterAll(async () => {
      for (const db of Object.values(dbs)) await db.close();
    });

    it('every fixture tile, as the tile service of each mode makes it', async () => {
      const embedded = createTileService(dbs.embedded!, 'auto');
      const server = createTileService(dbs.server!, 'auto');
      expect([await embedded.encoder(), await server.encoder()]).toEqual(['node', 'postgis']);
      const failures: string[] = [];
      for (const key of cases.flatMap((c) => c.tiles)) {
        const address = addressOf(key);
        const [fromEmbedded, fromServer] = await Promise.all([
          embedded.tile(systemActor('test'), address),
          server.tile(systemActor('test'), address),
        ]);
        const differences = await tileDifferences(
          dbs.server!,
          decodeTile(fromEmbedded.bytes),
          decodeTile(fromServer.bytes),
        );
        failures.push(...differences.map((d) => `${key}: ${d}`));
      }
      expect(failures).toEqual([]);
    });
  });
}
