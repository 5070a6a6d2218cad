// Attachments of a record (TL-REG-03: contract, photos of the current land use, approval
// scans): type checked by content, size bounded, stored with a SHA-256 checksum, withdrawn
// rather than deleted.
import { createHash } from 'node:crypto';
import type { Db, Queryable } from '../platform/db/db.ts';
import { AppError } from '../platform/errors.ts';
import { type Actor, scopeLikePattern } from '../identity/domain/actor.ts';
import { inScope } from '../identity/scoped-db.ts';
import * as store from './attachments.store.ts';
import { findRecord } from './register.store.ts';

/** Largest attachment accepted (a scanned contract or a high-resolution photo). */
export const maxAttachmentBytes = 20 * 1024 * 1024;

const signatures: { type: string; test: (b: Uint8Array) => boolean }[] = [
  { type: 'image/jpeg', test: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  {
    type: 'image/png',
    test: (b) => b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47,
  },
  {
    type: 'image/webp',
    test: (b) =>
      String.fromCharCode(...b.subarray(0, 4)) === 'RIFF' &&
      String.fromCharCode(...b.subarray(8, 12)) === 'WEBP',
  },
  { type: 'application/pdf', test: (b) => String.fromCharCode(...b.subarray(0, 5)) === '%PDF-' },
];

/** What the bytes are, judged by their signature (never by the name the client sends). */
export function sniffContentType(bytes: Uint8Array): string | undefined {
  return signatures.find((s) => s.test(bytes))?.type;
}

const allowedTypes: Record<store.AttachmentKind, readonly string[]> = {
  photo: ['image/jpeg', 'image/png', 'image/webp'],
  contract: ['application/pdf', 'image/jpeg', 'image/png'],
  approval: ['application/pdf', 'image/jpeg', 'image/png'],
  plan: ['application/pdf'],
  other: ['application/pdf', 'image/jpeg', 'image/png', 'image/webp'],
};

/**
 * Checks an uploaded file before anything is stored: not empty, within maxAttachmentBytes, of
 * one of the `allowed` types judged by its content; returns that type and its SHA-256.
 */
export function checkedUpload(
  file: { kind: string; fileName: string; bytes: Uint8Array },
  allowed: readonly string[],
): { contentType: string; sha256: string } {
  const location = { file: file.fileName };
  if (file.bytes.length === 0)
    throw new AppError('invalid', {
      code: 'ATTACHMENT_EMPTY',
      messageZh: '附件为空',
      messageEn: 'the attachment is empty',
      location,
    });
  if (file.bytes.length > maxAttachmentBytes)
    throw new AppError('too_large', {
      code: 'ATTACHMENT_TOO_LARGE',
      messageZh: `附件过大：${file.bytes.length} 字节（上限 ${maxAttachmentBytes}）`,
      messageEn: `attachment too large: ${file.bytes.length} bytes (at most ${maxAttachmentBytes})`,
      location,
    });
  const contentType = sniffContentType(file.bytes);
  if (!contentType || !allowed.includes(contentType))
    throw new AppError('invalid', {
      code: 'ATTACHMENT_TYPE',
      messageZh: `${file.fileName} 的内容不是允许的类型（${allowed.join('、')}）`,
      messageEn: `${file.fileName} is not one of the allowed types for a ${file.kind}: ${allowed.join(', ')}`,
      location,
    });
  return { contentType, sha256: createHash('sha256').update(file.bytes).digest('hex') };
}

/** Stored content by checksum, refused (503) when it no longer matches the checksum. */
export async function verifiedContent(q: Queryable, sha256: string): Promise<Uint8Array> {
  const bytes = await store.readContent(q, sha256);
  if (!bytes || createHash('sha256').update(bytes).digest('hex') !== sha256)
    throw new AppError('unavailable', {
      code: 'ATTACHMENT_CORRUPT',
      messageZh: '附件内容与校验值不符',
      messageEn: 'the stored content does not match its checksum',
    });
  return bytes;
}

const notFound = () =>
  new AppError('not_found', {
    code: 'ATTACHMENT_NOT_FOUND',
    messageZh: '附件或记录不存在或不在您的管辖范围内',
    messageEn: 'no such attachment or record in your scope',
  });

export function createAttachmentService(db: Db) {
  return {
    async add(
      actor: Actor,
      recordId: string,
      file: { kind: store.AttachmentKind; fileName: string; bytes: Uint8Array },
      reason: string,
    ): Promise<store.Attachment> {
      const { contentType, sha256 } = checkedUpload(file, allowedTypes[file.kind]);
      return inScope(
        db,
        actor,
        async (tx) => {
          const record = await findRecord(tx, recordId, scopeLikePattern(actor));
          if (!record) throw notFound();
          await store.storeContent(tx, sha256, file.bytes);
          return store.insertAttachment(tx, {
            recordId,
            divisionCode: record.divisionCode,
            kind: file.kind,
            fileName: file.fileName,
            contentType,
            sha256,
            sizeBytes: file.bytes.length,
          });
        },
        reason,
      );
    },

    list(actor: Actor, recordId: string): Promise<store.Attachment[]> {
      return inScope(db, actor, async (tx) => {
        if (!(await findRecord(tx, recordId, scopeLikePattern(actor)))) throw notFound();
        return store.listAttachments(tx, recordId, scopeLikePattern(actor));
      });
    },

    /** The attachment and its bytes, checked against the stored checksum. */
    content(
      actor: Actor,
      id: string,
    ): Promise<{ attachment: store.Attachment; bytes: Uint8Array }> {
      return inScope(db, actor, async (tx) => {
        const attachment = await store.findAttachment(tx, id, scopeLikePattern(actor));
        if (!attachment) throw notFound();
        const bytes = await verifiedContent(tx, attachment.sha256);
        return { attachment, bytes };
      });
    },

    withdraw(actor: Actor, id: string, reason: string): Promise<store.Attachment> {
      return inScope(
        db,
        actor,
        async (tx) => {
          const attachment = await store.findAttachment(tx, id, scopeLikePattern(actor));
          if (!attachment) throw notFound();
          const withdrawn = await store.withdrawAttachment(tx, id);
          if (!withdrawn)
            throw new AppError('conflict', {
              code: 'ATTACHMENT_WITHDRAWN',
              messageZh: '附件已撤回',
              messageEn: 'the attachment was already withdrawn',
            });
          return withdrawn;
        },
        reason,
      );
    },
  };
}

export type AttachmentService = ReturnType<typeof createAttachmentService>;
