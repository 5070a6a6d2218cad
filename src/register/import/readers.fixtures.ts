// Test files made the way other software writes them, for the reader tests: Shapefile parts
// (ESRI Shapefile Technical Description, 1998; dBASE III), GeoPackage geometry blobs with WKB,
// a GeoPackage built with sql.js, and zips. Test support only.
import { zipSync } from 'fflate';
import iconv from 'iconv-lite';
import initSqlJs from 'sql.js';

export type Ring = [number, number][];

export const square = (x: number, y: number, size: number): Ring => [
  [x, y],
  [x + size, y],
  [x + size, y + size],
  [x, y + size],
  [x, y],
];

/** The test parcel near Jiawang: a 0.003° square at 117.41°E 34.40°N with a 0.001° hole. */
export const parcelOuter = square(117.41, 34.4, 0.003);
export const parcelHole = square(117.411, 34.401, 0.001);

export const ringWkt = (ring: Ring) => `(${ring.map((p) => p.join(' ')).join(', ')})`;
export const polygonWkt = (rings: Ring[]) => `POLYGON(${rings.map(ringWkt).join(', ')})`;

/** ESRI WKT of CGCS2000 / 3-degree Gauss–Kruger zone 39 (EPSG:4527), as ArcGIS writes it. */
export const prjZone39 =
  'PROJCS["CGCS2000_3_Degree_GK_Zone_39",GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting",39500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",117.0],PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]';
export const prjXian80 =
  'PROJCS["Xian_1980_3_Degree_GK_Zone_39",GEOGCS["GCS_Xian_1980",DATUM["D_Xian_1980",SPHEROID["Xian_1980",6378140.0,298.257]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting",39500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",117.0],PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]';
export const prjMercator =
  'PROJCS["WGS_1984_Web_Mercator_Auxiliary_Sphere",GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Mercator_Auxiliary_Sphere"],PARAMETER["False_Easting",0.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",0.0],PARAMETER["Standard_Parallel_1",0.0],PARAMETER["Auxiliary_Sphere_Type",0.0],UNIT["Meter",1.0]]';

/** .shp and .shx of polygon records (shape type 5), one array of rings per record. */
export function shpPolygons(records: Ring[][]): { shp: Uint8Array; shx: Uint8Array } {
  const contents = records.map((rings) => {
    const points = rings.flat();
    const b = new DataView(new ArrayBuffer(44 + 4 * rings.length + 16 * points.length));
    const xs = points.map((p) => p[0]);
    const ys = points.map((p) => p[1]);
    b.setInt32(0, 5, true);
    [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)].forEach((v, i) =>
      b.setFloat64(4 + i * 8, v, true),
    );
    b.setInt32(36, rings.length, true);
    b.setInt32(40, points.length, true);
    let start = 0;
    rings.forEach((r, i) => {
      b.setInt32(44 + i * 4, start, true);
      start += r.length;
    });
    points.forEach((p, i) => {
      b.setFloat64(44 + 4 * rings.length + i * 16, p[0], true);
      b.setFloat64(52 + 4 * rings.length + i * 16, p[1], true);
    });
    return new Uint8Array(b.buffer);
  });
  const all = records.flat(2);
  const header = (lengthBytes: number) => {
    const h = new DataView(new ArrayBuffer(100));
    h.setInt32(0, 9994, false);
    h.setInt32(24, lengthBytes / 2, false);
    h.setInt32(28, 1000, true);
    h.setInt32(32, 5, true);
    [
      Math.min(...all.map((p) => p[0])),
      Math.min(...all.map((p) => p[1])),
      Math.max(...all.map((p) => p[0])),
      Math.max(...all.map((p) => p[1])),
    ].forEach((v, i) => h.setFloat64(36 + i * 8, v, true));
    return new Uint8Array(h.buffer);
  };
  const shpLength = 100 + contents.reduce((n, c) => n + 8 + c.length, 0);
  const shp = new Uint8Array(shpLength);
  const shx = new Uint8Array(100 + 8 * contents.length);
  shp.set(header(shpLength));
  shx.set(header(shx.length));
  let offset = 100;
  contents.forEach((c, i) => {
    const rh = new DataView(shp.buffer, offset, 8);
    rh.setInt32(0, i + 1, false);
    rh.setInt32(4, c.length / 2, false);
    const xh = new DataView(shx.buffer, 100 + i * 8, 8);
    xh.setInt32(0, offset / 2, false);
    xh.setInt32(4, c.length / 2, false);
    shp.set(c, offset + 8);
    offset += 8 + c.length;
  });
  return { shp, shx };
}

/** A dBASE III table of character fields, names and values in `encoding` (utf-8 or gbk). */
export function dbf(rows: Record<string, string>[], encoding: 'utf-8' | 'gbk'): Uint8Array {
  const encode = (s: string) => new Uint8Array(iconv.encode(s, encoding));
  const names = Object.keys(rows[0] ?? {});
  const widths = names.map((n) => Math.max(...rows.map((r) => encode(r[n] ?? '').length), 1));
  const recordLength = 1 + widths.reduce((a, b) => a + b, 0);
  const headerLength = 32 + 32 * names.length + 1;
  const out = new Uint8Array(headerLength + recordLength * rows.length + 1).fill(0x20);
  const view = new DataView(out.buffer);
  out.fill(0, 0, headerLength);
  out.set([0x03, 126, 6, 1]);
  view.setUint32(4, rows.length, true);
  view.setUint16(8, headerLength, true);
  view.setUint16(10, recordLength, true);
  names.forEach((name, i) => {
    out.set(encode(name).subarray(0, 10), 32 + i * 32);
    out[32 + i * 32 + 11] = 'C'.charCodeAt(0);
    out[32 + i * 32 + 16] = widths[i]!;
  });
  out[headerLength - 1] = 0x0d;
  rows.forEach((row, r) => {
    let at = headerLength + r * recordLength + 1;
    names.forEach((name, i) => {
      out.set(encode(row[name] ?? ''), at);
      at += widths[i]!;
    });
  });
  out[out.length - 1] = 0x1a;
  return out;
}

export const zip = (files: Record<string, Uint8Array | string>) =>
  zipSync(
    Object.fromEntries(
      Object.entries(files).map(([k, v]) => [
        k,
        typeof v === 'string' ? new TextEncoder().encode(v) : v,
      ]),
    ),
  );

/** Little-endian WKB of a Polygon (type 3), a LineString (2) or a MultiPolygon of polygons (6). */
export function wkb(type: 2 | 3 | 6, rings: Ring[]): Uint8Array {
  const parts: number[][] = [];
  const u32 = (n: number) => {
    const b = new DataView(new ArrayBuffer(4));
    b.setUint32(0, n, true);
    parts.push([...new Uint8Array(b.buffer)]);
  };
  const f64 = (n: number) => {
    const b = new DataView(new ArrayBuffer(8));
    b.setFloat64(0, n, true);
    parts.push([...new Uint8Array(b.buffer)]);
  };
  const polygon = () => {
    parts.push([1]);
    u32(3);
    u32(rings.length);
    for (const r of rings) {
      u32(r.length);
      for (const p of r) p.forEach(f64);
    }
  };
  if (type === 3) polygon();
  else if (type === 6) {
    parts.push([1]);
    u32(6);
    u32(1);
    polygon();
  } else {
    parts.push([1]);
    u32(2);
    u32(rings[0]!.length);
    for (const p of rings[0]!) p.forEach(f64);
  }
  return new Uint8Array(parts.flat());
}

/** A GeoPackage geometry blob: 'GP', version 0, little-endian, 32-byte envelope, then WKB. */
export function gpkgBlob(srsId: number, rings: Ring[], body: Uint8Array): Uint8Array {
  const pts = rings.flat();
  const head = new DataView(new ArrayBuffer(40));
  head.setUint8(0, 0x47);
  head.setUint8(1, 0x50);
  head.setUint8(3, 0b0000_0011);
  head.setInt32(4, srsId, true);
  [
    Math.min(...pts.map((p) => p[0])),
    Math.max(...pts.map((p) => p[0])),
    Math.min(...pts.map((p) => p[1])),
    Math.max(...pts.map((p) => p[1])),
  ].forEach((v, i) => head.setFloat64(8 + i * 8, v, true));
  const out = new Uint8Array(40 + body.length);
  out.set(new Uint8Array(head.buffer));
  out.set(body, 40);
  return out;
}

/** A GeoPackage with one feature table per entry of `tables`, every geometry in EPSG `srid`. */
export async function geoPackage(
  srid: number,
  tables: {
    name: string;
    type: string;
    rows: { blob: Uint8Array; attrs: Record<string, string> }[];
  }[],
): Promise<Uint8Array> {
  const SQL = await initSqlJs();
  const db = new SQL.Database();
  db.run(`CREATE TABLE gpkg_spatial_ref_sys (srs_name TEXT NOT NULL, srs_id INTEGER PRIMARY KEY,
            organization TEXT NOT NULL, organization_coordsys_id INTEGER NOT NULL, definition TEXT NOT NULL, description TEXT);
          CREATE TABLE gpkg_contents (table_name TEXT PRIMARY KEY, data_type TEXT NOT NULL, identifier TEXT,
            description TEXT DEFAULT '', last_change DATETIME, min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE, srs_id INTEGER);
          CREATE TABLE gpkg_geometry_columns (table_name TEXT NOT NULL, column_name TEXT NOT NULL,
            geometry_type_name TEXT NOT NULL, srs_id INTEGER NOT NULL, z TINYINT NOT NULL, m TINYINT NOT NULL);`);
  db.run(`INSERT INTO gpkg_spatial_ref_sys VALUES ('CGCS2000', ?, 'EPSG', ?, 'undefined', NULL)`, [
    srid,
    srid,
  ]);
  for (const t of tables) {
    const columns = Object.keys(t.rows[0]?.attrs ?? {});
    db.run(
      `CREATE TABLE "${t.name}" (fid INTEGER PRIMARY KEY, geom BLOB${columns.map((c) => `, "${c}" TEXT`).join('')})`,
    );
    db.run(`INSERT INTO gpkg_contents (table_name, data_type, srs_id) VALUES (?, 'features', ?)`, [
      t.name,
      srid,
    ]);
    db.run(`INSERT INTO gpkg_geometry_columns VALUES (?, 'geom', ?, ?, 0, 0)`, [
      t.name,
      t.type,
      srid,
    ]);
    for (const row of t.rows) {
      db.run(
        `INSERT INTO "${t.name}" (geom${columns.map((c) => `, "${c}"`).join('')}) VALUES (?${columns.map(() => ', ?').join('')})`,
        [row.blob, ...columns.map((c) => row.attrs[c] ?? '')],
      );
    }
  }
  const bytes = db.export();
  db.close();
  return bytes;
}
