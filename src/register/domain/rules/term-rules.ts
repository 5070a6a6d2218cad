// Term rules: caps of 2 or 4 years (TL-TERM-01/03/04), ends as written (TL-TERM-05), and
// extension chains (TL-TERM-02/05).
import { addYears, daysBetween } from '../../../platform/time/iso-date.ts';
import { isEnergyTransportWater } from '../classification.ts';
import { fmtM2, type Finding } from '../finding.ts';
import type { TemporaryLandRecord } from '../record.ts';
import type { RuleSettings } from '../settings.ts';
import type { Rule } from './rule.ts';

const oilGasUses = ['oil_gas_well_pad', 'oil_gas_pipeline', 'survey_power', 'survey_road'];

interface Cap {
  years: number;
  code: 'TL-TERM-01' | 'TL-TERM-03' | 'TL-TERM-04';
  zh: string;
  en: string;
}

/** The cap that applies to a record, with the rule that sets it. */
export function termCap(record: TemporaryLandRecord, settings: RuleSettings): Cap {
  if (record.project.oilGasIntegrated && oilGasUses.includes(record.useType)) {
    return {
      years: settings.termCapYears.oilGasIntegrated,
      code: 'TL-TERM-03',
      zh: '油气探采合一井场及配套设施',
      en: 'integrated oil-gas drilling site',
    };
  }
  if (record.project.longCycle && isEnergyTransportWater(record.project.projectClass)) {
    return {
      years: settings.termCapYears.longCycle,
      code: 'TL-TERM-04',
      zh: '建设周期较长的能源、交通、水利基础设施',
      en: 'long-cycle energy, transport or water infrastructure',
    };
  }
  return {
    years: settings.termCapYears.general,
    code: 'TL-TERM-01',
    zh: '一般临时用地',
    en: 'temporary land in general',
  };
}

/** The term start: as written, else the approval date (TL-TERM-05). */
export function termStartOf(record: TemporaryLandRecord): string | null {
  return record.termStart ?? record.approval.date;
}

/** The term end after all extensions. */
export function effectiveTermEnd(record: TemporaryLandRecord): string | null {
  return record.extensions.at(-1)?.newTermEnd ?? record.termEnd;
}

export const termCapRule: Rule = {
  code: 'TL-TERM-01',
  titleZh: '临时用地期限一般不超过两年（特定情形四年）',
  titleEn: 'the term is at most two years (four in the cases the rules name)',
  check({ record, settings }) {
    const start = termStartOf(record);
    const end = record.termEnd;
    if (!start || !end) return [];
    if (end < start) {
      return [
        {
          code: 'TL-TERM-05',
          severity: 'error',
          messageZh: `期限终止日 ${end} 早于起始日 ${start}`,
          messageEn: `the term ends (${end}) before it starts (${start})`,
          evidence: { termStart: start, termEnd: end },
        },
      ];
    }
    const cap = termCap(record, settings);
    // Either end convention is accepted: the anniversary itself or the day before (TL-TERM-05).
    const latestEnd = addYears(start, cap.years);
    const excessDays = daysBetween(latestEnd, end);
    if (excessDays <= 0) return [];
    return [
      {
        code: cap.code,
        severity: 'error',
        messageZh: `${cap.zh}期限不得超过 ${cap.years} 年：自 ${start} 起最迟至 ${latestEnd}，批准至 ${end}，超出 ${excessDays} 天`,
        messageEn: `the term of ${cap.en} may not exceed ${cap.years} years: from ${start} it ends by ${latestEnd} at the latest, but runs to ${end}, ${excessDays} days too long`,
        evidence: {
          termStart: start,
          termEnd: end,
          capYears: cap.years,
          latestEnd,
          excessDays,
          startFrom: record.termStart ? 'term start as written' : 'approval date',
        },
      },
    ];
  },
};

export const extensionRule: Rule = {
  code: 'TL-TERM-02',
  titleZh: '续期：总期限、位置不变、面积不增加',
  titleEn: 'extensions: total term, same location, no larger area',
  check({ record, settings }) {
    const start = termStartOf(record);
    if (!start || !record.termEnd || record.extensions.length === 0) return [];
    const findings: Finding[] = [];
    let previousEnd = record.termEnd;
    let previousArea = record.areaM2;
    record.extensions.forEach((ext, i) => {
      const n = i + 1;
      if (ext.newTermEnd <= previousEnd) {
        findings.push({
          code: 'TL-TERM-05',
          severity: 'warning',
          messageZh: `第 ${n} 次续期的终止日 ${ext.newTermEnd} 未晚于原终止日 ${previousEnd}`,
          messageEn: `extension ${n} ends ${ext.newTermEnd}, not after the previous end ${previousEnd}`,
          evidence: { extension: n, newTermEnd: ext.newTermEnd, previousEnd },
        });
      }
      if (!ext.withinOriginalBoundary) {
        findings.push({
          code: 'TL-TERM-05',
          severity: 'error',
          messageZh: `第 ${n} 次续期（${ext.approvalNumber}）改变了用地位置`,
          messageEn: `extension ${n} (${ext.approvalNumber}) changes the location`,
          evidence: { extension: n, approvalNumber: ext.approvalNumber },
        });
      }
      if (ext.areaM2 > previousArea + settings.breakdownTolerance.minimumM2) {
        findings.push({
          code: 'TL-TERM-05',
          severity: 'error',
          messageZh: `第 ${n} 次续期面积 ${fmtM2(ext.areaM2)} 大于续期前 ${fmtM2(previousArea)}`,
          messageEn: `extension ${n} enlarges the area from ${fmtM2(previousArea)} to ${fmtM2(ext.areaM2)}`,
          evidence: { extension: n, areaM2: ext.areaM2, previousAreaM2: previousArea },
        });
      }
      previousEnd = ext.newTermEnd > previousEnd ? ext.newTermEnd : previousEnd;
      previousArea = ext.areaM2;
    });
    // Pre-regulation energy/transport/water land may continue to a total of 4 years
    // (TL-TERM-02); anything else stays within its own cap.
    const approvedBefore = (record.approval.date ?? start) < settings.regulationEffectiveDate;
    const transitional = approvedBefore && isEnergyTransportWater(record.project.projectClass);
    const capYears = transitional ? settings.transitionalCapYears : termCap(record, settings).years;
    const latestEnd = addYears(start, capYears);
    const end = effectiveTermEnd(record) ?? record.termEnd;
    if (end > latestEnd) {
      findings.push({
        code: transitional ? 'TL-TERM-02' : termCap(record, settings).code,
        severity: 'error',
        messageZh: `续期后总期限超过 ${capYears} 年：自 ${start} 起最迟至 ${latestEnd}，续期至 ${end}`,
        messageEn: `with extensions the total term exceeds ${capYears} years: from ${start} it ends by ${latestEnd} at the latest, extended to ${end}`,
        evidence: {
          termStart: start,
          effectiveEnd: end,
          capYears,
          latestEnd,
          transitional,
          extensions: record.extensions.length,
        },
      });
    }
    return findings;
  },
};
