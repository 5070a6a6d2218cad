// Use cases for user accounts: create, read, list, change (versioned, with a reason).
// Administrators manage accounts inside their own division, at their level or below.
import type { Db, Queryable } from '../platform/db/db.ts';
import { AppError } from '../platform/errors.ts';
import { findDivision } from '../reference/divisions/divisions.store.ts';
import { isDivisionCode } from '../reference/divisions/domain/division-code.ts';
import { type Actor, scopeLikePattern, systemActor } from './domain/actor.ts';
import {
  type AccountRole,
  expectedLevels,
  isAccountRole,
  mayManageAccount,
  roleFitsDivision,
} from './domain/roles.ts';
import { checkPasswordStrength, hashPassword } from './passwords.ts';
import { asActor, asSystem } from './scoped-db.ts';
import { revokeSessionsOfUser } from './sessions.store.ts';
import * as store from './users.store.ts';

export interface NewUserInput {
  username: string;
  displayName: string;
  role: string;
  divisionCode: string;
  organization?: string | null;
  isAdmin?: boolean;
  password: string;
}

const invalid = (code: string, field: string, zh: string, en: string) =>
  new AppError('invalid', { code, messageZh: zh, messageEn: en, location: { field } });

const notFound = () =>
  new AppError('not_found', {
    code: 'USER_NOT_FOUND',
    messageZh: '用户不存在或不在您的管辖范围内',
    messageEn: 'no such user in your scope',
  });

async function checkRoleAndDivision(
  q: Queryable,
  role: string,
  divisionCode: string,
): Promise<AccountRole> {
  if (!isAccountRole(role)) {
    throw invalid('USER_ROLE', 'role', `未知角色：${role}`, `unknown role: ${role}`);
  }
  if (!isDivisionCode(divisionCode)) {
    throw invalid(
      'USER_DIVISION',
      'divisionCode',
      `行政区划代码应为 6 位数字：${divisionCode}`,
      `a division code has six digits: ${divisionCode}`,
    );
  }
  const division = await findDivision(q, divisionCode);
  if (!division) {
    throw invalid(
      'USER_DIVISION',
      'divisionCode',
      `行政区划代码不存在：${divisionCode}`,
      `no division with code ${divisionCode}`,
    );
  }
  if (division.validTo) {
    throw invalid(
      'USER_DIVISION_ABOLISHED',
      'divisionCode',
      `行政区划 ${divisionCode} ${division.name} 已撤销${division.supersededBy ? `，现为 ${division.supersededBy}` : ''}`,
      `division ${divisionCode} (${division.name}) was abolished${division.supersededBy ? `; it is now ${division.supersededBy}` : ''}`,
    );
  }
  if (!roleFitsDivision(role, divisionCode)) {
    throw invalid(
      'USER_ROLE_LEVEL',
      'divisionCode',
      `角色 ${role} 应属于 ${expectedLevels(role).join('/')} 级行政区，而 ${divisionCode} ${division.name} 是 ${division.level} 级`,
      `a ${role} account belongs to a ${expectedLevels(role).join('/')} division; ${divisionCode} (${division.name}) is ${division.level} level`,
    );
  }
  return role;
}

function checkManage(actor: Actor, target: { role: AccountRole; divisionCode: string }): void {
  if (actor.kind === 'system') return;
  if (!mayManageAccount(actor, target)) {
    throw new AppError('forbidden', {
      code: 'USER_MANAGE_FORBIDDEN',
      messageZh: '您只能管理本辖区内、与您同级或更低级别的账号',
      messageEn: 'you may manage only accounts inside your division, at your level or below',
    });
  }
}

export function createUserService(db: Db) {
  const run = <T>(actor: Actor, fn: (tx: Queryable) => Promise<T>, reason?: string) =>
    asActor(db, actor, fn, reason);

  return {
    async create(actor: Actor, input: NewUserInput, reason: string): Promise<store.User> {
      const username = input.username.trim().toLowerCase();
      if (!/^[a-z0-9][a-z0-9_.-]{2,63}$/.test(username)) {
        throw invalid(
          'USER_NAME',
          'username',
          '用户名为 3–64 位小写字母、数字或 _ . -',
          'a username has 3–64 lower-case letters, digits, _ . or -',
        );
      }
      const displayName = input.displayName.trim();
      if (displayName.length < 1 || displayName.length > 100) {
        throw invalid(
          'USER_DISPLAY_NAME',
          'displayName',
          '姓名长度应为 1–100 个字符',
          'a display name has 1–100 characters',
        );
      }
      checkPasswordStrength(input.password);
      const passwordHash = await hashPassword(input.password);
      return run(
        actor,
        async (tx) => {
          const role = await checkRoleAndDivision(tx, input.role, input.divisionCode);
          checkManage(actor, { role, divisionCode: input.divisionCode });
          if (await store.findUserByUsername(tx, username)) {
            throw new AppError('conflict', {
              code: 'USER_EXISTS',
              messageZh: `用户名已存在：${username}`,
              messageEn: `username ${username} is taken`,
              location: { field: 'username' },
            });
          }
          return store.insertUser(tx, {
            username,
            displayName,
            role,
            divisionCode: input.divisionCode,
            organization: input.organization?.trim() || null,
            isAdmin: input.isAdmin ?? false,
            passwordHash,
          });
        },
        reason,
      );
    },

    async get(actor: Actor, id: string): Promise<store.User> {
      const user = await run(actor, (tx) => store.findUserInScope(tx, id, scopeLikePattern(actor)));
      if (!user) throw notFound();
      return user;
    },

    list(actor: Actor, filter: Omit<store.UserFilter, 'scopeLike'>): Promise<store.User[]> {
      return run(actor, (tx) =>
        store.listUsers(tx, { ...filter, scopeLike: scopeLikePattern(actor) }),
      );
    },

    /** Changes an account; `expectedVersion` guards against overwriting someone else's change. */
    async update(
      actor: Actor,
      id: string,
      expectedVersion: number,
      change: Omit<store.UserChange, 'passwordHash'> & { password?: string },
      reason: string,
    ): Promise<store.User> {
      const { password, ...rest } = change;
      if (password !== undefined) checkPasswordStrength(password);
      const passwordHash = password === undefined ? undefined : await hashPassword(password);
      return run(
        actor,
        async (tx) => {
          const existing = await store.findUserInScope(tx, id, scopeLikePattern(actor));
          if (!existing) throw notFound();
          checkManage(actor, existing);
          const role = await checkRoleAndDivision(
            tx,
            rest.role ?? existing.role,
            rest.divisionCode ?? existing.divisionCode,
          );
          checkManage(actor, { role, divisionCode: rest.divisionCode ?? existing.divisionCode });
          if (actor.userId === id && (rest.status === 'disabled' || rest.isAdmin === false)) {
            throw invalid(
              'USER_SELF_LOCKOUT',
              'status',
              '不能停用自己或取消自己的管理员权限',
              'you cannot disable your own account or remove your own administrator right',
            );
          }
          const updated = await store.updateUser(tx, id, expectedVersion, {
            ...rest,
            ...(passwordHash ? { passwordHash } : {}),
          });
          if (!updated) {
            throw new AppError('conflict', {
              code: 'VERSION_CONFLICT',
              messageZh: `该账号已被他人修改（当前版本 ${existing.version}，您提交的是 ${expectedVersion}），请刷新后重试`,
              messageEn: `the account was changed by someone else (now version ${existing.version}, you sent ${expectedVersion}); reload and try again`,
            });
          }
          if (rest.status === 'disabled' || rest.role || rest.divisionCode || passwordHash) {
            await asSystemInSameTx(tx, () => revokeSessionsOfUser(tx, id));
          }
          return updated;
        },
        reason,
      );
    },

    count(): Promise<number> {
      return asSystem(db, systemActor('count users'), (tx) => store.countUsers(tx));
    },
  };
}

/** Session rows are not visible to the application role; switch back to the owner briefly. */
async function asSystemInSameTx(tx: Queryable, fn: () => Promise<void>): Promise<void> {
  const [row] = await tx.query<{ scoped: boolean }>(
    `SELECT current_user = 'reclaim_app' AS scoped`,
  );
  if (!row?.scoped) return fn();
  await tx.exec('RESET ROLE');
  try {
    await fn();
  } finally {
    await tx.exec('SET LOCAL ROLE reclaim_app');
  }
}

export type UserService = ReturnType<typeof createUserService>;
