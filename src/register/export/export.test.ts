// Round trips: what Reclaim exports imports back to the same parcels (areas within
// millimetre rounding), in both storage modes.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { describeEachMode } from '../../../test/support/test-db.ts';
import { systemActor } from '../../identity/domain/actor.ts';
import { loadConfig } from '../../platform/config/config.ts';
import type { Db } from '../../platform/db/db.ts';
import { createServices, type Services } from '../../server/services.ts';
import { readImportFile } from '../import/read-file.ts';

const system = systemActor('test');
const square = (lng: number, lat: number, size: number) => [
  [lng, lat],
  [lng + size, lat],
  [lng + size, lat + size],
  [lng, lat + size],
  [lng, lat],
];

describeEachMode('export round trips', (db) => {
  let services: Services;
  beforeAll(async () => {
    services = createServices(db(), loadConfig({}));
    const geojson = {
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          properties: {
            项目名称: '带孔的堆场',
            用途: '材料堆场',
            行政区代码: '320305',
            批准日期: '2026-03-02',
          },
          geometry: {
            type: 'Polygon',
            coordinates: [square(117.41, 34.4, 0.003), square(117.411, 34.401, 0.001)],
          },
        },
        {
          type: 'Feature',
          properties: { 项目名称: '两块的便道', 用途: '施工便道', 行政区代码: '320305' },
          geometry: {
            type: 'MultiPolygon',
            coordinates: [[square(117.43, 34.42, 0.001)], [square(117.44, 34.42, 0.0005)]],
          },
        },
      ],
    };
    await services.imports.import(
      system,
      [{ name: 'seed.geojson', bytes: new TextEncoder().encode(JSON.stringify(geojson)) }],
      { reason: 'seed' },
    );
  }, 120_000);

  const storedAreas = async () =>
    (
      await db().query<{ area: number }>(
        'SELECT area_m2 AS area FROM temporary_land ORDER BY project_name',
      )
    ).map((r) => r.area);

  it('exports a GBK coordinate txt that checks back to the same areas, hole and parts included', async () => {
    const file = await services.exports.export(system, 'txt');
    expect(file.fileName).toBe('temporary-land-zone39.txt');
    expect(file.features).toBe(2);
    const report = await services.imports.check(system, file.bytes, file.fileName, '2026-06-01');
    expect(report.errors).toEqual([]);
    expect(report.crs).toContain('zone 39');
    const areas = report.features.map((f) => f.area_m2 ?? 0).sort((a, b) => a - b);
    const stored = (await storedAreas()).sort((a, b) => a - b);
    areas.forEach((a, i) => expect(Math.abs(a - stored[i]!)).toBeLessThan(0.5));
  });

  it('exports GeoJSON with every attribute that imports back unchanged', async () => {
    const file = await services.exports.export(system, 'geojson');
    const doc = JSON.parse(new TextDecoder().decode(file.bytes)) as {
      features: { properties: Record<string, unknown> }[];
    };
    const yard = doc.features.find((f) => f.properties.projectName === '带孔的堆场');
    expect(yard?.properties).toMatchObject({
      divisionCode: '320305',
      useType: 'material_yard',
      approvalDate: '2026-03-02',
      state: 'approved',
    });
    const report = await services.imports.check(system, file.bytes, file.fileName, '2026-06-01');
    const areas = report.features.map((f) => f.area_m2 ?? 0).sort((a, b) => a - b);
    const stored = (await storedAreas()).sort((a, b) => a - b);
    areas.forEach((a, i) => expect(Math.abs(a - stored[i]!)).toBeLessThan(1e-3));
    expect(report.features.map((f) => f.name).sort()).toEqual(['两块的便道', '带孔的堆场']);
  });

  describeHttp(db);
});

/** GET /api/register/export in every format, in the caller's division only. */
function describeHttp(db: () => Db) {
  let t: TestApp;
  let clerk: string;
  let outsider: string;
  beforeAll(async () => {
    t = await createTestApp(db());
    await t.addUser('export-clerk', 'county', '320305');
    await t.addUser('export-tongshan', 'county', '320312');
    clerk = await t.login('export-clerk');
    outsider = await t.login('export-tongshan');
  });
  afterAll(() => t.close());

  it.each([
    ['shapefile', 'application/zip', 'temporary-land.zip'],
    ['gpkg', 'application/geopackage+sqlite3', 'temporary-land.gpkg'],
    ['kml', 'application/vnd.google-earth.kml+xml', 'temporary-land.kml'],
    ['csv', 'text/csv; charset=utf-8', 'temporary-land.csv'],
  ])('downloads %s over HTTP as a file that imports back', async (format, type, name) => {
    const response = await t.app.inject({
      url: `/api/register/export?format=${format}`,
      headers: { cookie: clerk },
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe(type);
    expect(response.headers['content-disposition']).toBe(`attachment; filename="${name}"`);
    const read = await readImportFile(new Uint8Array(response.rawPayload), name);
    expect(read.candidates.map((c) => c.properties.projectName).sort()).toEqual([
      '两块的便道',
      '带孔的堆场',
    ]);
    const elsewhere = await t.app.inject({
      url: `/api/register/export?format=${format}`,
      headers: { cookie: outsider },
    });
    expect(elsewhere.statusCode).toBe(404);
    expect(elsewhere.json()).toMatchObject({ error: { code: 'EXPORT_EMPTY' } });
  });

  it('refuses a format it does not write', async () => {
    const response = await t.app.inject({
      url: '/api/register/export?format=dxf',
      headers: { cookie: clerk },
    });
    expect(response.statusCode).toBe(400);
  });
}
