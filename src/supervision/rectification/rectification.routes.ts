// Rectification orders (TL-RECL-02) over HTTP: list (overdue ones on request), read, move.
import { Type } from '@sinclair/typebox';
import { governmentRoles } from '../../identity/domain/roles.ts';
import { actionRoute, getRoute, listRoute } from '../../server/dossier-routes.ts';
import { DivisionCode, IsoDate, Timestamp, literals, nullable } from '../../server/schemas.ts';
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

const orders = {
  path: '/api/supervision/rectification-orders',
  item: OrderSchema,
  tag: 'supervision',
  access: { roles: governmentRoles },
};

export const rectificationRoutes: RoutePlugin = (app, { rectification }) => {
  listRoute(app, orders, {
    summary:
      'Rectification orders (TL-RECL-02) in my division, earliest deadline first; overdue=true lists open orders past their deadline as of asOf (default today)',
    filters: {
      status: Type.Optional(literals(orderStatuses)),
      overdue: Type.Optional(Type.Boolean()),
      asOf: Type.Optional(IsoDate),
      divisionCode: Type.Optional(DivisionCode),
      recordId: Type.Optional(Type.String({ format: 'uuid' })),
      polygonId: Type.Optional(Type.String({ format: 'uuid' })),
    },
    list: (actor, query) => rectification.list(actor, query),
  });

  getRoute(app, orders, {
    summary: 'One rectification order (overdue as of asOf, default today)',
    query: { asOf: Type.Optional(IsoDate) },
    get: (actor, id, query) => rectification.get(actor, id, query.asOf),
  });

  actionRoute(app, orders, {
    summary:
      'Move an order: rectify, verify or reopen (county and above), close (above the county); needs the version you read and a reason',
    actions: orderActions,
    extra: { note: Type.Optional(Type.String({ maxLength: 2000 })) },
    act: (actor, id, body) => rectification.act(actor, id, body),
  });
};
