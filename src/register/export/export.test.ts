// Round trips: what Reclaim exports imports back to the same parcels (areas within
// millimetre rounding), in both storage modes.
import { beforeAll, expect, it } from 'vitest';
import { describeEachMode } from '../../../test/support/test-db.ts';
import { systemActor } from '../../identity/domain/actor.ts';
import { loadConfig } from '../../platform/config/config.ts';
import { createServices, type Services } from '../../server/services.ts';

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
});
