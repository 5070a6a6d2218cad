// Chooses the reader for a file by its name and first bytes.
import { AppError } from '../../platform/errors.ts';
import type { ReadResult } from './candidate.ts';
import { readCoordinateTxtCandidates } from './read-coordinate-txt.ts';
import { readGeoJsonCandidates } from './read-geojson.ts';

export const maxImportBytes = 50 * 1024 * 1024;

export function readImportFile(bytes: Uint8Array, file: string): ReadResult {
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
  if (lower.endsWith('.geojson') || lower.endsWith('.json') || head.startsWith('{'))
    return readGeoJsonCandidates(bytes, file);
  if (lower.endsWith('.txt')) return readCoordinateTxtCandidates(bytes, file);
  throw new AppError('invalid', {
    code: 'FORMAT_UNSUPPORTED',
    messageZh: `暂不支持该文件格式：${file}（支持：界址点坐标 .txt、GeoJSON）`,
    messageEn: `unsupported file format: ${file} (supported so far: coordinate .txt, GeoJSON)`,
    location: { file },
  });
}
