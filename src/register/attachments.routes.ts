// Attachments over HTTP: upload (base64 in JSON, bounded), list, download, withdraw.
import { Type } from '@sinclair/typebox';
import { governmentRoles } from '../identity/domain/roles.ts';
import { errorResponses, IdParams, listOf, Reason, Timestamp } from '../server/schemas.ts';
import { decodeUpload, sendStoredFile, StoredFileContent } from '../server/file-upload.ts';
import type { RoutePlugin } from '../server/types.ts';
import { maxAttachmentBytes } from './attachments.service.ts';

const AttachmentSchema = Type.Object({
  id: Type.String(),
  recordId: Type.String(),
  kind: Type.String(),
  fileName: Type.String(),
  contentType: Type.String(),
  sha256: Type.String(),
  sizeBytes: Type.Integer(),
  status: Type.String(),
  version: Type.Integer(),
  createdAt: Timestamp,
});

const government = { roles: governmentRoles };

export const attachmentRoutes: RoutePlugin = (app, { attachments }) => {
  app.post(
    '/api/register/records/:id/attachments',
    {
      config: { access: government },
      bodyLimit: Math.ceil(maxAttachmentBytes * 1.4) + 4096,
      schema: {
        tags: ['register'],
        summary:
          'Attach a contract, photo, approval scan or plan to a record (type checked by content, SHA-256 kept)',
        params: IdParams,
        body: Type.Object({
          kind: Type.Union(
            ['contract', 'photo', 'approval', 'plan', 'other'].map((k) =>
              Type.Literal(k as 'contract'),
            ),
          ),
          fileName: Type.String({ minLength: 1, maxLength: 255 }),
          contentBase64: Type.String({ minLength: 1 }),
          reason: Reason,
        }),
        response: { 201: AttachmentSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { kind, fileName, contentBase64, reason } = request.body;
      const { bytes } = decodeUpload({ name: fileName, contentBase64 });
      return reply
        .status(201)
        .send(
          await attachments.add(
            request.actor,
            request.params.id,
            { kind, fileName, bytes },
            reason,
          ),
        );
    },
  );

  app.get(
    '/api/register/records/:id/attachments',
    {
      config: { access: government },
      schema: {
        tags: ['register'],
        summary: "A record's attachments (withdrawn ones included, marked)",
        params: IdParams,
        response: { 200: listOf(AttachmentSchema), ...errorResponses },
      },
    },
    async (request) => ({ items: await attachments.list(request.actor, request.params.id) }),
  );

  app.get(
    '/api/register/attachments/:id/content',
    {
      config: { access: government },
      schema: {
        tags: ['register'],
        summary: "Download an attachment's content",
        params: IdParams,
        response: {
          200: StoredFileContent,
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      const { attachment, bytes } = await attachments.content(request.actor, request.params.id);
      return sendStoredFile(reply, attachment, bytes);
    },
  );

  app.post(
    '/api/register/attachments/:id/withdraw',
    {
      config: { access: government },
      schema: {
        tags: ['register'],
        summary: 'Withdraw an attachment (kept, marked withdrawn)',
        params: IdParams,
        body: Type.Object({ reason: Reason }),
        response: { 200: AttachmentSchema, ...errorResponses },
      },
    },
    (request) => attachments.withdraw(request.actor, request.params.id, request.body.reason),
  );
};
