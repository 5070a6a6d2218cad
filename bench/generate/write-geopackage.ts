// GeoPackage 1.3 files of the data set, written with sql.js (SQLite in WebAssembly): the
// required gpkg_spatial_ref_sys rows plus CGCS2000 (EPSG:4490), gpkg_contents with the
// layer's bounds, gpkg_geometry_columns, and one feature table whose geometries are
// GeoPackage blobs (clause 2.1.3: "GP" header, srs_id, xy envelope, little-endian WKB).
import initSqlJs from 'sql.js';
import type { GeneratedParcel, MultiPolygonCoordinates } from './dataset.ts';

const srsId = 4490;
/** A fixed time, so that the same data give byte-identical files. */
const lastChange = '2026-01-01T00:00:00.000Z';

/** ISO WKB MultiPolygon (type 6), little-endian. */
export function multiPolygonWkb(coordinates: MultiPolygonCoordinates): Uint8Array {
  let size = 9;
  for (const polygon of coordinates) {
    size += 9;
    for (const ring of polygon) size += 4 + ring.length * 16;
  }
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  let at = 0;
  const header = (type: number, count: number) => {
    view.setUint8(at, 1);
    view.setUint32(at + 1, type, true);
    view.setUint32(at + 5, count, true);
    at += 9;
  };
  header(6, coordinates.length);
  for (const polygon of coordinates) {
    header(3, polygon.length);
    for (const ring of polygon) {
      view.setUint32(at, ring.length, true);
      at += 4;
      for (const [x, y] of ring) {
        view.setFloat64(at, x!, true);
        view.setFloat64(at + 8, y!, true);
        at += 16;
      }
    }
  }
  return out;
}

/** [minX, maxX, minY, maxY] — the GeoPackage envelope order. */
function envelope(coordinates: MultiPolygonCoordinates): [number, number, number, number] {
  const e: [number, number, number, number] = [Infinity, -Infinity, Infinity, -Infinity];
  for (const polygon of coordinates)
    for (const ring of polygon)
      for (const [x, y] of ring) {
        e[0] = Math.min(e[0], x!);
        e[1] = Math.max(e[1], x!);
        e[2] = Math.min(e[2], y!);
        e[3] = Math.max(e[3], y!);
      }
  return e;
}

function geometryBlob(coordinates: MultiPolygonCoordinates): Uint8Array {
  const wkb = multiPolygonWkb(coordinates);
  const blob = new Uint8Array(8 + 32 + wkb.length);
  const view = new DataView(blob.buffer);
  blob.set([0x47, 0x50, 0, 0b0000_0011]); // "GP", version 0, xy envelope, little-endian
  view.setInt32(4, srsId, true);
  envelope(coordinates).forEach((v, i) => view.setFloat64(8 + i * 8, v, true));
  blob.set(wkb, 40);
  return blob;
}

const attributeColumns = [
  ['code', 'TEXT'],
  ['project_name', 'TEXT'],
  ['project_class', 'TEXT'],
  ['use_type', 'TEXT'],
  ['approval_number', 'TEXT'],
  ['approval_date', 'DATE'],
  ['approval_body', 'TEXT'],
  ['approval_level', 'TEXT'],
  ['term_start', 'DATE'],
  ['term_end', 'DATE'],
  ['project_owner', 'TEXT'],
  ['land_user', 'TEXT'],
  ['area_ha', 'REAL'],
  ['division_code', 'TEXT'],
] as const;

export async function parcelsGeoPackage(parcels: readonly GeneratedParcel[]): Promise<Uint8Array> {
  const SQL = await initSqlJs();
  const db = new SQL.Database();
  try {
    db.run(`PRAGMA application_id = 1196444487; PRAGMA user_version = 10300;`);
    db.run(`CREATE TABLE gpkg_spatial_ref_sys (srs_name TEXT NOT NULL, srs_id INTEGER PRIMARY KEY,
              organization TEXT NOT NULL, organization_coordsys_id INTEGER NOT NULL,
              definition TEXT NOT NULL, description TEXT)`);
    const srs = db.prepare('INSERT INTO gpkg_spatial_ref_sys VALUES (?, ?, ?, ?, ?, ?)');
    for (const row of [
      [
        'Undefined cartesian SRS',
        -1,
        'NONE',
        -1,
        'undefined',
        'undefined cartesian coordinate reference system',
      ],
      [
        'Undefined geographic SRS',
        0,
        'NONE',
        0,
        'undefined',
        'undefined geographic coordinate reference system',
      ],
      [
        'WGS 84 geodetic',
        4326,
        'EPSG',
        4326,
        'GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563,AUTHORITY["EPSG","7030"]],AUTHORITY["EPSG","6326"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],AUTHORITY["EPSG","4326"]]',
        'longitude/latitude coordinates in decimal degrees on the WGS 84 spheroid',
      ],
      [
        'China Geodetic Coordinate System 2000',
        srsId,
        'EPSG',
        srsId,
        'GEOGCS["China Geodetic Coordinate System 2000",DATUM["China_2000",SPHEROID["CGCS2000",6378137,298.257222101,AUTHORITY["EPSG","1024"]],AUTHORITY["EPSG","1043"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],AUTHORITY["EPSG","4490"]]',
        'CGCS2000 geographic',
      ],
    ])
      srs.run(row);
    srs.free();
    db.run(`CREATE TABLE gpkg_contents (table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL,
              identifier TEXT UNIQUE, description TEXT DEFAULT '',
              last_change DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
              min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE,
              srs_id INTEGER, CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id))`);
    db.run(`CREATE TABLE gpkg_geometry_columns (table_name TEXT NOT NULL, column_name TEXT NOT NULL,
              geometry_type_name TEXT NOT NULL, srs_id INTEGER NOT NULL, z TINYINT NOT NULL, m TINYINT NOT NULL,
              CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name),
              CONSTRAINT fk_gc_tn FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name),
              CONSTRAINT fk_gc_srs FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys (srs_id))`);
    db.run(
      `CREATE TABLE parcels (fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, geom MULTIPOLYGON,
       ${attributeColumns.map(([name, type]) => `${name} ${type}`).join(', ')})`,
    );
    const bounds = [Infinity, Infinity, -Infinity, -Infinity];
    const insert = db.prepare(
      `INSERT INTO parcels (geom, ${attributeColumns.map(([n]) => n).join(', ')}) VALUES (?${', ?'.repeat(attributeColumns.length)})`,
    );
    db.run('BEGIN');
    for (const p of parcels) {
      const [minX, maxX, minY, maxY] = envelope(p.coordinates);
      bounds[0] = Math.min(bounds[0]!, minX);
      bounds[1] = Math.min(bounds[1]!, minY);
      bounds[2] = Math.max(bounds[2]!, maxX);
      bounds[3] = Math.max(bounds[3]!, maxY);
      insert.run([geometryBlob(p.coordinates), ...attributeColumns.map(([n]) => p.attributes[n])]);
    }
    insert.free();
    db.run('COMMIT');
    db.run(
      `INSERT INTO gpkg_contents (table_name, data_type, identifier, description, last_change, min_x, min_y, max_x, max_y, srs_id)
       VALUES ('parcels', 'features', 'parcels', '临时用地（合成基准数据）', ?, ?, ?, ?, ?, ?)`,
      [lastChange, ...bounds, srsId],
    );
    db.run(
      `INSERT INTO gpkg_geometry_columns VALUES ('parcels', 'geom', 'MULTIPOLYGON', ?, 0, 0)`,
      [srsId],
    );
    return db.export();
  } finally {
    db.close();
  }
}
