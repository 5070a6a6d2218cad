// The same parcel (with a hole) near Jiawang as CSV, KML, KMZ, a zipped zone-39 Shapefile with
// GBK attributes and a GeoPackage, checked end to end in both storage modes: every format gives
// the same area. Hostile files of each format give located problems; none crashes the check.
import iconv from 'iconv-lite';
import { beforeAll, expect, it } from 'vitest';
import { describeEachMode } from '../../../test/support/test-db.ts';
import { systemActor } from '../../identity/domain/actor.ts';
import { loadConfig } from '../../platform/config/config.ts';
import type { Db } from '../../platform/db/db.ts';
import { AppError, type Problem } from '../../platform/errors.ts';
import { createServices, type Services } from '../../server/services.ts';
import {
  dbf,
  geoPackage,
  gpkgBlob,
  parcelHole,
  parcelOuter,
  polygonWkt,
  prjXian80,
  prjZone39,
  shpPolygons,
  wkb,
  zip,
  type Ring,
} from './readers.fixtures.ts';

const system = systemActor('test');
const attrs = { 编号: 'TL-1', 项目名称: '某高速公路材料堆场', 行政区代码: '320305' };
const text = (s: string) => new TextEncoder().encode(s);
const kmlRing = (ring: Ring) =>
  `<LinearRing><coordinates>${ring.map((p) => p.join(',')).join(' ')}</coordinates></LinearRing>`;
const kml = (geometry: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><kml xmlns="http://www.opengis.net/kml/2.2"><Placemark><name>某高速公路材料堆场</name>
   <ExtendedData><Data name="编号"><value>TL-1</value></Data><Data name="行政区代码"><value>320305</value></Data></ExtendedData>${geometry}</Placemark></kml>`;
const kmlPolygon = `<Polygon><outerBoundaryIs>${kmlRing(parcelOuter)}</outerBoundaryIs><innerBoundaryIs>${kmlRing(parcelHole)}</innerBoundaryIs></Polygon>`;

/** Rings in EPSG:4527 (zone 39, prefixed eastings), projected by PostGIS. */
async function zone39(db: Db, ring: Ring): Promise<Ring> {
  const rows = await db.query<{ e: number; n: number }>(
    `SELECT ST_X(p) AS e, ST_Y(p) AS n
     FROM unnest($1::float8[], $2::float8[]) WITH ORDINALITY AS t(lng, lat, i),
          LATERAL (SELECT ST_Transform(ST_SetSRID(ST_MakePoint(lng, lat), 4490), 4527) AS p) g ORDER BY i`,
    [ring.map((p) => p[0]), ring.map((p) => p[1])],
  );
  return rows.map((r) => [r.e, r.n]);
}

async function problemsOf(services: Services, bytes: Uint8Array, name: string): Promise<Problem[]> {
  const outcome = await services.imports
    .check(system, bytes, name, '2026-06-01')
    .catch((e: unknown) => e);
  if (outcome instanceof AppError) return [...outcome.problems];
  if (outcome instanceof Error) throw outcome;
  return (outcome as { errors: Problem[] }).errors;
}

describeEachMode('import formats', (db) => {
  let services: Services;
  let expectedAreaM2: number;
  let shapefile: (prj: string) => Uint8Array;

  beforeAll(async () => {
    services = createServices(db(), loadConfig({}));
    const [row] = await db().query<{ area: number }>(
      `SELECT ST_Area(ST_GeomFromText($1, 4490)::geography) AS area`,
      [polygonWkt([parcelOuter, parcelHole])],
    );
    expectedAreaM2 = row!.area;
    const outer = await zone39(db(), [...parcelOuter].reverse());
    const hole = await zone39(db(), parcelHole);
    const { shp, shx } = shpPolygons([[outer, hole]]);
    shapefile = (prj) =>
      zip({
        'parcels.shp': shp,
        'parcels.shx': shx,
        'parcels.dbf': dbf([attrs], 'gbk'),
        'parcels.cpg': 'GBK',
        'parcels.prj': prj,
      });
  }, 120_000);

  it('gives the same area for the same parcel in every format', async () => {
    const rings = [parcelOuter, parcelHole];
    const csv = `编号,项目名称,wkt,行政区代码\nTL-1,"某高速公路材料堆场","${polygonWkt(rings)}",320305\n`;
    const files: [string, Uint8Array, string][] = [
      ['parcel.csv', new Uint8Array(iconv.encode(csv, 'gbk')), 'csv'],
      ['parcel.kml', text(kml(kmlPolygon)), 'kml'],
      ['parcel.kmz', zip({ 'doc.kml': kml(kmlPolygon) }), 'kml'],
      ['parcel.zip', shapefile(prjZone39), 'shapefile'],
      [
        'parcel.gpkg',
        await geoPackage(4490, [
          {
            name: 'parcels',
            type: 'POLYGON',
            rows: [{ blob: gpkgBlob(4490, rings, wkb(3, rings)), attrs }],
          },
        ]),
        'geopackage',
      ],
    ];
    for (const [name, bytes, format] of files) {
      const report = await services.imports.check(system, bytes, name, '2026-06-01');
      expect(report.format, name).toBe(format);
      expect(report.errors, name).toEqual([]);
      expect(report.features, name).toHaveLength(1);
      expect(report.features[0]?.id, name).toBe('TL-1');
      expect(report.features[0]?.name, name).toBe('某高速公路材料堆场');
      expect(Math.abs((report.features[0]?.area_m2 ?? 0) - expectedAreaM2), name).toBeLessThan(0.5);
    }
    expect(expectedAreaM2).toBeGreaterThan(80_000);
  });

  it('gives located problems for hostile files of every format, and keeps working', async () => {
    const cases: [string, Uint8Array, string, Partial<Problem['location']>][] = [
      [
        'truncated.zip',
        shapefile(prjZone39).subarray(0, 150),
        'ZIP_INVALID',
        { file: 'truncated.zip' },
      ],
      ['noshp.zip', zip({ 'a.dbf': dbf([attrs], 'gbk') }), 'SHAPEFILE_MISSING_SHP', {}],
      [
        'merc.zip',
        shapefile('PROJCS["Unknown",GEOGCS["x"],PROJECTION["Mercator"]]'),
        'CRS_UNSUPPORTED',
        { field: 'parcels.prj' },
      ],
      ['xian.zip', shapefile(prjXian80), 'CRS_UNSUPPORTED_DATUM', { field: 'parcels.prj' }],
      [
        'line.kml',
        text(kml('<LineString><coordinates>117.41,34.4 117.42,34.41</coordinates></LineString>')),
        'KML_NOT_POLYGON',
        { feature: 1 },
      ],
      [
        'broken.csv',
        text('wkt,行政区代码\n"POLYGON((117.41 34.4, 117.42 34.4, 117.42",320305\n'),
        'GEOMETRY_UNREADABLE',
        { feature: 1 },
      ],
      [
        'roads.gpkg',
        await geoPackage(4490, [
          {
            name: 'roads',
            type: 'LINESTRING',
            rows: [{ blob: gpkgBlob(4490, [parcelOuter], wkb(2, [parcelOuter])), attrs }],
          },
        ]),
        'GPKG_NOT_POLYGON',
        { feature: 1 },
      ],
    ];
    const bomb = shapefile(prjZone39);
    const view = new DataView(bomb.buffer, bomb.byteOffset, bomb.byteLength);
    for (let i = 0; i + 4 <= bomb.length; i++)
      if (view.getUint32(i, true) === 0x02014b50) view.setUint32(i + 24, 0xfffffff0, true);
    cases.push(['bomb.zip', bomb, 'ZIP_TOO_LARGE', {}]);
    for (const [name, bytes, code, location] of cases) {
      const problems = await problemsOf(services, bytes, name);
      const problem = problems.find((p) => p.code === code);
      expect(problem, `${name}: ${JSON.stringify(problems)}`).toBeDefined();
      expect(problem?.location, name).toMatchObject({ file: name, ...location });
    }
    // The database connection survived every refusal.
    const report = await services.imports.check(
      system,
      shapefile(prjZone39),
      'again.zip',
      '2026-06-01',
    );
    expect(report.errors).toEqual([]);
  });
});
