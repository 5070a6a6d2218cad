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
  Timestamp,
  literals,
  nullable,
  pageOf,
  paging,
} from '../../server/schemas.ts';
import type { RoutePlugin } from '../../server/types.ts';
import { supervisorRoles } from '../domain/status-machine.ts';
import { orderGrounds } from '../rectification/domain/rectification-order.ts';
import { OrderSchema } from '../rectification/rectification.routes.ts';
import { CaseSchema } from '../illegal-cases/illegal-cases.routes.ts';
import { backfillClasses } from './domain/classify.ts';
import { evidenceKinds, evidenceShows } from './domain/signals.ts';

/** A JSON object whose shape the docs describe (attributes, facts, signals). */
const Json = Type.Unsafe<object>({ type: 'object', additionalProperties: true });

const ClassCounts = Type.Object(
  Object.fromEntries(backfillClasses.map((c) => [c, Type.Integer()])) as Record<
    (typeof backfillClasses)[number],
    ReturnType<typeof Type.Integer>
  >,
);

const Counts = Type.Object({
  polygons: Type.Integer(),
  areaM2: Type.Number(),
  byClass: ClassCounts,
  recordsCreated: Type.Integer(),
  recordsLinked: Type.Integer(),
  reviewDue: Type.Integer(),
  overridden: Type.Integer(),
  openOrders: Type.Integer(),
  openCases: Type.Integer(),
});

const Batch = Type.Object({
  id: Type.String(),
  divisionCode: Type.String(),
  surveyYear: Type.Integer(),
  asOf: IsoDate,
  source: Type.String(),
  files: Type.Array(Json),
  contentSha256: Type.String(),
  settings: Json,
  importedBy: Type.String(),
  version: Type.Integer(),
  createdAt: Timestamp,
  counts: Counts,
});

const Letter = literals(['a', 'b', 'c', 'd'] as const);
const Name = Type.Object({ zh: Type.String(), en: Type.String() });

const PolygonSummary = {
  id: Type.String(),
  batchId: Type.String(),
  divisionCode: Type.String(),
  surveyYear: Type.Integer(),
  file: Type.String(),
  feature: Type.Integer(),
  surveyCode: nullable(Type.String()),
  attributes: Json,
  facts: Json,
  areaM2: Type.Number(),
  class: literals(backfillClasses),
  letter: Letter,
  className: Name,
  decision: Type.Object(
    {
      rule: Type.String(),
      class: literals(backfillClasses),
      grounds: Type.String(),
      messageZh: Type.String(),
      messageEn: Type.String(),
      basis: Type.Array(Json),
      contrary: Type.Array(Json),
      dates: nullable(Json),
      review: Type.Array(Json),
    },
    { additionalProperties: true, description: 'the classifier and what decided it' },
  ),
  override: nullable(Json),
  reviewDue: Type.Boolean(),
  recordId: nullable(Type.String()),
  recordLink: nullable(literals(['created', 'linked'] as const)),
  recordState: nullable(Type.String()),
  systemNumber: nullable(Type.String()),
  version: Type.Integer(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
};

const Evidence = Type.Object({
  id: Type.String(),
  polygonId: Type.String(),
  kind: literals(evidenceKinds),
  shows: literals(evidenceShows),
  note: nullable(Type.String()),
  fileName: nullable(Type.String()),
  contentType: nullable(Type.String()),
  sha256: nullable(Type.String()),
  sizeBytes: nullable(Type.Integer()),
  status: Type.String(),
  version: Type.Integer(),
  createdAt: Timestamp,
});

const MultiPolygon = Type.Object(
  { type: Type.Literal('MultiPolygon'), coordinates: Type.Array(Type.Any()) },
  { description: 'GeoJSON MultiPolygon, [lng, lat] in EPSG:4490' },
);

const PolygonView = Type.Object({
  ...PolygonSummary,
  geometry: MultiPolygon,
  evidence: Type.Array(Evidence),
  orders: Type.Array(OrderSchema),
  cases: Type.Array(CaseSchema),
  steps: Type.Optional(Type.Array(Type.String())),
});

export const BackfillFeatureCollection = Type.Object({
  type: Type.Literal('FeatureCollection'),
  total: Type.Integer({ description: 'polygons matching the filters' }),
  features: Type.Array(
    Type.Object({
      type: Type.Literal('Feature'),
      id: Type.String(),
      geometry: MultiPolygon,
      properties: Type.Object({
        id: Type.String(),
        batchId: Type.String(),
        divisionCode: Type.String(),
        surveyCode: nullable(Type.String()),
        projectName: nullable(Type.String({ description: "the survey's 项目名称, if given" })),
        areaM2: Type.Number(),
        class: literals(backfillClasses),
        letter: Letter,
        reviewDue: Type.Boolean(),
        overridden: Type.Boolean({ description: 'a supervisor ruled on the class' }),
      }),
    }),
  ),
});

const EvidenceBody = {
  kind: literals(evidenceKinds),
  shows: literals(evidenceShows),
  note: Type.Optional(Type.String({ maxLength: 2000 })),
  file: Type.Optional(FileUpload),
};

const ImportResult = Type.Object({
  batchId: Type.String(),
  alreadyImported: Type.Boolean(),
  dryRun: Type.Boolean(),
  divisionCode: Type.String(),
  asOf: IsoDate,
  surveyYear: Type.Integer(),
  source: Type.String(),
  rectificationDays: Type.Integer(),
  counts: Counts,
  polygons: Type.Array(
    Type.Object({
      id: Type.String(),
      file: Type.String(),
      feature: Type.Integer(),
      surveyCode: nullable(Type.String()),
      class: literals(backfillClasses),
      letter: Letter,
      grounds: Type.String(),
      recordId: nullable(Type.String()),
      recordLink: nullable(Type.String()),
      orderId: nullable(Type.String()),
      caseId: nullable(Type.String()),
      reviewDue: Type.Boolean(),
    }),
  ),
  warnings: Type.Array(Type.Ref('Problem')),
});

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
        response: { 200: listOf(Batch), ...errorResponses },
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
        response: { 200: Batch, ...errorResponses },
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
          200: pageOf(Type.Object(PolygonSummary)),
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
        response: { 200: PolygonView, ...errorResponses },
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
        response: { 200: PolygonView, ...errorResponses },
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
        response: { 200: PolygonView, ...errorResponses },
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
