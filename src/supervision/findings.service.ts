// Reading and handling stored supervision findings in the caller's scope: list, one, the
// lifecycle actions with a reason (history keeps every step), the county brake table and
// the evaluation runs.
import type { Db, Tx } from '../platform/db/db.ts';
import { AppError } from '../platform/errors.ts';
import { type Actor, scopePrefix } from '../identity/domain/actor.ts';
import { inScope } from '../identity/scoped-db.ts';
import { checkFindingAction, type FindingAction } from './domain/finding-lifecycle.ts';
import {
  countyBrakes,
  findFinding,
  listFindings,
  listRuns,
  updateFinding,
  type FindingFilter,
  type StoredFinding,
} from './findings.store.ts';
import { findingStats } from './findings-stats.store.ts';

const notFound = () =>
  new AppError('not_found', {
    code: 'FINDING_NOT_FOUND',
    messageZh: '监管发现不存在或不在您的管辖范围内',
    messageEn: 'no such finding in your division',
  });

const refusals = {
  state: { zh: '当前状态不允许此操作', en: 'the finding’s status does not allow this action' },
  role: {
    zh: '您的角色不能执行此操作（关闭与重新打开由县级以上监管执行）',
    en: 'your role may not take this action (closing and reopening are for supervisors above the county)',
  },
  'evaluation-only': {
    zh: '此类发现由评估在指标回落后自动解除，不能手工整改',
    en: 'this kind of finding is lifted by the evaluation when the figures fall back, not by hand',
  },
} as const;

export function createFindingService(db: Db) {
  async function load(tx: Tx, actor: Actor, id: string) {
    const row = await findFinding(tx, id, scopePrefix(actor));
    if (!row) throw notFound();
    return row;
  }

  return {
    list(actor: Actor, filter: Omit<FindingFilter, 'scopePrefix'>) {
      return inScope(db, actor, (tx) =>
        listFindings(tx, { ...filter, scopePrefix: scopePrefix(actor) }),
      );
    },

    get(actor: Actor, id: string): Promise<StoredFinding> {
      return inScope(db, actor, (tx) => load(tx, actor, id));
    },

    act(
      actor: Actor,
      id: string,
      input: { action: FindingAction; version: number; reason: string },
    ): Promise<StoredFinding> {
      return inScope(
        db,
        actor,
        async (tx) => {
          const finding = await load(tx, actor, id);
          const check = checkFindingAction(
            input.action,
            finding.status,
            actor.role,
            finding.ruleCode,
          );
          if (!check.ok) {
            const why = refusals[check.reason];
            throw new AppError(check.reason === 'role' ? 'forbidden' : 'conflict', {
              code: 'FINDING_ACTION_REFUSED',
              messageZh: `不能对状态为 ${finding.status} 的发现执行 ${input.action}：${why.zh}`,
              messageEn: `cannot ${input.action} a finding that is ${finding.status}: ${why.en}`,
              location: { field: 'action' },
            });
          }
          const updated = await updateFinding(tx, id, input.version, {
            status: check.to,
            ...(input.action === 'reopen' ? { resolvedOn: null } : {}),
          });
          if (!updated) {
            throw new AppError('conflict', {
              code: 'VERSION_CONFLICT',
              messageZh: `发现已被他人修改（当前版本 ${finding.version}，提交版本 ${input.version}），请刷新后重试`,
              messageEn: `the finding changed meanwhile (now version ${finding.version}, you sent ${input.version}); reload and retry`,
              location: { field: 'version' },
            });
          }
          return updated;
        },
        input.reason,
      );
    },

    /** Findings counted by rule, division and month first seen, for the dashboard. */
    stats(actor: Actor, filter: { divisionCode?: string; from?: string; to?: string }) {
      return inScope(db, actor, (tx) =>
        findingStats(tx, {
          scopePrefix: scopePrefix(actor),
          divisionCode: filter.divisionCode ?? null,
          from: filter.from ?? null,
          to: filter.to ?? null,
        }),
      );
    },

    countyBrakes(actor: Actor, year: number) {
      return inScope(db, actor, (tx) => countyBrakes(tx, scopePrefix(actor), year));
    },

    runs(actor: Actor, limit: number) {
      return inScope(db, actor, (tx) => listRuns(tx, limit));
    },
  };
}

export type FindingService = ReturnType<typeof createFindingService>;
