// Reclamation deadlines: within one year after the term ends (TL-RECL-01), use past the term
// (TL-RECL-02), and a deadline extended for climate or disaster if applied for in time (TL-RECL-03).
// The province's flag of reclamation not completed on time (TL-SUP-02) is the TL-RECL-01 finding
// below, stored with its lifecycle by the daily evaluation (src/supervision/evaluation.service.ts).
import { addYears, daysBetween } from '../../../platform/time/iso-date.ts';
import type { Finding } from '../finding.ts';
import type { TemporaryLandRecord } from '../record.ts';
import type { RuleSettings } from '../settings.ts';
import type { Rule } from './rule.ts';
import { effectiveTermEnd } from './term-rules.ts';

const settled = ['accepted', 'converted', 'written_off'];

export interface ReclamationDeadline {
  termEnd: string;
  statutory: string;
  /** The deadline in force: the statutory one, or a TL-RECL-03 extension applied for before it. */
  deadline: string;
  extensionIgnored: boolean;
}

export function reclamationDeadline(
  record: TemporaryLandRecord,
  settings: RuleSettings,
): ReclamationDeadline | null {
  const termEnd = effectiveTermEnd(record);
  if (!termEnd) return null;
  const statutory = addYears(termEnd, settings.reclamationYears);
  const ext = record.reclamationExtension;
  const valid = ext !== null && ext.appliedOn <= statutory && ext.newDeadline > statutory;
  return {
    termEnd,
    statutory,
    deadline: valid ? ext.newDeadline : statutory,
    extensionIgnored: ext !== null && !valid,
  };
}

export const reclamationDeadlineRule: Rule = {
  code: 'TL-RECL-01',
  titleZh: '期满之日起一年内完成复垦',
  titleEn: 'reclamation completed within one year after the term',
  check({ record, asOf, settings }) {
    if (settled.includes(record.state)) return [];
    const d = reclamationDeadline(record, settings);
    if (!d) return [];
    const findings: Finding[] = [];
    if (d.extensionIgnored && record.reclamationExtension) {
      findings.push({
        code: 'TL-RECL-03',
        severity: 'warning',
        messageZh: `复垦期限延期申请于 ${record.reclamationExtension.appliedOn} 提出，晚于法定期限 ${d.statutory}（或未延后期限），不予采纳`,
        messageEn: `the reclamation extension applied for on ${record.reclamationExtension.appliedOn} came after the deadline ${d.statutory} (or does not extend it) and is not applied`,
        evidence: { ...d, extension: record.reclamationExtension },
      });
    }
    if (asOf > d.deadline) {
      findings.push({
        code: this.code,
        severity: 'error',
        messageZh: `复垦逾期：期满 ${d.termEnd}，复垦期限 ${d.deadline}，已逾期 ${daysBetween(d.deadline, asOf)} 天`,
        messageEn: `reclamation overdue: term ended ${d.termEnd}, deadline ${d.deadline}, now ${daysBetween(d.deadline, asOf)} days late`,
        evidence: { ...d, asOf, daysOverdue: daysBetween(d.deadline, asOf) },
      });
    } else if (asOf > d.termEnd) {
      findings.push({
        code: this.code,
        severity: 'info',
        messageZh: `复垦期限 ${d.deadline}，剩余 ${daysBetween(asOf, d.deadline)} 天`,
        messageEn: `reclamation due by ${d.deadline}: ${daysBetween(asOf, d.deadline)} days left`,
        evidence: { ...d, asOf },
      });
    }
    if (asOf > d.termEnd && (record.state === 'in_use' || record.state === 'registered')) {
      findings.push({
        code: 'TL-RECL-02',
        severity: 'error',
        messageZh: `期限已于 ${d.termEnd} 届满仍在使用，应责令限期整改并履行复垦义务`,
        messageEn: `the term ended on ${d.termEnd} and the land is still in use; a rectification order with a deadline is due`,
        evidence: { termEnd: d.termEnd, asOf, state: record.state },
      });
    }
    return findings;
  },
};
