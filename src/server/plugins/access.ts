// Authentication and the route access policy. Every request gets an Actor (the anonymous
// public when nothing is presented); every route must declare who may call it, or the
// server refuses to start; the check runs before the handler.
import type { FastifyRequest } from 'fastify';
import { type Actor, publicActor } from '../../identity/domain/actor.ts';
import { AppError } from '../../platform/errors.ts';
import type { Services } from '../services.ts';
import type { Access, App } from '../types.ts';

export const sessionCookie = 'reclaim_session';

/** A served route and who may call it (documentation routes excluded). */
export interface RoutePolicy {
  method: string;
  url: string;
  access: Access;
  /** Left out of the API documentation (the web application's pages). */
  hidden: boolean;
}

declare module 'fastify' {
  interface FastifyInstance {
    routePolicies: readonly RoutePolicy[];
  }
}

/** Routes that belong to the documentation UI, served to anyone. */
const isDocsRoute = (url: string) => url === '/docs' || url.startsWith('/docs/');

async function resolveActor(request: FastifyRequest, services: Services) {
  const header = request.headers.authorization;
  if (header) {
    const [scheme, token] = header.split(' ');
    const actor =
      scheme?.toLowerCase() === 'bearer' && token
        ? await services.auth.actorForApiToken(token)
        : undefined;
    if (!actor) {
      throw new AppError('unauthenticated', {
        code: 'TOKEN_INVALID',
        messageZh: 'API 令牌无效、已过期或已吊销',
        messageEn: 'the API token is invalid, expired or revoked',
      });
    }
    return actor;
  }
  const cookie = request.cookies[sessionCookie];
  if (cookie) return (await services.auth.actorForSession(cookie)) ?? publicActor;
  return publicActor;
}

/** Why `actor` may not call a route with this policy, or undefined when it may. */
function accessError(access: Access | undefined, actor: Actor): AppError | undefined {
  if (!access || access.roles === 'anyone') return undefined;
  if (actor.role === 'public') {
    return new AppError('unauthenticated', {
      code: 'LOGIN_REQUIRED',
      messageZh: '请先登录',
      messageEn: 'log in first',
    });
  }
  if (!access.roles.includes(actor.role) || (access.admin && !actor.isAdmin)) {
    return new AppError('forbidden', {
      code: 'ROLE_FORBIDDEN',
      messageZh: access.admin
        ? '您的角色或权限无权执行此操作（需要管理员）'
        : '您的角色无权执行此操作',
      messageEn: access.admin
        ? `only an administrator with a suitable role may do this (you are ${actor.role})`
        : `the ${actor.role} role may not do this`,
    });
  }
  return undefined;
}

export function registerAccess(app: App, services: Services): void {
  // Fastify refuses object defaults on requests (they would be shared); onRequest sets it.
  app.decorateRequest('actor', null as unknown as Actor);

  const policies: RoutePolicy[] = [];
  app.decorate('routePolicies', policies);
  app.addHook('onRoute', (route) => {
    if (isDocsRoute(route.url)) return;
    const access = route.config?.access;
    if (!access) {
      throw new Error(
        `route ${String(route.method)} ${route.url} declares no access policy (config.access)`,
      );
    }
    for (const method of [route.method].flat()) {
      if (method !== 'HEAD') {
        const hidden = route.schema?.hide === true;
        policies.push({ method, url: route.url, access, hidden });
      }
    }
  });

  app.addHook('onRequest', async (request) => {
    request.actor = await resolveActor(request, services);
  });

  app.addHook('preHandler', (request, _reply, done) => {
    done(accessError(request.routeOptions.config.access, request.actor));
  });
}
