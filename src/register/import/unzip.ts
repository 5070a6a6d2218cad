// Bounded unzipping for zipped Shapefiles and KMZ: a hostile archive (zip bomb, thousands of
// entries, `..` paths, truncated or corrupt data) becomes a located problem, never a crash or
// an unbounded allocation. Sizes are checked on the central directory before inflating.
import { unzipSync, type UnzipFileInfo } from 'fflate';
import { AppError, type Problem } from '../../platform/errors.ts';

export const maxZipEntries = 1000;
export const maxZipUncompressedBytes = 200 * 1024 * 1024;

const zipProblem = (code: string, zh: string, en: string, file: string, field?: string) =>
  new AppError('invalid', {
    code,
    messageZh: zh,
    messageEn: en,
    location: { file, ...(field ? { field } : {}) },
  });

/**
 * Every file entry of the archive (directories and macOS resource forks left out), keyed by
 * its path inside the archive. Only entries for which `wanted(path)` is true are inflated,
 * but the limits apply to the whole archive.
 */
export function unzipBounded(
  bytes: Uint8Array,
  file: string,
  wanted: (path: string) => boolean,
  limits = { entries: maxZipEntries, uncompressedBytes: maxZipUncompressedBytes },
): Map<string, Uint8Array> {
  const entries: UnzipFileInfo[] = [];
  const unreadable = (error: unknown) =>
    zipProblem(
      'ZIP_INVALID',
      `压缩包已损坏或不完整：${(error as Error).message}`,
      `the zip archive is corrupt or truncated: ${(error as Error).message}`,
      file,
    );
  const tooMany = new Error('too many entries');
  try {
    unzipSync(bytes, {
      filter: (info) => {
        entries.push(info);
        // A forged (zip64) entry count could otherwise run for billions of iterations.
        if (entries.length > limits.entries) throw tooMany;
        return false;
      },
    });
  } catch (error) {
    if (error !== tooMany) throw unreadable(error);
  }
  if (entries.length > limits.entries) {
    throw zipProblem(
      'ZIP_TOO_MANY_ENTRIES',
      `压缩包内文件过多：超过 ${limits.entries} 个`,
      `the zip archive holds too many entries: more than ${limits.entries}`,
      file,
    );
  }
  const problems: Problem[] = [];
  let total = 0;
  for (const entry of entries) {
    total += entry.originalSize;
    const parts = entry.name.split(/[\\/]/);
    if (entry.name.startsWith('/') || /^[a-zA-Z]:/.test(entry.name) || parts.includes('..')) {
      problems.push({
        code: 'ZIP_UNSAFE_PATH',
        messageZh: `压缩包内路径不安全：${entry.name}`,
        messageEn: `unsafe path in the zip archive: ${entry.name}`,
        location: { file, field: entry.name },
      });
    }
  }
  if (total > limits.uncompressedBytes) {
    problems.push({
      code: 'ZIP_TOO_LARGE',
      messageZh: `压缩包解压后过大：${total} 字节（上限 ${limits.uncompressedBytes}）`,
      messageEn: `the zip archive expands to too much: ${total} bytes (at most ${limits.uncompressedBytes})`,
      location: { file },
    });
  }
  const [first, ...rest] = problems;
  if (first) throw AppError.many('invalid', first, rest);
  const keep = (name: string) =>
    !name.endsWith('/') && !name.startsWith('__MACOSX/') && wanted(name);
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, { filter: (info) => keep(info.name) });
  } catch (error) {
    throw unreadable(error);
  }
  const out = new Map<string, Uint8Array>();
  for (const entry of entries) {
    const data = files[entry.name];
    if (!data || !keep(entry.name)) continue;
    // A size that disagrees with the directory means the archive lies or is damaged.
    if (data.length !== entry.originalSize) {
      throw unreadable(new Error(`${entry.name}: ${data.length} ≠ ${entry.originalSize} bytes`));
    }
    out.set(entry.name, data);
  }
  return out;
}

/** The extension of an archive path, lower-case, without the dot. */
export const extensionOf = (path: string): string =>
  /\.([^./\\]+)$/.exec(path)?.[1]?.toLowerCase() ?? '';
