// Reading one supervision dossier in scope and moving it through its status machine with a
// reason (history keeps every step): shared by rectification orders and illegal-land-use cases.
import type { Db, Queryable } from '../platform/db/db.ts';
import type { AppError } from '../platform/errors.ts';
import { type Actor, scopeLikePattern } from '../identity/domain/actor.ts';
import { inScope } from '../identity/scoped-db.ts';
import { checkStatusAction, type StatusMachine } from './domain/status-machine.ts';
import { actionRefused, staleVersion } from './dossier-errors.ts';

export interface DossierSpec<A extends string, S extends string, R> {
  what: { zh: string; en: string };
  notFound: () => AppError;
  refusedCode: string;
  machine: StatusMachine<A, S>;
  find(q: Queryable, id: string, scopeLike: string): Promise<R | undefined>;
  move(q: Queryable, id: string, version: number, status: S, note: string | null): Promise<boolean>;
}

export function createDossierActions<
  A extends string,
  S extends string,
  R extends { status: S; version: number },
>(db: Db, spec: DossierSpec<A, S, R>) {
  async function load(tx: Queryable, actor: Actor, id: string): Promise<R> {
    const row = await spec.find(tx, id, scopeLikePattern(actor));
    if (!row) throw spec.notFound();
    return row;
  }

  return {
    load,

    get(actor: Actor, id: string): Promise<R> {
      return inScope(db, actor, (tx) => load(tx, actor, id));
    },

    /** Takes `action` with a reason; `note` says what was done (kept on the dossier). */
    act(
      actor: Actor,
      id: string,
      input: { action: A; version: number; reason: string; note?: string },
    ): Promise<R> {
      return inScope(
        db,
        actor,
        async (tx) => {
          const row = await load(tx, actor, id);
          const check = checkStatusAction(spec.machine, input.action, row.status, actor.role);
          if (!check.ok)
            throw actionRefused(
              spec.refusedCode,
              spec.what,
              input.action,
              row.status,
              check.reason,
            );
          const moved = await spec.move(
            tx,
            id,
            input.version,
            check.to,
            input.note ?? input.reason,
          );
          if (!moved) throw staleVersion(spec.what, row.version, input.version);
          return load(tx, actor, id);
        },
        input.reason,
      );
    },
  };
}
