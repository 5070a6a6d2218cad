// The back-fill review map's tiles (存量补录 on the map): a county's 2021 stock read through
// HTTP by the county, the city above it and a neighbouring county. The tiles hold every polygon
// the list holds — with its class, letter and review mark as the list gives them, filtered as
// the list is — and nothing of another county; zoomed out, the counted cells add up to the
// list's total; the TileJSON bounds them; a review recolours the polygon; and in server mode
// ST_AsMVT and the Node encoder make the same tile.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachMode } from '../../../test/support/test-db.ts';
import { createTestApp, json, type TestApp } from '../../../test/support/test-app.ts';
import {
  decodeTile,
  tileContaining,
  tileDifferences,
  type DecodedFeature,
} from '../../../test/support/mvt.ts';
import { official } from '../../../test/support/actors.ts';
import { readInScope } from '../../identity/scoped-db.ts';
import { encodeTile } from '../../register/tiles/mvt-encoder.ts';
import { importJiawang, xuzhouSessions } from './fixtures/jiawang.fixtures.ts';
import { clippedBackfillFeatures, postgisBackfillTile } from './polygon-tiles.store.ts';

interface Listed {
  id: string;
  surveyCode: string | null;
  class: string;
  letter: string;
  reviewDue: boolean;
  override: unknown;
  version: number;
}

type Who = 'county' | 'city' | 'tongshan';

/** The fixture's polygons lie in this box (117.400–117.437 E, 34.420–34.422 N). */
const west = 117.399;
const east = 117.438;
const south = 34.419;
const north = 34.423;

describeEachMode('back-fill review tiles', (db, mode) => {
  let t: TestApp;
  const cookie: Record<Who, string> = { county: '', city: '', tongshan: '' };
  const get = (who: Who | null, url: string, headers: Record<string, string> = {}) =>
    t.app.inject({ url, headers: { ...headers, ...(who ? { cookie: cookie[who] } : {}) } });

  /** Every feature of the tiles of zoom `z` over the fixture's box, as `who` gets them. */
  const featuresAt = async (who: Who, z: number, query = '') => {
    const nw = tileContaining(west, north, z);
    const se = tileContaining(east, south, z);
    const features: DecodedFeature[] = [];
    for (let x = nw.x; x <= se.x; x++)
      for (let y = nw.y; y <= se.y; y++) {
        const response = await get(
          who,
          `/api/supervision/backfill/tiles/${z}/${x}/${y}.mvt${query}`,
        );
        expect(response.statusCode, response.body).toBe(200);
        features.push(...decodeTile(response.rawPayload).features);
      }
    return features;
  };
  /** The polygons drawn at zoom `z`: id → properties (a polygon across two tiles once). */
  const drawn = async (who: Who, z: number, query = '') => {
    const byId = new Map<string, DecodedFeature['properties']>();
    for (const f of await featuresAt(who, z, query)) {
      expect(f.layer).toBe('backfill_polygon');
      byId.set(String(f.properties.id), f.properties);
    }
    return byId;
  };
  const listed = async (who: Who, query = '') =>
    json<{ items: Listed[]; total: number }>(
      await get(who, `/api/supervision/backfill/polygons?limit=500${query ? `&${query}` : ''}`),
    );
  /** The counted cells at zoom `z`: their totals. */
  const counted = async (who: Who, z: number, query = '') => {
    const total = { count: 0, reviewDue: 0 };
    for (const f of await featuresAt(who, z, query)) {
      expect(f.layer).toBe('backfill_polygon_overview');
      expect(f.points).toHaveLength(1);
      total.count += Number(f.properties.count);
      total.reviewDue += Number(f.properties.reviewDue);
    }
    return total;
  };

  beforeAll(async () => {
    t = await createTestApp(db(), { RECLAIM_LOGIN_ATTEMPTS_PER_MINUTE: '1000' });
    Object.assign(cookie, await xuzhouSessions(t, 'bf-tiles'));
    const response = await importJiawang(t, cookie.county ?? '');
    expect(response.statusCode, response.body).toBe(200);
  }, 180_000);
  afterAll(() => t.close());

  it('draws every listed polygon with the list’s class and letter, filtered as the list is', async () => {
    const list = await listed('city');
    expect(list.total).toBe(8);
    for (const who of ['city', 'county'] as const) {
      const map = await drawn(who, 13);
      expect([...map.keys()].sort(), who).toEqual(list.items.map((p) => p.id).sort());
      for (const p of list.items)
        expect(map.get(p.id), p.surveyCode ?? p.id).toMatchObject({
          surveyCode: p.surveyCode ?? undefined,
          class: p.class,
          letter: p.letter,
          divisionCode: '320305',
        });
    }
    // Each class on its own, as the list's filter gives it.
    const classes = new Set(list.items.map((p) => p.class));
    expect(classes.size).toBeGreaterThan(2);
    for (const klass of classes) {
      const some = await drawn('city', 12, `?class=${klass}`);
      expect([...some.keys()].sort(), klass).toEqual(
        (await listed('city', `class=${klass}`)).items.map((p) => p.id).sort(),
      );
    }
    // A neighbouring county sees none of it, nor does the city asking for that county.
    expect(await drawn('tongshan', 13)).toEqual(new Map());
    expect(await drawn('city', 13, '?divisionCode=320312')).toEqual(new Map());
    expect((await drawn('city', 13, '?divisionCode=320305')).size).toBe(8);
  });

  it('counts the polygons zoomed out, adding up to the list', async () => {
    for (const z of [3, 7, 10, 11])
      expect(await counted('city', z), `zoom ${z}`).toEqual({ count: 8, reviewDue: 0 });
    expect(await counted('tongshan', 8)).toEqual({ count: 0, reviewDue: 0 });
    const overdue = (await listed('city', 'class=overdue')).total;
    expect(overdue).toBeGreaterThan(0);
    expect(await counted('county', 9, '?class=overdue')).toEqual({ count: overdue, reviewDue: 0 });
    const [cell] = await featuresAt('city', 5);
    expect(cell?.properties.divisionCode).toBe('320305');
  });

  it('marks a polygon waiting for review, then ruled on, and its tile changes', async () => {
    const before = (await listed('city')).items.find((p) => p.surveyCode === 'LS-A')!;
    const address = tileContaining(117.401, 34.421, 14);
    const url = `/api/supervision/backfill/tiles/${address.z}/${address.x}/${address.y}.mvt`;
    const first = await get('city', url);
    expect(
      (await get('city', url, { 'if-none-match': String(first.headers.etag) })).statusCode,
    ).toBe(304);

    const added = await t.app.inject({
      method: 'POST',
      url: `/api/supervision/backfill/polygons/${before.id}/evidence`,
      headers: { cookie: cookie.county },
      payload: {
        kind: 'flag',
        shows: 'not_reclaimed',
        note: '2023-08 卫片：未恢复耕种',
        reason: '卫片核查',
      },
    });
    expect(added.statusCode, added.body).toBe(200);
    expect((await drawn('city', 14)).get(before.id)?.mark).toBe('review_due');
    expect(await counted('city', 8)).toEqual({ count: 8, reviewDue: 1 });
    expect([...(await drawn('city', 12, '?reviewDue=true')).keys()]).toEqual([before.id]);
    const changed = await get('city', url, { 'if-none-match': String(first.headers.etag) });
    expect(changed.statusCode).toBe(200);

    const version = json<{ version: number }>(added).version;
    const ruled = await t.app.inject({
      method: 'POST',
      url: `/api/supervision/backfill/polygons/${before.id}/review`,
      headers: { cookie: cookie.city },
      payload: { class: 'overdue', version, reason: '复核 LS-A' },
    });
    expect(ruled.statusCode, ruled.body).toBe(200);
    expect((await drawn('city', 14)).get(before.id)).toMatchObject({
      class: 'overdue',
      letter: 'c',
      mark: 'overridden',
    });
    // The polygon page carries the shape the map focuses on.
    const view = json<{ geometry: { type: string; coordinates: number[][][][] } }>(
      await get('city', `/api/supervision/backfill/polygons/${before.id}`),
    );
    expect(view.geometry.type).toBe('MultiPolygon');
    expect(view.geometry.coordinates[0]![0]).toHaveLength(5);
  });

  it('gives a TileJSON bounded by the polygons in view, carrying the filters, and clear refusals', async () => {
    const document = json<{ bounds: number[]; tiles: string[]; vector_layers: { id: string }[] }>(
      await get('county', '/api/supervision/backfill/tiles.json'),
    );
    expect(document.bounds.map((b) => b.toFixed(3))).toEqual([
      '117.400',
      '34.420',
      '117.437',
      '34.422',
    ]);
    expect(document.tiles[0]).toMatch(
      /\/api\/supervision\/backfill\/tiles\/\{z\}\/\{x\}\/\{y\}\.mvt$/,
    );
    expect(document.vector_layers.map((l) => l.id)).toEqual([
      'backfill_polygon_overview',
      'backfill_polygon',
    ]);
    const filtered = json<{ tiles: string[] }>(
      await get(
        'city',
        '/api/supervision/backfill/tiles.json?class=overdue&reviewDue=false&divisionCode=320305',
      ),
    );
    expect(filtered.tiles[0]).toMatch(/\.mvt\?class=overdue&reviewDue=false&divisionCode=320305$/);
    // Nothing in view: China's bounds.
    const none = json<{ bounds: number[] }>(
      await get('tongshan', '/api/supervision/backfill/tiles.json'),
    );
    expect(none.bounds[2]! - none.bounds[0]!).toBeGreaterThan(50);

    expect((await get(null, '/api/supervision/backfill/tiles/12/0/0.mvt')).statusCode).toBe(401);
    expect((await get(null, '/api/supervision/backfill/tiles.json')).statusCode).toBe(401);
    const bad = await get('city', '/api/supervision/backfill/tiles/12/0/0.mvt?class=nonsense');
    expect(bad.statusCode).toBe(400);
    const deep = await get('city', '/api/supervision/backfill/tiles/19/0/0.mvt');
    expect(deep.statusCode).toBe(400);
    expect(json<{ error: { code: string } }>(deep).error.code).toBe('TILE_ADDRESS_INVALID');
  });

  // PGlite's PostGIS has no ST_AsMVT: the embedded mode's tiles above are the Node encoder's.
  if (mode === 'server')
    it('makes the same tile with ST_AsMVT and the Node encoder', async () => {
      const actor = official('city', '320300');
      const filter = {
        scopePrefix: '3203',
        batchId: null,
        class: null,
        reviewDue: null,
        divisionCode: null,
      };
      for (const address of [
        tileContaining(117.401, 34.421, 12),
        tileContaining(117.425, 34.421, 12),
        tileContaining(117.406, 34.421, 16),
      ]) {
        const [postgis, node] = await readInScope(db(), actor, async (tx) => [
          decodeTile(await postgisBackfillTile(tx, address, filter)),
          decodeTile(
            encodeTile(await clippedBackfillFeatures(tx, address, filter), 'backfill_polygon'),
          ),
        ]);
        expect(postgis.features.length, JSON.stringify(address)).toBeGreaterThan(0);
        expect(await tileDifferences(db(), node, postgis)).toEqual([]);
      }
    });
});
