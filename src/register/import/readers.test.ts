// The CSV, KML/KMZ, zipped Shapefile and GeoPackage readers on files built here, including
// hostile ones: every bad file gives located problems with stable codes, none crashes.
import iconv from 'iconv-lite';
import proj4 from 'proj4';
import { expect, it } from 'vitest';
import { AppError, type Problem } from '../../platform/errors.ts';
import { gaussKrugerSrid, sridFromPrj } from './prj.ts';
import { readImportFile } from './read-file.ts';
import {
  dbf,
  geoPackage,
  gpkgBlob,
  parcelHole,
  parcelOuter,
  polygonWkt,
  prjMercator,
  prjXian80,
  prjZone39,
  shpPolygons,
  square,
  wkb,
  zip,
  type Ring,
} from './readers.fixtures.ts';

const zone39 = '+proj=tmerc +lat_0=0 +lon_0=117 +k=1 +x_0=39500000 +y_0=0 +ellps=GRS80 +units=m';
const toZone39 = (ring: Ring): Ring => ring.map((p) => proj4<[number, number]>(zone39, p));
const text = (s: string) => new TextEncoder().encode(s);

async function problemsOf(read: Promise<unknown>): Promise<Problem[]> {
  const error = await read.then(
    () => new Error('expected the file to be refused'),
    (e: unknown) => e,
  );
  if (!(error instanceof AppError)) throw error;
  return [...error.problems];
}

const attrs = { 编号: 'TL-9', 项目名称: '某高速公路材料堆场', 行政区代码: '320305' };

/** A zipped Shapefile of the test parcel (with its hole) in zone 39, GBK attributes. */
function shapefileZip(extra: Record<string, Uint8Array | string> = {}, prj = prjZone39) {
  const { shp, shx } = shpPolygons([
    [toZone39([...parcelOuter].reverse()), toZone39(parcelHole)],
    [toZone39(square(117.43, 34.42, 0.001))],
  ]);
  return zip({
    'parcels.shp': shp,
    'parcels.shx': shx,
    'parcels.dbf': dbf([attrs, { ...attrs, 编号: 'TL-10' }], 'gbk'),
    'parcels.cpg': 'GBK',
    'parcels.prj': prj,
    ...extra,
  });
}

it('reads a GBK CSV with quoted fields: WKT kept for PostGIS, frame from the coordinates', async () => {
  const csv = [
    '编号,项目名称,wkt,行政区代码',
    `TL-1,"某公路""一标"",材料堆场","${polygonWkt([parcelOuter, parcelHole])}",320305`,
  ].join('\r\n');
  const read = await readImportFile(new Uint8Array(iconv.encode(csv, 'gbk')), 'a.csv');
  expect(read.format).toBe('csv');
  expect(read.crsBasis).toContain('degrees');
  expect(read.candidates).toHaveLength(1);
  expect(read.candidates[0]).toMatchObject({
    feature: 1,
    label: 'TL-1',
    properties: { 项目名称: '某公路"一标",材料堆场', 行政区代码: '320305' },
    shape: { kind: 'wkt', srid: 4490 },
  });
});

it('honours a CSV srid column and EWKT, and locates rows that are not polygons', async () => {
  const ok = `id,geometry,EPSG\nA,"${polygonWkt([toZone39(parcelOuter)])}",EPSG:4527\nB,"SRID=4490;${polygonWkt([parcelOuter])}",`;
  const read = await readImportFile(text(ok), 'b.csv');
  expect(read.candidates.map((c) => c.shape.srid)).toEqual([4527, 4490]);
  const bad = `名称,WKT\n甲,"${polygonWkt([parcelOuter])}"\n乙,"LINESTRING(117 34, 118 35)"\n丙,`;
  const problems = await problemsOf(readImportFile(text(bad), 'c.csv'));
  expect(problems.map((p) => [p.code, p.location?.feature])).toEqual([
    ['CSV_NOT_POLYGON', 2],
    ['CSV_NOT_POLYGON', 3],
  ]);
  expect(problems[0]?.location).toMatchObject({ file: 'c.csv', line: 3, field: 'WKT' });
  expect((await problemsOf(readImportFile(text('a,b\n1,2'), 'd.csv')))[0]?.code).toBe(
    'CSV_NO_WKT_COLUMN',
  );
  expect((await problemsOf(readImportFile(text('wkt\n"POLYGON(('), 'e.csv')))[0]?.code).toBe(
    'CSV_INVALID',
  );
});

const kmlDoc = (placemarks: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><kml xmlns="http://www.opengis.net/kml/2.2"><Document>${placemarks}</Document></kml>`;
const kmlRing = (ring: Ring) =>
  `<LinearRing><coordinates>${ring.map((p) => `${p[0]},${p[1]},0`).join(' ')}</coordinates></LinearRing>`;
const kmlParcel = `<Placemark><name>某高速公路材料堆场</name><description>一标段</description><styleUrl>#s</styleUrl>
  <ExtendedData><SchemaData schemaUrl="#p"><SimpleData name="地块编号">TL-3</SimpleData><SimpleData name="行政区代码">320305</SimpleData></SchemaData></ExtendedData>
  <Polygon><outerBoundaryIs>${kmlRing(parcelOuter)}</outerBoundaryIs><innerBoundaryIs>${kmlRing(parcelHole)}</innerBoundaryIs></Polygon></Placemark>`;

it('reads KML and KMZ: degrees as EPSG:4490, ExtendedData and name as attributes, no styling', async () => {
  for (const [bytes, name] of [
    [text(kmlDoc(kmlParcel)), 'a.kml'],
    [zip({ 'doc.kml': kmlDoc(kmlParcel) }), 'a.kmz'],
  ] as const) {
    const read = await readImportFile(bytes, name);
    expect(read.format).toBe('kml');
    expect(read.candidates[0]).toMatchObject({
      label: 'TL-3',
      properties: { name: '某高速公路材料堆场', description: '一标段', 行政区代码: '320305' },
      shape: { kind: 'geojson', srid: 4490, geometry: { type: 'Polygon' } },
    });
    expect(read.candidates[0]?.properties).not.toHaveProperty('styleUrl');
    const rings = (read.candidates[0]?.shape as { geometry: { coordinates: number[][][] } })
      .geometry.coordinates;
    expect(rings).toHaveLength(2);
    expect(rings[0]?.[0]).toEqual([117.41, 34.4]); // altitude dropped
  }
});

it('closes an open KML ring with a located warning, as the OGC KML standard requires it closed', async () => {
  const open = kmlParcel.replace(kmlRing(parcelHole), kmlRing(parcelHole.slice(0, -1)));
  const read = await readImportFile(text(kmlDoc(kmlParcel + open)), 'open.kml');
  expect(read.warnings).toEqual([
    expect.objectContaining({
      code: 'KML_RING_NOT_CLOSED',
      location: { file: 'open.kml', feature: 2, ring: 2 },
    }),
  ]);
  const hole = (read.candidates[1]?.shape as { geometry: { coordinates: number[][][] } }).geometry
    .coordinates[1];
  expect(hole?.[0]).toEqual(hole?.[hole.length - 1]);
  expect((await readImportFile(text(kmlDoc(kmlParcel)), 'closed.kml')).warnings).toEqual([]);
});

it('locates KML placemarks that are not polygons and refuses malformed XML', async () => {
  const line = `<Placemark><LineString><coordinates>117,34 118,35</coordinates></LineString></Placemark>`;
  const problems = await problemsOf(readImportFile(text(kmlDoc(kmlParcel + line)), 'b.kml'));
  expect(problems).toEqual([
    expect.objectContaining({ code: 'KML_NOT_POLYGON', location: { file: 'b.kml', feature: 2 } }),
  ]);
  const broken = await problemsOf(readImportFile(text('<kml><Placemark>'), 'c.kml'));
  expect(broken[0]?.code).toBe('KML_INVALID');
  const empty = await problemsOf(readImportFile(zip({ 'readme.txt': 'x' }), 'd.kmz'));
  expect(empty[0]?.code).toBe('KML_INVALID');
});

it('reads a zipped Shapefile: zone 39 from the .prj, GBK attributes from the .cpg, all rings kept', async () => {
  const read = await readImportFile(shapefileZip(), 'parcels.zip');
  expect(read.format).toBe('shapefile');
  expect(read.crsBasis).toContain('EPSG:4527');
  expect(read.candidates).toHaveLength(2);
  expect(read.candidates[0]).toMatchObject({
    label: 'TL-9',
    properties: { 项目名称: '某高速公路材料堆场', 行政区代码: '320305' },
    shape: { kind: 'rings', srid: 4527 },
  });
  const shape = read.candidates[0]?.shape as { rings: { points: number[][] }[] };
  expect(shape.rings).toHaveLength(2);
  expect(shape.rings[0]?.points[0]?.[0]).toBeGreaterThan(39_000_000);
  // Without .cpg the GBK bytes are recognised; without .prj degrees are detected.
  const { shp, shx } = shpPolygons([[[...parcelOuter].reverse()]]);
  const plain = await readImportFile(
    zip({ 'a/b.SHP': shp, 'a/b.shx': shx, 'a/b.dbf': dbf([attrs], 'gbk') }),
    'b.zip',
  );
  expect(plain.candidates[0]).toMatchObject({
    properties: { 项目名称: '某高速公路材料堆场' },
    shape: { srid: 4490 },
  });
});

it('applies a Reclaim field sidecar: full names and long values back, an edited value kept as edited', async () => {
  const longName = '某高速公路'.repeat(20); // 100 characters, 300 bytes
  const cut = longName.slice(0, 84); // the first 252 bytes, as an export cuts it
  const { shp, shx } = shpPolygons([[[...parcelOuter].reverse()], [square(117.43, 34.42, 0.001)]]);
  const sidecar = {
    format: 'reclaim-shapefile-fields',
    version: 1,
    fields: [
      { dbf: 'projectNam', name: 'projectName', type: 'text' },
      { dbf: 'divisionCo', name: 'divisionCode', type: 'text' },
    ],
    values: [
      { record: 1, field: 'projectName', dbf: cut, value: longName },
      { record: 2, field: 'projectName', dbf: cut, value: longName },
    ],
  };
  const layer = (fields: unknown) =>
    zip({
      'p.shp': shp,
      'p.shx': shx,
      'p.dbf': dbf(
        [
          { projectNam: cut, divisionCo: '320305' },
          { projectNam: '改过的名称', divisionCo: '320305' },
        ],
        'utf-8',
      ),
      'p.cpg': 'UTF-8',
      'p.fields.json': typeof fields === 'string' ? fields : JSON.stringify(fields),
    });
  const read = await readImportFile(layer(sidecar), 'p.zip');
  expect(read.candidates.map((c) => c.properties)).toEqual([
    { projectName: longName, divisionCode: '320305' },
    { projectName: '改过的名称', divisionCode: '320305' },
  ]);
  expect(read.warnings).toMatchObject([
    { code: 'SHAPEFILE_FIELDS_STALE', location: { feature: 2, field: 'projectName' } },
  ]);
  // A sidecar that is not one leaves the DBF as it is, with a warning saying why.
  for (const broken of ['{"format":', { ...sidecar, version: 2 }]) {
    const plain = await readImportFile(layer(broken), 'p.zip');
    expect(plain.candidates[0]?.properties).toEqual({ projectNam: cut, divisionCo: '320305' });
    expect(plain.warnings).toMatchObject([
      { code: 'SHAPEFILE_FIELDS_INVALID', location: { field: 'p.fields.json' } },
    ]);
  }
});

it("removes the ' a spreadsheet-safe CSV puts before formula-like cells, and only there", async () => {
  const csv = [
    '项目名称,建设单位,用地单位,wkt',
    `'=1+1,'-某单位,'普通文字,"${polygonWkt([parcelOuter])}"`,
  ].join('\r\n');
  const read = await readImportFile(text(csv), 'f.csv');
  expect(read.candidates[0]?.properties).toEqual({
    项目名称: '=1+1',
    建设单位: '-某单位',
    用地单位: "'普通文字",
  });
});

it('refuses Shapefiles with a missing .shp, an unknown or Xi’an 1980 .prj, or a corrupt .shp', async () => {
  const noShp = await problemsOf(
    readImportFile(zip({ 'a.dbf': dbf([attrs], 'utf-8'), 'a.prj': prjZone39 }), 'a.zip'),
  );
  expect(noShp[0]).toMatchObject({ code: 'SHAPEFILE_MISSING_SHP', location: { file: 'a.zip' } });
  const unknown = await problemsOf(readImportFile(shapefileZip({}, prjMercator), 'b.zip'));
  expect(unknown[0]).toMatchObject({
    code: 'CRS_UNSUPPORTED',
    location: { file: 'b.zip', field: 'parcels.prj' },
  });
  const xian = await problemsOf(readImportFile(shapefileZip({}, prjXian80), 'c.zip'));
  expect(xian[0]?.code).toBe('CRS_UNSUPPORTED_DATUM');
  const garbage = await problemsOf(
    readImportFile(zip({ 'a.shp': new Uint8Array(300).fill(7) }), 'd.zip'),
  );
  expect(garbage[0]?.code).toMatch(/^SHAPEFILE_/);
});

it('refuses hostile zips: truncated, too many entries, bomb-sized entries, paths with ..', async () => {
  const whole = shapefileZip();
  const truncated = await problemsOf(readImportFile(whole.subarray(0, 200), 'a.zip'));
  expect(truncated[0]).toMatchObject({ code: 'ZIP_INVALID', location: { file: 'a.zip' } });
  const many = Object.fromEntries(Array.from({ length: 1001 }, (_, i) => [`f${i}.txt`, 'x']));
  expect((await problemsOf(readImportFile(zip(many), 'b.zip')))[0]?.code).toBe(
    'ZIP_TOO_MANY_ENTRIES',
  );
  // Claim 150 MiB for each entry in the central directory: nothing is inflated.
  const bomb = shapefileZip();
  const view = new DataView(bomb.buffer, bomb.byteOffset, bomb.byteLength);
  for (let i = 0; i + 4 <= bomb.length; i++)
    if (view.getUint32(i, true) === 0x02014b50) view.setUint32(i + 24, 150 * 1024 * 1024, true);
  expect((await problemsOf(readImportFile(bomb, 'c.zip')))[0]?.code).toBe('ZIP_TOO_LARGE');
  const unsafe = await problemsOf(readImportFile(shapefileZip({ '../evil.shp': 'x' }), 'd.zip'));
  expect(unsafe[0]).toMatchObject({ code: 'ZIP_UNSAFE_PATH', location: { field: '../evil.shp' } });
});

it('maps .prj WKT to CGCS2000 EPSG codes by central meridian and false easting', () => {
  expect(gaussKrugerSrid(117, 39_500_000)).toBe(4527);
  expect(gaussKrugerSrid(117, 500_000)).toBe(4548);
  expect(gaussKrugerSrid(75, 25_500_000)).toBe(4513);
  expect(gaussKrugerSrid(135, 45_500_000)).toBe(4533);
  expect(gaussKrugerSrid(117, 20_500_000)).toBe(4498); // 6-degree zone 20
  expect(gaussKrugerSrid(75, 13_500_000)).toBe(4491);
  expect(gaussKrugerSrid(135, 500_000)).toBe(4554);
  expect(gaussKrugerSrid(116, 500_000)).toBeUndefined();
  expect(sridFromPrj(prjZone39, {})).toMatchObject({ srid: 4527 });
  expect(
    sridFromPrj('GEOGCS["China Geodetic Coordinate System 2000",AUTHORITY["EPSG","4490"]]', {}),
  ).toMatchObject({ srid: 4490 });
  expect(sridFromPrj(prjXian80, { file: 'x' })).toMatchObject({ code: 'CRS_UNSUPPORTED_DATUM' });
});

it('reads a GeoPackage: SRID from gpkg_spatial_ref_sys, WKB from the blob for PostGIS', async () => {
  const rings = [parcelOuter, parcelHole];
  const bytes = await geoPackage(4490, [
    {
      name: 'parcels',
      type: 'POLYGON',
      rows: [{ blob: gpkgBlob(4490, rings, wkb(3, rings)), attrs }],
    },
    {
      name: 'more',
      type: 'MULTIPOLYGON',
      rows: [{ blob: gpkgBlob(4490, rings, wkb(6, rings)), attrs: { 编号: 'M-1' } }],
    },
  ]);
  const read = await readImportFile(bytes, 'a.gpkg');
  expect(read.format).toBe('geopackage');
  expect(read.crsBasis).toContain('EPSG:4490');
  expect(read.candidates.map((c) => [c.feature, c.label, c.shape.kind, c.shape.srid])).toEqual([
    [1, 'TL-9', 'wkb', 4490],
    [2, 'M-1', 'wkb', 4490],
  ]);
  expect((read.candidates[0]?.shape as { wkbHex: string }).wkbHex).toBe(
    Buffer.from(wkb(3, rings)).toString('hex'),
  );
});

it('locates GeoPackage features that are not polygons and refuses a damaged file', async () => {
  const line = [parcelOuter];
  const bytes = await geoPackage(4490, [
    {
      name: 'roads',
      type: 'LINESTRING',
      rows: [{ blob: gpkgBlob(4490, line, wkb(2, line)), attrs }],
    },
  ]);
  const problems = await problemsOf(readImportFile(bytes, 'b.gpkg'));
  expect(problems[0]).toMatchObject({
    code: 'GPKG_NOT_POLYGON',
    location: { file: 'b.gpkg', feature: 1 },
  });
  const damaged = new Uint8Array(4096).fill(0x41);
  damaged.set(text('SQLite format 3\0'));
  expect((await problemsOf(readImportFile(damaged, 'c.gpkg')))[0]?.code).toBe('GPKG_INVALID');
  const truncated = bytes.subarray(0, 1500);
  expect((await problemsOf(readImportFile(truncated, 'd.gpkg')))[0]?.code).toMatch(/^GPKG_/);
});

it('names every supported format when a file is not one of them', async () => {
  const problems = await problemsOf(readImportFile(text('x'), 'a.docx'));
  expect(problems[0]?.code).toBe('FORMAT_UNSUPPORTED');
  expect(problems[0]?.messageEn).toContain('GeoPackage');
});
