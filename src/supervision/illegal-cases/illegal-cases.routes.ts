// Illegal-land-use cases handed over by the back-fill, over HTTP: list, read, move.
import { Type, type TSchema } from '@sinclair/typebox';
import { governmentRoles } from '../../identity/domain/roles.ts';
import {
  DivisionCode,
  errorResponses,
  IdParams,
  IsoDate,
  Reason,
  Timestamp,
} from '../../server/schemas.ts';
import type { RoutePlugin } from '../../server/types.ts';
import { caseActions, caseStatuses } from './domain/illegal-case.ts';

const literals = <T extends string>(values: readonly T[]) =>
  Type.Union(values.map((v) => Type.Literal(v)));
const nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

export const CaseSchema = Type.Object({
  id: Type.String(),
  divisionCode: Type.String(),
  polygonId: nullable(Type.String()),
  surveyCode: nullable(Type.String()),
  areaM2: nullable(Type.Number()),
  recordId: nullable(Type.String()),
  systemNumber: nullable(Type.String()),
  grounds: Type.String(),
  openedOn: IsoDate,
  status: literals(caseStatuses),
  basis: Type.Record(Type.String(), Type.Unknown()),
  statusNote: nullable(Type.String()),
  version: Type.Integer(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

const government = { roles: governmentRoles };

export const illegalCaseRoutes: RoutePlugin = (app, { illegalCases }) => {
  app.get(
    '/api/supervision/illegal-cases',
    {
      config: { access: government },
      schema: {
        tags: ['supervision'],
        summary:
          'Illegal-land-use cases (permanent structures on temporary land, TL-STOCK-01 case d) in my division',
        querystring: Type.Object({
          status: Type.Optional(literals(caseStatuses)),
          divisionCode: Type.Optional(DivisionCode),
          polygonId: Type.Optional(Type.String({ format: 'uuid' })),
          limit: Type.Integer({ minimum: 1, maximum: 500, default: 50 }),
          offset: Type.Integer({ minimum: 0, default: 0 }),
        }),
        response: {
          200: Type.Object({ items: Type.Array(CaseSchema), total: Type.Integer() }),
          ...errorResponses,
        },
      },
    },
    (request) => illegalCases.list(request.actor, request.query),
  );

  app.get(
    '/api/supervision/illegal-cases/:id',
    {
      config: { access: government },
      schema: {
        tags: ['supervision'],
        summary: 'One illegal-land-use case',
        params: IdParams,
        response: { 200: CaseSchema, ...errorResponses },
      },
    },
    (request) => illegalCases.get(request.actor, request.params.id),
  );

  app.post(
    '/api/supervision/illegal-cases/:id/actions',
    {
      config: { access: government },
      schema: {
        tags: ['supervision'],
        summary:
          'Move a case: investigate, conclude (county and above), dismiss (above the county); needs the version you read and a reason',
        params: IdParams,
        body: Type.Object({
          action: literals(caseActions),
          version: Type.Integer({ minimum: 1 }),
          reason: Reason,
          note: Type.Optional(Type.String({ maxLength: 2000 })),
        }),
        response: { 200: CaseSchema, ...errorResponses },
      },
    },
    (request) => illegalCases.act(request.actor, request.params.id, request.body),
  );
};
