// The errors every supervision dossier (rectification order, illegal-land-use case, write-off)
// answers with: not found in scope, an action the role or status does not allow, a stale version.
import { AppError } from '../platform/errors.ts';

export function dossierNotFound(code: string, zh: string, en: string): AppError {
  return new AppError('not_found', {
    code,
    messageZh: `${zh}不存在或不在您的管辖范围内`,
    messageEn: `no such ${en} in your division`,
  });
}

const refusals = {
  role: {
    zh: '您的角色不能执行此操作（关闭、撤销与确认由县级以上监管执行）',
    en: 'your role may not take this action (closing, dismissing and confirming are for supervisors above the county)',
  },
  state: { zh: '当前状态不允许此操作', en: 'its status does not allow this action' },
} as const;

export function actionRefused(
  code: string,
  what: { zh: string; en: string },
  action: string,
  status: string,
  reason: 'role' | 'state',
): AppError {
  const why = refusals[reason];
  return new AppError(reason === 'role' ? 'forbidden' : 'conflict', {
    code,
    messageZh: `不能对状态为 ${status} 的${what.zh}执行 ${action}：${why.zh}`,
    messageEn: `cannot ${action} a ${what.en} that is ${status}: ${why.en}`,
    location: { field: 'action' },
  });
}

export function staleVersion(what: { zh: string; en: string }, current: number, sent: number) {
  return new AppError('conflict', {
    code: 'VERSION_CONFLICT',
    messageZh: `${what.zh}已被他人修改（当前版本 ${current}，提交版本 ${sent}），请刷新后重试`,
    messageEn: `the ${what.en} changed meanwhile (now version ${current}, you sent ${sent}); reload and retry`,
    location: { field: 'version' },
  });
}
