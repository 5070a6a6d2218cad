// Restoration projects over HTTP: projects with progress, their measurements (with photos and
// reports), funding lines, the check of the latest measurement against the acceptance
// criteria, and the dashboard. Officials work in their division; nothing is public.
import { Type } from '@sinclair/typebox';
import { governmentRoles } from '../identity/domain/roles.ts';
import { maxAttachmentBytes } from '../register/attachments.service.ts';
import {
  DivisionCode,
  errorResponses,
  IdParams,
  IsoDate,
  Reason,
  listOf,
  literals,
  nullable,
  pageOf,
  paging,
} from '../server/schemas.ts';
import { decodeUpload, sendStoredFile, StoredFileContent } from '../server/file-upload.ts';
import type { RoutePlugin } from '../server/types.ts';
import { projectActions, projectStates } from './domain/project-lifecycle.ts';
import { fundingSources, restorationTypes } from './domain/restoration-terms.ts';
import {
  AttachmentSchema,
  CheckSchema,
  DashboardSchema,
  FundingSchema,
  MeasurementBody,
  MeasurementSchema,
  ProgressSchema,
  ProjectDetailSchema,
  ProjectFieldsBody,
  ProjectSchema,
} from './restoration.schemas.ts';

const government = { roles: governmentRoles };
const tags = ['restoration'];
const inDivision =
  'Access: ministry, province, city, county. Scope: the caller’s division (404 outside it).';

export const restorationRoutes: RoutePlugin = (
  app,
  { restorationProjects, restorationMeasurements, restorationDashboard },
) => {
  app.get(
    '/api/restoration/projects',
    {
      config: { access: government },
      schema: {
        tags,
        description:
          'Access: ministry, province, city, county. Scope: projects of the caller’s division; divisionCode must lie inside it (else 403 OUT_OF_SCOPE).',
        summary:
          'Restoration projects (生态修复项目) in my division, with progress against their targets',
        querystring: Type.Object({
          divisionCode: Type.Optional(DivisionCode),
          state: Type.Optional(literals(projectStates)),
          type: Type.Optional(literals(restorationTypes)),
          ...paging,
        }),
        response: { 200: pageOf(ProjectSchema), ...errorResponses },
      },
    },
    (request) => restorationProjects.list(request.actor, request.query),
  );

  app.post(
    '/api/restoration/projects',
    {
      config: { access: government },
      schema: {
        tags,
        description:
          'Access: ministry, province, city, county. Scope: divisionCode (default: the caller’s) must lie inside the caller’s division (else 403 OUT_OF_SCOPE).',
        summary:
          'Create a restoration project: polygon checked by PostGIS (a fault is located at its ring and vertex; nothing is written), targets per restoration type',
        body: Type.Object({
          divisionCode: Type.Optional(DivisionCode),
          ...ProjectFieldsBody,
          reason: Reason,
        }),
        response: { 201: ProjectDetailSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { reason, ...input } = request.body;
      return reply.status(201).send(await restorationProjects.create(request.actor, input, reason));
    },
  );

  app.get(
    '/api/restoration/projects/:id',
    {
      config: { access: government },
      schema: {
        tags,
        description: inDivision,
        summary: 'One restoration project: its measurements, funding and progress',
        params: IdParams,
        response: { 200: ProjectDetailSchema, ...errorResponses },
      },
    },
    (request) => restorationProjects.get(request.actor, request.params.id),
  );

  app.patch(
    '/api/restoration/projects/:id',
    {
      config: { access: government },
      schema: {
        tags,
        description: inDivision,
        summary:
          'Change a project’s fields, polygon or targets; needs the version you read and a reason',
        params: IdParams,
        body: Type.Object({
          ...Type.Partial(Type.Object(ProjectFieldsBody)).properties,
          version: Type.Integer({ minimum: 1 }),
          reason: Reason,
        }),
        response: { 200: ProjectDetailSchema, ...errorResponses },
      },
    },
    (request) => {
      const { reason, ...input } = request.body;
      return restorationProjects.update(request.actor, request.params.id, input, reason);
    },
  );

  app.post(
    '/api/restoration/projects/:id/actions',
    {
      config: { access: government },
      schema: {
        tags,
        description: inDivision,
        summary:
          'Move a project: start (planned → under_way), complete, reopen (completed → under_way), accept; with a reason kept on the project and in history',
        params: IdParams,
        body: Type.Object({
          action: literals(projectActions),
          version: Type.Integer({ minimum: 1 }),
          occurredOn: Type.Optional(IsoDate),
          reason: Reason,
        }),
        response: { 200: ProjectDetailSchema, ...errorResponses },
      },
    },
    (request) => restorationProjects.act(request.actor, request.params.id, request.body),
  );

  app.get(
    '/api/restoration/projects/:id/progress',
    {
      config: { access: government },
      schema: {
        tags,
        description: inDivision,
        summary:
          'Progress against target: per type and overall from the latest measurement, the trend since the one before, and the vegetation-cover series',
        params: IdParams,
        response: { 200: ProgressSchema, ...errorResponses },
      },
    },
    async (request) => (await restorationProjects.get(request.actor, request.params.id)).progress,
  );

  app.get(
    '/api/restoration/projects/:id/measurements',
    {
      config: { access: government },
      schema: {
        tags,
        description: inDivision,
        summary: 'A project’s measurements, oldest first',
        params: IdParams,
        response: { 200: listOf(MeasurementSchema), ...errorResponses },
      },
    },
    async (request) => ({
      items: await restorationMeasurements.list(request.actor, request.params.id),
    }),
  );

  app.post(
    '/api/restoration/projects/:id/measurements',
    {
      config: { access: government },
      schema: {
        tags,
        description: inDivision,
        summary:
          'Record a measurement: the area restored so far per type (cumulative), vegetation cover, other indicators {indicator, value, unit}',
        params: IdParams,
        body: Type.Object({ ...MeasurementBody.properties, reason: Reason }),
        response: { 201: MeasurementSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { reason, ...input } = request.body;
      return reply
        .status(201)
        .send(
          await restorationMeasurements.record(request.actor, request.params.id, input, reason),
        );
    },
  );

  app.post(
    '/api/restoration/measurements/:id/attachments',
    {
      config: { access: government },
      bodyLimit: Math.ceil(maxAttachmentBytes * 1.4) + 4096,
      schema: {
        tags,
        description: inDivision,
        summary:
          'Attach a photo or report to a measurement (type checked by content, SHA-256 kept)',
        params: IdParams,
        body: Type.Object({
          kind: literals(['photo', 'report', 'other'] as const),
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
          await restorationMeasurements.addAttachment(
            request.actor,
            request.params.id,
            { kind, fileName, bytes },
            reason,
          ),
        );
    },
  );

  app.get(
    '/api/restoration/attachments/:id/content',
    {
      config: { access: government },
      schema: {
        tags,
        description: inDivision,
        summary: 'Download a measurement’s photo or report',
        params: IdParams,
        response: {
          200: StoredFileContent,
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      const { attachment, bytes } = await restorationMeasurements.attachmentContent(
        request.actor,
        request.params.id,
      );
      return sendStoredFile(reply, attachment, bytes);
    },
  );

  app.get(
    '/api/restoration/projects/:id/funding',
    {
      config: { access: government },
      schema: {
        tags,
        description: inDivision,
        summary: 'A project’s funding lines by year',
        params: IdParams,
        response: { 200: listOf(FundingSchema), ...errorResponses },
      },
    },
    async (request) => ({
      items: await restorationMeasurements.listFunding(request.actor, request.params.id),
    }),
  );

  app.post(
    '/api/restoration/projects/:id/funding',
    {
      config: { access: government },
      schema: {
        tags,
        description: inDivision,
        summary:
          'Add a funding line: source (central, provincial, local, enterprise, social capital), amount in yuan, year',
        params: IdParams,
        body: Type.Object({
          source: literals(fundingSources),
          amountYuan: Type.Number({ exclusiveMinimum: 0, maximum: 1e13 }),
          year: Type.Integer({ minimum: 1980, maximum: 2100 }),
          note: Type.Optional(nullable(Type.String({ maxLength: 2000 }))),
          reason: Reason,
        }),
        response: { 201: FundingSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { reason, ...input } = request.body;
      return reply
        .status(201)
        .send(
          await restorationMeasurements.addFunding(request.actor, request.params.id, input, reason),
        );
    },
  );

  app.get(
    '/api/restoration/projects/:id/criteria-check',
    {
      config: { access: government },
      schema: {
        tags,
        description: inDivision,
        summary:
          'The latest measurement checked against the acceptance criteria of the project’s region, per restoration type (TL-RECL-05)',
        params: IdParams,
        response: {
          200: Type.Object({
            measuredOn: nullable(Type.String()),
            checks: Type.Array(
              Type.Object({ type: literals(restorationTypes), ...CheckSchema.properties }),
            ),
          }),
          ...errorResponses,
        },
      },
    },
    (request) => restorationMeasurements.checkCriteria(request.actor, request.params.id),
  );

  app.get(
    '/api/restoration/dashboard',
    {
      config: { access: government },
      schema: {
        tags,
        description:
          'Access: ministry, province, city, county. Scope: the caller’s division; divisionCode must lie inside it (else 403 OUT_OF_SCOPE).',
        summary:
          'Restored against target area by county and type (latest measurements), totals by type, and the vegetation-cover series of each project',
        querystring: Type.Object({ divisionCode: Type.Optional(DivisionCode) }),
        response: { 200: DashboardSchema, ...errorResponses },
      },
    },
    (request) => restorationDashboard.read(request.actor, request.query.divisionCode),
  );
};
