// Illegal-land-use cases in the caller's scope: list, read, move (investigate, conclude,
// dismiss) with a reason. Cases are opened by the back-fill (TL-STOCK-01 case d) and dismissed
// by a supervisor's reclassification.
import type { Db } from '../../platform/db/db.ts';
import { type Actor, scopeLikePattern } from '../../identity/domain/actor.ts';
import { inScope } from '../../identity/scoped-db.ts';
import { createDossierActions } from '../dossier-actions.ts';
import { dossierNotFound } from '../dossier-errors.ts';
import { caseMachine } from './domain/illegal-case.ts';
import * as store from './illegal-cases.store.ts';

export function createIllegalCaseService(db: Db) {
  const dossier = createDossierActions(db, {
    what: { zh: '违法用地案件', en: 'illegal-land-use case' },
    notFound: () => dossierNotFound('CASE_NOT_FOUND', '违法用地案件', 'illegal-land-use case'),
    refusedCode: 'CASE_ACTION_REFUSED',
    machine: caseMachine,
    find: store.findCase,
    move: store.moveCase,
  });
  return {
    get: (actor: Actor, id: string) => dossier.get(actor, id),
    act: (actor: Actor, id: string, input: Parameters<typeof dossier.act>[2]) =>
      dossier.act(actor, id, input),
    list(actor: Actor, filter: Omit<store.CaseFilter, 'scopeLike'>) {
      return inScope(db, actor, (tx) =>
        store.listCases(tx, { ...filter, scopeLike: scopeLikePattern(actor) }),
      );
    },
  };
}

export type IllegalCaseService = ReturnType<typeof createIllegalCaseService>;
