// Illegal-land-use cases handed over by the back-fill, over HTTP: list, read, move.
import { Type } from '@sinclair/typebox';
import { governmentRoles } from '../../identity/domain/roles.ts';
import {
  DivisionCode,
  errorResponses,
  IdParams,
  IsoDate,
  Reason,
  Timestamp,
  literals,
  nullable,
  pageOf,
  paging,
} from '../../server/schemas.ts';
import type { RoutePlugin } from '../../server/types.ts';
import { caseActions, caseStatuses } from './domain/illegal-case.ts';

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
          ...paging,
        }),
        response: {
          200: pageOf(CaseSchema),
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
