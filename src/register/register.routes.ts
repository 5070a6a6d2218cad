// The register over HTTP: records, their findings and lifecycle transitions.
import { Type, type TSchema } from '@sinclair/typebox';
import { governmentRoles } from '../identity/domain/roles.ts';
import {
  DivisionCode,
  errorResponses,
  IdParams,
  IsoDate,
  listOf,
  NullableTimestamp,
  Reason,
  Timestamp,
} from '../server/schemas.ts';
import type { RoutePlugin } from '../server/types.ts';
import { AppError } from '../platform/errors.ts';
import { approvalLevels, projectClasses, useTypes } from './domain/classification.ts';
import { recordStates, transitions, type TransitionAction } from './domain/lifecycle.ts';
import { registerRules } from './domain/rules/catalogue.ts';

const nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const literalUnion = <T extends string>(values: readonly T[]) =>
  Type.Union(values.map((v) => Type.Literal(v)));

const Breakdown = Type.Object({
  cultivatedM2: Type.Number({ minimum: 0 }),
  farmlandM2: Type.Number({ minimum: 0 }),
  forestM2: Type.Number({ minimum: 0 }),
  otherAgriculturalM2: Type.Number({ minimum: 0 }),
  constructionM2: Type.Number({ minimum: 0 }),
  unusedM2: Type.Number({ minimum: 0 }),
});

const Geometry = Type.Object(
  { type: literalUnion(['Polygon', 'MultiPolygon']), coordinates: Type.Array(Type.Any()) },
  { description: 'GeoJSON Polygon or MultiPolygon, [lng, lat] in EPSG:4490' },
);

/** Fields a client may write; all optional in a change. */
const editable = {
  projectName: Type.String({ minLength: 1, maxLength: 300 }),
  projectClass: literalUnion(projectClasses),
  longCycle: Type.Boolean(),
  oilGasIntegrated: Type.Boolean(),
  projectOwner: nullable(Type.String({ maxLength: 300 })),
  landUser: nullable(Type.String({ maxLength: 300 })),
  useType: literalUnion(useTypes.map((u) => u.code)),
  approvalNumber: nullable(Type.String({ maxLength: 200 })),
  approvalDate: nullable(IsoDate),
  approvalBody: nullable(Type.String({ maxLength: 200 })),
  approvalLevel: nullable(literalUnion(approvalLevels)),
  termStart: nullable(IsoDate),
  termEnd: nullable(IsoDate),
  declaredAreaM2: nullable(Type.Number({ minimum: 0 })),
  declaredBreakdown: nullable(Breakdown),
  railwayException: nullable(
    Type.Object({
      planReviewed: Type.Boolean(),
      commitmentSigned: Type.Boolean(),
      completionDeadline: nullable(IsoDate),
    }),
  ),
  restoresCultivation: Type.Boolean(),
  reclamationPlan: nullable(Type.Record(Type.String(), Type.Unknown())),
  deposit: nullable(Type.Record(Type.String(), Type.Unknown())),
  reclamationExtension: nullable(
    Type.Object({
      newDeadline: IsoDate,
      appliedOn: IsoDate,
      cause: literalUnion(['climate', 'disaster']),
    }),
  ),
  disclosurePublishedOn: nullable(IsoDate),
  disclosureWhere: nullable(Type.String({ maxLength: 500 })),
};

const optionalEditable = Type.Partial(Type.Object(editable)).properties;

const Finding = Type.Object({
  code: Type.String(),
  severity: literalUnion(['error', 'warning', 'info']),
  messageZh: Type.String(),
  messageEn: Type.String(),
  evidence: Type.Record(Type.String(), Type.Unknown()),
});

const RecordView = Type.Object(
  {
    id: Type.String(),
    systemNumber: nullable(Type.String()),
    divisionCode: Type.String(),
    state: literalUnion(recordStates),
    stateName: Type.Object({ zh: Type.String(), en: Type.String() }),
    ...optionalEditable,
    extensions: Type.Array(
      Type.Object({
        approvalNumber: Type.String(),
        approvedOn: Type.String(),
        newTermEnd: Type.String(),
        areaM2: Type.Number(),
        withinOriginalBoundary: Type.Boolean(),
      }),
    ),
    backfilled: Type.Boolean(),
    registeredOn: nullable(Type.String()),
    source: nullable(
      Type.Record(Type.String(), Type.Unknown(), {
        description: 'provenance: the import file and feature, or the back-fill batch and polygon',
      }),
    ),
    reassignedFromProject: nullable(Type.String()),
    geometry: Type.Unknown(),
    area: Type.Object({
      m2: nullable(Type.Number()),
      mu: nullable(Type.Number()),
      ha: nullable(Type.Number()),
    }),
    computedBreakdown: nullable(
      Type.Intersect([
        Breakdown,
        Type.Object({ unsurveyedM2: Type.Number(), computedAt: Type.String() }),
      ]),
    ),
    availableActions: Type.Array(Type.String()),
    findings: Type.Array(Finding),
    findingsAsOf: Type.String(),
    reclamationDeadline: nullable(
      Type.Object(
        {
          termEnd: Type.String({ description: 'the term end in force (last extension)' }),
          statutory: Type.String({ description: 'term end + the reclamation period (TL-RECL-01)' }),
          deadline: Type.String({
            description: 'the deadline in force: statutory, or a TL-RECL-03 extension',
          }),
          extensionIgnored: Type.Boolean({
            description: 'an extension was recorded but applied for too late (TL-RECL-03)',
          }),
        },
        { description: 'when the land must be reclaimed; null when the term is unknown' },
      ),
    ),
    version: Type.Integer(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  },
  { $id: 'TemporaryLandRecord' },
);

const RecordSummary = Type.Object({
  id: Type.String(),
  systemNumber: nullable(Type.String()),
  divisionCode: Type.String(),
  state: Type.String(),
  projectName: Type.String(),
  useType: Type.String(),
  approvalNumber: nullable(Type.String()),
  approvalDate: nullable(Type.String()),
  termEnd: nullable(Type.String()),
  areaM2: nullable(Type.Number()),
  version: Type.Integer(),
  updatedAt: NullableTimestamp,
});

const government = { roles: governmentRoles };

export const registerRoutes: RoutePlugin = (app, { register }) => {
  app.addSchema(RecordView);

  app.get(
    '/api/register/use-types',
    {
      config: { access: { roles: 'anyone' } },
      schema: {
        tags: ['register'],
        summary: 'Allowed uses of temporary land (TL-SCOPE-03) and project classes',
        response: {
          200: Type.Object({
            useTypes: Type.Array(
              Type.Object({
                code: Type.String(),
                zh: Type.String(),
                en: Type.String(),
                category: Type.String(),
              }),
            ),
            projectClasses: Type.Array(Type.String()),
          }),
        },
      },
    },
    () => ({ useTypes: [...useTypes], projectClasses: [...projectClasses] }),
  );

  app.get(
    '/api/register/rules',
    {
      config: { access: { roles: 'anyone' } },
      schema: {
        tags: ['register'],
        summary: 'The register rules the platform checks, by RULES.md code',
        response: {
          200: listOf(
            Type.Object({ code: Type.String(), titleZh: Type.String(), titleEn: Type.String() }),
          ),
        },
      },
    },
    () => ({
      items: registerRules.map(({ code, titleZh, titleEn }) => ({ code, titleZh, titleEn })),
    }),
  );

  app.get(
    '/api/register/records',
    {
      config: { access: government },
      schema: {
        tags: ['register'],
        summary: 'Records in my division',
        querystring: Type.Object({
          state: Type.Optional(literalUnion(recordStates)),
          divisionCode: Type.Optional(DivisionCode),
          q: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
          limit: Type.Integer({ minimum: 1, maximum: 500, default: 50 }),
          offset: Type.Integer({ minimum: 0, default: 0 }),
        }),
        response: {
          200: Type.Object({ items: Type.Array(RecordSummary), total: Type.Integer() }),
          ...errorResponses,
        },
      },
    },
    (request) => register.list(request.actor, request.query),
  );

  app.post(
    '/api/register/records',
    {
      config: { access: government },
      schema: {
        tags: ['register'],
        summary:
          'Create a record from an approval and its boundary; area and land-class breakdown are computed',
        body: Type.Object(
          {
            divisionCode: DivisionCode,
            geometry: Geometry,
            reason: Reason,
            ...optionalEditable,
            projectName: editable.projectName,
            projectClass: editable.projectClass,
            useType: editable.useType,
          },
          { additionalProperties: false },
        ),
        response: { 201: Type.Ref(RecordView), ...errorResponses },
      },
    },
    async (request, reply) => {
      const { reason, ...input } = request.body;
      return reply.status(201).send(await register.create(request.actor, input, reason));
    },
  );

  app.get(
    '/api/register/records/:id',
    {
      config: { access: government },
      schema: {
        tags: ['register'],
        summary: 'One record with its areas and findings as of a date (default today)',
        params: IdParams,
        querystring: Type.Object({ asOf: Type.Optional(IsoDate) }),
        response: { 200: Type.Ref(RecordView), ...errorResponses },
      },
    },
    (request) => register.get(request.actor, request.params.id, request.query.asOf),
  );

  app.patch(
    '/api/register/records/:id',
    {
      config: { access: government },
      schema: {
        tags: ['register'],
        summary:
          'Change a record (fields and/or boundary); needs the version you read and a reason',
        params: IdParams,
        body: Type.Object(
          {
            version: Type.Integer({ minimum: 1 }),
            reason: Reason,
            geometry: Type.Optional(Geometry),
            ...optionalEditable,
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Ref(RecordView), ...errorResponses },
      },
    },
    (request) => {
      const { version, reason, ...change } = request.body as {
        version: number;
        reason: string;
      } & Record<string, unknown>;
      return register.update(request.actor, request.params.id, version, change, reason);
    },
  );

  app.post(
    '/api/register/records/:id/transitions',
    {
      config: { access: government },
      schema: {
        tags: ['register'],
        summary:
          'Move a record through its lifecycle (register, extend, reassign, reclaim …) with a reason code; write-offs go through /api/supervision/write-offs, and `accept` is refused (409 ACCEPT_BY_ACCEPTANCE_WORKFLOW): a record is accepted only by a pass of the reclamation acceptance workflow (TL-RECL-05)',
        params: IdParams,
        body: Type.Object({
          version: Type.Integer({ minimum: 1 }),
          action: literalUnion(
            (Object.keys(transitions) as TransitionAction[]).filter((a) => a !== 'write_off'),
          ),
          reasonCode: Type.String({ minLength: 2, maxLength: 60 }),
          occurredOn: IsoDate,
          note: Type.Optional(Type.String({ maxLength: 2000 })),
          reason: Reason,
          extension: Type.Optional(
            Type.Object({
              approvalNumber: Type.String({ minLength: 1, maxLength: 200 }),
              approvedOn: IsoDate,
              newTermEnd: IsoDate,
            }),
          ),
          project: Type.Optional(
            Type.Object({
              name: Type.String({ minLength: 1, maxLength: 300 }),
              projectClass: Type.Optional(literalUnion(projectClasses)),
              owner: Type.Optional(Type.String({ maxLength: 300 })),
              landUser: Type.Optional(Type.String({ maxLength: 300 })),
            }),
          ),
        }),
        response: { 200: Type.Ref(RecordView), ...errorResponses },
      },
    },
    (request) => {
      const { version, reason, action, ...rest } = request.body;
      if (action === 'accept') throw acceptOnlyByAcceptance();
      return register.transition(
        request.actor,
        request.params.id,
        version,
        { ...rest, action: action },
        reason,
      );
    },
  );

  app.get(
    '/api/register/records/:id/transitions',
    {
      config: { access: government },
      schema: {
        tags: ['register'],
        summary: 'The lifecycle transitions of a record, oldest first',
        params: IdParams,
        response: {
          200: listOf(
            Type.Object({
              id: Type.String(),
              action: Type.String(),
              fromState: Type.String(),
              toState: Type.String(),
              reasonCode: Type.String(),
              note: nullable(Type.String()),
              occurredOn: Type.String(),
              recordedAt: Timestamp,
              recordedBy: Type.String(),
            }),
          ),
          ...errorResponses,
        },
      },
    },
    async (request) => ({ items: await register.transitions(request.actor, request.params.id) }),
  );
};

/** TL-RECL-05: acceptance is the joint panel's pass, recorded by the reclamation acceptance workflow. */
function acceptOnlyByAcceptance(): AppError {
  return new AppError('conflict', {
    code: 'ACCEPT_BY_ACCEPTANCE_WORKFLOW',
    messageZh:
      '记录不能在此直接设为“已验收”：请通过复垦验收流程（申请、联合验收组、验收合格）办理（TL-RECL-05）',
    messageEn:
      'a record cannot be set accepted here: use the reclamation acceptance workflow (application, joint panel, pass) (TL-RECL-05)',
    location: { field: 'action' },
  });
}
