// Files sent over HTTP travel base64-encoded in JSON, bounded by RECLAIM_UPLOAD_MAX_MB (the
// request body limit); this is their schema and their decoding, and how a stored file is sent
// back.
import { Type } from '@sinclair/typebox';
import type { FastifyReply } from 'fastify';
import { AppError } from '../platform/errors.ts';

export const FileUpload = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 255 }),
  contentBase64: Type.String({ minLength: 1 }),
});

export function decodeUpload(file: { name: string; contentBase64: string }): {
  name: string;
  bytes: Uint8Array;
} {
  if (!/^[A-Za-z0-9+/=\s]+$/.test(file.contentBase64)) {
    throw new AppError('invalid', {
      code: 'UPLOAD_ENCODING',
      messageZh: `文件 ${file.name} 的内容不是 base64`,
      messageEn: `the content of ${file.name} is not base64`,
      location: { file: file.name },
    });
  }
  return { name: file.name, bytes: new Uint8Array(Buffer.from(file.contentBase64, 'base64')) };
}

/** The response schema of a stored file's download (see `sendStoredFile`). */
export const StoredFileContent = Type.Unsafe<Buffer>({ type: 'string', format: 'binary' });

/** Sends a stored file as a download, with its type, name and checksum in the headers. */
export function sendStoredFile(
  reply: FastifyReply,
  file: { contentType: string; fileName: string; sha256: string },
  bytes: Uint8Array,
): FastifyReply {
  return reply
    .header('content-type', file.contentType)
    .header(
      'content-disposition',
      `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
    )
    .header('x-content-sha256', file.sha256)
    .send(Buffer.from(bytes));
}
