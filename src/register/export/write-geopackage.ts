// A GeoPackage (OGC GeoPackage 1.3) of the register, built with sql.js: the required
// gpkg_spatial_ref_sys rows plus EPSG:4490, gpkg_contents, gpkg_geometry_columns, and one
// feature table whose geometry blobs are the GeoPackage header + the WKB PostGIS wrote.
// No R-tree index: sql.js is built without the rtree module (QGIS or GDAL can add one).
import initSqlJs, { type SqlJsStatic } from 'sql.js';
import { exportColumns, type ColumnType } from './export-columns.ts';
import type { ExportFeature } from './export.store.ts';

/** 'GPKG' as the SQLite application_id and 1.3.0 as user_version (Req 2): what we write is the
 * same in 1.3 and 1.4, and GDAL 3.6 (Debian 12) warns about 1.4. */
const applicationId = 0x47504b47;
const userVersion = 10300;

const columnTypes: Record<ColumnType, string> = {
  text: 'TEXT',
  date: 'DATE',
  real: 'DOUBLE',
  integer: 'INTEGER',
};

let sqlJs: Promise<SqlJsStatic> | undefined;

/** A GeoPackage geometry blob: 'GP', version 0, little-endian, xy envelope, srs_id, then WKB. */
function gpkgBlob(srsId: number, bbox: readonly number[], wkb: Uint8Array): Uint8Array {
  const head = new DataView(new ArrayBuffer(40));
  head.setUint8(0, 0x47);
  head.setUint8(1, 0x50);
  head.setUint8(2, 0);
  head.setUint8(3, 0b0000_0011); // envelope [minx, maxx, miny, maxy]; little-endian
  head.setInt32(4, srsId, true);
  [bbox[0]!, bbox[2]!, bbox[1]!, bbox[3]!].forEach((v, i) => head.setFloat64(8 + i * 8, v, true));
  const blob = new Uint8Array(40 + wkb.length);
  blob.set(new Uint8Array(head.buffer));
  blob.set(wkb, 40);
  return blob;
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

export interface GeoPackageLayer {
  /** The feature table's name (an SQL identifier) and its title for people. */
  table: string;
  title: string;
  description: string;
  features: readonly ExportFeature<Uint8Array>[];
  /** OGC WKT of EPSG:4490 and EPSG:4326 (from PostGIS' spatial_ref_sys). */
  wkt4490: string;
  wkt4326: string;
}

export async function writeGeoPackage(layer: GeoPackageLayer): Promise<Uint8Array> {
  sqlJs ??= initSqlJs();
  const db = new (await sqlJs).Database();
  try {
    db.run(`PRAGMA application_id = ${applicationId}; PRAGMA user_version = ${userVersion};`);
    db.run(`
      CREATE TABLE gpkg_spatial_ref_sys (
        srs_name TEXT NOT NULL, srs_id INTEGER NOT NULL PRIMARY KEY, organization TEXT NOT NULL,
        organization_coordsys_id INTEGER NOT NULL, definition TEXT NOT NULL, description TEXT);
      CREATE TABLE gpkg_contents (
        table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL, identifier TEXT UNIQUE,
        description TEXT DEFAULT '',
        last_change DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
        min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE, srs_id INTEGER,
        CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id));
      CREATE TABLE gpkg_geometry_columns (
        table_name TEXT NOT NULL, column_name TEXT NOT NULL, geometry_type_name TEXT NOT NULL,
        srs_id INTEGER NOT NULL, z TINYINT NOT NULL, m TINYINT NOT NULL,
        CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name),
        CONSTRAINT uk_gc_table_name UNIQUE (table_name),
        CONSTRAINT fk_gc_tn FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name),
        CONSTRAINT fk_gc_srs FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys (srs_id));`);
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
        layer.wkt4326,
        'longitude/latitude coordinates in decimal degrees on the WGS 84 spheroid',
      ],
      [
        'China Geodetic Coordinate System 2000',
        4490,
        'EPSG',
        4490,
        layer.wkt4490,
        'CGCS2000 longitude/latitude degrees (2000国家大地坐标系)',
      ],
    ])
      srs.run(row);
    srs.free();

    const features = layer.features;
    const extent = features.reduce<number[] | null>(
      (e, { bbox: b }) =>
        e
          ? [
              Math.min(e[0]!, b[0]),
              Math.min(e[1]!, b[1]),
              Math.max(e[2]!, b[2]),
              Math.max(e[3]!, b[3]),
            ]
          : [...b],
      null,
    );
    db.run(
      `INSERT INTO gpkg_contents (table_name, data_type, identifier, description, min_x, min_y, max_x, max_y, srs_id)
       VALUES (?, 'features', ?, ?, ?, ?, ?, ?, 4490)`,
      [layer.table, layer.title, layer.description, ...(extent ?? [null, null, null, null])],
    );
    db.run(`INSERT INTO gpkg_geometry_columns VALUES (?, 'geom', 'MULTIPOLYGON', 4490, 0, 0)`, [
      layer.table,
    ]);
    db.run(
      `CREATE TABLE ${quote(layer.table)} (fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, geom MULTIPOLYGON${exportColumns
        .map((c) => `, ${quote(c.name)} ${columnTypes[c.type]}`)
        .join('')})`,
    );
    const insert = db.prepare(
      `INSERT INTO ${quote(layer.table)} (geom${exportColumns.map((c) => `, ${quote(c.name)}`).join('')})
       VALUES (?${exportColumns.map(() => ', ?').join('')})`,
    );
    db.run('BEGIN');
    for (const f of features)
      insert.run([
        gpkgBlob(4490, f.bbox, f.geometry),
        ...exportColumns.map((c) => f.attributes[c.name]),
      ]);
    db.run('COMMIT');
    insert.free();
    return db.export();
  } finally {
    db.close();
  }
}
