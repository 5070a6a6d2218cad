// `reclaim backfill import --evidence MANIFEST.json`: evidence for the batch's polygons, listed
// in a JSON file — [{ "surveyCode": "LS-07", "kind": "photo", "shows": "permanent_structure",
// "file": "photos/ls-07.jpg", "note": "…" }] — with file paths relative to the manifest.
import { readFile } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import { AppError, type Problem } from '../platform/errors.ts';
import {
  evidenceKinds,
  evidenceShows,
  type EvidenceKind,
  type EvidenceShows,
} from '../supervision/backfill/domain/signals.ts';
import type { EvidenceInput } from '../supervision/backfill/evidence-files.ts';

export async function readEvidenceManifest(
  manifestPath: string,
): Promise<(EvidenceInput & { surveyCode: string })[]> {
  const file = basename(manifestPath);
  const base = dirname(resolve(manifestPath));
  let items: unknown;
  try {
    items = JSON.parse(await readFile(manifestPath, 'utf8'));
  } catch (error) {
    throw new AppError('invalid', {
      code: 'EVIDENCE_MANIFEST_UNREADABLE',
      messageZh: `依据清单无法读取：${(error as Error).message}`,
      messageEn: `the evidence manifest cannot be read: ${(error as Error).message}`,
      location: { file },
    });
  }
  if (!Array.isArray(items)) {
    throw new AppError('invalid', {
      code: 'EVIDENCE_MANIFEST_SHAPE',
      messageZh: '依据清单应为数组',
      messageEn: 'the evidence manifest must be a JSON array',
      location: { file },
    });
  }
  const problems: Problem[] = [];
  const out: (EvidenceInput & { surveyCode: string })[] = [];
  for (const [i, raw] of (items as unknown[]).entries()) {
    const item = (raw ?? {}) as Record<string, unknown>;
    const field = (name: string) => ({ file, field: `[${i}].${name}` });
    const text = (name: string) => (typeof item[name] === 'string' ? item[name] : undefined);
    const surveyCode = text('surveyCode');
    const kind = text('kind');
    const shows = text('shows');
    const missing = (name: string, zh: string, en: string) =>
      problems.push({
        code: 'EVIDENCE_MANIFEST_FIELD',
        messageZh: zh,
        messageEn: en,
        location: field(name),
      });
    if (!surveyCode) missing('surveyCode', '缺少图斑编号（surveyCode）', 'surveyCode is missing');
    if (!kind || !(evidenceKinds as readonly string[]).includes(kind))
      missing(
        'kind',
        `kind 应为 ${evidenceKinds.join('、')} 之一`,
        `kind must be one of ${evidenceKinds.join(', ')}`,
      );
    if (!shows || !(evidenceShows as readonly string[]).includes(shows))
      missing(
        'shows',
        `shows 应为 ${evidenceShows.join('、')} 之一`,
        `shows must be one of ${evidenceShows.join(', ')}`,
      );
    const path = text('file');
    let bytes: Uint8Array | undefined;
    if (path) {
      try {
        bytes = new Uint8Array(await readFile(resolve(base, path)));
      } catch {
        problems.push({
          code: 'EVIDENCE_MANIFEST_FILE',
          messageZh: `依据文件无法读取：${path}`,
          messageEn: `the evidence file cannot be read: ${path}`,
          location: field('file'),
        });
      }
    }
    if (surveyCode && kind && shows)
      out.push({
        surveyCode,
        kind: kind as EvidenceKind,
        shows: shows as EvidenceShows,
        ...(text('note') ? { note: text('note') } : {}),
        ...(path && bytes ? { file: { name: basename(path), bytes } } : {}),
      });
  }
  const [first, ...rest] = problems;
  if (first) throw AppError.many('invalid', first, rest);
  return out;
}
