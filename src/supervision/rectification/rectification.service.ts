// Rectification orders in the caller's scope: list (overdue ones on request), read, move
// (rectify, verify, reopen, close) with a reason. Orders are issued by the back-fill
// (TL-STOCK-01 case c) and closed by a supervisor's reclassification.
import type { Db } from '../../platform/db/db.ts';
import { daysBetween, todayInShanghai } from '../../platform/time/iso-date.ts';
import { type Actor, scopeLikePattern } from '../../identity/domain/actor.ts';
import { inScope } from '../../identity/scoped-db.ts';
import { createDossierActions } from '../dossier-actions.ts';
import { dossierNotFound } from '../dossier-errors.ts';
import { groundsNames, isOverdue, orderMachine } from './domain/rectification-order.ts';
import * as store from './rectification.store.ts';

export interface OrderView extends store.OrderRow {
  groundsName: { zh: string; en: string };
  overdue: boolean;
  /** Days past the deadline as of `asOf` while the order is open (0 otherwise). */
  daysOverdue: number;
  asOf: string;
}

export function toOrderView(row: store.OrderRow, asOf = todayInShanghai()): OrderView {
  const overdue = isOverdue(row, asOf);
  return {
    ...row,
    groundsName: groundsNames[row.grounds],
    overdue,
    daysOverdue: overdue ? daysBetween(row.deadline, asOf) : 0,
    asOf,
  };
}

export function createRectificationService(db: Db) {
  const dossier = createDossierActions(db, {
    what: { zh: '整改通知', en: 'rectification order' },
    notFound: () => dossierNotFound('ORDER_NOT_FOUND', '整改通知', 'rectification order'),
    refusedCode: 'ORDER_ACTION_REFUSED',
    machine: orderMachine,
    find: store.findOrder,
    move: store.moveOrder,
  });
  return {
    async get(actor: Actor, id: string, asOf?: string): Promise<OrderView> {
      return toOrderView(await dossier.get(actor, id), asOf);
    },

    async act(actor: Actor, id: string, input: Parameters<typeof dossier.act>[2]) {
      return toOrderView(await dossier.act(actor, id, input));
    },

    list(actor: Actor, filter: Omit<store.OrderFilter, 'scopeLike' | 'asOf'> & { asOf?: string }) {
      const asOf = filter.asOf ?? todayInShanghai();
      return inScope(db, actor, async (tx) => {
        const { items, total } = await store.listOrders(tx, {
          ...filter,
          asOf,
          scopeLike: scopeLikePattern(actor),
        });
        return { items: items.map((r) => toOrderView(r, asOf)), total };
      });
    },
  };
}

export type RectificationService = ReturnType<typeof createRectificationService>;
