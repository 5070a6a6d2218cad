// Zipped Shapefiles (.shp + .dbf, optional .prj and .cpg) as import candidates, read with the
// `shapefile` package from bytes only (never a path). The frame comes from the .prj or, without
// one, from the coordinates; the DBF encoding from the .cpg or, without one, UTF-8 if the bytes
// are valid UTF-8, else GBK. Rings go to PostGIS as rings, so holes are decided geometrically.
// A Reclaim sidecar (<layer>.fields.json) restores full field names and values the DBF cut.
import { open } from 'shapefile';
import { AppError, type Problem } from '../../platform/errors.ts';
import { featureLabel } from './attribute-names.ts';
import type { ImportCandidate, ReadResult, RingInput } from './candidate.ts';
import { detectCrs } from './detect-crs.ts';
import { sridFromPrj } from './prj.ts';
import {
  applyShapefileFields,
  parseShapefileFields,
  sidecarSuffix,
} from '../formats/shapefile-fields.ts';
import { extensionOf, unzipBounded } from './unzip.ts';

const maxFeatures = 100_000;
const parts = new Set(['shp', 'shx', 'dbf', 'prj', 'cpg']);
const isPart = (path: string) =>
  parts.has(extensionOf(path)) || path.toLowerCase().endsWith(sidecarSuffix);

const fail = (code: string, zh: string, en: string, file: string, field?: string) =>
  new AppError('invalid', {
    code,
    messageZh: zh,
    messageEn: en,
    location: { file, ...(field ? { field } : {}) },
  });

/** The DBF text encoding: the .cpg when it names one, else UTF-8 when valid, else GBK. */
function dbfEncoding(cpg: string | undefined, dbf: Uint8Array | undefined): string {
  const declared = cpg
    ?.trim()
    .toUpperCase()
    .replace(/[\s_-]/g, '');
  if (declared === 'UTF8' || declared === '65001') return 'utf-8';
  if (declared === 'GB18030' || declared === '54936') return 'gb18030';
  if (declared && ['GBK', '936', 'CP936', 'GB2312', 'ANSI936'].includes(declared)) return 'gbk';
  if (!dbf) return 'utf-8';
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(dbf.subarray(32));
    return 'utf-8';
  } catch {
    return 'gbk';
  }
}

interface ShpFeature {
  geometry: { type: string; coordinates: unknown } | null;
  properties: Record<string, unknown> | null;
}

/** All rings of a Polygon or MultiPolygon, numbered 1… in file order; null for other types. */
function ringsOf(geometry: ShpFeature['geometry']): RingInput[] | null {
  if (!geometry) return null;
  const polygons =
    geometry.type === 'Polygon'
      ? [geometry.coordinates as number[][][]]
      : geometry.type === 'MultiPolygon'
        ? (geometry.coordinates as number[][][][])
        : null;
  return (
    polygons?.flat().map((ring, i) => ({
      ring: i + 1,
      points: ring.map((p) => [p[0] ?? NaN, p[1] ?? NaN] as [number, number]),
    })) ?? null
  );
}

/**
 * A DBF date as 'YYYY-MM-DD'. `shapefile` reads a D field as a local-time Date and a blank one
 * as new Date(0, -1, 0), i.e. 1899-11-30: that (no temporary-land date is so old) and an
 * unreadable date are blank.
 */
function dbfValue(value: unknown): unknown {
  if (!(value instanceof Date)) return value;
  if (Number.isNaN(value.getTime())) return null;
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  const date = `${pad(value.getFullYear(), 4)}-${pad(value.getMonth() + 1)}-${pad(value.getDate())}`;
  return date === '1899-11-30' ? null : date;
}

/** Every feature's attributes, with the sidecar applied when the archive holds one. */
function attributesOf(
  features: readonly ShpFeature[],
  sidecar: Uint8Array | undefined,
  sidecarField: string,
  file: string,
  warnings: Problem[],
): Record<string, unknown>[] {
  const records = features.map((f) =>
    Object.fromEntries(Object.entries(f.properties ?? {}).map(([k, v]) => [k, dbfValue(v)])),
  );
  if (!sidecar) return records;
  const fields = parseShapefileFields(new TextDecoder().decode(sidecar));
  if ('reason' in fields) {
    warnings.push({
      code: 'SHAPEFILE_FIELDS_INVALID',
      messageZh: `字段说明文件无法使用（${fields.reason}），按 .dbf 中的字段名和值导入`,
      messageEn: `the field sidecar cannot be used (${fields.reason}); the .dbf names and values are taken as they are`,
      location: { file, field: sidecarField },
    });
    return records;
  }
  const applied = applyShapefileFields(records, fields);
  const [first] = applied.stale;
  if (first) {
    warnings.push({
      code: 'SHAPEFILE_FIELDS_STALE',
      messageZh: `.dbf 在导出后被修改过：${applied.stale.length} 个值与字段说明文件不符，按 .dbf 中的值导入`,
      messageEn: `the .dbf was changed after export: ${applied.stale.length} values differ from the field sidecar and are taken from the .dbf`,
      location: { file, feature: first.record, field: first.field },
    });
  }
  return applied.records;
}

export async function readShapefileCandidates(
  bytes: Uint8Array,
  file: string,
): Promise<ReadResult> {
  const entries = unzipBounded(bytes, file, isPart);
  const shps = [...entries.keys()].filter((p) => extensionOf(p) === 'shp');
  if (shps.length !== 1) {
    throw fail(
      shps.length === 0 ? 'SHAPEFILE_MISSING_SHP' : 'SHAPEFILE_MANY_LAYERS',
      shps.length === 0
        ? '压缩包中没有 .shp 文件'
        : `压缩包中有 ${shps.length} 个 .shp 文件，请每个压缩包只放一个图层`,
      shps.length === 0
        ? 'the zip archive holds no .shp file'
        : `the zip archive holds ${shps.length} .shp files: put one layer per archive`,
      file,
    );
  }
  const shpPath = shps[0]!;
  const stem = shpPath.slice(0, -4).toLowerCase();
  const part = (ext: string) =>
    [...entries.entries()].find(([p]) => p.toLowerCase() === `${stem}.${ext}`)?.[1];
  const dbf = part('dbf');
  const prj = part('prj');
  const cpg = part('cpg');
  const sidecar = part(sidecarSuffix.slice(1));
  const warnings: Problem[] = [];
  if (!dbf) {
    warnings.push({
      code: 'SHAPEFILE_NO_DBF',
      messageZh: '缺少 .dbf 文件：要素没有属性',
      messageEn: 'no .dbf file: the features have no attributes',
      location: { file },
    });
  }
  const encoding = dbfEncoding(cpg && new TextDecoder('latin1').decode(cpg), dbf);
  const features: ShpFeature[] = [];
  try {
    const source = await open(entries.get(shpPath)!, dbf, { encoding });
    // Bounded even if a damaged file keeps yielding records.
    for (let n = 0; n <= maxFeatures; n++) {
      const next = await source.read();
      if (next.done) break;
      features.push(next.value as unknown as ShpFeature);
    }
  } catch (error) {
    throw fail(
      'SHAPEFILE_INVALID',
      `Shapefile 无法读取：${(error as Error).message}`,
      `the Shapefile cannot be read: ${(error as Error).message}`,
      file,
      shpPath,
    );
  }
  if (features.length === 0)
    throw fail('SHAPEFILE_EMPTY', 'Shapefile 中没有要素', 'the Shapefile holds no features', file);
  if (features.length > maxFeatures)
    throw fail(
      'SHAPEFILE_TOO_MANY_FEATURES',
      `要素过多（上限 ${maxFeatures}）`,
      `too many features (at most ${maxFeatures})`,
      file,
    );
  const properties = attributesOf(features, sidecar, `${stem}${sidecarSuffix}`, file, warnings);
  const problems: Problem[] = [];
  const rings = features.map((f, i) => {
    const r = ringsOf(f.geometry);
    if (!r || r.length === 0) {
      const type = f.geometry?.type;
      problems.push({
        code: 'SHAPEFILE_NOT_POLYGON',
        messageZh: `第 ${i + 1} 个要素不是面（${type ?? '空图形'}）`,
        messageEn: `feature ${i + 1} is not a polygon (${type ?? 'null shape'})`,
        location: { file, feature: i + 1 },
      });
    }
    return r ?? [];
  });
  const points = rings.flat().flatMap((r) => r.points);
  const declared = prj
    ? sridFromPrj(new TextDecoder('latin1').decode(prj), { file, field: `${stem}.prj` })
    : undefined;
  const crs =
    declared && 'code' in declared
      ? declared
      : detectCrs(
          { srid: declared?.srid },
          points.map((p) => p[0]),
          points.map((p) => p[1]),
          { file },
        );
  if ('code' in crs) problems.push(crs);
  const [first, ...rest] = problems;
  if (first) throw AppError.many('invalid', first, rest);
  if ('code' in crs) throw new AppError('invalid', crs);
  const candidates: ImportCandidate[] = features.map((_, i) => {
    const label = featureLabel(properties[i]!, i + 1);
    return {
      feature: i + 1,
      label,
      properties: properties[i]!,
      shape: { kind: 'rings', srid: crs.srid, rings: rings[i]! },
    };
  });
  return {
    format: 'shapefile',
    crsBasis: declared && !('code' in declared) ? declared.basis : crs.basis,
    candidates,
    warnings,
  };
}
