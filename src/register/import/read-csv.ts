// CSV with a WKT column as import candidates: a header row, one geometry column (wkt, geometry,
// geom, 几何), an optional srid/EPSG column, every other column an attribute. UTF-8 or GBK.
// A leading ' that protects a formula-like cell in spreadsheets is removed.
// The WKT is parsed by PostGIS; here its numbers are only scanned to detect the frame.
import { parse } from 'csv-parse/sync';
import { AppError, type Problem } from '../../platform/errors.ts';
import { featureLabel } from './attribute-names.ts';
import type { ImportCandidate, ReadResult } from './candidate.ts';
import { detectCrs } from './detect-crs.ts';

const maxFeatures = 100_000;
const geometryColumns = ['wkt', 'geometry', 'geom', '几何', '图形'];
const sridColumns = ['srid', 'epsg', 'crs'];

/** Strict UTF-8 first, then GB 18030 (a superset of GBK), as bureau spreadsheets export. */
export function decodeChineseText(bytes: Uint8Array): string {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    text = new TextDecoder('gb18030').decode(bytes);
  }
  return text.replace(/^\uFEFF/, '');
}

/**
 * A cell as written before a spreadsheet-safe export prefixed it: "'=…", "'+…", "'-…", "'@…"
 * (and the full-width forms) lose the apostrophe, as csv-stringify's escape_formulas adds it.
 */
const unescapeFormula = (cell: string) =>
  /^'[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/.test(cell) ? cell.slice(1) : cell;

const polygonalWkt = /^\s*(?:SRID=(\d+)\s*;\s*)?(MULTIPOLYGON|POLYGON)\s*(ZM|Z|M)?\s*[(E]/i;

/** The numbers of a WKT as easting/northing pairs (Z and M skipped), for frame detection only. */
function wktCoordinates(wkt: string, dims: number): { e: number[]; n: number[] } {
  const numbers = (wkt.match(/-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?/g) ?? []).map(Number);
  const e: number[] = [];
  const n: number[] = [];
  for (let i = 0; i + 1 < numbers.length; i += dims) {
    e.push(numbers[i]!);
    n.push(numbers[i + 1]!);
  }
  return { e, n };
}

export function readCsvCandidates(bytes: Uint8Array, file: string): ReadResult {
  let rows: { record: string[]; info: { lines: number } }[];
  try {
    rows = parse(decodeChineseText(bytes), {
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    throw new AppError('invalid', {
      code: 'CSV_INVALID',
      messageZh: `CSV 无法解析：${(error as Error).message}`,
      messageEn: `not readable CSV: ${(error as Error).message}`,
      location: { file, ...(line ? { line } : {}) },
    });
  }
  const [header, ...body] = rows;
  const names = header?.record ?? [];
  const find = (accepted: string[]) =>
    names.findIndex((name) => accepted.includes(name.trim().toLowerCase()));
  const wktIndex = find(geometryColumns);
  const sridIndex = find(sridColumns);
  if (rows.length === 0) {
    throw new AppError('invalid', {
      code: 'CSV_EMPTY',
      messageZh: 'CSV 文件为空',
      messageEn: 'the CSV is empty',
      location: { file },
    });
  }
  if (wktIndex < 0 || body.length === 0) {
    throw new AppError('invalid', {
      code: wktIndex < 0 ? 'CSV_NO_WKT_COLUMN' : 'CSV_EMPTY',
      messageZh:
        wktIndex < 0 ? `CSV 首行缺少图形列（${geometryColumns.join('、')}）` : 'CSV 中没有数据行',
      messageEn:
        wktIndex < 0
          ? `the CSV header has no geometry column (${geometryColumns.join(', ')})`
          : 'the CSV holds no data rows',
      location: { file, line: 1 },
    });
  }
  if (body.length > maxFeatures) {
    throw new AppError('invalid', {
      code: 'CSV_TOO_MANY_ROWS',
      messageZh: `数据行过多：${body.length}（上限 ${maxFeatures}）`,
      messageEn: `too many rows: ${body.length} (at most ${maxFeatures})`,
      location: { file },
    });
  }
  const wktName = names[wktIndex]!;
  const problems: Problem[] = [];
  const parsed = body.map(({ record, info }, i) => {
    const where = { file, line: info.lines, feature: i + 1 };
    if (record.length !== names.length) {
      problems.push({
        code: 'CSV_COLUMN_COUNT',
        messageZh: `第 ${info.lines} 行有 ${record.length} 列，首行有 ${names.length} 列`,
        messageEn: `line ${info.lines} has ${record.length} columns, the header ${names.length}`,
        location: where,
      });
    }
    const wkt = record[wktIndex] ?? '';
    const m = polygonalWkt.exec(wkt);
    if (!m) {
      const kind =
        /^\s*(?:SRID=\d+;)?\s*([A-Za-z]+)/.exec(wkt)?.[1] ?? (wkt ? wkt.slice(0, 20) : '空');
      problems.push({
        code: 'CSV_NOT_POLYGON',
        messageZh: `第 ${i + 1} 条记录的图形不是面（${kind}）`,
        messageEn: `record ${i + 1}: the geometry is not a POLYGON or MULTIPOLYGON (${kind})`,
        location: { ...where, field: wktName },
      });
    }
    const sridText = sridIndex >= 0 ? record[sridIndex]?.replace(/^EPSG:/i, '').trim() : '';
    const srid = m?.[1] ?? (sridText ? sridText : undefined);
    if (srid !== undefined && !/^\d{4,5}$/.test(srid)) {
      problems.push({
        code: 'CSV_SRID_INVALID',
        messageZh: `第 ${i + 1} 条记录的坐标系代码“${srid}”无法识别`,
        messageEn: `record ${i + 1}: the SRID "${srid}" is not an EPSG code`,
        location: { ...where, field: names[sridIndex] },
      });
    }
    const dims = m?.[3] ? m[3].length + 2 : 2;
    const properties: Record<string, unknown> = {};
    names.forEach((name, c) => {
      if (c !== wktIndex && c !== sridIndex && name.trim() !== '')
        properties[name.trim()] = unescapeFormula(record[c] ?? '');
    });
    return {
      where,
      properties,
      wkt: wkt.replace(/^\s*SRID=\d+\s*;/i, ''),
      srid: srid !== undefined && /^\d{4,5}$/.test(srid) ? Number(srid) : undefined,
      dims,
    };
  });
  // Frame: declared per row, or detected once from every row's numbers.
  const all = parsed.map((p) => wktCoordinates(p.wkt, p.dims));
  const detected = detectCrs(
    {},
    all.flatMap((c) => c.e),
    all.flatMap((c) => c.n),
    { file },
  );
  const bases = new Set<string>();
  const candidates: ImportCandidate[] = parsed.map((p, i) => {
    const crs = p.srid !== undefined ? detectCrs({ srid: p.srid }, [], [], p.where) : detected;
    if ('code' in crs) {
      if (!problems.some((q) => q.code === crs.code && q.location?.feature === undefined))
        problems.push(crs);
    } else bases.add(crs.basis);
    const label = featureLabel(p.properties, i + 1);
    return {
      feature: i + 1,
      label,
      properties: p.properties,
      shape: { kind: 'wkt', srid: 'code' in crs ? 0 : crs.srid, wkt: p.wkt },
    };
  });
  const [first, ...rest] = problems;
  if (first) throw AppError.many('invalid', first, rest);
  return { format: 'csv', crsBasis: [...bases].join('; '), candidates, warnings: [] };
}
