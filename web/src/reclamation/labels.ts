// Names of reclamation's terms in the user's language, from the domain's own tables.
import {
  departmentNames,
  panelDepartments,
  type PanelDepartment,
} from '../../../src/reclamation/domain/acceptance.ts';
import { ledgerKindNames, type LedgerKind } from '../../../src/reclamation/domain/ledger.ts';
import type { Lang } from '../i18n/i18n.tsx';

export { landClassKeys } from '../../../src/reclamation/domain/plan-rules.ts';
export { panelDepartments, type PanelDepartment };

export const departmentLabel = (d: PanelDepartment, lang: Lang) => departmentNames[d][lang];
export const ledgerKindLabel = (k: LedgerKind, lang: Lang) => ledgerKindNames[k][lang];

/** Yuan with two decimals and the unit. */
export function yuan(n: number, lang: Lang): string {
  const text = n.toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  return lang === 'zh' ? `${text} 元` : `¥${text}`;
}
