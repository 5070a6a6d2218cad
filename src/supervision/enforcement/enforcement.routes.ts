// The enforcement cross-check over HTTP (/api/supervision/enforcement/…): import a batch of
// change polygons, list and recompute batches, polygons with coverage and causes as GeoJSON,
// one polygon, its verification workflow and field photos.
import { Type, type Static } from '@sinclair/typebox';
import { governmentRoles } from '../../identity/domain/roles.ts';
import { parseBbox } from '../../reference/layers/layers.service.ts';
import {
  decodeUpload,
  FileUpload,
  sendStoredFile,
  StoredFileContent,
} from '../../server/file-upload.ts';
import {
  DivisionCode,
  errorResponses,
  IdParams,
  IsoDate,
  listOf,
  Reason,
} from '../../server/schemas.ts';
import type { RoutePlugin } from '../../server/types.ts';
import { maxAttachmentBytes } from '../../register/attachments.service.ts';
import { coverageCauses, coverageStatuses } from './domain/coverage.ts';
import { verdicts, verificationActions, verificationStates } from './domain/verification.ts';
import {
  BatchSchema,
  BatchWithCountsSchema,
  CrosscheckSchema,
  literals,
  Month,
  PhotoSchema,
  PolygonCollection,
  PolygonDetail,
  sources,
  VerificationSchema,
} from './enforcement.schemas.ts';

const government = { roles: governmentRoles };
const tags = ['enforcement'];

export const enforcementRoutes: RoutePlugin = (
  app,
  { enforcement, enforcementRead, verifications },
) => {
  app.post(
    '/api/supervision/enforcement/batches',
    {
      config: { access: government },
      schema: {
        tags,
        summary:
          'Import a batch of satellite-enforcement (卫片执法) or change-survey polygons from any import format, all or nothing, and cross-check it against the register (TL-ENF-01/02). The same batch again changes nothing; different content under the same batch id is a 409 unless `replace` supersedes it',
        body: Type.Object({
          source: literals(sources),
          month: Month,
          batchId: Type.String({
            minLength: 1,
            maxLength: 200,
            description: "the deliverer's batch id (批次号)",
          }),
          divisionCode: DivisionCode,
          files: Type.Array(FileUpload, { minItems: 1, maxItems: 20 }),
          replace: Type.Boolean({ default: false }),
          dryRun: Type.Boolean({ default: false }),
          repair: Type.Boolean({ default: false }),
          reason: Reason,
        }),
        response: {
          200: Type.Object({
            outcome: literals(['created', 'replaced', 'unchanged'] as const),
            dryRun: Type.Boolean(),
            batch: BatchSchema,
            crosscheck: Type.Union([CrosscheckSchema, Type.Null()]),
            warnings: Type.Array(Type.Ref('Problem')),
          }),
          ...errorResponses,
        },
      },
    },
    (request) => {
      const { files, ...input } = request.body;
      return enforcement.import(request.actor, files.map(decodeUpload), input);
    },
  );

  app.get(
    '/api/supervision/enforcement/batches',
    {
      config: { access: government },
      schema: {
        tags,
        summary:
          'Enforcement batches inside my division or covering it, with their polygons in my division (or in divisionCode inside it) counted by coverage',
        querystring: Type.Object({
          source: Type.Optional(literals(sources)),
          month: Type.Optional(Month),
          status: Type.Optional(literals(['current', 'superseded'] as const)),
          divisionCode: Type.Optional(DivisionCode),
        }),
        response: { 200: listOf(BatchWithCountsSchema), ...errorResponses },
      },
    },
    async (request) => ({ items: await enforcementRead.batches(request.actor, request.query) }),
  );

  app.get(
    '/api/supervision/enforcement/batches/:id',
    {
      config: { access: government },
      schema: {
        tags,
        summary:
          'One enforcement batch with its provenance and its polygons in my division (or in divisionCode inside it) counted by coverage',
        params: IdParams,
        querystring: Type.Object({ divisionCode: Type.Optional(DivisionCode) }),
        response: { 200: BatchWithCountsSchema, ...errorResponses },
      },
    },
    (request) =>
      enforcementRead.batch(request.actor, request.params.id, request.query.divisionCode),
  );

  app.post(
    '/api/supervision/enforcement/batches/:id/recompute',
    {
      config: { access: government },
      schema: {
        tags,
        summary:
          "Recompute a current batch's coverage against the register as it is now and reconcile its findings (never duplicates)",
        params: IdParams,
        body: Type.Object({ reason: Reason }),
        response: {
          200: Type.Object({ batch: BatchSchema, crosscheck: CrosscheckSchema }),
          ...errorResponses,
        },
      },
    },
    (request) => enforcement.recompute(request.actor, request.params.id, request.body.reason),
  );

  app.get(
    '/api/supervision/enforcement/polygons',
    {
      config: { access: government },
      schema: {
        tags,
        summary:
          'Change polygons in my division with coverage and uncovered area by cause, as GeoJSON (EPSG:4490 [lng, lat])',
        querystring: Type.Object({
          batchId: Type.Optional(Type.String({ format: 'uuid' })),
          divisionCode: Type.Optional(DivisionCode),
          month: Type.Optional(Month),
          status: Type.Optional(literals(coverageStatuses)),
          cause: Type.Optional(literals(coverageCauses)),
          verification: Type.Optional(literals(verificationStates)),
          bbox: Type.Optional(
            Type.String({ description: 'minLng,minLat,maxLng,maxLat (EPSG:4490)' }),
          ),
          includeSuperseded: Type.Boolean({ default: false }),
          limit: Type.Integer({ minimum: 1, maximum: 5000, default: 500 }),
          offset: Type.Integer({ minimum: 0, default: 0 }),
        }),
        response: { 200: PolygonCollection, ...errorResponses },
      },
    },
    async (request) => {
      const { bbox, ...filter } = request.query;
      const { collection, total } = await enforcementRead.polygons(request.actor, {
        ...filter,
        ...(bbox ? { bbox: parseBbox(bbox) } : {}),
      });
      // PostGIS built the features in the shape PolygonCollection describes.
      return { ...collection, total } as Static<typeof PolygonCollection>;
    },
  );

  app.get(
    '/api/supervision/enforcement/polygons/:id',
    {
      config: { access: government },
      schema: {
        tags,
        summary:
          'One change polygon as a GeoJSON Feature: attributes as delivered, coverage by cause with the records involved, its finding, verification, timeline and photos',
        params: IdParams,
        response: { 200: PolygonDetail, ...errorResponses },
      },
    },
    async (request) => {
      const { geometry, ...properties } = await enforcementRead.polygon(
        request.actor,
        request.params.id,
      );
      return { type: 'Feature', id: properties.id, geometry, properties } as Static<
        typeof PolygonDetail
      >;
    },
  );

  app.post(
    '/api/supervision/enforcement/polygons/:id/actions',
    {
      config: { access: government },
      schema: {
        tags,
        summary:
          'Verification workflow: assign (to an official in my division), record_verdict (the assignee or above the county), close or reopen (above the county); `version` is the verification version read (0 while pending)',
        params: IdParams,
        body: Type.Object({
          action: literals(verificationActions),
          version: Type.Integer({ minimum: 0 }),
          assigneeId: Type.Optional(Type.String({ format: 'uuid' })),
          verdict: Type.Optional(literals(verdicts)),
          verdictReason: Type.Optional(Type.String({ minLength: 2, maxLength: 2000 })),
          reason: Reason,
        }),
        response: { 200: VerificationSchema, ...errorResponses },
      },
    },
    (request) => verifications.act(request.actor, request.params.id, request.body),
  );

  app.post(
    '/api/supervision/enforcement/polygons/:id/photos',
    {
      config: { access: government },
      bodyLimit: Math.ceil(maxAttachmentBytes * 1.4) + 4096,
      schema: {
        tags,
        summary:
          'Add a field photo (举证照片, JPEG/PNG/WebP checked by content, SHA-256 kept) while the polygon is assigned or verified',
        params: IdParams,
        body: Type.Object({
          fileName: Type.String({ minLength: 1, maxLength: 255 }),
          contentBase64: Type.String({ minLength: 1 }),
          takenOn: Type.Optional(IsoDate),
          reason: Reason,
        }),
        response: { 201: PhotoSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { fileName, contentBase64, takenOn, reason } = request.body;
      const { bytes } = decodeUpload({ name: fileName, contentBase64 });
      return reply
        .status(201)
        .send(
          await verifications.addPhoto(
            request.actor,
            request.params.id,
            { fileName, bytes, ...(takenOn ? { takenOn } : {}) },
            reason,
          ),
        );
    },
  );

  app.get(
    '/api/supervision/enforcement/photos/:id/content',
    {
      config: { access: government },
      schema: {
        tags,
        summary: "Download a field photo's content",
        params: IdParams,
        response: {
          200: StoredFileContent,
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      const { photo, bytes } = await verifications.photoContent(request.actor, request.params.id);
      return sendStoredFile(reply, photo, bytes);
    },
  );
};
