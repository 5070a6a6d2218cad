// SQL for login sessions and API tokens. Look-ups by secret hash run as the system
// (before a caller is known); listing and revoking tokens run in the caller's scope.
import type { Queryable } from '../platform/db/db.ts';
import { userColumns, type User } from './users.store.ts';

export async function insertSession(
  q: Queryable,
  s: {
    tokenHash: string;
    userId: string;
    ttlHours: number;
    clientIp: string | null;
    userAgent: string | null;
  },
): Promise<{ id: string; expiresAt: Date }> {
  const [row] = await q.query<{ id: string; expiresAt: Date }>(
    `INSERT INTO auth_session (token_hash, user_id, expires_at, client_ip, user_agent)
     VALUES ($1, $2, now() + make_interval(hours => $3), $4, $5) RETURNING id, expires_at AS "expiresAt"`,
    [s.tokenHash, s.userId, s.ttlHours, s.clientIp, s.userAgent?.slice(0, 300) ?? null],
  );
  return row!;
}

/**
 * The active user behind a live session, in one statement (every request with a cookie pays
 * for this look-up, so it is one round trip, outside any transaction).
 */
export async function findSessionUser(q: Queryable, tokenHash: string): Promise<User | undefined> {
  const [row] = await q.query<User>(
    `SELECT ${userColumns} FROM app_user
     WHERE status = 'active' AND id = (
       SELECT user_id FROM auth_session
       WHERE token_hash = $1 AND revoked_at IS NULL AND expires_at > now())`,
    [tokenHash],
    { prepared: true },
  );
  return row;
}

export async function revokeSession(q: Queryable, tokenHash: string): Promise<void> {
  await q.query(
    'UPDATE auth_session SET revoked_at = now() WHERE token_hash = $1 AND revoked_at IS NULL',
    [tokenHash],
  );
}

export async function revokeSessionsOfUser(q: Queryable, userId: string): Promise<void> {
  await q.query(
    'UPDATE auth_session SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL',
    [userId],
  );
}

export interface ApiToken {
  id: string;
  name: string;
  tokenPrefix: string;
  createdAt: Date;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

const tokenColumns = `id, name, token_prefix AS "tokenPrefix", created_at AS "createdAt", expires_at AS "expiresAt",
  last_used_at AS "lastUsedAt", revoked_at AS "revokedAt"`;

export async function insertApiToken(
  q: Queryable,
  t: {
    userId: string;
    name: string;
    tokenHash: string;
    tokenPrefix: string;
    expiresInDays: number | null;
  },
): Promise<ApiToken> {
  const [row] = await q.query<ApiToken>(
    `INSERT INTO api_token (user_id, name, token_hash, token_prefix, expires_at)
     VALUES ($1, $2, $3, $4, CASE WHEN $5::int IS NULL THEN NULL ELSE now() + make_interval(days => $5::int) END)
     RETURNING ${tokenColumns}`,
    [t.userId, t.name, t.tokenHash, t.tokenPrefix, t.expiresInDays],
  );
  return row!;
}

export function listApiTokens(q: Queryable, userId: string): Promise<ApiToken[]> {
  return q.query<ApiToken>(
    `SELECT ${tokenColumns} FROM api_token WHERE user_id = $1 ORDER BY created_at DESC`,
    [userId],
  );
}

export async function revokeApiToken(
  q: Queryable,
  userId: string,
  id: string,
): Promise<ApiToken | undefined> {
  const [row] = await q.query<ApiToken>(
    `UPDATE api_token SET revoked_at = coalesce(revoked_at, now()) WHERE id = $1 AND user_id = $2 RETURNING ${tokenColumns}`,
    [id, userId],
  );
  return row;
}

/** How stale `last_used_at` may get: a token is stamped at most once per interval. */
export const tokenUseStampInterval = '1 minute';

/**
 * The active user behind a live token, stamping the token's use at most once a minute, in
 * one statement. Stamping on every request made each request of a busy client a write to the
 * same row, and concurrent requests queued on its lock (the stamp is re-checked on the locked
 * row, so only one of them writes).
 */
export async function useApiToken(q: Queryable, tokenHash: string): Promise<User | undefined> {
  const [row] = await q.query<User>(
    `WITH live AS (
       SELECT id, user_id FROM api_token
       WHERE token_hash = $1 AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > now())
     ), stamp AS (
       UPDATE api_token a SET last_used_at = now() FROM live
       WHERE a.id = live.id AND (a.last_used_at IS NULL OR a.last_used_at < now() - interval '${tokenUseStampInterval}')
     )
     SELECT ${userColumns} FROM app_user WHERE status = 'active' AND id = (SELECT user_id FROM live)`,
    [tokenHash],
    { prepared: true },
  );
  return row;
}
