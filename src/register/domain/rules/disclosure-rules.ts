// Approvals are publicised (公示): the province checks that each approval was published
// (TL-SUP-03); the window is the disclosure catalogues' 20 working days (R-RG-10, practice,
// configurable per province).
import { addWorkingDays } from '../../../reference/calendar/domain/working-days.ts';
import type { Rule } from './rule.ts';

export const disclosureRule: Rule = {
  code: 'TL-SUP-03',
  titleZh: '批准信息应向社会公示',
  titleEn: 'approvals are publicised',
  check({ record, asOf, calendar, settings }) {
    const approved = record.approval.date;
    // Back-filled stock predates the register; written-off records are no longer approvals.
    if (!approved || record.backfilled || record.state === 'written_off') return [];
    const deadline = addWorkingDays(calendar, approved, settings.disclosureWorkingDays);
    const evidence = {
      approvalDate: approved,
      deadline: deadline.date,
      provisional: deadline.provisional,
      workingDays: settings.disclosureWorkingDays,
    };
    const published = record.disclosure.publishedOn;
    if (published) {
      if (published <= deadline.date) return [];
      return [
        {
          code: this.code,
          severity: 'warning',
          messageZh: `批准信息公示晚于期限：批准日 ${approved}，期限 ${deadline.date}，公示于 ${published}`,
          messageEn: `approval publicised late: approved ${approved}, due ${deadline.date}, published ${published}`,
          evidence: { ...evidence, publishedOn: published, where: record.disclosure.where },
        },
      ];
    }
    if (asOf <= deadline.date) {
      return [
        {
          code: this.code,
          severity: 'info',
          messageZh: `批准信息应于 ${deadline.date} 前公示`,
          messageEn: `the approval is to be publicised by ${deadline.date}`,
          evidence: { ...evidence, asOf },
        },
      ];
    }
    return [
      {
        code: this.code,
        severity: 'error',
        messageZh: `批准信息未公示：批准日 ${approved}，应于 ${deadline.date} 前公示`,
        messageEn: `approval not publicised: approved ${approved}, due by ${deadline.date}`,
        evidence: { ...evidence, asOf },
      },
    ];
  },
};
