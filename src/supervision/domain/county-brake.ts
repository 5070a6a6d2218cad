// TL-SUP-06, the county brake: counted for the year of the as-of date, when the area overdue
// for reclamation by more than one year reaches 20% of the area due for reclamation, the
// county stops approving new temporary land until it rectifies. "Due" is every parcel whose
// reclamation deadline has passed; "overdue by more than a year" is those of them not
// accepted (nor lawfully converted) a year after the deadline. Share and years are settings.
import { addYears } from '../../platform/time/iso-date.ts';
import type { Finding } from '../../register/domain/finding.ts';
import { fmtMu } from '../../register/domain/finding.ts';
import type { TemporaryLandRecord } from '../../register/domain/record.ts';
import type { RuleSettings } from '../../register/domain/settings.ts';
import { reclamationDeadline } from '../../register/domain/rules/reclamation-rules.ts';

export interface CountyBrakeStatus {
  divisionCode: string;
  year: number;
  asOf: string;
  dueM2: number;
  dueCount: number;
  overdueM2: number;
  overdueCount: number;
  /** overdue / due; 0 when nothing is due. */
  share: number;
  threshold: number;
  on: boolean;
}

/** Adds up one county's parcels. Written-off records are not reclamation duties any more. */
export function countyBrake(
  divisionCode: string,
  records: Iterable<TemporaryLandRecord>,
  asOf: string,
  settings: RuleSettings,
): CountyBrakeStatus {
  const { share: threshold, overdueYears } = settings.countyBrake;
  let dueM2 = 0;
  let dueCount = 0;
  let overdueM2 = 0;
  let overdueCount = 0;
  for (const record of records) {
    if (record.state === 'written_off') continue;
    const d = reclamationDeadline(record, settings);
    if (!d || d.deadline >= asOf) continue;
    dueM2 += record.areaM2;
    dueCount += 1;
    const settled = record.state === 'accepted' || record.state === 'converted';
    if (!settled && addYears(d.deadline, overdueYears) < asOf) {
      overdueM2 += record.areaM2;
      overdueCount += 1;
    }
  }
  const share = dueM2 > 0 ? overdueM2 / dueM2 : 0;
  return {
    divisionCode,
    year: Number(asOf.slice(0, 4)),
    asOf,
    dueM2,
    dueCount,
    overdueM2,
    overdueCount,
    share,
    threshold,
    on: dueM2 > 0 && share >= threshold,
  };
}

export function countyBrakeFinding(status: CountyBrakeStatus): Finding | null {
  if (!status.on) return null;
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  return {
    code: 'TL-SUP-06',
    severity: 'error',
    messageZh:
      `${status.year} 年逾期一年以上未复垦面积 ${fmtMu(status.overdueM2)}（${status.overdueCount} 宗），占应复垦面积 ${fmtMu(status.dueM2)} 的 ${pct(status.share)}，` +
      `达到 ${pct(status.threshold)}：整改前暂停审批新的临时用地`,
    messageEn:
      `${status.year}: ${(status.overdueM2 / 10_000).toFixed(2)} ha (${status.overdueCount} parcels) overdue for reclamation by more than a year is ${pct(status.share)} ` +
      `of the ${(status.dueM2 / 10_000).toFixed(2)} ha due, reaching ${pct(status.threshold)}: new temporary-land approvals stop until the county rectifies`,
    evidence: { ...status },
  };
}
