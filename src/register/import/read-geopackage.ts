// GeoPackage (an SQLite file) as import candidates, read with sql.js (SQLite in WebAssembly, no
// native module). Feature tables come from gpkg_contents/gpkg_geometry_columns, the frame from
// gpkg_spatial_ref_sys; each geometry blob's GeoPackage header is stripped and its WKB handed
// to PostGIS. Features are numbered across tables in gpkg_contents order.
import initSqlJs, { type Database, type SqlJsStatic, type SqlValue } from 'sql.js';
import { AppError, type Problem } from '../../platform/errors.ts';
import { attribute } from './attribute-names.ts';
import type { ImportCandidate, ReadResult } from './candidate.ts';
import { detectCrs } from './detect-crs.ts';
import { sridFromPrj } from './prj.ts';

const maxFeatures = 100_000;
const maxProblems = 1000;
let sqlJs: Promise<SqlJsStatic> | undefined;

interface Layer {
  table: string;
  column: string;
  srsId: number;
  organization: string | null;
  orgCode: number | null;
  definition: string | null;
}

/** The WKB inside a GeoPackage geometry blob (GeoPackage 1.x, clause 2.1.3), or why not. */
export function wkbFromGpkgBlob(
  blob: Uint8Array,
): { wkb: Uint8Array; envelope: number[] } | { reason: string } {
  if (blob.length < 8 || blob[0] !== 0x47 || blob[1] !== 0x50) return { reason: 'no GP magic' };
  const flags = blob[3]!;
  if (flags & 0x20) return { reason: 'extended geometry type' };
  if (flags & 0x10) return { reason: 'empty geometry' };
  const envelopeKind = (flags >> 1) & 0x07;
  const doubles = [0, 4, 6, 6, 8][envelopeKind];
  if (doubles === undefined) return { reason: `invalid envelope indicator ${envelopeKind}` };
  const start = 8 + doubles * 8;
  if (blob.length < start + 5) return { reason: 'truncated blob' };
  const view = new DataView(blob.buffer, blob.byteOffset, blob.byteLength);
  const little = (flags & 0x01) === 1;
  const envelope = Array.from({ length: doubles }, (_, i) => view.getFloat64(8 + i * 8, little));
  return { wkb: blob.subarray(start), envelope };
}

/** The WKB geometry type, 2D base (1 point … 3 polygon, 6 multipolygon), from ISO or EWKB. */
function wkbType(wkb: Uint8Array): number {
  const view = new DataView(wkb.buffer, wkb.byteOffset, wkb.byteLength);
  const raw = view.getUint32(1, wkb[0] === 1);
  return (raw & 0x0fffffff) % 1000;
}

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

function layers(db: Database): Layer[] {
  const [result] = db.exec(
    `SELECT c.table_name, g.column_name, g.srs_id, s.organization, s.organization_coordsys_id, s.definition
     FROM gpkg_contents c JOIN gpkg_geometry_columns g ON g.table_name = c.table_name
     LEFT JOIN gpkg_spatial_ref_sys s ON s.srs_id = g.srs_id
     WHERE c.data_type = 'features' ORDER BY c.rowid`,
  );
  return (result?.values ?? []).map((r) => ({
    table: String(r[0]),
    column: String(r[1]),
    srsId: Number(r[2]),
    organization: r[3] === null ? null : String(r[3]),
    orgCode: r[4] === null ? null : Number(r[4]),
    definition: r[5] === null ? null : String(r[5]),
  }));
}

export async function readGeoPackageCandidates(
  bytes: Uint8Array,
  file: string,
): Promise<ReadResult> {
  sqlJs ??= initSqlJs();
  const SQL = await sqlJs;
  const problems: Problem[] = [];
  const add = (p: Problem) => {
    if (problems.length < maxProblems) problems.push(p);
  };
  const candidates: ImportCandidate[] = [];
  const bases = new Set<string>();
  let db: Database | undefined;
  try {
    db = new SQL.Database(bytes);
    const found = layers(db);
    if (found.length === 0) {
      add({
        code: 'GPKG_NO_FEATURES',
        messageZh: 'GeoPackage 中没有要素表',
        messageEn: 'the GeoPackage holds no feature table',
        location: { file },
      });
    }
    let feature = 0;
    for (const layer of found) {
      const where = { file, field: `${layer.table}.${layer.column}` };
      const declared =
        layer.organization?.toUpperCase() === 'EPSG' && layer.orgCode !== null
          ? { srid: layer.orgCode, basis: `EPSG:${layer.orgCode} (gpkg_spatial_ref_sys)` }
          : layer.definition && layer.srsId > 0
            ? sridFromPrj(layer.definition, where)
            : undefined;
      if (declared && 'code' in declared) {
        add(declared);
        continue;
      }
      const statement = db.prepare(`SELECT * FROM ${quoteIdent(layer.table)}`);
      const rows: { properties: Record<string, unknown>; blob: SqlValue | undefined }[] = [];
      while (statement.step()) {
        if (feature + rows.length >= maxFeatures) {
          statement.free();
          throw new Error(`more than ${maxFeatures} features`);
        }
        const { [layer.column]: blob, ...properties } = statement.getAsObject();
        rows.push({ properties, blob });
      }
      statement.free();
      const envelopes: number[][] = [];
      const shapes = rows.map((row, i) => {
        const at = { file, feature: feature + i + 1, field: layer.column };
        const blob = row.blob instanceof Uint8Array ? wkbFromGpkgBlob(row.blob) : null;
        if (!blob || 'reason' in blob) {
          add({
            code: 'GPKG_GEOMETRY_INVALID',
            messageZh: `第 ${at.feature} 个要素的图形无法读取（${blob?.reason ?? '无图形'}）`,
            messageEn: `feature ${at.feature}: the geometry cannot be read (${blob?.reason ?? 'no geometry'})`,
            location: at,
          });
          return null;
        }
        const type = wkbType(blob.wkb);
        if (type !== 3 && type !== 6) {
          add({
            code: 'GPKG_NOT_POLYGON',
            messageZh: `第 ${at.feature} 个要素（${layer.table}）不是面（WKB 类型 ${type}）`,
            messageEn: `feature ${at.feature} (${layer.table}) is not a Polygon or MultiPolygon (WKB type ${type})`,
            location: at,
          });
          return null;
        }
        if (blob.envelope.length >= 4) envelopes.push(blob.envelope);
        return Buffer.from(blob.wkb).toString('hex');
      });
      const crs = detectCrs(
        { srid: declared?.srid },
        envelopes.flatMap((e) => [e[0]!, e[1]!]),
        envelopes.flatMap((e) => [e[2]!, e[3]!]),
        where,
      );
      if ('code' in crs) add(crs);
      else if (!declared && envelopes.length < shapes.filter(Boolean).length) {
        add({
          code: 'CRS_UNKNOWN',
          messageZh: `图层 ${layer.table} 未声明坐标系，且图形没有外包框，无法判断坐标系`,
          messageEn: `layer ${layer.table} declares no coordinate system and its geometries carry no envelope`,
          location: where,
        });
      } else bases.add(declared?.basis ?? crs.basis);
      rows.forEach((row, i) => {
        const wkbHex = shapes[i];
        const n = feature + i + 1;
        const label =
          attribute(row.properties, 'code') ??
          attribute(row.properties, 'projectName') ??
          `${layer.table}#${i + 1}`;
        if (wkbHex && !('code' in crs))
          candidates.push({
            feature: n,
            label,
            properties: row.properties,
            shape: { kind: 'wkb', srid: crs.srid, wkbHex },
          });
      });
      feature += rows.length;
    }
  } catch (error) {
    add({
      code: 'GPKG_INVALID',
      messageZh: `GeoPackage 无法读取：${(error as Error).message}`,
      messageEn: `the GeoPackage cannot be read: ${(error as Error).message}`,
      location: { file },
    });
  } finally {
    db?.close();
  }
  const [first, ...rest] = problems;
  if (first) throw AppError.many('invalid', first, rest);
  return { format: 'geopackage', crsBasis: [...bases].join('; '), candidates, warnings: [] };
}
