// The deposit / bank-guarantee ledger of an obligation (TL-RECL-06): entries are appended,
// never changed, each with the balance after it. A release takes the whole balance and only on
// a lawful ground — the acceptance passed, or the record converted to construction land (the
// register's `convert` transition, which also settles the obligation); refused otherwise with
// the rule code, and nothing is written.
import type { Db, Queryable } from '../platform/db/db.ts';
import { requireIsoDate } from '../platform/time/iso-date.ts';
import { type Actor, actorLabel, scopeLikePattern } from '../identity/domain/actor.ts';
import { landUserFilter } from './enterprise-access.ts';
import { inScope } from '../identity/scoped-db.ts';
import { findRecord } from '../register/register.store.ts';
import type { RegisterService } from '../register/register.service.ts';
import {
  applyEntry,
  guaranteeWarnings,
  type LedgerKind,
  type ReleaseGround,
} from './domain/ledger.ts';
import type { ObligationService } from './obligations.service.ts';
import { obligationNotFound, recordNotFound, refused } from './reclamation-errors.ts';
import * as store from './reclamation.store.ts';

export interface LedgerEntryInput {
  kind: LedgerKind;
  amountYuan?: number;
  occurredOn: string;
  account?: string;
  bank?: string;
  guaranteeNumber?: string;
  guaranteeExpiresOn?: string;
  note?: string;
}

export function createLedgerService(
  db: Db,
  register: RegisterService,
  obligations: ObligationService,
) {
  async function ledgerView(tx: Queryable, row: store.ObligationRow) {
    const entries = await store.listLedger(tx, row.id);
    const { settings } = await register.ruleInputs(tx, row.divisionCode);
    const held = entries.at(-1)?.balanceYuan ?? 0;
    return {
      obligationId: row.id,
      status: row.status,
      requiredYuan: row.estimatedCostYuan,
      heldYuan: held,
      releasedYuan: entries
        .filter((e) => e.kind === 'release')
        .reduce((s, e) => s + e.amountYuan, 0),
      forfeitedYuan: entries
        .filter((e) => e.kind === 'forfeit')
        .reduce((s, e) => s + e.amountYuan, 0),
      entries,
      warnings: guaranteeWarnings(
        entries,
        row.status === 'open',
        obligations.clock.today(),
        settings.guaranteeWarningDays,
      ),
    };
  }

  async function load(tx: Queryable, actor: Actor, id: string) {
    const row = await store.findObligation(tx, id, scopeLikePattern(actor), landUserFilter(actor));
    if (!row) throw obligationNotFound();
    return row;
  }

  /** The lawful ground for a release, settling a converted record's obligation on the way. */
  async function releaseGround(
    tx: Queryable,
    actor: Actor,
    row: store.ObligationRow,
    occurredOn: string,
  ): Promise<ReleaseGround | null> {
    if (row.status === 'accepted') {
      const passed = (await store.acceptancesOf(tx, row.id)).find((a) => a.status === 'passed');
      if (passed)
        return {
          ground: 'acceptance_passed',
          acceptanceId: passed.id,
          confirmationNumber: passed.confirmationNumber!,
        };
    }
    const record = await findRecord(tx, row.recordId, scopeLikePattern(actor));
    if (!record) throw recordNotFound();
    if (record.state !== 'converted') return null;
    if (row.status === 'open')
      await store.updateObligation(tx, row.id, row.version, {
        status: 'converted',
        settledOn: occurredOn,
      });
    return { ground: 'converted_to_construction_land', recordState: 'converted' };
  }

  return {
    get(actor: Actor, id: string) {
      return inScope(db, actor, async (tx) => ledgerView(tx, await load(tx, actor, id)));
    },

    add(actor: Actor, id: string, input: LedgerEntryInput, reason: string) {
      requireIsoDate(input.occurredOn, 'occurredOn');
      if (input.guaranteeExpiresOn !== undefined)
        requireIsoDate(input.guaranteeExpiresOn, 'guaranteeExpiresOn');
      if (input.kind === 'guarantee_issued') {
        if (!input.bank || !input.guaranteeExpiresOn)
          throw refused(
            'invalid',
            'GUARANTEE_INCOMPLETE',
            '银行保函须载明出具银行和到期日',
            'a bank guarantee names its bank and its expiry date',
            input.bank ? 'guaranteeExpiresOn' : 'bank',
          );
        if (input.guaranteeExpiresOn <= input.occurredOn)
          throw refused(
            'invalid',
            'GUARANTEE_EXPIRY',
            `保函到期日 ${input.guaranteeExpiresOn} 须晚于出具日 ${input.occurredOn}`,
            `the guarantee expires (${input.guaranteeExpiresOn}) before or when it is issued (${input.occurredOn})`,
            'guaranteeExpiresOn',
          );
      } else if (input.guaranteeExpiresOn !== undefined) {
        throw refused(
          'invalid',
          'GUARANTEE_EXPIRY_ONLY_FOR_GUARANTEE',
          '到期日只用于银行保函',
          'an expiry date belongs to a bank guarantee only',
          'guaranteeExpiresOn',
        );
      }
      return inScope(
        db,
        actor,
        async (tx) => {
          const row = await load(tx, actor, id);
          if (input.kind !== 'release' && row.status !== 'open')
            throw refused(
              'conflict',
              'OBLIGATION_SETTLED',
              `复垦义务已了结（${row.status}），只能返还余额`,
              `the obligation is settled (${row.status}): only a release of the balance is possible`,
              'kind',
            );
          const ground =
            input.kind === 'release' ? await releaseGround(tx, actor, row, input.occurredOn) : null;
          const entries = await store.listLedger(tx, id);
          const last = entries.at(-1);
          const check = applyEntry(last?.balanceYuan ?? 0, input.kind, input.amountYuan, ground);
          if (!check.ok)
            throw refused(check.kind, check.code, check.messageZh, check.messageEn, check.field);
          await store.insertLedgerEntry(tx, {
            obligationId: id,
            divisionCode: row.divisionCode,
            seq: (last?.seq ?? 0) + 1,
            kind: input.kind,
            amountYuan: check.amountYuan,
            balanceYuan: check.balanceYuan,
            account: input.account ?? null,
            bank: input.bank ?? null,
            guaranteeNumber: input.guaranteeNumber ?? null,
            guaranteeExpiresOn: input.guaranteeExpiresOn ?? null,
            occurredOn: input.occurredOn,
            basis: ground,
            note: input.note ?? null,
            recordedBy: actorLabel(actor),
          });
          return ledgerView(tx, await load(tx, actor, id));
        },
        reason,
      );
    },
  };
}

export type LedgerService = ReturnType<typeof createLedgerService>;
