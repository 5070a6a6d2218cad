// The reference layers' tiles are the same in both storage modes. Each folder in fixtures/
// holds survey polygons or division boundaries (input.geojson, each with its layer) and the tiles to check
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
import {
  insertBatch,
  insertBoundaries,
  insertFeatures,
  type ReferenceLayer,
} from '../layers/layers.store.ts';
import {
  clippedReferenceFeatures,
  postgisReferenceTile,
  referenceTileLayers,
} from './reference-tiles.store.ts';

const fixturesDir = join(import.meta.dirname, 'fixtures');
const updating = process.env.RECLAIM_UPDATE_TILE_FIXTURES === '1';
const layers: ReferenceLayer[] = ['land_class', 'farmland', 'division'];

/** Expected tiles are keyed `layer z/x/y`. */
type Case = TileCase<{
  features: {
    properties: { layer: ReferenceLayer; divisionCode: string } & {
      surveyCode?: string;
      landClassCode?: string;
      code?: string;
      name?: string;
    };
    geometry: unknown;
  }[];
}>;

const cases: Case[] = readTileCases<Case['input']>(fixturesDir, updating);
/** The layers a case has features of. */
const layersOf = (c: Case) =>
  layers.filter((layer) => c.input.features.some((f) => f.properties.layer === layer));
type Fixture = Case['input']['features'][number];

/** Stores a case's features of one layer in a batch; `old` marks them as a superseded batch's. */
async function insertFixtures(
  tx: Parameters<typeof insertBatch>[0],
  layer: ReferenceLayer,
  batch: string,
  features: Fixture[],
  old: boolean,
): Promise<void> {
  if (layer === 'division') {
    await insertBoundaries(
      tx,
      batch,
      features.map((f) => ({
        divisionCode: f.properties.divisionCode,
        boundaryCode: f.properties.code ?? f.properties.divisionCode,
        name: old ? 'OLD' : (f.properties.name ?? null),
        geometry: f.geometry,
      })),
    );
    return;
  }
  await insertFeatures(
    tx,
    layer,
    batch,
    features.map((f) => ({
      divisionCode: f.properties.divisionCode,
      surveyCode: old ? 'OLD' : (f.properties.surveyCode ?? null),
      ...(f.properties.landClassCode ? { landClassCode: f.properties.landClassCode } : {}),
      geometry: f.geometry,
    })),
  );
}

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
          for (const layer of layersOf(c)) {
            const features = c.input.features.filter((f) => f.properties.layer === layer);
            const old = await insertBatch(tx, {
              layer,
              divisionCode: '320300',
              surveyYear: 2020,
              source: 'superseded',
            });
            await insertFixtures(tx, layer, old, features, true);
            await tx.query(`UPDATE reference_layer_batch SET status = 'superseded' WHERE id = $1`, [
              old,
            ]);
            const batch = await insertBatch(tx, {
              layer,
              divisionCode: '320300',
              surveyYear: 2024,
              source: c.name,
            });
            await insertFixtures(tx, layer, batch, features, false);
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
      for (const layer of layersOf(c)) {
        for (const tile of c.tiles) {
          const key = `${layer} ${tile}`;
          const address = addressOf(tile);
          const node = decodeTile(
            encodeTile(
              await clippedReferenceFeatures(db(), layer, address, '%'),
              referenceTileLayers[layer].name,
            ),
          );
          expect(
            node.features.every(
              (f) => f.properties.surveyCode !== 'OLD' && f.properties.name !== 'OLD',
            ),
          ).toBe(true);
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

  it('draws division boundaries at every zoom, specks only zoomed in, with their names', () => {
    if (updating) return;
    const boundaries = cases.find((c) => c.name === 'division-boundaries');
    const codesAt = (tile: string) =>
      (boundaries?.expected[`division ${tile}`]?.features ?? [])
        .map((f) => String(f.properties.code))
        .sort();
    // Zoomed out to a province: the counties and townships, not the 200 m village.
    expect(codesAt('3/6/3')).toEqual(['320305', '320305001', '320305002', '320312']);
    expect(codesAt('5/26/12')).toEqual(['320305', '320305001', '320305002', '320312']);
    // Closer in, the village is drawn too; a tile inside a hole draws nothing.
    expect(codesAt('8/211/101')).toContain('320305001001');
    expect(codesAt('16/54149/26091')).toEqual(['320305', '320305001', '320305001001']);
    expect(codesAt('13/6761/3266')).toEqual([]);
    // The label goes with the one tile holding a boundary's point on surface: zoomed in on the
    // village, the county and township around it cross the tile unlabelled.
    const labelled = (boundaries?.expected['division 16/54149/26091']?.features ?? [])
      .filter((f) => 'label' in f.properties)
      .map((f) => [f.properties.code, f.properties.label]);
    expect(labelled).toEqual([['320305001001', '示意村']]);
    const names = new Map(
      Object.values(boundaries?.expected ?? {})
        .flatMap((tile) => tile.features)
        .map((f) => [f.properties.code, f.properties.name]),
    );
    // As delivered, or (no XZQMC) the division's name from GB/T 2260.
    expect(names.get('320305001')).toBe('示意镇甲');
    expect(names.get('320305')).toBe('贾汪区');
  });

  it('leaves out polygons outside the scope', async () => {
    for (const c of cases) {
      for (const layer of layersOf(c)) {
        const inOtherCounty = await clippedReferenceFeatures(
          db(),
          layer,
          addressOf(c.tiles[0] ?? ''),
          '140212%',
        );
        expect(inOtherCounty).toEqual([]);
      }
    }
  });
});
