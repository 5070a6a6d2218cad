// The deposit / bank-guarantee ledger (TL-RECL-06) as pure functions: how an entry moves the
// balance, when a release is lawful (acceptance passed, or the record converted to
// construction land), and which guarantees to warn about. Amounts are yuan with two decimals,
// counted in fen (integers) so that sums are exact.
import { addDays, daysBetween } from '../../platform/time/iso-date.ts';

export const ledgerKinds = [
  'deposit_paid',
  'guarantee_issued',
  'top_up',
  'release',
  'forfeit',
] as const;
export type LedgerKind = (typeof ledgerKinds)[number];

export const ledgerKindNames: Record<LedgerKind, { zh: string; en: string }> = {
  deposit_paid: { zh: '缴存复垦费用', en: 'deposit paid' },
  guarantee_issued: { zh: '银行保函出具', en: 'bank guarantee issued' },
  top_up: { zh: '补缴', en: 'top-up' },
  release: { zh: '返还（解除监管）', en: 'release' },
  forfeit: { zh: '代为复垦动用', en: 'used by the bureau for reclamation' },
};

const fen = (yuan: number) => Math.round(yuan * 100);
const yuanOf = (f: number) => f / 100;

export interface LedgerEntryFacts {
  kind: LedgerKind;
  amountYuan: number;
  balanceYuan: number;
  guaranteeNumber: string | null;
  guaranteeExpiresOn: string | null;
  bank: string | null;
}

/** Why an obligation's deposit may be released, or null when it may not (yet). */
export type ReleaseGround =
  | { ground: 'acceptance_passed'; acceptanceId: string; confirmationNumber: string }
  | { ground: 'converted_to_construction_land'; recordState: 'converted' };

export type EntryCheck =
  | { ok: true; balanceYuan: number; amountYuan: number }
  | {
      ok: false;
      code: string;
      kind: 'invalid' | 'conflict';
      messageZh: string;
      messageEn: string;
      field: string;
    };

/**
 * The balance after `kind` of `amountYuan` on `balanceYuan`. A release takes the whole balance
 * (amount omitted or equal to it) and needs a ground; a forfeit takes at most the balance.
 */
export function applyEntry(
  balanceYuan: number,
  kind: LedgerKind,
  amountYuan: number | undefined,
  ground: ReleaseGround | null,
): EntryCheck {
  const balance = fen(balanceYuan);
  if (kind === 'release') {
    if (!ground)
      return {
        ok: false,
        code: 'TL-RECL-06',
        kind: 'conflict',
        messageZh: '复垦费用仅在复垦验收合格后，或临时用地依法转为建设用地后返还（TL-RECL-06）',
        messageEn:
          'the deposit is released only once reclamation passed acceptance, or the land was lawfully converted to construction land (TL-RECL-06)',
        field: 'kind',
      };
    if (balance === 0)
      return {
        ok: false,
        code: 'LEDGER_NOTHING_HELD',
        kind: 'conflict',
        messageZh: '账户余额为零，无可返还',
        messageEn: 'nothing is held: the balance is zero',
        field: 'kind',
      };
    if (amountYuan !== undefined && fen(amountYuan) !== balance)
      return {
        ok: false,
        code: 'LEDGER_RELEASE_AMOUNT',
        kind: 'invalid',
        messageZh: `返还金额须等于余额 ${yuanOf(balance).toFixed(2)} 元`,
        messageEn: `a release returns the whole balance, ${yuanOf(balance).toFixed(2)} yuan`,
        field: 'amountYuan',
      };
    return { ok: true, balanceYuan: 0, amountYuan: yuanOf(balance) };
  }
  if (amountYuan === undefined || !Number.isFinite(amountYuan) || fen(amountYuan) <= 0)
    return {
      ok: false,
      code: 'LEDGER_AMOUNT',
      kind: 'invalid',
      messageZh: '金额须为大于零的元数（最多两位小数）',
      messageEn: 'the amount is a positive number of yuan (two decimals at most)',
      field: 'amountYuan',
    };
  if (Math.abs(amountYuan * 100 - fen(amountYuan)) > 1e-6)
    return {
      ok: false,
      code: 'LEDGER_AMOUNT',
      kind: 'invalid',
      messageZh: '金额最多两位小数（分）',
      messageEn: 'the amount has at most two decimals (fen)',
      field: 'amountYuan',
    };
  if (kind === 'forfeit') {
    if (fen(amountYuan) > balance)
      return {
        ok: false,
        code: 'LEDGER_OVERDRAWN',
        kind: 'conflict',
        messageZh: `动用金额 ${amountYuan.toFixed(2)} 元超过余额 ${yuanOf(balance).toFixed(2)} 元`,
        messageEn: `${amountYuan.toFixed(2)} yuan is more than the ${yuanOf(balance).toFixed(2)} yuan held`,
        field: 'amountYuan',
      };
    return { ok: true, balanceYuan: yuanOf(balance - fen(amountYuan)), amountYuan };
  }
  return { ok: true, balanceYuan: yuanOf(balance + fen(amountYuan)), amountYuan };
}

export interface GuaranteeWarning {
  code: 'TL-RECL-06';
  severity: 'warning' | 'error';
  guaranteeNumber: string | null;
  bank: string | null;
  expiresOn: string;
  daysLeft: number;
  messageZh: string;
  messageEn: string;
}

/**
 * Guarantees to warn about as of `today` while the obligation is open and something is held:
 * expiring within `warningDays` (a warning), or expired (an error: the security is gone).
 */
export function guaranteeWarnings(
  entries: readonly LedgerEntryFacts[],
  obligationOpen: boolean,
  today: string,
  warningDays: number,
): GuaranteeWarning[] {
  const held = entries.at(-1)?.balanceYuan ?? 0;
  if (!obligationOpen || held <= 0) return [];
  const horizon = addDays(today, warningDays);
  return entries
    .filter((e) => e.kind === 'guarantee_issued' && e.guaranteeExpiresOn !== null)
    .filter((e) => e.guaranteeExpiresOn! <= horizon)
    .map((e) => {
      const expiresOn = e.guaranteeExpiresOn!;
      const daysLeft = daysBetween(today, expiresOn);
      const label = `${e.bank ?? ''}${e.guaranteeNumber ? ` ${e.guaranteeNumber}` : ''}`.trim();
      return daysLeft < 0
        ? {
            code: 'TL-RECL-06' as const,
            severity: 'error' as const,
            guaranteeNumber: e.guaranteeNumber,
            bank: e.bank,
            expiresOn,
            daysLeft,
            messageZh: `银行保函（${label}）已于 ${expiresOn} 到期，复垦义务尚未履行：应责令续保或补缴复垦费用`,
            messageEn: `the bank guarantee (${label}) expired on ${expiresOn} while the obligation is open: have it renewed or the deposit paid`,
          }
        : {
            code: 'TL-RECL-06' as const,
            severity: 'warning' as const,
            guaranteeNumber: e.guaranteeNumber,
            bank: e.bank,
            expiresOn,
            daysLeft,
            messageZh: `银行保函（${label}）将于 ${expiresOn} 到期（剩余 ${daysLeft} 天）`,
            messageEn: `the bank guarantee (${label}) expires on ${expiresOn} (${daysLeft} days left)`,
          };
    });
}
