// What /api/register/check returns for a map: the built boundary, the computed land-class
// breakdown beside the declared area, and, for a boundary that cannot be built, its rings in
// EPSG:4490 so that a problem's ring and vertex can be drawn where they are.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachMode } from '../../../test/support/test-db.ts';
import { createTestApp, json, type TestApp } from '../../../test/support/test-app.ts';
import { loadDemo } from '../../demo/load-demo.ts';
import { bowTieRing, coordinateTxt } from '../../../test/support/coordinate-txt.ts';
import type { CheckReport } from './import.service.ts';

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
    const bowTie = bowTieRing(117.44, 34.4, 0.002);
    const report = await check(
      'bow-tie.txt',
      coordinateTxt({ code: 'P-1', name: '预览地块', use: '材料堆场', ring: bowTie }).toString(
        'base64',
      ),
    );
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

  it('returns the parts and rings of a GeoJSON multipolygon that cannot be built, numbered as its problem', async () => {
    const box = (lng: number, lat: number, size: number) => [
      [lng, lat],
      [lng + size, lat],
      [lng + size, lat + size],
      [lng, lat + size],
      [lng, lat],
    ];
    // Part 2 has a hole drawn outside it, as a clerk drawing on the map may do.
    const outsideHole = box(117.46, 34.41, 0.001);
    const geojson = {
      type: 'Feature',
      properties: { 项目名称: '绘制地块', 用途: '材料堆场' },
      geometry: {
        type: 'MultiPolygon',
        coordinates: [[box(117.44, 34.41, 0.002)], [box(117.45, 34.41, 0.002), outsideHole]],
      },
    };
    const report = await check(
      'drawn.geojson',
      Buffer.from(JSON.stringify(geojson)).toString('base64'),
    );
    const [feature] = report.features;
    expect(feature?.geometry).toBeNull();
    expect(feature?.rings.map((r) => [r.part, r.ring])).toEqual([
      [1, 1],
      [2, 1],
      [2, 2],
    ]);
    const problem = report.errors.find((p) => p.code === 'GEOMETRY_INVALID');
    expect(problem?.location).toMatchObject({ feature: 1, part: 2, ring: 2, vertex: 1 });
    const ring = feature?.rings.find((r) => r.part === 2 && r.ring === 2);
    for (const [i, [x, y]] of outsideHole.entries()) {
      expect(ring?.coordinates[i]?.[0]).toBeCloseTo(x!, 9);
      expect(ring?.coordinates[i]?.[1]).toBeCloseTo(y!, 9);
    }
  });
});
