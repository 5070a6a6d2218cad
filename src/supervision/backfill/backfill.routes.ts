// Stock back-fill over HTTP: import a county's 2021 change-survey polygons as a batch, read
// batches and polygons with their decisions, add evidence, and a supervisor's review.
import { Type } from '@sinclair/typebox';
import { governmentRoles } from '../../identity/domain/roles.ts';
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
  literals,
  pageOf,
  paging,
} from '../../server/schemas.ts';
import type { RoutePlugin } from '../../server/types.ts';
import { supervisorRoles } from '../domain/status-machine.ts';
import { orderGrounds } from '../rectification/domain/rectification-order.ts';
import { backfillClasses } from './domain/classify.ts';
import { evidenceKinds, evidenceShows } from './domain/signals.ts';
import {
  BackfillFeatureCollection,
  BatchSchema,
  ImportResult,
  PolygonSummarySchema,
  PolygonViewSchema,
} from './backfill.schemas.ts';

const EvidenceBody = {
  kind: literals(evidenceKinds),
  shows: literals(evidenceShows),
  note: Type.Optional(Type.String({ maxLength: 2000 })),
  file: Type.Optional(FileUpload),
};

const government = { roles: governmentRoles };

export const backfillRoutes: RoutePlugin = (app, { backfill }) => {
  app.post(
    '/api/supervision/backfill/batches',
    {
      config: { access: government },
      schema: {
        tags: ['back-fill'],
        summary:
          "TL-STOCK-01: import a county's 2021 land-change-survey temporary-land polygons (any import format) as a back-fill batch, all or nothing; each polygon is classified a–d and its consequences follow (records, rectification orders, illegal-land-use cases). The same files again return the existing batch.",
        body: Type.Object({
          divisionCode: DivisionCode,
          asOf: IsoDate,
          surveyYear: Type.Integer({ minimum: 2000, maximum: 2200, default: 2021 }),
          source: Type.String({ minLength: 2, maxLength: 500 }),
          rectificationDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 3650 })),
          files: Type.Array(FileUpload, { minItems: 1, maxItems: 20 }),
          evidence: Type.Array(
            Type.Object({
              surveyCode: Type.String({ minLength: 1, maxLength: 100 }),
              ...EvidenceBody,
            }),
            { maxItems: 1000, default: [] },
          ),
          dryRun: Type.Boolean({ default: false }),
          reason: Reason,
        }),
        response: { 200: ImportResult, ...errorResponses },
      },
    },
    (request) => {
      const { files, evidence, ...input } = request.body;
      return backfill.import(request.actor, files.map(decodeUpload), {
        ...input,
        evidence: evidence.map(({ file, note, ...e }) => ({
          ...e,
          ...(note ? { note } : {}),
          ...(file ? { file: decodeUpload(file) } : {}),
        })),
      });
    },
  );

  app.get(
    '/api/supervision/backfill/batches',
    {
      config: { access: government },
      schema: {
        tags: ['back-fill'],
        summary:
          'Back-fill batches in my division, newest first, with what their polygons amount to now',
        querystring: Type.Object({
          limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
        }),
        response: { 200: listOf(BatchSchema), ...errorResponses },
      },
    },
    async (request) => ({ items: await backfill.listBatches(request.actor, request.query.limit) }),
  );

  app.get(
    '/api/supervision/backfill/batches/:id',
    {
      config: { access: government },
      schema: {
        tags: ['back-fill'],
        summary: 'One back-fill batch: provenance, settings, counts by class',
        params: IdParams,
        response: { 200: BatchSchema, ...errorResponses },
      },
    },
    (request) => backfill.getBatch(request.actor, request.params.id),
  );

  app.get(
    '/api/supervision/backfill/polygons',
    {
      config: { access: government },
      schema: {
        tags: ['back-fill'],
        summary: 'Back-fill polygons in my division (batch, class, awaiting review)',
        querystring: Type.Object({
          batchId: Type.Optional(Type.String({ format: 'uuid' })),
          class: Type.Optional(literals(backfillClasses)),
          reviewDue: Type.Optional(Type.Boolean()),
          divisionCode: Type.Optional(DivisionCode),
          ...paging,
        }),
        response: {
          200: pageOf(PolygonSummarySchema),
          ...errorResponses,
        },
      },
    },
    (request) => backfill.listPolygons(request.actor, request.query),
  );

  app.get(
    '/api/supervision/backfill/features',
    {
      config: { access: government },
      schema: {
        tags: ['back-fill'],
        summary:
          'Back-fill polygons in my division for the map: GeoJSON (EPSG:4490 [lng, lat]) with class, letter and review marks; the same filters as the list',
        querystring: Type.Object({
          batchId: Type.Optional(Type.String({ format: 'uuid' })),
          class: Type.Optional(literals(backfillClasses)),
          reviewDue: Type.Optional(Type.Boolean()),
          divisionCode: Type.Optional(DivisionCode),
          limit: Type.Integer({ minimum: 1, maximum: 5000, default: 500 }),
          offset: Type.Integer({ minimum: 0, default: 0 }),
        }),
        response: { 200: BackfillFeatureCollection, ...errorResponses },
      },
    },
    (request) => backfill.polygonFeatures(request.actor, request.query),
  );

  app.get(
    '/api/supervision/backfill/polygons/:id',
    {
      config: { access: government },
      schema: {
        tags: ['back-fill'],
        summary: 'One polygon: its class and decision with evidence, the record, orders and cases',
        params: IdParams,
        response: { 200: PolygonViewSchema, ...errorResponses },
      },
    },
    (request) => backfill.getPolygon(request.actor, request.params.id),
  );

  app.post(
    '/api/supervision/backfill/polygons/:id/evidence',
    {
      config: { access: government },
      schema: {
        tags: ['back-fill'],
        summary:
          'Add a photo, document or flag to a polygon; the classifier is re-run and the polygon marked for review when it now disagrees (the class changes only on review)',
        params: IdParams,
        body: Type.Object({ ...EvidenceBody, reason: Reason }),
        response: { 200: PolygonViewSchema, ...errorResponses },
      },
    },
    (request) => {
      const { reason, file, note, ...input } = request.body;
      return backfill.addEvidence(
        request.actor,
        request.params.id,
        { ...input, ...(note ? { note } : {}), ...(file ? { file: decodeUpload(file) } : {}) },
        reason,
      );
    },
  );

  app.post(
    '/api/supervision/backfill/polygons/:id/review',
    {
      config: { access: { roles: supervisorRoles } },
      schema: {
        tags: ['back-fill'],
        summary:
          "A supervisor (city, province, ministry) confirms a polygon's class or overrides it with a reason; the consequences are re-run to match, nothing is deleted",
        params: IdParams,
        body: Type.Object({
          class: literals(backfillClasses),
          version: Type.Integer({ minimum: 1 }),
          reason: Reason,
          occurredOn: Type.Optional(IsoDate),
          grounds: Type.Optional(literals(orderGrounds)),
        }),
        response: { 200: PolygonViewSchema, ...errorResponses },
      },
    },
    (request) => {
      const { grounds, occurredOn, ...rest } = request.body;
      return backfill.review(request.actor, request.params.id, {
        ...rest,
        ...(grounds ? { grounds } : {}),
        ...(occurredOn ? { occurredOn } : {}),
      });
    },
  );

  app.get(
    '/api/supervision/backfill/evidence/:id/content',
    {
      config: { access: government },
      schema: {
        tags: ['back-fill'],
        summary: "Download an evidence file's content",
        params: IdParams,
        response: {
          200: StoredFileContent,
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      const { evidence, bytes } = await backfill.evidenceContent(request.actor, request.params.id);
      return sendStoredFile(
        reply,
        {
          contentType: evidence.contentType ?? 'application/octet-stream',
          fileName: evidence.fileName ?? 'evidence',
          sha256: evidence.sha256 ?? '',
        },
        bytes,
      );
    },
  );
};
