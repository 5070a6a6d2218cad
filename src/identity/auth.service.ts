// Authentication: password login to a session cookie, machine API tokens, and turning either
// back into an Actor on each request.
import type { Db } from '../platform/db/db.ts';
import { AppError } from '../platform/errors.ts';
import { type Actor, systemActor } from './domain/actor.ts';
import { verifyPassword } from './passwords.ts';
import { asSystem, inScope } from './scoped-db.ts';
import { apiTokenPrefix, hashSecret, newSecret } from './secret-tokens.ts';
import * as sessions from './sessions.store.ts';
import { findUserByUsername, type User } from './users.store.ts';

const lookup = systemActor('auth');

export function actorOf(user: User, kind: 'user' | 'token'): Actor {
  return {
    kind,
    userId: user.id,
    name: user.username,
    role: user.role,
    divisionCode: user.divisionCode,
    isAdmin: user.isAdmin,
    organization: user.organization,
  };
}

const loginFailed = () =>
  new AppError('unauthenticated', {
    code: 'LOGIN_FAILED',
    messageZh: '用户名或密码错误，或账号已停用',
    messageEn: 'wrong username or password, or the account is disabled',
  });

export function createAuthService(db: Db, options: { sessionTtlHours: number }) {
  return {
    /** Checks a password and opens a session; the returned token goes into the cookie only. */
    async login(
      username: string,
      password: string,
      client: { ip: string | null; userAgent: string | null },
    ) {
      const user = await asSystem(db, lookup, (tx) =>
        findUserByUsername(tx, username.trim().toLowerCase()),
      );
      const ok = await verifyPassword(user?.passwordHash, password);
      if (!user || !ok || user.status !== 'active') throw loginFailed();
      const token = newSecret();
      const session = await asSystem(db, lookup, (tx) =>
        sessions.insertSession(tx, {
          tokenHash: hashSecret(token),
          userId: user.id,
          ttlHours: options.sessionTtlHours,
          clientIp: client.ip,
          userAgent: client.userAgent,
        }),
      );
      const { passwordHash: _hidden, ...visible } = user;
      return { token, expiresAt: session.expiresAt, user: visible };
    },

    async logout(token: string): Promise<void> {
      await asSystem(db, lookup, (tx) => sessions.revokeSession(tx, hashSecret(token)));
    },

    /**
     * The actor behind a session cookie, or undefined when it is unknown, expired or disabled.
     * One statement as the owner, outside a transaction: it only reads, and every request
     * with a cookie pays for each round trip.
     */
    async actorForSession(token: string): Promise<Actor | undefined> {
      const user = await sessions.findSessionUser(db, hashSecret(token));
      return user && actorOf(user, 'user');
    },

    /**
     * The actor behind an `Authorization: Bearer rk_…` token. One statement as the owner,
     * outside a transaction: the token's use stamp writes no history (api_token is not
     * versioned), and BEGIN, settings and COMMIT would be three more round trips per request.
     */
    async actorForApiToken(token: string): Promise<Actor | undefined> {
      if (!token.startsWith(apiTokenPrefix)) return undefined;
      const user = await sessions.useApiToken(db, hashSecret(token));
      return user && actorOf(user, 'token');
    },

    /** Creates a token for the caller; the secret is returned once and never stored. */
    async createApiToken(actor: Actor, name: string, expiresInDays: number | null) {
      const userId = requireUser(actor);
      const token = newSecret(apiTokenPrefix);
      const record = await inScope(db, actor, (tx) =>
        sessions.insertApiToken(tx, {
          userId,
          name: name.trim(),
          tokenHash: hashSecret(token),
          tokenPrefix: token.slice(0, 10),
          expiresInDays,
        }),
      );
      return { token, record };
    },

    listApiTokens(actor: Actor) {
      const userId = requireUser(actor);
      return inScope(db, actor, (tx) => sessions.listApiTokens(tx, userId));
    },

    async revokeApiToken(actor: Actor, id: string) {
      const userId = requireUser(actor);
      const revoked = await inScope(db, actor, (tx) => sessions.revokeApiToken(tx, userId, id));
      if (!revoked) {
        throw new AppError('not_found', {
          code: 'TOKEN_NOT_FOUND',
          messageZh: '令牌不存在',
          messageEn: 'no such token',
        });
      }
      return revoked;
    },
  };
}

function requireUser(actor: Actor): string {
  if (!actor.userId) {
    throw new AppError('unauthenticated', {
      code: 'LOGIN_REQUIRED',
      messageZh: '请先登录',
      messageEn: 'log in first',
    });
  }
  return actor.userId;
}

export type AuthService = ReturnType<typeof createAuthService>;
