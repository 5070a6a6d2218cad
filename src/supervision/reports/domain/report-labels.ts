// Names in both languages for everything a report prints: rule titles, statuses, classes,
// causes. Reports speak Chinese first; `lang=en` picks the English names. Pure: no I/O.
import { stateNames } from '../../../register/domain/lifecycle.ts';
import { registerRules } from '../../../register/domain/rules/catalogue.ts';
import { classNames } from '../../backfill/domain/classify.ts';
import { causeNames } from '../../enforcement/domain/coverage.ts';
import { groundsNames } from '../../rectification/domain/rectification-order.ts';
import { writeOffReasons } from '../../write-offs/domain/write-off.ts';

export type Lang = 'zh' | 'en';
export interface Name {
  zh: string;
  en: string;
}

/** Rules that are not register rules (anomaly analyses, enforcement, reclamation extension). */
const otherRules: Record<string, Name> = {
  'TL-SUP-01': { zh: '临时用地面积明显偏大', en: 'temporary land obviously large for its kind' },
  'TL-SUP-06': {
    zh: '县级逾期未复垦面积达 20%，暂停审批',
    en: 'county brake: 20 % overdue for reclamation',
  },
  'TL-ENF-01': {
    zh: '变化图斑无合法临时用地解释',
    en: 'change polygon not explained by lawful temporary land',
  },
  'TL-RECL-02': {
    zh: '期满仍在使用或未复垦，责令限期整改',
    en: 'still in use or not reclaimed after the term: order to rectify',
  },
  'TL-RECL-03': { zh: '复垦期限延期申请', en: 'reclamation deadline extension' },
};

const ruleNames: Record<string, Name> = {
  ...Object.fromEntries(registerRules.map((r) => [r.code, { zh: r.titleZh, en: r.titleEn }])),
  ...otherRules,
};

export function ruleName(code: string, lang: Lang): string {
  return ruleNames[code]?.[lang] ?? code;
}

/** "TL-REG-01 批准后 20 个工作日内上图入库", or the code alone for a rule without a name. */
export function ruleHeading(code: string, lang: Lang): string {
  const name = ruleNames[code]?.[lang];
  return name ? `${code} ${name}` : code;
}

export const severityNames: Record<string, Name> = {
  error: { zh: '严重', en: 'error' },
  warning: { zh: '一般', en: 'warning' },
};

export const findingStatusNames: Record<string, Name> = {
  open: { zh: '待处理', en: 'open' },
  acknowledged: { zh: '已确认', en: 'acknowledged' },
  rectified: { zh: '已整改', en: 'rectified' },
  closed: { zh: '已关闭', en: 'closed' },
};

export const orderStatusNames: Record<string, Name> = {
  open: { zh: '整改中', en: 'open' },
  rectified: { zh: '已整改待核实', en: 'rectified' },
  verified: { zh: '已核实', en: 'verified' },
  closed: { zh: '已关闭', en: 'closed' },
};

export const caseStatusNames: Record<string, Name> = {
  open: { zh: '已立案', en: 'open' },
  investigating: { zh: '调查中', en: 'investigating' },
  concluded: { zh: '已结案', en: 'concluded' },
  dismissed: { zh: '已撤销', en: 'dismissed' },
};

export const writeOffStatusNames: Record<string, Name> = {
  pending: { zh: '待确认', en: 'pending' },
  confirmed: { zh: '已确认', en: 'confirmed' },
  rejected: { zh: '已驳回', en: 'rejected' },
};

export { causeNames, classNames, groundsNames, stateNames, writeOffReasons };

/** The name of `key` in `names`, or the key itself when it has none. */
export function nameOf(names: Readonly<Record<string, Name>>, key: string, lang: Lang): string {
  return names[key]?.[lang] ?? key;
}
