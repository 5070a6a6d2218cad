// SQL for user accounts. Reads and writes go through the caller's transaction, so scope
// (and row-level security) applies; the explicit scope filter repeats it in the data layer.
import type { Queryable } from '../platform/db/db.ts';
import type { AccountRole } from './domain/roles.ts';

export interface User {
  id: string;
  username: string;
  displayName: string;
  role: AccountRole;
  divisionCode: string;
  organization: string | null;
  isAdmin: boolean;
  status: 'active' | 'disabled';
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

/** The columns of a `User` (no password hash), for look-ups elsewhere that return one. */
export const userColumns = `id, username, display_name AS "displayName", role, division_code AS "divisionCode",
  organization, is_admin AS "isAdmin", status, version, created_at AS "createdAt", updated_at AS "updatedAt"`;

export interface NewUser {
  username: string;
  displayName: string;
  role: AccountRole;
  divisionCode: string;
  organization: string | null;
  isAdmin: boolean;
  passwordHash: string;
}

export async function insertUser(q: Queryable, user: NewUser): Promise<User> {
  const [row] = await q.query<User>(
    `INSERT INTO app_user (username, display_name, role, division_code, organization, is_admin, password_hash)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${userColumns}`,
    [
      user.username,
      user.displayName,
      user.role,
      user.divisionCode,
      user.organization,
      user.isAdmin,
      user.passwordHash,
    ],
  );
  return row!;
}

export async function findUserInScope(
  q: Queryable,
  id: string,
  scopeLike: string,
): Promise<User | undefined> {
  const [row] = await q.query<User>(
    `SELECT ${userColumns} FROM app_user WHERE id = $1 AND division_code LIKE $2`,
    [id, scopeLike],
  );
  return row;
}

export async function findUserByUsername(
  q: Queryable,
  username: string,
): Promise<(User & { passwordHash: string }) | undefined> {
  const [row] = await q.query<User & { passwordHash: string }>(
    `SELECT ${userColumns}, password_hash AS "passwordHash" FROM app_user WHERE username = $1`,
    [username],
  );
  return row;
}

export async function findUserById(q: Queryable, id: string): Promise<User | undefined> {
  const [row] = await q.query<User>(`SELECT ${userColumns} FROM app_user WHERE id = $1`, [id]);
  return row;
}

export interface UserFilter {
  scopeLike: string;
  role?: AccountRole;
  divisionCode?: string;
  /** Only accounts whose division includes this one (itself, its city, province, the nation). */
  covering?: string;
  limit: number;
  offset: number;
}

export function listUsers(q: Queryable, filter: UserFilter): Promise<User[]> {
  return q.query<User>(
    `SELECT ${userColumns} FROM app_user
     WHERE division_code LIKE $1 AND ($2::text IS NULL OR role = $2) AND ($3::text IS NULL OR division_code = $3)
       AND ($6::text IS NULL OR $6 ^@ reclaim_division_prefix(division_code))
     ORDER BY division_code, username LIMIT $4 OFFSET $5`,
    [
      filter.scopeLike,
      filter.role ?? null,
      filter.divisionCode ?? null,
      filter.limit,
      filter.offset,
      filter.covering ?? null,
    ],
  );
}

export interface UserChange {
  displayName?: string;
  role?: AccountRole;
  divisionCode?: string;
  organization?: string | null;
  isAdmin?: boolean;
  status?: 'active' | 'disabled';
  passwordHash?: string;
}

/** Updates when the stored version is still `expectedVersion`; undefined means it was not. */
export async function updateUser(
  q: Queryable,
  id: string,
  expectedVersion: number,
  change: UserChange,
): Promise<User | undefined> {
  const [row] = await q.query<User>(
    `UPDATE app_user SET
       display_name = coalesce($3, display_name), role = coalesce($4, role),
       division_code = coalesce($5, division_code),
       organization = CASE WHEN $6::boolean THEN $7 ELSE organization END,
       is_admin = coalesce($8, is_admin), status = coalesce($9, status),
       password_hash = coalesce($10, password_hash)
     WHERE id = $1 AND version = $2 RETURNING ${userColumns}`,
    [
      id,
      expectedVersion,
      change.displayName ?? null,
      change.role ?? null,
      change.divisionCode ?? null,
      change.organization !== undefined,
      change.organization ?? null,
      change.isAdmin ?? null,
      change.status ?? null,
      change.passwordHash ?? null,
    ],
  );
  return row;
}

export async function countUsers(q: Queryable): Promise<number> {
  const [row] = await q.query<{ n: number }>('SELECT count(*) AS n FROM app_user');
  return row?.n ?? 0;
}
