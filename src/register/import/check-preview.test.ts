// What /api/register/check returns for a map: the built boundary, the computed land-class
// breakdown beside the declared area, and, for a boundary that cannot be built, its rings in
// EPSG:4490 so that a problem's ring and vertex can be drawn where they are.
import proj4 from 'proj4';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachMode } from '../../../test/support/test-db.ts';
import { createTestApp, json, type TestApp } from '../../../test/support/test-app.ts';
import { loadDemo } from '../../demo/load-demo.ts';
import { writeCoordinateTxt } from '../formats/coordinate-txt/write.ts';
import type { CheckReport } from './import.service.ts';

const zone39 =
  '+proj=tmerc +lat_0=0 +lon_0=117 +k=1 +x_0=39500000 +y_0=0 +ellps=GRS80 +units=m +no_defs';

/** A GBK coordinate txt (zone 39, prefixed eastings) with one parcel of one ring. */
function txt(ring: [number, number][]): string {
  const bytes = writeCoordinateTxt({
    attributes: { 坐标系: '2000国家大地坐标系', 几度分带: '3', 带号: '39', 计量单位: '米' },
    parcels: [
      {
        pointCount: null,
        areaHa: null,
        code: 'P-1',
        name: '预览地块',
        geometryKind: '面',
        sheet: '',
        use: '材料堆场',
        landClassCode: '',
        extraFields: [],
        rings: [
          {
            ring: 1,
            closedAsWritten: true,
            points: ring.map(([lng, lat], i) => {
              const [e, n] = proj4('EPSG:4326', zone39, [lng, lat]);
              return { name: `J${i + 1}`, x: n, y: e, line: 0 };
            }),
          },
        ],
      },
    ],
  });
  return Buffer.from(bytes).toString('base64');
}

describeEachMode('check report for the map', (db) => {
  let t: TestApp;
  let cookie: string;

  beforeAll(async () => {
    t = await createTestApp(db());
    await loadDemo(db(), t.services.users);
    cookie = await t.login('jiawang', 'Reclaim-Demo-2026');
  }, 120_000);
  afterAll(() => t.close());

  const check = async (name: string, contentBase64: string) => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/register/check',
      headers: { cookie },
      payload: { file: { name, contentBase64 } },
    });
    expect(response.statusCode, response.body).toBe(200);
    return json<CheckReport>(response);
  };

  it('returns the boundary and the breakdown, which adds up to the area, beside the declared area', async () => {
    const square = { lng: 117.43, lat: 34.41, size: 0.002 };
    const geojson = {
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          properties: { 项目名称: '预览', 申报面积: 40000, 用途: '材料堆场' },
          geometry: {
            type: 'Polygon',
            coordinates: [
              [
                [square.lng, square.lat],
                [square.lng + square.size, square.lat],
                [square.lng + square.size, square.lat + square.size],
                [square.lng, square.lat + square.size],
                [square.lng, square.lat],
              ],
            ],
          },
        },
      ],
    };
    const report = await check(
      'p.geojson',
      Buffer.from(JSON.stringify(geojson)).toString('base64'),
    );
    expect(report.errors).toEqual([]);
    const [feature] = report.features;
    expect(feature?.declaredAreaM2).toBe(40000);
    expect(feature?.rings).toEqual([]);
    const geometry = feature?.geometry as { type: string; coordinates: number[][][][] };
    expect(geometry.type).toBe('MultiPolygon');
    expect(geometry.coordinates[0]?.[0]).toContainEqual([square.lng, square.lat]);
    const b = feature!.computedBreakdown!;
    const sum =
      b.cultivatedM2 +
      b.farmlandM2 +
      b.forestM2 +
      b.otherAgriculturalM2 +
      b.constructionM2 +
      b.unusedM2 +
      b.unsurveyedM2;
    expect(sum).toBeCloseTo(feature!.area_m2!, 0);
    // The demo's survey layers cover Jiawang: not everything is unsurveyed.
    expect(b.unsurveyedM2).toBeLessThan(feature!.area_m2!);
  });

  it('returns the rings of a boundary that cannot be built, with the faulty vertex where the problem says', async () => {
    const [lng, lat, s] = [117.44, 34.4, 0.002];
    const bowTie: [number, number][] = [
      [lng, lat],
      [lng + s, lat + s],
      [lng + s, lat],
      [lng, lat + s],
      [lng, lat],
    ];
    const report = await check('bow-tie.txt', txt(bowTie));
    const [feature] = report.features;
    expect(feature?.geometry).toBeNull();
    expect(feature?.computedBreakdown).toBeNull();
    const problem = report.errors.find((p) => p.code === 'GEOMETRY_SELF_INTERSECTION');
    expect(problem?.location).toMatchObject({ feature: 1, ring: 1 });
    const ring = feature?.rings.find((r) => r.ring === problem?.location?.ring);
    expect(ring?.coordinates).toHaveLength(bowTie.length);
    for (const [i, [x, y]] of bowTie.entries()) {
      expect(ring?.coordinates[i]?.[0]).toBeCloseTo(x, 6);
      expect(ring?.coordinates[i]?.[1]).toBeCloseTo(y, 6);
    }
    expect(ring?.coordinates[(problem?.location?.vertex ?? 0) - 1]).toBeDefined();
  });
});
