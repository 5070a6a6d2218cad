// Write-off (核销, TL-SUP-04): the legal reasons a record may be written off, and who may
// write off. The state change is the register lifecycle's write_off transition (its reason
// codes are the ones listed here); this module adds what the reasons mean and the rule that
// a county's write-off takes effect only when a level above confirms it. Pure: no I/O.
import type { Role } from '../../../identity/domain/roles.ts';
import { transitions } from '../../../register/domain/lifecycle.ts';
import { supervisorRoles, type StatusMachine } from '../../domain/status-machine.ts';

export const writeOffReasonCodes = transitions.write_off.reasons;

export interface WriteOffReason {
  zh: string;
  en: string;
  /** Where the reason comes from. */
  basis: string;
}

/** Every reason code of the lifecycle's write_off transition, explained. */
export const writeOffReasons: Readonly<Record<string, WriteOffReason>> = {
  ILLEGAL_APPROVAL: {
    zh: '违法违规审批临时用地',
    en: 'the temporary land was approved unlawfully',
    basis: 'TL-SUP-04; 自然资办函〔2023〕1280号',
  },
  PERMANENT_STRUCTURE: {
    zh: '审批后改变临时用地用途修建永久性建（构）筑物',
    en: 'the use was changed after approval and permanent buildings or structures were built',
    basis: 'TL-SUP-04, TL-STOCK-01; 《土地管理法》第五十七条; 自然资办函〔2023〕1280号',
  },
  NOT_TEMPORARY_LAND: {
    zh: '经核查不属于临时用地',
    en: 'verified not to be temporary land',
    basis: 'R-RG-3; 自然资办函〔2023〕1280号 (经核查不属于临时用地的，不予认可)',
  },
  DUPLICATE_RECORD: {
    zh: '重复上图入库',
    en: 'the same land was registered twice',
    basis: 'data quality (R-RG-5)',
  },
  DATA_ERROR: {
    zh: '录入错误',
    en: 'entered in error',
    basis: 'data quality (R-RG-5)',
  },
  BACKFILL_RECLASSIFIED: {
    zh: '存量补录图斑经复核改判为不应补录（已复垦验收）',
    en: 'a back-filled polygon was reclassified on review as one not to back-fill (reclamation accepted)',
    basis: 'TL-STOCK-01 (R-RG-4 case a)',
  },
};

export const writeOffStatuses = ['pending', 'confirmed', 'rejected'] as const;
export type WriteOffStatus = (typeof writeOffStatuses)[number];

export const writeOffActions = ['confirm', 'reject'] as const;
export type WriteOffAction = (typeof writeOffActions)[number];

/** A pending write-off is confirmed or rejected by a level above the county. */
export const writeOffMachine: StatusMachine<WriteOffAction, WriteOffStatus> = {
  confirm: { from: ['pending'], to: 'confirmed', roles: supervisorRoles },
  reject: { from: ['pending'], to: 'rejected', roles: supervisorRoles },
};

/**
 * Whether a write-off asked for by `role` waits for a level above. A county's does (the
 * seed puts write-off with the province's investigation, and a write-off removes a record
 * from public view and from lawful cover); a city, province or ministry is itself the level
 * above, so theirs takes effect at once.
 */
export function needsConfirmation(role: Role): boolean {
  return !supervisorRoles.includes(role);
}
