// Illegal-land-use cases handed over by the back-fill, over HTTP: list, read, move.
import { Type } from '@sinclair/typebox';
import { governmentRoles } from '../../identity/domain/roles.ts';
import { actionRoute, getRoute, listRoute } from '../../server/dossier-routes.ts';
import { DivisionCode, IsoDate, Timestamp, literals, nullable } from '../../server/schemas.ts';
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

const cases = {
  path: '/api/supervision/illegal-cases',
  item: CaseSchema,
  tag: 'supervision',
  access: { roles: governmentRoles },
};

export const illegalCaseRoutes: RoutePlugin = (app, { illegalCases }) => {
  listRoute(app, cases, {
    summary:
      'Illegal-land-use cases (permanent structures on temporary land, TL-STOCK-01 case d) in my division',
    filters: {
      status: Type.Optional(literals(caseStatuses)),
      divisionCode: Type.Optional(DivisionCode),
      polygonId: Type.Optional(Type.String({ format: 'uuid' })),
    },
    list: (actor, query) => illegalCases.list(actor, query),
  });

  getRoute(app, cases, {
    summary: 'One illegal-land-use case',
    query: {},
    get: (actor, id) => illegalCases.get(actor, id),
  });

  actionRoute(app, cases, {
    summary:
      'Move a case: investigate, conclude (county and above), dismiss (above the county); needs the version you read and a reason',
    actions: caseActions,
    extra: { note: Type.Optional(Type.String({ maxLength: 2000 })) },
    act: (actor, id, body) => illegalCases.act(actor, id, body),
  });
};
