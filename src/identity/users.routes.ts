// Account administration: administrators manage accounts inside their division.
import { Type } from '@sinclair/typebox';
import { DivisionCode, errorResponses, IdParams, listOf, Reason } from '../server/schemas.ts';
import type { RoutePlugin } from '../server/types.ts';
import { governmentRoles } from './domain/roles.ts';
import { RoleSchema, UserSchema } from './identity.schemas.ts';

const adminAccess = { roles: governmentRoles, admin: true };

export const userRoutes: RoutePlugin = (app, { users }) => {
  app.get(
    '/api/users',
    {
      config: { access: adminAccess },
      schema: {
        tags: ['users'],
        summary: 'Accounts in my division',
        querystring: Type.Object({
          role: Type.Optional(RoleSchema),
          divisionCode: Type.Optional(DivisionCode),
          covering: Type.Optional({
            ...DivisionCode,
            description:
              'only accounts whose division includes this one: its own, its city’s, its province’s, the ministry’s (those who may be assigned work there)',
          }),
          limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }),
          offset: Type.Integer({ minimum: 0, default: 0 }),
        }),
        response: { 200: listOf(Type.Ref(UserSchema)), ...errorResponses },
      },
    },
    async (request) => ({ items: await users.list(request.actor, request.query) }),
  );

  app.get(
    '/api/users/:id',
    {
      config: { access: adminAccess },
      schema: {
        tags: ['users'],
        summary: 'One account',
        params: IdParams,
        response: { 200: Type.Ref(UserSchema), ...errorResponses },
      },
    },
    (request) => users.get(request.actor, request.params.id),
  );

  app.post(
    '/api/users',
    {
      config: { access: adminAccess },
      schema: {
        tags: ['users'],
        summary: 'Create an account in my division, at my level or below',
        body: Type.Object({
          username: Type.String({ minLength: 3, maxLength: 64 }),
          displayName: Type.String({ minLength: 1, maxLength: 100 }),
          role: RoleSchema,
          divisionCode: DivisionCode,
          organization: Type.Optional(Type.String({ maxLength: 200 })),
          isAdmin: Type.Optional(Type.Boolean()),
          password: Type.String({ minLength: 1, maxLength: 256 }),
          reason: Reason,
        }),
        response: { 201: Type.Ref(UserSchema), ...errorResponses },
      },
    },
    async (request, reply) => {
      const { reason, ...input } = request.body;
      return reply.status(201).send(await users.create(request.actor, input, reason));
    },
  );

  app.patch(
    '/api/users/:id',
    {
      config: { access: adminAccess },
      schema: {
        tags: ['users'],
        summary: 'Change an account (role, division, status, password); needs the version you read',
        params: IdParams,
        body: Type.Object({
          version: Type.Integer({
            minimum: 1,
            description: 'the version you are changing (optimistic locking)',
          }),
          reason: Reason,
          displayName: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
          role: Type.Optional(RoleSchema),
          divisionCode: Type.Optional(DivisionCode),
          organization: Type.Optional(Type.Union([Type.String({ maxLength: 200 }), Type.Null()])),
          isAdmin: Type.Optional(Type.Boolean()),
          status: Type.Optional(Type.Union([Type.Literal('active'), Type.Literal('disabled')])),
          password: Type.Optional(Type.String({ minLength: 1, maxLength: 256 })),
        }),
        response: { 200: Type.Ref(UserSchema), ...errorResponses },
      },
    },
    (request) => {
      const { version, reason, ...change } = request.body;
      return users.update(request.actor, request.params.id, version, change, reason);
    },
  );
};
