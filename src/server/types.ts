// Types shared by the HTTP edge: the app with its TypeBox type provider, the access policy
// every route declares, and the services routes call.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type {
  FastifyBaseLogger,
  FastifyInstance,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { Actor } from '../identity/domain/actor.ts';
import type { Role } from '../identity/domain/roles.ts';
import type { Services } from './services.ts';

export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;

/**
 * Who may call a route. `anyone` includes the anonymous public. `admin` further requires an
 * administrator account. Scope (which rows) is enforced by the services and the database.
 */
export interface Access {
  roles: readonly Role[] | 'anyone';
  admin?: boolean;
}

export type RoutePlugin = (app: App, services: Services) => Promise<void> | void;

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    actor: Actor;
  }
}
