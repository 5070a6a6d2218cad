// The back-fill polygons for the map: GeoJSON with the shapes the survey delivered, the class
// and its letter as the list says, filtered like the list, and only inside the caller's scope.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachMode } from '../../../test/support/test-db.ts';
import { createTestApp, json, type TestApp } from '../../../test/support/test-app.ts';
import { importJiawang, xuzhouSessions } from './fixtures/jiawang.fixtures.ts';

interface Features {
  type: string;
  total: number;
  features: {
    type: string;
    id: string;
    geometry: { type: string; coordinates: number[][][][] };
    properties: {
      id: string;
      surveyCode: string | null;
      projectName: string | null;
      class: string;
      letter: string;
      areaM2: number;
      reviewDue: boolean;
      overridden: boolean;
      divisionCode: string;
    };
  }[];
}

interface ListItem {
  id: string;
  surveyCode: string | null;
  class: string;
  letter: string;
  areaM2: number;
}

/** The rings of the fixture's GeoJSON file by patch number, as delivered. */
function deliveredRings(): Map<string, number[][][]> {
  const file = JSON.parse(
    readFileSync(join(import.meta.dirname, 'fixtures', 'jiawang-2021-ls.geojson'), 'utf8'),
  ) as {
    features: { properties: Record<string, string>; geometry: { coordinates: number[][][] } }[];
  };
  return new Map(file.features.map((f) => [f.properties['图斑编号']!, f.geometry.coordinates]));
}

describeEachMode('back-fill polygons on the map', (db) => {
  let t: TestApp;
  const cookie: Record<string, string> = {};
  const get = (url: string, who: string) =>
    t.app.inject({ url, headers: { cookie: cookie[who] ?? '' } });

  beforeAll(async () => {
    t = await createTestApp(db(), { RECLAIM_LOGIN_ATTEMPTS_PER_MINUTE: '1000' });
    Object.assign(cookie, await xuzhouSessions(t, 'bf-map'));
    const response = await importJiawang(t, cookie.county ?? '');
    expect(response.statusCode, response.body).toBe(200);
  }, 180_000);
  afterAll(() => t.close());

  it('draws every listed polygon with its delivered shape and the class the list gives', async () => {
    const list = json<{ items: ListItem[]; total: number }>(
      await get('/api/supervision/backfill/polygons?limit=500', 'city'),
    );
    const response = await get('/api/supervision/backfill/features?limit=5000', 'city');
    expect(response.statusCode, response.body).toBe(200);
    const map = json<Features>(response);
    expect(map.type).toBe('FeatureCollection');
    expect(list.total).toBeGreaterThan(3);
    expect(map.total).toBe(list.total);
    expect(map.features.map((f) => f.id)).toEqual(list.items.map((p) => p.id));

    const delivered = deliveredRings();
    let compared = 0;
    for (const [i, f] of map.features.entries()) {
      const item = list.items[i]!;
      expect(f.type).toBe('Feature');
      expect(f.geometry.type).toBe('MultiPolygon');
      expect(f.properties).toMatchObject({
        id: item.id,
        surveyCode: item.surveyCode,
        class: item.class,
        letter: item.letter,
        divisionCode: '320305',
      });
      expect(f.properties.areaM2).toBeCloseTo(item.areaM2, 3);
      const rings = item.surveyCode ? delivered.get(item.surveyCode) : undefined;
      if (!rings) continue; // the CSV file's polygons
      compared += 1;
      expect(f.geometry.coordinates).toHaveLength(1);
      const vertices = f.geometry.coordinates[0]!.flat();
      const expected = rings.flat();
      expect(vertices).toHaveLength(expected.length);
      // The same vertices, whichever way round PostGIS keeps the ring.
      for (const v of expected)
        expect(
          vertices.some((w) => Math.abs(w[0]! - v[0]!) < 1e-9 && Math.abs(w[1]! - v[1]!) < 1e-9),
        ).toBe(true);
    }
    expect(compared).toBeGreaterThan(2);
    const a = map.features.find((f) => f.properties.surveyCode === 'LS-A');
    expect(a?.properties.projectName).toBe('徐贾快速路施工便道');
  });

  it('filters by class and batch as the list does', async () => {
    const all = json<Features>(await get('/api/supervision/backfill/features', 'county'));
    const klass = all.features[0]!.properties.class;
    const some = json<Features>(
      await get(`/api/supervision/backfill/features?class=${klass}`, 'county'),
    );
    expect(some.features.length).toBeGreaterThan(0);
    expect(some.features.length).toBeLessThan(all.features.length);
    expect(some.features.every((f) => f.properties.class === klass)).toBe(true);
    expect(some.total).toBe(all.features.filter((f) => f.properties.class === klass).length);

    const page = json<Features>(
      await get('/api/supervision/backfill/features?limit=2&offset=1', 'county'),
    );
    expect(page.total).toBe(all.total);
    expect(page.features.map((f) => f.id)).toEqual(all.features.slice(1, 3).map((f) => f.id));
  });

  it('shows another county nothing and refuses bad filters', async () => {
    const other = json<Features>(await get('/api/supervision/backfill/features', 'tongshan'));
    expect(other).toEqual({ type: 'FeatureCollection', total: 0, features: [] });
    const byDivision = json<Features>(
      await get('/api/supervision/backfill/features?divisionCode=320312', 'city'),
    );
    expect(byDivision.total).toBe(0);
    expect((await get('/api/supervision/backfill/features', 'nobody')).statusCode).toBe(401);
    const bad = await get('/api/supervision/backfill/features?class=nonsense', 'city');
    expect(bad.statusCode).toBe(400);
    const tooMany = await get('/api/supervision/backfill/features?limit=5001', 'city');
    expect(tooMany.statusCode).toBe(400);
  });
});
