// Write-offs (核销, TL-SUP-04) with their dossier: a legal reason code, an optional
// illegal-land-use case, and — for a county's request — the confirmation by a level above.
// The record's state changes only through the register lifecycle's write_off transition, when
// the write-off takes effect; the record stays with its history, and its open rectification
// orders are closed. Everyone above the county sees the write-offs of the divisions below.
import type { Db, Queryable } from '../../platform/db/db.ts';
import { AppError } from '../../platform/errors.ts';
import { requireIsoDate } from '../../platform/time/iso-date.ts';
import { type Actor, actorLabel, scopeLikePattern } from '../../identity/domain/actor.ts';
import { inScope } from '../../identity/scoped-db.ts';
import { checkTransition } from '../../register/domain/lifecycle.ts';
import type { RegisterService } from '../../register/register.service.ts';
import { findRecord } from '../../register/register.store.ts';
import { checkStatusAction } from '../domain/status-machine.ts';
import { closeOrdersOfRecord } from '../rectification/rectification.store.ts';
import { actionRefused, dossierNotFound, staleVersion } from '../dossier-errors.ts';
import {
  needsConfirmation,
  writeOffMachine,
  writeOffReasons,
  type WriteOffAction,
} from './domain/write-off.ts';
import * as store from './write-offs.store.ts';

export interface WriteOffRequest {
  recordId: string;
  reasonCode: string;
  occurredOn: string;
  note?: string;
  /** The illegal-land-use case the write-off follows from, if any. */
  caseId?: string;
  /** The back-fill polygon whose decision caused it, if any. */
  polygonId?: string;
}

export interface WriteOffView extends store.WriteOffRow {
  reason: { zh: string; en: string; basis: string };
  /** Pending, and the caller is a level above who may confirm or reject it. */
  awaitingMe: boolean;
}

const what = { zh: '核销', en: 'write-off' };
const notFound = () => dossierNotFound('WRITE_OFF_NOT_FOUND', '核销', 'write-off');

export function createWriteOffService(db: Db, register: RegisterService) {
  const view = (actor: Actor, row: store.WriteOffRow): WriteOffView => ({
    ...row,
    reason: writeOffReasons[row.reasonCode] ?? {
      zh: row.reasonCode,
      en: row.reasonCode,
      basis: '',
    },
    awaitingMe:
      row.status === 'pending' &&
      checkStatusAction(writeOffMachine, 'confirm', row.status, actor.role).ok,
  });

  async function load(tx: Queryable, actor: Actor, id: string): Promise<store.WriteOffRow> {
    const row = await store.findWriteOff(tx, id, scopeLikePattern(actor));
    if (!row) throw notFound();
    return row;
  }

  /** The lifecycle transition that makes a write-off take effect. */
  async function execute(
    tx: Queryable,
    actor: Actor,
    writeOffId: string,
    w: Pick<store.WriteOffRow, 'recordId' | 'reasonCode' | 'occurredOn' | 'note'>,
  ): Promise<void> {
    const record = await findRecord(tx, w.recordId, scopeLikePattern(actor));
    if (!record) throw notFound();
    await register.transitionWithin(tx, actor, w.recordId, record.version, {
      action: 'write_off',
      reasonCode: w.reasonCode,
      occurredOn: w.occurredOn,
      note: `核销 write-off ${writeOffId}${w.note ? `: ${w.note}` : ''}`,
    });
    await closeOrdersOfRecord(tx, w.recordId, `记录已核销 record written off (${writeOffId})`);
  }

  /**
   * Asks for (county) or makes (city and above) a write-off inside the caller's transaction.
   * `tx` must run in the actor's scope with a reason set.
   */
  async function writeOffWithin(
    tx: Queryable,
    actor: Actor,
    input: WriteOffRequest,
  ): Promise<WriteOffView> {
    requireIsoDate(input.occurredOn, 'occurredOn');
    const record = await findRecord(tx, input.recordId, scopeLikePattern(actor));
    if (!record) {
      throw dossierNotFound('RECORD_NOT_FOUND', '记录', 'record');
    }
    const check = checkTransition(record.state, 'write_off', input.reasonCode);
    if (!check.ok) {
      throw new AppError(check.code === 'TRANSITION_REASON' ? 'invalid' : 'conflict', {
        code: check.code,
        messageZh: check.messageZh,
        messageEn: check.messageEn,
        location: { field: check.code === 'TRANSITION_REASON' ? 'reasonCode' : 'recordId' },
      });
    }
    const live = await store.liveWriteOffOf(tx, input.recordId);
    if (live) {
      throw new AppError('conflict', {
        code: 'WRITE_OFF_EXISTS',
        messageZh: `该记录已有核销（${live.status === 'pending' ? '待上级确认' : '已生效'}）：${live.id}`,
        messageEn: `the record already has a write-off (${live.status}): ${live.id}`,
        location: { field: 'recordId' },
      });
    }
    if (input.caseId) {
      const [found] = await tx.query(
        `SELECT 1 FROM illegal_land_use_case WHERE id = $1 AND division_code LIKE $2`,
        [input.caseId, scopeLikePattern(actor)],
      );
      if (!found) throw dossierNotFound('CASE_NOT_FOUND', '违法用地案件', 'illegal-land-use case');
    }
    const pending = needsConfirmation(actor.role);
    const row = {
      divisionCode: record.divisionCode,
      recordId: input.recordId,
      reasonCode: input.reasonCode,
      caseId: input.caseId ?? null,
      polygonId: input.polygonId ?? null,
      occurredOn: input.occurredOn,
      note: input.note ?? null,
    };
    const id = await store.insertWriteOff(tx, {
      ...row,
      status: pending ? 'pending' : 'confirmed',
      requestedBy: actorLabel(actor),
      requestedRole: actor.role,
    });
    if (!pending) await execute(tx, actor, id, row);
    return view(actor, await load(tx, actor, id));
  }

  return {
    writeOffWithin,

    request(actor: Actor, input: WriteOffRequest, reason: string): Promise<WriteOffView> {
      return inScope(db, actor, (tx) => writeOffWithin(tx, actor, input), reason);
    },

    /** Confirms (the write-off takes effect) or rejects a county's pending write-off. */
    act(
      actor: Actor,
      id: string,
      input: { action: WriteOffAction; version: number; reason: string },
    ): Promise<WriteOffView> {
      return inScope(
        db,
        actor,
        async (tx) => {
          const row = await load(tx, actor, id);
          const check = checkStatusAction(writeOffMachine, input.action, row.status, actor.role);
          if (!check.ok)
            throw actionRefused(
              'WRITE_OFF_ACTION_REFUSED',
              what,
              input.action,
              row.status,
              check.reason,
            );
          if (row.version !== input.version) throw staleVersion(what, row.version, input.version);
          if (input.action === 'confirm') await execute(tx, actor, id, row);
          const decided = await store.decideWriteOff(tx, id, input.version, {
            status: check.to === 'confirmed' ? 'confirmed' : 'rejected',
            by: actorLabel(actor),
            role: actor.role,
            note: input.reason,
          });
          if (!decided) throw staleVersion(what, row.version, input.version);
          return view(actor, await load(tx, actor, id));
        },
        input.reason,
      );
    },

    get(actor: Actor, id: string): Promise<WriteOffView> {
      return inScope(db, actor, async (tx) => view(actor, await load(tx, actor, id)));
    },

    list(actor: Actor, filter: Omit<store.WriteOffFilter, 'scopeLike'>) {
      return inScope(db, actor, async (tx) => {
        const { items, total } = await store.listWriteOffs(tx, {
          ...filter,
          scopeLike: scopeLikePattern(actor),
        });
        return { items: items.map((r) => view(actor, r)), total };
      });
    },
  };
}

export type WriteOffService = ReturnType<typeof createWriteOffService>;
