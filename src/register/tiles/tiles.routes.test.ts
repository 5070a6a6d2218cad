// Tiles over HTTP in both storage modes: who sees which parcels, empty tiles, bad addresses,
// caching headers and ETags, the TileJSON, and the encoder chosen by what the database can do.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { systemActor } from '../../identity/domain/actor.ts';
import { square as squareAt } from '../../../test/support/shapes.ts';
import { decodeTile, tileContaining, tileUrlAt } from '../../../test/support/mvt.ts';
import { describeEachMode } from '../../../test/support/test-db.ts';
import { createTestApp, json, type TestApp } from '../../../test/support/test-app.ts';

/** Jiawang, Xuzhou ([lng, lat], EPSG:4490): every seeded parcel lies in the same z14 tile. */
const place: [number, number] = [117.45, 34.4];
const tileUrl = tileUrlAt(place[0], place[1], 14);

/** A 0.002° square `dx` degrees east of `place`. */
const square = (dx: number) => squareAt(place[0] + dx, place[1]);

const system = systemActor('test');
const record = (name: string, divisionCode: string, dx: number, published: boolean) => ({
  divisionCode,
  projectName: name,
  projectClass: 'transport',
  useType: 'material_yard',
  approvalDate: '2026-03-02',
  termEnd: '2028-03-01',
  disclosurePublishedOn: published ? '2026-03-05' : null,
  geometry: square(dx),
});

describeEachMode('vector tile routes', (db, mode) => {
  let t: TestApp;
  let cookie: Record<string, string> = {};
  let unpublishedId = '';

  const get = (url: string, who?: string, headers: Record<string, string> = {}) =>
    t.app.inject({
      method: 'GET',
      url,
      headers: { ...headers, ...(who ? { cookie: cookie[who] ?? '' } : {}) },
    });
  const namesIn = async (url: string, who?: string) => {
    const response = await get(url, who);
    expect(response.statusCode).toBe(200);
    return decodeTile(response.rawPayload)
      .features.map((f) => f.properties.projectName)
      .sort();
  };

  beforeAll(async () => {
    t = await createTestApp(db(), { RECLAIM_LOGIN_ATTEMPTS_PER_MINUTE: '1000' });
    const { register } = t.services;
    await register.create(system, record('A 贾汪已公示', '320305', 0, true), 'seed');
    unpublishedId = (
      await register.create(system, record('B 贾汪未公示', '320305', 0.003, false), 'seed')
    ).id;
    await register.create(system, record('C 铜山已公示', '320312', 0.006, true), 'seed');
    const d = await register.create(system, record('D 贾汪已核销', '320305', 0.009, true), 'seed');
    await t.services.writeOffs.request(
      system,
      { recordId: d.id, reasonCode: 'NOT_TEMPORARY_LAND', occurredOn: '2026-04-01' },
      'seed',
    );
    cookie = await t.addAndLogIn([
      ['jiawang', 'county', '320305'],
      ['xuzhou', 'city', '320300'],
      ['firm', 'enterprise', '320305'],
      ['datong', 'county', '140212'],
    ]);
  }, 120_000);
  afterAll(() => t.close());

  it('shows the public only published records, never written-off ones', async () => {
    expect(await namesIn(tileUrl)).toEqual(['A 贾汪已公示', 'C 铜山已公示']);
  });

  it('shows government users their division, published or not, and nothing outside it', async () => {
    expect(await namesIn(tileUrl, 'jiawang')).toEqual(['A 贾汪已公示', 'B 贾汪未公示']);
    expect(await namesIn(tileUrl, 'xuzhou')).toEqual([
      'A 贾汪已公示',
      'B 贾汪未公示',
      'C 铜山已公示',
    ]);
    expect(await namesIn(tileUrl, 'datong')).toEqual([]);
  });

  it('shows an enterprise what the public sees', async () => {
    expect(await namesIn(tileUrl, 'firm')).toEqual(['A 贾汪已公示', 'C 铜山已公示']);
  });

  it('serves a well-formed tile: one layer, polygons, ids and the documented attributes', async () => {
    const response = await get(tileUrl, 'xuzhou');
    expect(response.headers['content-type']).toBe('application/vnd.mapbox-vector-tile');
    const tile = decodeTile(response.rawPayload);
    expect(tile.layers).toEqual({ temporary_land: { version: 2, extent: 4096 } });
    const a = tile.features.find((f) => f.properties.projectName === 'A 贾汪已公示');
    expect(a?.type).toBe(3);
    expect(a?.id).toEqual(expect.any(Number));
    expect(a?.properties).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      state: 'approved',
      useType: 'material_yard',
      projectName: 'A 贾汪已公示',
      divisionCode: '320305',
      areaMu: expect.any(Number),
      termEnd: '2028-03-01',
    });
    // A 200 m square at 34.4°N: about 4.1 ha, 61 mu.
    expect(a?.properties.areaMu).toBeGreaterThan(55);
    expect(a?.properties.areaMu).toBeLessThan(68);
    expect(a?.id).toBe(
      Number.parseInt(String(a?.properties.id).replace(/-/g, '').slice(0, 13), 16),
    );
  });

  it('answers an empty tile where no visible parcel is, at every zoom', async () => {
    const far = await get(tileUrlAt(87.6, 43.8, 14));
    expect(far.statusCode).toBe(200);
    expect(far.headers['content-type']).toBe('application/vnd.mapbox-vector-tile');
    expect(far.rawPayload.length).toBe(0);
    expect(decodeTile(far.rawPayload).features).toEqual([]);
    for (const z of [0, 5, 7, 8, 10]) {
      const outside = await get(tileUrlAt(place[0], place[1], z), 'datong');
      expect(outside.statusCode, `zoom ${z}`).toBe(200);
      expect(outside.rawPayload.length, `zoom ${z}`).toBe(0);
      expect(
        (await get(tileUrlAt(place[0], place[1], z), 'xuzhou')).rawPayload.length,
        `zoom ${z}`,
      ).toBeGreaterThan(0);
    }
  });

  it('refuses bad tile addresses with 400 naming the segment', async () => {
    const cases: [string, string][] = [
      ['/tiles/temporary-land/19/0/0.mvt', 'z'],
      ['/tiles/temporary-land/abc/0/0.mvt', 'z'],
      ['/tiles/temporary-land/-1/0/0.mvt', 'z'],
      ['/tiles/temporary-land/3/8/0.mvt', 'x'],
      ['/tiles/temporary-land/3/1.5/0.mvt', 'x'],
      ['/tiles/temporary-land/3/0/8.mvt', 'y'],
      ['/tiles/temporary-land/0/0/1.mvt', 'y'],
      ['/tiles/temporary-land/10/0/1e3.mvt', 'y'],
    ];
    for (const [url, field] of cases) {
      const response = await get(url);
      expect(response.statusCode, url).toBe(400);
      const { error } = json<{ error: { code: string; problems: { location: unknown }[] } }>(
        response,
      );
      expect(error.code, url).toBe('TILE_ADDRESS_INVALID');
      expect(error.problems[0]?.location, url).toEqual({ field });
    }
    const edge = await get('/tiles/temporary-land/3/7/7.mvt');
    expect(edge.statusCode).toBe(200);
  });

  it('tells caches that tiles differ by caller, and revalidates by ETag', async () => {
    const anonymous = await get(tileUrl);
    expect(anonymous.headers.vary).toBe('Cookie, Authorization');
    expect(anonymous.headers['cache-control']).toBe('public, max-age=300');
    const clerk = await get(tileUrl, 'jiawang');
    expect(clerk.headers.vary).toBe('Cookie, Authorization');
    expect(clerk.headers['cache-control']).toBe('private, no-cache');
    const etag = String(clerk.headers.etag);
    expect(etag).toMatch(/^"[\w-]{27}"$/);
    expect(anonymous.headers.etag).not.toBe(etag);

    const again = await get(tileUrl, 'jiawang', { 'if-none-match': etag });
    expect(again.statusCode).toBe(304);
    expect(again.rawPayload.length).toBe(0);
    expect(again.headers.etag).toBe(etag);
    expect(again.headers['cache-control']).toBe('private, no-cache');

    // Publishing B changes the public's tile, so the public's old ETag no longer matches.
    const [row] = await db().query<{ version: number }>(
      'SELECT version FROM temporary_land WHERE id = $1',
      [unpublishedId],
    );
    await t.services.register.update(
      system,
      unpublishedId,
      row?.version ?? 1,
      { disclosurePublishedOn: '2026-04-02' },
      'publish B',
    );
    const changed = await get(tileUrl, undefined, {
      'if-none-match': String(anonymous.headers.etag),
    });
    expect(changed.statusCode).toBe(200);
    expect(decodeTile(changed.rawPayload).features).toHaveLength(3);
  });

  it('describes the tiles in TileJSON 3.0.0 for MapLibre, bounded by what the caller may see', async () => {
    const response = await get('/tiles/temporary-land.json');
    expect(response.statusCode).toBe(200);
    expect(response.headers.vary).toBe('Cookie, Authorization');
    const doc = json<{
      tilejson: string;
      tiles: string[];
      minzoom: number;
      maxzoom: number;
      bounds: number[];
      vector_layers: {
        id: string;
        minzoom: number;
        maxzoom: number;
        fields: Record<string, string>;
      }[];
    }>(response);
    expect(doc.tilejson).toBe('3.0.0');
    expect(doc.tiles).toEqual(['http://localhost:80/tiles/temporary-land/{z}/{x}/{y}.mvt']);
    expect([doc.minzoom, doc.maxzoom]).toEqual([0, 18]);
    expect(doc.vector_layers.map((l) => [l.id, l.minzoom, l.maxzoom])).toEqual([
      ['temporary_land_overview', 0, 11],
      ['temporary_land', 12, 18],
    ]);
    expect(Object.keys(doc.vector_layers[0]?.fields ?? {})).toEqual([
      'divisionCode',
      'count',
      'areaMu',
      'state',
      'firstLiveTermEnd',
    ]);
    expect(Object.keys(doc.vector_layers[1]?.fields ?? {})).toEqual([
      'id',
      'systemNumber',
      'state',
      'useType',
      'projectName',
      'divisionCode',
      'areaMu',
      'termEnd',
    ]);
    const [west = 0, south = 0, east = 0, north = 0] = doc.bounds;
    expect(west).toBeCloseTo(place[0], 5);
    expect(south).toBeCloseTo(place[1], 5);
    expect(east).toBeGreaterThan(place[0] + 0.007);
    expect(north).toBeCloseTo(place[1] + 0.002, 5);

    const nothing = json<{ bounds: number[] }>(await get('/tiles/temporary-land.json', 'datong'));
    expect(nothing.bounds).toEqual([73, 3, 136, 54]);
  });

  it('encodes with ST_AsMVT only where PostGIS can, and the Node encoder can be forced', async () => {
    expect(await t.services.tiles.encoder()).toBe(mode === 'server' ? 'postgis' : 'node');
    const forced = await createTestApp(db(), { RECLAIM_TILES_ENCODER: 'node' });
    try {
      expect(await forced.services.tiles.encoder()).toBe('node');
      const { z, x, y } = tileContaining(place[0], place[1], 14);
      const node = await forced.services.tiles.tile(system, { z, x, y });
      const auto = await t.services.tiles.tile(system, { z, x, y });
      const summary = (bytes: Uint8Array) =>
        decodeTile(bytes).features.map((f) => [f.id, f.properties]);
      expect(summary(node.bytes)).toEqual(summary(auto.bytes));
      expect(summary(node.bytes)).toHaveLength(3);
    } finally {
      await forced.close();
    }
    const strict = await createTestApp(db(), { RECLAIM_TILES_ENCODER: 'postgis' });
    try {
      const response = await strict.app.inject({ method: 'GET', url: tileUrl });
      if (mode === 'server') {
        expect(response.statusCode).toBe(200);
      } else {
        expect(response.statusCode).toBe(503);
        expect(json<{ error: { code: string } }>(response).error.code).toBe(
          'TILES_ENCODER_UNAVAILABLE',
        );
      }
    } finally {
      await strict.close();
    }
  });
});
