// The reference layers' tiles are the same in both storage modes. Each folder in fixtures/
// holds survey polygons (input.geojson, each with its layer) and the tiles to check
// (case.json); expected.json is what ST_AsMVT made of them on the server, decoded. In server
// mode both ST_AsMVT and the Node encoder must match it; in embedded mode the Node encoder must.
// Regenerate expected.json on purpose: RECLAIM_UPDATE_TILE_FIXTURES=1 RECLAIM_TEST_MODES=server.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { systemActor } from '../../identity/domain/actor.ts';
import { asSystem } from '../../identity/scoped-db.ts';
import { parseTileAddress } from '../../register/tiles/domain/tile-address.ts';
import { encodeTile } from '../../register/tiles/mvt-encoder.ts';
import { describeEachMode } from '../../../test/support/test-db.ts';
import {
  decodeTile,
  readTileCases,
  tileDifferences,
  type DecodedTile,
  type TileCase,
} from '../../../test/support/mvt.ts';
import { insertBatch, insertFeatures, type ReferenceLayer } from '../layers/layers.store.ts';
import {
  clippedReferenceFeatures,
  postgisReferenceTile,
  referenceTileLayers,
} from './reference-tiles.store.ts';

const fixturesDir = join(import.meta.dirname, 'fixtures');
const updating = process.env.RECLAIM_UPDATE_TILE_FIXTURES === '1';
const layers: ReferenceLayer[] = ['land_class', 'farmland'];

/** Expected tiles are keyed `layer z/x/y`. */
type Case = TileCase<{
  features: {
    properties: { layer: ReferenceLayer; divisionCode: string; surveyCode: string } & {
      landClassCode?: string;
    };
    geometry: unknown;
  }[];
}>;

const cases: Case[] = readTileCases<Case['input']>(fixturesDir, updating);

const addressOf = (key: string) => {
  const [z = '', x = '', y = ''] = key.split('/');
  return parseTileAddress(z, x, y);
};

const missing: DecodedTile = { layers: {}, features: [] };

describeEachMode('reference-layer tiles: ST_AsMVT and the Node encoder agree', (db, mode) => {
  beforeAll(async () => {
    // A superseded batch under the current one: its polygons must not be drawn.
    await asSystem(
      db(),
      systemActor('test'),
      async (tx) => {
        for (const c of cases) {
          for (const layer of layers) {
            const features = c.input.features.filter((f) => f.properties.layer === layer);
            const old = await insertBatch(tx, {
              layer,
              divisionCode: '320300',
              surveyYear: 2020,
              source: 'superseded',
            });
            await insertFeatures(
              tx,
              layer,
              old,
              features.map((f) => ({ ...f.properties, surveyCode: 'OLD', geometry: f.geometry })),
            );
            await tx.query(`UPDATE reference_layer_batch SET status = 'superseded' WHERE id = $1`, [
              old,
            ]);
            const batch = await insertBatch(tx, {
              layer,
              divisionCode: '320300',
              surveyYear: 2024,
              source: c.name,
            });
            await insertFeatures(
              tx,
              layer,
              batch,
              features.map((f) => ({ ...f.properties, geometry: f.geometry })),
            );
          }
        }
      },
      'reference tile fixtures',
    );
  });

  for (const c of cases) {
    it(`${c.name}: ${c.description}`, async () => {
      const failures: string[] = [];
      const made: Record<string, DecodedTile> = {};
      for (const layer of layers) {
        for (const tile of c.tiles) {
          const key = `${layer} ${tile}`;
          const address = addressOf(tile);
          const node = decodeTile(
            encodeTile(
              await clippedReferenceFeatures(db(), layer, address, '%'),
              referenceTileLayers[layer].name,
            ),
          );
          expect(node.features.every((f) => f.properties.surveyCode !== 'OLD')).toBe(true);
          if (mode === 'server') {
            const postgis = decodeTile(await postgisReferenceTile(db(), layer, address, '%'));
            made[key] = postgis;
            for (const d of await tileDifferences(db(), node, postgis))
              failures.push(`${key} node vs ST_AsMVT: ${d}`);
          }
          if (!updating) {
            for (const d of await tileDifferences(db(), node, c.expected[key] ?? missing))
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

  it('draws each layer with its own attributes, the land class with its 三大类 category', () => {
    const tiles = cases.flatMap((c) => Object.entries(c.expected));
    const landClass = tiles.filter(([key]) => key.startsWith('land_class '));
    const farmland = tiles.filter(([key]) => key.startsWith('farmland '));
    const features = (list: typeof tiles) => list.flatMap(([, tile]) => tile.features);
    if (updating) return;
    expect(features(landClass).length).toBeGreaterThan(0);
    expect(features(farmland).length).toBe(features(landClass).length);
    expect(new Set(features(landClass).map((f) => f.properties.category))).toEqual(
      new Set(['agricultural', 'construction']),
    );
    expect(features(farmland).every((f) => !('landClassCode' in f.properties))).toBe(true);
  });

  it('leaves out polygons outside the scope', async () => {
    const tile = cases[0]?.tiles[0] ?? '';
    const inOtherCounty = await clippedReferenceFeatures(
      db(),
      'land_class',
      addressOf(tile),
      '140212%',
    );
    expect(inOtherCounty).toEqual([]);
  });
});
