// Chooses the reader for a file by its first bytes (zip, SQLite, XML) and its name.
import { AppError } from '../../platform/errors.ts';
import type { ReadResult } from './candidate.ts';
import { readCoordinateTxtCandidates } from './read-coordinate-txt.ts';
import { readCsvCandidates } from './read-csv.ts';
import { readGeoJsonCandidates } from './read-geojson.ts';
import { readGeoPackageCandidates } from './read-geopackage.ts';
import { readKmlCandidates } from './read-kml.ts';
import { readShapefileCandidates } from './read-shapefile.ts';

export const maxImportBytes = 50 * 1024 * 1024;

export async function readImportFile(bytes: Uint8Array, file: string): Promise<ReadResult> {
  if (bytes.length > maxImportBytes) {
    throw new AppError('too_large', {
      code: 'FILE_TOO_LARGE',
      messageZh: `文件过大：${bytes.length} 字节（上限 ${maxImportBytes}）`,
      messageEn: `file too large: ${bytes.length} bytes (at most ${maxImportBytes})`,
      location: { file },
    });
  }
  const lower = file.toLowerCase();
  const head = new TextDecoder('latin1')
    .decode(bytes.subarray(0, 64))
    .replace(/^\uFEFF|^ï»¿/, '')
    .trimStart();
  const zip = head.startsWith('PK\x03\x04') || head.startsWith('PK\x05\x06');
  if (zip && lower.endsWith('.kmz')) return readKmlCandidates(bytes, file);
  if (zip || lower.endsWith('.zip')) return readShapefileCandidates(bytes, file);
  if (head.startsWith('SQLite format 3\0') || lower.endsWith('.gpkg'))
    return readGeoPackageCandidates(bytes, file);
  if (lower.endsWith('.kml') || lower.endsWith('.kmz') || head.startsWith('<kml'))
    return readKmlCandidates(bytes, file);
  if (
    head.startsWith('<?xml') &&
    new TextDecoder('latin1').decode(bytes.subarray(0, 1024)).includes('<kml')
  )
    return readKmlCandidates(bytes, file);
  if (lower.endsWith('.geojson') || lower.endsWith('.json') || head.startsWith('{'))
    return readGeoJsonCandidates(bytes, file);
  if (lower.endsWith('.csv')) return readCsvCandidates(bytes, file);
  if (lower.endsWith('.txt')) return readCoordinateTxtCandidates(bytes, file);
  throw new AppError('invalid', {
    code: 'FORMAT_UNSUPPORTED',
    messageZh: `暂不支持该文件格式：${file}（支持：界址点坐标 .txt、GeoJSON、CSV（WKT）、KML/KMZ、Shapefile（.zip）、GeoPackage）`,
    messageEn: `unsupported file format: ${file} (supported: coordinate .txt, GeoJSON, CSV with WKT, KML/KMZ, zipped Shapefile, GeoPackage)`,
    location: { file },
  });
}

/**
 * Reads every file of a load; a file without any feature is refused (FILE_NO_FEATURES), with
 * `noun` saying what the features are (图斑 / patches).
 */
export async function readLoadFiles(
  files: readonly { name: string; bytes: Uint8Array }[],
  noun: { zh: string; en: string },
): Promise<{ file: string; bytes: Uint8Array; read: ReadResult }[]> {
  const out: { file: string; bytes: Uint8Array; read: ReadResult }[] = [];
  for (const f of files) {
    const read = await readImportFile(f.bytes, f.name);
    if (read.candidates.length === 0) {
      throw new AppError('invalid', {
        code: 'FILE_NO_FEATURES',
        messageZh: `文件 ${f.name} 中没有任何${noun.zh}`,
        messageEn: `the file ${f.name} holds no ${noun.en}`,
        location: { file: f.name },
      });
    }
    out.push({ file: f.name, bytes: f.bytes, read });
  }
  return out;
}
