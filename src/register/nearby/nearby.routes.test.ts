// GET /api/public/approvals in both storage modes: published approvals nearest a point,
// sorted by their distance in metres on the CGCS2000 ellipsoid; nothing unpublished, the
// radius and the limit respected; every wrong parameter named in a 400; in the API document.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachMode } from '../../../test/support/test-db.ts';
import { createTestApp, json, type TestApp } from '../../../test/support/test-app.ts';
import { systemActor } from '../../identity/domain/actor.ts';
import { parseNearbyQuery, searchBox } from './nearby-query.ts';

/** Where the query point stands (Jiawang, EPSG:4490). */
const here = { lng: 117.3, lat: 34.3 };

/** A 0.002° square whose west edge lies `east` degrees east of the point, on its latitude. */
function squareEastOf(east: number) {
  const w = here.lng + east;
  const [s, n] = [here.lat - 0.001, here.lat + 0.001];
  return {
    type: 'Polygon',
    coordinates: [
      [
        [w, s],
        [w + 0.002, s],
        [w + 0.002, n],
        [w, n],
        [w, s],
      ],
    ],
  };
}

/**
 * Metres along the parallel through the point for `degrees` of longitude on the GRS80 /
 * CGCS2000 ellipsoid (N·cosφ·Δλ); over a few kilometres it equals the geodesic to the
 * millimetre, while a sphere would be off by metres.
 */
function ellipsoidMetres(degrees: number): number {
  const a = 6_378_137;
  const e2 = 0.006_694_380_022_9;
  const phi = (here.lat * Math.PI) / 180;
  const n = a / Math.sqrt(1 - e2 * Math.sin(phi) ** 2);
  return n * Math.cos(phi) * ((degrees * Math.PI) / 180);
}

interface Answer {
  type: string;
  near: number[];
  numberReturned: number;
  features: {
    id: string;
    geometry: { type: string };
    properties: { projectName: string; distanceM: number; approvalNumber: string | null };
  }[];
}
interface Problems {
  error: { code: string; messageZh: string; problems: { location: { field: string } }[] };
}

describe('the nearby query', () => {
  it('reads near, radius and limit with defaults, and names every wrong one', () => {
    expect(parseNearbyQuery({ near: ' 117.45 , 34.43 ' })).toEqual({
      lng: 117.45,
      lat: 34.43,
      radiusKm: 10,
      limit: 20,
    });
    for (const near of [undefined, '', '117.45', '117.45,34.43,0', '0x10,34', '1e2,3', 'a,b'])
      expect(() => parseNearbyQuery({ near })).toThrow(/near/);
    expect(() => parseNearbyQuery({ near: '34.43,117.45' })).toThrow(/latitude/);
    try {
      parseNearbyQuery({ near: '200,1', radiusKm: '0', limit: '2.5' });
      expect.unreachable();
    } catch (error) {
      const fields = (error as { problems: { location: { field: string } }[] }).problems.map(
        (p) => p.location.field,
      );
      expect(fields).toEqual(['near', 'radiusKm', 'limit']);
    }
  });

  it('searches a box that holds the whole circle, wider in longitude away from the equator', () => {
    const [w, s, e, n] = searchBox(117.3, 34.3, 10_000);
    // 10 km north and south is about 0.0902°, east and west at 34.3° about 0.109°.
    expect(n - 34.3).toBeGreaterThan(0.0902);
    expect(34.3 - s).toBeGreaterThan(0.0902);
    expect(e - 117.3).toBeGreaterThan(10_000 / ellipsoidMetres(1));
    expect(117.3 - w).toBeGreaterThan(10_000 / ellipsoidMetres(1));
    expect(e - 117.3).toBeLessThan(0.12);
  });
});

describeEachMode('published approvals near a point', (db) => {
  let t: TestApp;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestApp(db());
    const system = systemActor('test');
    const add = async (name: string, east: number, published: boolean) => {
      const created = await t.services.register.create(
        system,
        {
          divisionCode: '320305',
          projectName: name,
          projectClass: 'transport',
          useType: 'material_yard',
          approvalNumber: `近测〔2026〕${Object.keys(ids).length + 1}号`,
          approvalDate: '2026-03-02',
          termEnd: '2028-03-01',
          geometry: squareEastOf(east),
          ...(published ? { disclosurePublishedOn: '2026-03-03' } : {}),
        },
        'nearby test',
      );
      ids[name] = created.id;
    };
    await add('far published', 0.05, true); // about 4.6 km east
    await add('near published', 0.01, true); // about 920 m east
    await add('closest unpublished', 0.002, false);
    await add('middle published', 0.02, true); // about 1.84 km east
  }, 120_000);

  afterAll(async () => {
    await t?.close();
  });

  const ask = async (query: string) => t.app.inject({ url: `/api/public/approvals${query}` });

  it('lists the published approvals nearest first, with their distance on the ellipsoid', async () => {
    const response = await ask('?near=117.3,34.3&radiusKm=10');
    expect(response.statusCode).toBe(200);
    const body = json<Answer>(response);
    expect(body.type).toBe('FeatureCollection');
    expect(body.near).toEqual([117.3, 34.3]);
    expect(body.features.map((f) => f.properties.projectName)).toEqual([
      'near published',
      'middle published',
      'far published',
    ]);
    expect(body.numberReturned).toBe(3);
    const [near, middle, far] = body.features.map((f) => f.properties.distanceM) as [
      number,
      number,
      number,
    ];
    expect(Math.abs(near - ellipsoidMetres(0.01))).toBeLessThan(0.5);
    expect(Math.abs(middle - ellipsoidMetres(0.02))).toBeLessThan(0.5);
    expect(Math.abs(far - ellipsoidMetres(0.05))).toBeLessThan(0.5);
    // A sphere of the mean radius would put the first one metres away from that.
    const sphere = 6_371_008.8 * Math.cos((34.3 * Math.PI) / 180) * ((0.01 * Math.PI) / 180);
    expect(Math.abs(near - sphere)).toBeGreaterThan(1);
    expect(body.features[0]?.geometry.type).toBe('MultiPolygon');
    expect(body.features[0]?.properties.approvalNumber).toMatch(/近测/);
  });

  it('answers the same to an official: the public view, published records only', async () => {
    await t.addUser('nearby-clerk', 'county', '320305');
    const cookie = await t.login('nearby-clerk');
    const response = await t.app.inject({
      url: '/api/public/approvals?near=117.3,34.3',
      headers: { cookie },
    });
    expect(json<Answer>(response).features.map((f) => f.id)).not.toContain(
      ids['closest unpublished'],
    );
    expect(json<Answer>(response).numberReturned).toBe(3);
  });

  it('keeps to the radius and the limit; a parcel around the point is 0 m away', async () => {
    const inRadius = json<Answer>(await ask('?near=117.3,34.3&radiusKm=2'));
    expect(inRadius.features.map((f) => f.properties.projectName)).toEqual([
      'near published',
      'middle published',
    ]);
    const limited = json<Answer>(await ask('?near=117.3,34.3&limit=1'));
    expect(limited.features.map((f) => f.properties.projectName)).toEqual(['near published']);
    const inside = json<Answer>(await ask('?near=117.311,34.3&radiusKm=0.1'));
    expect(inside.features.map((f) => [f.properties.projectName, f.properties.distanceM])).toEqual([
      ['near published', 0],
    ]);
    const nowhere = json<Answer>(await ask('?near=100,30&radiusKm=50'));
    expect(nowhere.features).toEqual([]);
  });

  it('refuses wrong parameters with a 400 naming each, in both languages', async () => {
    for (const [query, fields] of [
      ['', ['near']],
      ['?near=34.3', ['near']],
      ['?near=117.3,95', ['near']],
      ['?near=117.3,34.3&radiusKm=51', ['radiusKm']],
      ['?near=117.3,34.3&radiusKm=abc&limit=0', ['radiusKm', 'limit']],
      ['?near=117.3,34.3&limit=51', ['limit']],
    ] as const) {
      const response = await ask(query);
      expect(response.statusCode, query).toBe(400);
      const body = json<Problems>(response);
      expect(body.error.code).toBe('NEARBY_QUERY_INVALID');
      expect(body.error.messageZh).toMatch(/[\u4e00-\u9fff]/);
      expect(body.error.problems.map((p) => p.location.field)).toEqual(fields);
    }
  });

  it('is in the API document', async () => {
    const spec = json<{ paths: Record<string, { get?: { parameters?: { name: string }[] } }> }>(
      await t.app.inject({ url: '/docs/json' }),
    );
    const names = spec.paths['/api/public/approvals']?.get?.parameters?.map((p) => p.name);
    expect(names).toEqual(['near', 'radiusKm', 'limit']);
  });
});
