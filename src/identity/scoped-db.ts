// Runs data access in the caller's scope. Requests switch to the reclaim_app role, where
// row-level security applies; repositories filter by scope as well (defence in depth).
import type { Db, Tx } from '../platform/db/db.ts';
import { type Actor, actorLabel, scopeOf } from './domain/actor.ts';

/**
 * Sets who acts and why for the transaction; with `appRole`, also switches to reclaim_app
 * (`set_config('role', …, true)` is `SET LOCAL ROLE`) in the same statement, one round trip
 * fewer on every request.
 */
async function setSession(
  tx: Tx,
  actor: Actor,
  reason: string | undefined,
  appRole = false,
): Promise<void> {
  await tx.query(
    `SELECT set_config('reclaim.scope', $1, true), set_config('reclaim.role', $2, true),
            set_config('reclaim.user_id', $3, true), set_config('reclaim.actor', $4, true),
            set_config('reclaim.reason', $5, true), set_config('reclaim.organization', $6, true)${appRole ? `, set_config('role', 'reclaim_app', true)` : ''}`,
    [
      scopeOf(actor),
      actor.role,
      actor.userId ?? '',
      actorLabel(actor),
      reason ?? '',
      // An enterprise's organization: the land user whose reclamation it reaches (0022).
      actor.role === 'enterprise' ? (actor.organization ?? '') : '',
    ],
  );
}

/**
 * Runs `fn` in one transaction as `actor`, subject to row-level security.
 * @param reason why the change is made; stored in history with every row it writes.
 */
export function inScope<T>(
  db: Db,
  actor: Actor,
  fn: (tx: Tx) => Promise<T>,
  reason?: string,
): Promise<T> {
  return db.transaction(async (tx) => {
    await setSession(tx, actor, reason, true);
    return fn(tx);
  });
}

/**
 * Runs `fn` as the database owner (no row-level security): for the system's own work such
 * as migrations, seeding, the CLI and login look-ups before a caller is known.
 */
export function asSystem<T>(
  db: Db,
  actor: Actor,
  fn: (tx: Tx) => Promise<T>,
  reason?: string,
): Promise<T> {
  return db.transaction(async (tx) => {
    await setSession(tx, actor, reason);
    return fn(tx);
  });
}

/** Sets the reason recorded in history for the writes that follow in this transaction. */
export async function setReason(tx: Tx, reason: string): Promise<void> {
  await tx.query(`SELECT set_config('reclaim.reason', $1, true)`, [reason]);
}

/** The system acts as the owner; everyone else in their scope. */
export function asActor<T>(
  db: Db,
  actor: Actor,
  fn: (tx: Tx) => Promise<T>,
  reason?: string,
): Promise<T> {
  return (actor.kind === 'system' ? asSystem : inScope)(db, actor, fn, reason);
}
