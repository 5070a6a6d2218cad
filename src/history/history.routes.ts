// Reading history: every version of a record, and recent changes in my division.
import { Type } from '@sinclair/typebox';
import { governmentRoles } from '../identity/domain/roles.ts';
import { errorResponses, listOf, Uuid, Timestamp } from '../server/schemas.ts';
import type { RoutePlugin } from '../server/types.ts';

const Version = Type.Object({
  entity: Type.String(),
  entityId: Type.String(),
  version: Type.Integer(),
  previousVersion: Type.Union([Type.Integer(), Type.Null()]),
  action: Type.String(),
  changedAt: Timestamp,
  changedBy: Type.String(),
  reason: Type.String(),
  divisionCode: Type.String(),
  data: Type.Record(Type.String(), Type.Unknown()),
  changes: Type.Array(
    Type.Object({ field: Type.String(), from: Type.Unknown(), to: Type.Unknown() }),
  ),
});

export const historyRoutes: RoutePlugin = (app, { history }) => {
  app.get(
    '/api/history',
    {
      config: { access: { roles: governmentRoles } },
      schema: {
        tags: ['history'],
        summary: 'Recent changes in my division, newest first',
        querystring: Type.Object({
          entity: Type.Optional(Type.String({ maxLength: 40 })),
          changedBy: Type.Optional(Type.String({ maxLength: 100 })),
          from: Type.Optional(Type.String({ format: 'date-time' })),
          to: Type.Optional(Type.String({ format: 'date-time' })),
          limit: Type.Integer({ minimum: 1, maximum: 1000, default: 100 }),
        }),
        response: { 200: listOf(Version), ...errorResponses },
      },
    },
    async (request) => ({ items: await history.recent(request.actor, request.query) }),
  );

  app.get(
    '/api/history/:entity/:id',
    {
      config: { access: { roles: governmentRoles } },
      schema: {
        tags: ['history'],
        summary: 'Every version of one record with who, when, why and what changed',
        params: Type.Object({ entity: Type.String({ maxLength: 40 }), id: Uuid }),
        response: { 200: listOf(Version), ...errorResponses },
      },
    },
    async (request) => ({
      items: await history.versions(request.actor, request.params.entity, request.params.id),
    }),
  );
};
