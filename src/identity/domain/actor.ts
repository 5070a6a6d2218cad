// Who is acting: a logged-in user, a machine token, the anonymous public, or the system
// itself (CLI, scheduled jobs, demo loading). Every data access carries an Actor.
import { nationCode, scopePrefixOf } from '../../reference/divisions/domain/division-code.ts';
import type { Role } from './roles.ts';

export interface Actor {
  kind: 'user' | 'token' | 'anonymous' | 'system';
  userId: string | null;
  /** Recorded in history as who made a change. */
  name: string;
  role: Role;
  divisionCode: string;
  isAdmin: boolean;
  /**
   * The account's organization (an enterprise's name as the register writes it as land user);
   * an enterprise account reaches only the reclamation of records whose land user it is.
   */
  organization?: string | null;
}

export const publicActor: Actor = Object.freeze({
  kind: 'anonymous',
  userId: null,
  name: 'public',
  role: 'public',
  divisionCode: nationCode,
  isAdmin: false,
});

/** The system acting on its own behalf, e.g. `systemActor('cli:user add')`. */
export function systemActor(name: string): Actor {
  return {
    kind: 'system',
    userId: null,
    name: `system:${name}`,
    role: 'ministry',
    divisionCode: nationCode,
    isAdmin: true,
  };
}

/** How an actor is named in history and dossiers: "name (user id)", or the name alone. */
export function actorLabel(actor: Actor): string {
  return actor.userId ? `${actor.name} (${actor.userId})` : actor.name;
}

/** The reclaim.scope setting: 'national' or a division-code prefix. */
export function scopeOf(actor: Actor): string {
  return actor.role === 'public' ? 'national' : scopePrefixOf(actor.divisionCode);
}

/**
 * The division-code prefix of the caller's scope, '' for national: for SQL filters written
 * `division_code ^@ $n` (starts_with). Unlike LIKE, that operator is leakproof, so under
 * row-level security PostgreSQL may still answer it from an index (docs/architecture.md,
 * "Row-level security at scale").
 */
export function scopePrefix(actor: Actor): string {
  const scope = scopeOf(actor);
  return scope === 'national' ? '' : scope;
}

/** A LIKE pattern for SQL filters: '' + '%' for national, else prefix + '%'. */
export function scopeLikePattern(actor: Actor): string {
  const scope = scopeOf(actor);
  return scope === 'national' ? '%' : `${scope}%`;
}
