// The enforcement review map's tiles (卫片执法核查 on the map): a city batch over two counties,
// read through HTTP by the city and each county. Each caller's tiles hold the batch's polygons
// of their division only (or of the county picked), coloured by the same coverage the polygon
// list gives; zoomed out, the counted cells add up to those polygons; the TileJSON bounds them;
// and in server mode ST_AsMVT and the Node encoder make the same tile.
import { beforeAll, expect, it } from 'vitest';
import { describeEachMode } from '../../../test/support/test-db.ts';
import { createTestApp, json, type TestApp } from '../../../test/support/test-app.ts';
import {
  decodeTile,
  tileContaining,
  tileDifferences,
  type DecodedTile,
} from '../../../test/support/mvt.ts';
import { official } from '../../../test/support/actors.ts';
import { asSystem, readInScope } from '../../identity/scoped-db.ts';
import { scopePrefix, systemActor, type Actor } from '../../identity/domain/actor.ts';
import { tallyPolygonCells } from './polygon-tally.store.ts';
import { encodeTile } from '../../register/tiles/mvt-encoder.ts';
import type { TileAddress } from '../../register/tiles/domain/tile-address.ts';
import { addJiawangRecords, boxPolygon, type Box } from './fixtures/jiawang-records.ts';
import { clippedPolygonFeatures, polygonCells, postgisPolygonTile } from './polygon-tiles.store.ts';

/** Four polygons in Jiawang (320305) around its two records, two in Tongshan (320312). */
const delivered: { code: string; county: string; box: Box }[] = [
  { code: 'WP001', county: '320305', box: [117.301, 34.301, 117.302, 34.302] },
  { code: 'WP002', county: '320305', box: [117.3025, 34.301, 117.3035, 34.302] },
  { code: 'WP003', county: '320305', box: [117.311, 34.301, 117.312, 34.302] },
  { code: 'WP004', county: '320305', box: [117.33, 34.302, 117.331, 34.303] },
  { code: 'TS001', county: '320312', box: [117.34, 34.302, 117.341, 34.303] },
  { code: 'TS002', county: '320312', box: [117.35, 34.3, 117.352, 34.302] },
];

describeEachMode('enforcement batch tiles', (db, mode) => {
  let t: TestApp;
  const cookies: Record<'city' | 'jiawang' | 'tongshan', string> = {
    city: '',
    jiawang: '',
    tongshan: '',
  };
  let batchId = '';
  let unregisteredId = '';
  /** Survey code → the polygon list's colour key (covered, or the main cause). */
  const listedKind: Record<string, string> = {};
  const get = (cookie: string, url: string, headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'GET', url, headers: { ...headers, ...(cookie ? { cookie } : {}) } });
  const tile = async (who: keyof typeof cookies, a: TileAddress, query = '') => {
    const response = await get(
      cookies[who],
      `/api/supervision/enforcement/batches/${batchId}/tiles/${a.z}/${a.x}/${a.y}.mvt${query}`,
    );
    expect(response.statusCode, response.body).toBe(200);
    return decodeTile(response.rawPayload);
  };
  const codes = (decoded: DecodedTile) =>
    decoded.features.map((f) => String(f.properties.surveyCode)).sort();
  // Zoom 12 draws polygons (the first to): Jiawang's lie in this tile, Tongshan's in the next
  // east. Every polygon lies in one tile of zoom 8.
  const detail = tileContaining(117.32, 34.301, 12);
  const detailEast = tileContaining(117.345, 34.301, 12);
  /** Both zoom-12 tiles of the batch, as one. */
  const detailTiles = async (who: keyof typeof cookies, query = ''): Promise<DecodedTile> => {
    const [west, east] = [await tile(who, detail, query), await tile(who, detailEast, query)];
    return {
      layers: { ...west.layers, ...east.layers },
      features: [...west.features, ...east.features],
    };
  };
  const overview = tileContaining(117.32, 34.301, 8);

  beforeAll(async () => {
    t = await createTestApp(db());
    await t.addUser('xuzhou-supervisor', 'city', '320300');
    await t.addUser('jiawang-clerk', 'county', '320305');
    await t.addUser('tongshan-clerk', 'county', '320312');
    cookies.city = await t.login('xuzhou-supervisor');
    cookies.jiawang = await t.login('jiawang-clerk');
    cookies.tongshan = await t.login('tongshan-clerk');
    ({ unregisteredId } = await addJiawangRecords(t, db()));
    const geojson = {
      type: 'FeatureCollection',
      features: delivered.map((p) => ({
        type: 'Feature',
        properties: { TBBH: p.code, XZQDM: `${p.county}101` },
        geometry: boxPolygon(p.box),
      })),
    };
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/supervision/enforcement/batches',
      headers: { cookie: cookies.city },
      payload: {
        source: 'satellite_enforcement',
        month: '2026-05',
        batchId: 'WP-320300-2026-05',
        divisionCode: '320300',
        files: [
          {
            name: 'wp.geojson',
            contentBase64: Buffer.from(JSON.stringify(geojson)).toString('base64'),
          },
        ],
        reason: '2026 年 5 月卫片执法图斑下发',
      },
    });
    expect(response.statusCode, response.body).toBe(200);
    batchId = json<{ batch: { id: string } }>(response).batch.id;
    const list = json<{
      features: {
        properties: { surveyCode: string; status: string; primaryCause: string | null };
      }[];
    }>(await get(cookies.city, `/api/supervision/enforcement/polygons?batchId=${batchId}`));
    for (const { properties: p } of list.features)
      listedKind[p.surveyCode] = p.status === 'covered' ? 'covered' : (p.primaryCause ?? '');
  }, 120_000);

  it('draws each caller’s polygons of the batch with the list’s coverage, and only theirs', async () => {
    const city = await detailTiles('city');
    expect(Object.keys(city.layers)).toEqual(['change_polygon']);
    expect(codes(city)).toEqual(['TS001', 'TS002', 'WP001', 'WP002', 'WP003', 'WP004']);
    for (const f of city.features) {
      const code = String(f.properties.surveyCode);
      expect(f.properties.kind, code).toBe(listedKind[code]);
      expect(f.properties.verification, code).toBe('pending');
      expect(f.properties.divisionCode).toBe(delivered.find((d) => d.code === code)?.county);
      expect(f.polygons).toHaveLength(1);
    }
    expect(new Set(Object.values(listedKind))).toEqual(
      new Set(['covered', 'outside', 'not_registered']),
    );
    expect(codes(await detailTiles('jiawang'))).toEqual(['WP001', 'WP002', 'WP003', 'WP004']);
    expect(codes(await detailTiles('tongshan'))).toEqual(['TS001', 'TS002']);
    // A county picked by the city narrows it; a county cannot widen its own view so. The list
    // beside the map narrows the same way (a city's code names its counties too).
    const listed = async (who: keyof typeof cookies, divisionCode: string) =>
      json<{ total: number }>(
        await get(
          cookies[who],
          `/api/supervision/enforcement/polygons?batchId=${batchId}&divisionCode=${divisionCode}`,
        ),
      ).total;
    expect(codes(await detailTiles('city', '?divisionCode=320312'))).toEqual(['TS001', 'TS002']);
    expect(await listed('city', '320312')).toBe(2);
    expect(codes(await detailTiles('city', '?divisionCode=320300'))).toHaveLength(6);
    expect(await listed('city', '320300')).toBe(6);
    expect(codes(await detailTiles('jiawang', '?divisionCode=320312'))).toEqual([]);
    expect(await listed('jiawang', '320312')).toBe(0);
    // Where none of the batch reaches, the tile is empty.
    expect((await tile('city', tileContaining(116, 39.9, 12))).features).toEqual([]);
  });

  it('counts the polygons zoomed out, adding up to each caller’s', async () => {
    const sums = (decoded: DecodedTile) => {
      expect(Object.keys(decoded.layers)).toEqual(['change_polygon_overview']);
      const total = { count: 0, uncovered: 0 };
      for (const f of decoded.features) {
        expect(f.points).toHaveLength(1);
        total.count += Number(f.properties.count);
        total.uncovered += Number(f.properties.uncovered);
      }
      return total;
    };
    const city = await tile('city', overview);
    expect(sums(city)).toEqual({ count: 6, uncovered: 5 });
    // One cell per county here; Jiawang's uncovered polygons are mostly outside any approval.
    const jiawang = city.features.find((f) => f.properties.divisionCode === '320305');
    expect(jiawang?.properties).toMatchObject({ count: 4, uncovered: 3, kind: 'outside' });
    expect(sums(await tile('tongshan', overview))).toEqual({ count: 2, uncovered: 2 });
    // Zoomed out further, the same from the counts the cross-check kept.
    expect(sums(await tile('city', tileContaining(117.32, 34.301, 6)))).toEqual({
      count: 6,
      uncovered: 5,
    });
    expect(sums(await tile('jiawang', tileContaining(117.32, 34.301, 3)))).toEqual({
      count: 4,
      uncovered: 3,
    });
    expect(sums(await tile('city', overview, '?divisionCode=320305'))).toEqual({
      count: 4,
      uncovered: 3,
    });
  });

  it('gives a TileJSON bounded by the caller’s polygons, and clear refusals', async () => {
    const document = json<{ bounds: number[]; tiles: string[]; vector_layers: { id: string }[] }>(
      await get(cookies.jiawang, `/api/supervision/enforcement/batches/${batchId}/tiles.json`),
    );
    expect(document.bounds.map((b) => b.toFixed(4))).toEqual([
      '117.3010',
      '34.3010',
      '117.3310',
      '34.3030',
    ]);
    expect(document.tiles[0]).toMatch(
      new RegExp(
        `/api/supervision/enforcement/batches/${batchId}/tiles/\\{z\\}/\\{x\\}/\\{y\\}\\.mvt$`,
      ),
    );
    expect(document.vector_layers.map((l) => l.id)).toEqual([
      'change_polygon_overview',
      'change_polygon',
    ]);
    const picked = json<{ tiles: string[] }>(
      await get(
        cookies.city,
        `/api/supervision/enforcement/batches/${batchId}/tiles.json?divisionCode=320312`,
      ),
    );
    expect(picked.tiles[0]).toMatch(/\.mvt\?divisionCode=320312$/);

    const unknown = await get(
      cookies.city,
      '/api/supervision/enforcement/batches/00000000-0000-4000-8000-000000000000/tiles.json',
    );
    expect(unknown.statusCode).toBe(404);
    expect(json<{ error: { code: string } }>(unknown).error.code).toBe(
      'ENFORCEMENT_BATCH_NOT_FOUND',
    );
    const anonymous = await get(
      '',
      `/api/supervision/enforcement/batches/${batchId}/tiles/12/0/0.mvt`,
    );
    expect(anonymous.statusCode).toBe(401);
    const deep = await get(
      cookies.city,
      `/api/supervision/enforcement/batches/${batchId}/tiles/19/0/0.mvt`,
    );
    expect(deep.statusCode).toBe(400);
    expect(json<{ error: { code: string } }>(deep).error.code).toBe('TILE_ADDRESS_INVALID');
    // A tile the client holds comes back as 304.
    const first = await get(
      cookies.city,
      `/api/supervision/enforcement/batches/${batchId}/tiles/${detail.z}/${detail.x}/${detail.y}.mvt`,
    );
    const again = await get(
      cookies.city,
      `/api/supervision/enforcement/batches/${batchId}/tiles/${detail.z}/${detail.x}/${detail.y}.mvt`,
      { 'if-none-match': String(first.headers.etag) },
    );
    expect(again.statusCode).toBe(304);
  });

  // PGlite's PostGIS has no ST_AsMVT: the embedded mode's tiles above are the Node encoder's.
  if (mode === 'server')
    it('makes the same tile with ST_AsMVT and the Node encoder', async () => {
      const actor = official('city', '320300');
      const filter = { batchId, scopePrefix: '3203', divisionCode: null };
      for (const address of [
        detail,
        tileContaining(117.3, 34.3, 16),
        tileContaining(117.351, 34.301, 14),
      ]) {
        const [postgis, node] = await readInScope(db(), actor, async (tx) => [
          decodeTile(await postgisPolygonTile(tx, address, filter)),
          decodeTile(
            encodeTile(await clippedPolygonFeatures(tx, address, filter), 'change_polygon'),
          ),
        ]);
        expect(postgis.features.length, JSON.stringify(address)).toBeGreaterThan(0);
        expect(await tileDifferences(db(), node, postgis)).toEqual([]);
      }
    });

  it('counts zooms 0–7 from the kept counts as from the polygons, before and after a recompute', async () => {
    const sameCells = async (who: Actor) => {
      for (const z of [5, 6, 7]) {
        const address = tileContaining(117.32, 34.301, z);
        const filter = { batchId, scopePrefix: scopePrefix(who), divisionCode: null };
        const [kept, counted] = await readInScope(db(), who, async (tx) => [
          await tallyPolygonCells(tx, address, filter),
          await polygonCells(tx, address, filter),
        ]);
        expect(kept.length, `zoom ${z}`).toBeGreaterThan(0);
        expect(kept.map(({ x: _x, y: _y, ...rest }) => rest)).toEqual(
          counted.map(({ x: _x, y: _y, ...rest }) => rest),
        );
        kept.forEach((cell, i) => {
          expect(Math.abs(cell.x - counted[i]!.x)).toBeLessThanOrEqual(1);
          expect(Math.abs(cell.y - counted[i]!.y)).toBeLessThanOrEqual(1);
        });
      }
    };
    const city = official('city', '320300');
    await sameCells(city);
    await sameCells(official('county', '320312'));
    // The approval under WP003 registered: the recompute covers it, the counts follow.
    await asSystem(
      db(),
      systemActor('test'),
      (tx) =>
        tx.query(
          `UPDATE temporary_land SET state = 'registered', registered_on = '2026-02-01' WHERE id = $1`,
          [unregisteredId],
        ),
      'test',
    );
    const recomputed = await t.app.inject({
      method: 'POST',
      url: `/api/supervision/enforcement/batches/${batchId}/recompute`,
      headers: { cookie: cookies.city },
      payload: { reason: '批准已上图入库，重新核对' },
    });
    expect(recomputed.statusCode, recomputed.body).toBe(200);
    await sameCells(city);
    const zoom6 = await tile('city', tileContaining(117.32, 34.301, 6));
    expect(zoom6.features.reduce((n, f) => n + Number(f.properties.uncovered), 0)).toBe(4);
    const wp003 = (await tile('city', detail)).features.find(
      (f) => f.properties.surveyCode === 'WP003',
    );
    expect(wp003?.properties.kind).toBe('covered');
  });
});
