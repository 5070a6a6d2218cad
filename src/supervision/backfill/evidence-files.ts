// Evidence supplied for a back-fill polygon: a photo or a document (type judged by its bytes,
// size bounded, stored once by checksum) or an explicit flag without a file.
import { createHash } from 'node:crypto';
import type { Queryable } from '../../platform/db/db.ts';
import type { Problem } from '../../platform/errors.ts';
import { maxAttachmentBytes, sniffContentType } from '../../register/attachments.service.ts';
import { storeContent } from '../../register/attachments.store.ts';
import type { EvidenceKind, EvidenceShows } from './domain/signals.ts';

export interface EvidenceInput {
  kind: EvidenceKind;
  shows: EvidenceShows;
  note?: string;
  file?: { name: string; bytes: Uint8Array };
}

export interface CheckedFile {
  name: string;
  bytes: Uint8Array;
  contentType: string;
  sha256: string;
  sizeBytes: number;
}

const allowed: Record<Exclude<EvidenceKind, 'flag'>, readonly string[]> = {
  photo: ['image/jpeg', 'image/png', 'image/webp'],
  document: ['application/pdf', 'image/jpeg', 'image/png'],
};

/** Checks an evidence item's file against its kind; `field` locates problems (evidence[2].file). */
export function checkEvidenceFile(
  input: EvidenceInput,
  field: string,
): { file: CheckedFile | null; problems: Problem[] } {
  const at = (code: string, zh: string, en: string): Problem => ({
    code,
    messageZh: zh,
    messageEn: en,
    location: { field, ...(input.file ? { file: input.file.name } : {}) },
  });
  if (input.kind === 'flag') {
    return input.file
      ? {
          file: null,
          problems: [
            at(
              'EVIDENCE_FLAG_FILE',
              '标记类依据不附文件',
              'a flag carries no file; send it as a photo or document',
            ),
          ],
        }
      : { file: null, problems: [] };
  }
  const f = input.file;
  if (!f || f.bytes.length === 0)
    return {
      file: null,
      problems: [
        at(
          'EVIDENCE_FILE_MISSING',
          '照片或文件类依据须附文件',
          'a photo or document needs its file',
        ),
      ],
    };
  if (f.bytes.length > maxAttachmentBytes)
    return {
      file: null,
      problems: [
        at(
          'EVIDENCE_TOO_LARGE',
          `文件过大：${f.bytes.length} 字节（上限 ${maxAttachmentBytes}）`,
          `file too large: ${f.bytes.length} bytes (at most ${maxAttachmentBytes})`,
        ),
      ],
    };
  const contentType = sniffContentType(f.bytes);
  const types = allowed[input.kind];
  if (!contentType || !types.includes(contentType))
    return {
      file: null,
      problems: [
        at(
          'EVIDENCE_TYPE',
          `${f.name} 的内容不是允许的类型（${types.join('、')}）`,
          `${f.name} is not one of the allowed types for a ${input.kind}: ${types.join(', ')}`,
        ),
      ],
    };
  return {
    file: {
      name: f.name,
      bytes: f.bytes,
      contentType,
      sha256: createHash('sha256').update(f.bytes).digest('hex'),
      sizeBytes: f.bytes.length,
    },
    problems: [],
  };
}

/** Stores a checked file's content (once per checksum). */
export async function storeEvidenceFile(q: Queryable, file: CheckedFile): Promise<void> {
  await storeContent(q, file.sha256, file.bytes);
}
