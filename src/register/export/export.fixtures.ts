// Records the export tests start from, imported as GeoJSON: a polygon with a hole and a project
// name far beyond a DBF's 254 bytes; a multipolygon whose first part has a hole; and a record
// whose text a spreadsheet would run as a formula or a CSV would have to quote. Test support only.
import type { Services } from '../../server/services.ts';
import { systemActor } from '../../identity/domain/actor.ts';

const square = (lng: number, lat: number, size: number) => [
  [lng, lat],
  [lng + size, lat],
  [lng + size, lat + size],
  [lng, lat + size],
  [lng, lat],
];

/** 127 Chinese characters, 381 bytes of UTF-8: beyond the 254 bytes of a DBF character field. */
export const longProjectName = `徐州至连云港高速公路贾汪段改扩建工程${'临时施工便道及材料堆场配套用地'.repeat(7)}（二期）`;

export const seedGeoJson = {
  type: 'FeatureCollection',
  features: [
    {
      type: 'Feature',
      properties: {
        项目名称: longProjectName,
        项目类别: '交通',
        用途: '材料堆场',
        行政区代码: '320305',
        批准文号: '贾自然资临〔2026〕12号',
        批准日期: '2026-03-02',
        批准机关: '徐州市贾汪区自然资源和规划局',
        批准层级: '县级',
        起始日期: '2026-03-10',
        终止日期: '2028-03-09',
        建设单位: '江苏交通控股有限公司',
        用地单位: '中铁十局集团有限公司',
        面积平方米: 80_123.45,
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
        coordinates: [
          [square(117.43, 34.42, 0.002), square(117.4305, 34.4205, 0.0005)],
          [square(117.44, 34.42, 0.0005)],
        ],
      },
    },
    {
      type: 'Feature',
      properties: {
        项目名称: '=HYPERLINK("http://example.invalid","点我")',
        用途: '取土场',
        行政区代码: '320305',
        批准文号: '徐自然资临〔2026〕7号, "补"',
        建设单位: '-1+1',
        用地单位: '@某单位；含逗号,和引号"',
      },
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [117.451234568, 34.412345679],
            [117.452234568, 34.412345679],
            [117.451734568, 34.413345679],
            [117.451234568, 34.412345679],
          ],
        ],
      },
    },
  ],
};

/** Imports the seed records (as the system) and returns how many were created. */
export async function seedRecords(services: Services): Promise<number> {
  const result = await services.imports.import(
    systemActor('test'),
    [{ name: 'seed.geojson', bytes: new TextEncoder().encode(JSON.stringify(seedGeoJson)) }],
    { reason: 'seed' },
  );
  return result.records.length;
}
