// Login, logout, who am I, and API tokens for machines.
import { Type } from '@sinclair/typebox';
import { allRoles, governmentRoles } from './domain/roles.ts';
import { sessionCookie } from '../server/plugins/access.ts';
import { errorResponses, IdParams, listOf, Timestamp } from '../server/schemas.ts';
import type { RoutePlugin } from '../server/types.ts';
import { ApiTokenSchema, UserSchema } from './identity.schemas.ts';

const accountHolders = allRoles.filter((r) => r !== 'public');

export const authRoutes: RoutePlugin = (app, { auth, users, config }) => {
  app.post(
    '/api/auth/login',
    {
      config: {
        access: { roles: 'anyone' },
        rateLimit: { max: config.loginAttemptsPerMinute, timeWindow: '1 minute' },
      },
      schema: {
        tags: ['auth'],
        summary: 'Log in with a password; sets an httpOnly session cookie',
        body: Type.Object({
          username: Type.String({ minLength: 1, maxLength: 64 }),
          password: Type.String({ minLength: 1, maxLength: 256 }),
        }),
        response: {
          200: Type.Object({ user: Type.Ref(UserSchema), expiresAt: Timestamp }),
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      const { token, expiresAt, user } = await auth.login(
        request.body.username,
        request.body.password,
        {
          ip: request.ip,
          userAgent: request.headers['user-agent'] ?? null,
        },
      );
      void reply.setCookie(sessionCookie, token, {
        httpOnly: true,
        sameSite: 'lax',
        secure: config.cookieSecure,
        path: '/',
        expires: expiresAt,
      });
      request.log.info({ user: user.username }, 'login');
      return { user, expiresAt };
    },
  );

  app.post(
    '/api/auth/logout',
    {
      config: { access: { roles: 'anyone' } },
      schema: { tags: ['auth'], summary: 'End the session', response: { 204: Type.Null() } },
    },
    async (request, reply) => {
      const token = request.cookies[sessionCookie];
      if (token) await auth.logout(token);
      void reply.clearCookie(sessionCookie, { path: '/' });
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/auth/me',
    {
      config: { access: { roles: accountHolders } },
      schema: {
        tags: ['auth'],
        summary: 'The logged-in account',
        response: { 200: Type.Ref(UserSchema), ...errorResponses },
      },
    },
    (request) => users.get(request.actor, request.actor.userId ?? ''),
  );

  app.get(
    '/api/tokens',
    {
      config: { access: { roles: accountHolders } },
      schema: {
        tags: ['auth'],
        summary: 'My API tokens',
        response: { 200: listOf(Type.Ref(ApiTokenSchema)), ...errorResponses },
      },
    },
    async (request) => ({ items: await auth.listApiTokens(request.actor) }),
  );

  app.post(
    '/api/tokens',
    {
      config: { access: { roles: governmentRoles } },
      schema: {
        tags: ['auth'],
        summary: 'Create an API token for a machine; the secret is shown only in this response',
        body: Type.Object({
          name: Type.String({ minLength: 1, maxLength: 100 }),
          expiresInDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 3650 })),
        }),
        response: {
          201: Type.Object({ token: Type.String(), record: Type.Ref(ApiTokenSchema) }),
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      const created = await auth.createApiToken(
        request.actor,
        request.body.name,
        request.body.expiresInDays ?? null,
      );
      return reply.status(201).send(created);
    },
  );

  app.post(
    '/api/tokens/:id/revoke',
    {
      config: { access: { roles: accountHolders } },
      schema: {
        tags: ['auth'],
        summary: 'Revoke one of my API tokens',
        params: IdParams,
        response: { 200: Type.Ref(ApiTokenSchema), ...errorResponses },
      },
    },
    (request) => auth.revokeApiToken(request.actor, request.params.id),
  );
};
