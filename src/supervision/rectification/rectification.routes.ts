// Rectification orders (TL-RECL-02) over HTTP: list (overdue ones on request), read, move.
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
import { orderActions, orderGrounds, orderStatuses } from './domain/rectification-order.ts';

export const OrderSchema = Type.Object({
  id: Type.String(),
  divisionCode: Type.String(),
  recordId: Type.String(),
  systemNumber: nullable(Type.String()),
  projectName: Type.String(),
  polygonId: nullable(Type.String()),
  surveyCode: nullable(Type.String()),
  ruleCode: Type.String(),
  grounds: literals(orderGrounds),
  groundsName: Type.Object({ zh: Type.String(), en: Type.String() }),
  issuedOn: IsoDate,
  deadline: IsoDate,
  status: literals(orderStatuses),
  overdue: Type.Boolean(),
  daysOverdue: Type.Integer(),
  asOf: IsoDate,
  basis: Type.Record(Type.String(), Type.Unknown()),
  statusNote: nullable(Type.String()),
  version: Type.Integer(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

const government = { roles: governmentRoles };

export const rectificationRoutes: RoutePlugin = (app, { rectification }) => {
  app.get(
    '/api/supervision/rectification-orders',
    {
      config: { access: government },
      schema: {
        tags: ['supervision'],
        summary:
          'Rectification orders (TL-RECL-02) in my division, earliest deadline first; overdue=true lists open orders past their deadline as of asOf (default today)',
        querystring: Type.Object({
          status: Type.Optional(literals(orderStatuses)),
          overdue: Type.Optional(Type.Boolean()),
          asOf: Type.Optional(IsoDate),
          divisionCode: Type.Optional(DivisionCode),
          recordId: Type.Optional(Type.String({ format: 'uuid' })),
          polygonId: Type.Optional(Type.String({ format: 'uuid' })),
          ...paging,
        }),
        response: {
          200: pageOf(OrderSchema),
          ...errorResponses,
        },
      },
    },
    (request) => rectification.list(request.actor, request.query),
  );

  app.get(
    '/api/supervision/rectification-orders/:id',
    {
      config: { access: government },
      schema: {
        tags: ['supervision'],
        summary: 'One rectification order (overdue as of asOf, default today)',
        params: IdParams,
        querystring: Type.Object({ asOf: Type.Optional(IsoDate) }),
        response: { 200: OrderSchema, ...errorResponses },
      },
    },
    (request) => rectification.get(request.actor, request.params.id, request.query.asOf),
  );

  app.post(
    '/api/supervision/rectification-orders/:id/actions',
    {
      config: { access: government },
      schema: {
        tags: ['supervision'],
        summary:
          'Move an order: rectify, verify or reopen (county and above), close (above the county); needs the version you read and a reason',
        params: IdParams,
        body: Type.Object({
          action: literals(orderActions),
          version: Type.Integer({ minimum: 1 }),
          reason: Reason,
          note: Type.Optional(Type.String({ maxLength: 2000 })),
        }),
        response: { 200: OrderSchema, ...errorResponses },
      },
    },
    (request) => rectification.act(request.actor, request.params.id, request.body),
  );
};
