// The reclamation deadline (TL-RECL-01) is the register's: term end (after extensions of the
// term) + 1 year, or a TL-RECL-03 extension applied for before it passed — see
// reclamationDeadline in src/register/domain/rules/reclamation-rules.ts. This module decides
// whether a new extension may be granted, with the register's conventions: the deadline day
// itself is still "before the deadline passes"; the day after is too late.
import { daysBetween } from '../../platform/time/iso-date.ts';
import type { ReclamationDeadline } from '../../register/domain/rules/reclamation-rules.ts';

export const extensionCauses = ['climate', 'disaster'] as const;
export type ExtensionCause = (typeof extensionCauses)[number];

export type ExtensionCheck =
  { ok: true } | { ok: false; code: string; messageZh: string; messageEn: string; field: string };

/** Whether an extension applied for on `appliedOn` to `newDeadline` may be granted. */
export function checkExtension(
  deadline: ReclamationDeadline | null,
  input: { appliedOn: string; approvedOn: string; newDeadline: string },
  alreadyExtended: boolean,
): ExtensionCheck {
  if (!deadline)
    return {
      ok: false,
      code: 'RECLAMATION_NO_DEADLINE',
      messageZh: '记录没有期限终止日，无法计算复垦期限（TL-RECL-01）',
      messageEn: 'the record has no term end, so it has no reclamation deadline (TL-RECL-01)',
      field: 'recordId',
    };
  if (alreadyExtended)
    return {
      ok: false,
      code: 'RECLAMATION_EXTENSION_EXISTS',
      messageZh: `复垦期限已延期至 ${deadline.deadline}；登记簿每条记录只记一次延期（TL-RECL-03）`,
      messageEn: `the reclamation deadline was already extended to ${deadline.deadline}; the register keeps one extension per record (TL-RECL-03)`,
      field: 'newDeadline',
    };
  if (input.appliedOn > deadline.deadline)
    return {
      ok: false,
      code: 'TL-RECL-03',
      messageZh: `延期申请日 ${input.appliedOn} 晚于复垦期限 ${deadline.deadline}（已逾期 ${daysBetween(deadline.deadline, input.appliedOn)} 天）：延期须在期限届满前申请`,
      messageEn: `applied for on ${input.appliedOn}, after the reclamation deadline ${deadline.deadline} (${daysBetween(deadline.deadline, input.appliedOn)} days late): an extension is applied for before the deadline passes`,
      field: 'appliedOn',
    };
  if (input.newDeadline <= deadline.deadline)
    return {
      ok: false,
      code: 'RECLAMATION_EXTENSION_NOT_LATER',
      messageZh: `新的复垦期限 ${input.newDeadline} 须晚于现行期限 ${deadline.deadline}`,
      messageEn: `the new deadline ${input.newDeadline} must come after the one in force, ${deadline.deadline}`,
      field: 'newDeadline',
    };
  if (input.approvedOn < input.appliedOn)
    return {
      ok: false,
      code: 'RECLAMATION_EXTENSION_DATES',
      messageZh: `批准日 ${input.approvedOn} 早于申请日 ${input.appliedOn}`,
      messageEn: `approved on ${input.approvedOn}, before it was applied for (${input.appliedOn})`,
      field: 'approvedOn',
    };
  return { ok: true };
}
