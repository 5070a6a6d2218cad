// Names of states, uses and transitions for people, in both languages, from the domain's
// own tables (the same the server uses) so that the two never disagree.
import { stateNames, type RecordState } from '../../../src/register/domain/lifecycle.ts';
import { useTypes } from '../../../src/register/domain/classification.ts';

export function stateLabel(state: string, lang: 'zh' | 'en'): string {
  const names = stateNames[state as RecordState] as { zh: string; en: string } | undefined;
  return names ? names[lang] : state;
}

export function labelOfUse(code: string | null | undefined, lang: 'zh' | 'en'): string {
  if (!code) return '—';
  const use = useTypes.find((u) => u.code === code);
  return use ? use[lang] : code;
}

export const actionNames: Record<string, { zh: string; en: string }> = {
  register: { zh: '上图入库', en: 'Register' },
  start_use: { zh: '开始使用', en: 'Start use' },
  expire: { zh: '到期', en: 'Expire' },
  extend: { zh: '延期', en: 'Extend' },
  reassign: { zh: '转给其他项目使用', en: 'Reassign' },
  start_reclamation: { zh: '开始复垦', en: 'Start reclamation' },
  accept: { zh: '复垦验收', en: 'Accept reclamation' },
  convert: { zh: '转为建设用地', en: 'Convert to construction land' },
  write_off: { zh: '核销', en: 'Write off' },
  create: { zh: '创建', en: 'Create' },
  update: { zh: '修改', en: 'Change' },
};

export function actionLabel(action: string, lang: 'zh' | 'en'): string {
  return actionNames[action]?.[lang] ?? action;
}

export { recordStates } from '../../../src/register/domain/lifecycle.ts';
export { transitions } from '../../../src/register/domain/lifecycle.ts';
