// Runs data access in the caller's scope. Requests switch to the reclaim_app role, where
// row-level security applies; repositories filter by scope as well (defence in depth).
import { type Db, type Tx, sqlLiteral } from '../platform/db/db.ts';
import { type Actor, actorLabel, scopeOf } from './domain/actor.ts';

/**
 * The statement that sets who acts and why for the transaction; with `appRole`, it also switches
 * to reclaim_app (`set_config('role', …, true)` is `SET LOCAL ROLE`). Values are quoted literals,
 * not parameters, so that it travels with BEGIN: one round trip per request fewer.
 */
function sessionStatement(actor: Actor, reason: string | undefined, appRole = false): string {
  const settings: [string, string][] = [
    ['reclaim.scope', scopeOf(actor)],
    ['reclaim.role', actor.role],
    ['reclaim.user_id', actor.userId ?? ''],
    ['reclaim.actor', actorLabel(actor)],
    ['reclaim.reason', reason ?? ''],
    // An enterprise's organization: the land user whose reclamation it reaches (0022).
    ['reclaim.organization', actor.role === 'enterprise' ? (actor.organization ?? '') : ''],
    ...(appRole ? [['role', 'reclaim_app'] as [string, string]] : []),
  ];
  return `SELECT ${settings.map(([name, value]) => `set_config('${name}', ${sqlLiteral(value)}, true)`).join(', ')}`;
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
  return db.transaction(fn, { opening: sessionStatement(actor, reason, true) });
}

/**
 * `inScope` for work that only reads: the transaction is read-only (a write fails) and its
 * result returns without waiting for the COMMIT (see `TransactionOptions.readOnly`).
 */
export function readInScope<T>(db: Db, actor: Actor, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return db.transaction(fn, { opening: sessionStatement(actor, undefined, true), readOnly: true });
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
  return db.transaction(fn, { opening: sessionStatement(actor, reason) });
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
