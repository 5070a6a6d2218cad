// Accounts: validation, who may manage whom, optimistic locking, and history of changes.
import { beforeAll, expect, it } from 'vitest';
import { describeEachMode } from '../../test/support/test-db.ts';
import { createHistoryService } from '../history/history.service.ts';
import type { Db } from '../platform/db/db.ts';
import { AppError } from '../platform/errors.ts';
import { type Actor, systemActor } from './domain/actor.ts';
import { inScope } from './scoped-db.ts';
import { createUserService, type UserService } from './users.service.ts';

const password = 'Strong-pass-123';
const reason = 'test';

async function code(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error.code;
}

describeEachMode('user accounts', (db: () => Db) => {
  let users: UserService;
  let jiangsuAdmin: Actor;
  const system = systemActor('test');

  beforeAll(async () => {
    users = createUserService(db());
    const admin = await users.create(
      system,
      {
        username: 'js-admin',
        displayName: '江苏管理员',
        role: 'province',
        divisionCode: '320000',
        isAdmin: true,
        password,
      },
      reason,
    );
    jiangsuAdmin = {
      kind: 'user',
      userId: admin.id,
      name: admin.username,
      role: 'province',
      divisionCode: '320000',
      isAdmin: true,
    };
  });

  it('refuses a role at the wrong division level, unknown or abolished divisions, weak passwords', async () => {
    const base = { username: 'x-user', displayName: 'X', password };
    expect(
      await code(users.create(system, { ...base, role: 'county', divisionCode: '320300' }, reason)),
    ).toBe('USER_ROLE_LEVEL');
    expect(
      await code(users.create(system, { ...base, role: 'county', divisionCode: '329999' }, reason)),
    ).toBe('USER_DIVISION');
    // 513425 会理县 became 513402 会理市: it still resolves, but no new account may use it.
    const abolished = await users
      .create(system, { ...base, role: 'county', divisionCode: '513425' }, reason)
      .catch((e: AppError) => e);
    expect((abolished as AppError).code).toBe('USER_DIVISION_ABOLISHED');
    expect((abolished as AppError).message).toContain('513402');
    expect(
      await code(
        users.create(
          system,
          { ...base, role: 'county', divisionCode: '320305', password: 'short' },
          reason,
        ),
      ),
    ).toBe('PASSWORD_WEAK');
    expect(
      await code(users.create(system, { ...base, role: 'mayor', divisionCode: '320305' }, reason)),
    ).toBe('USER_ROLE');
    expect(
      await code(
        users.create(
          system,
          { ...base, username: 'JS-Admin', role: 'county', divisionCode: '320305' },
          reason,
        ),
      ),
    ).toBe('USER_EXISTS');
  });

  it('lets an administrator manage accounts only inside the division, at its level or below', async () => {
    const county = await users.create(
      jiangsuAdmin,
      {
        username: 'jw-clerk',
        displayName: '登记员',
        role: 'county',
        divisionCode: '320305',
        password,
      },
      reason,
    );
    expect(county.divisionCode).toBe('320305');
    expect(
      await code(
        users.create(
          jiangsuAdmin,
          {
            username: 'sx-clerk',
            displayName: 'S',
            role: 'county',
            divisionCode: '140212',
            password,
          },
          reason,
        ),
      ),
    ).toBe('USER_MANAGE_FORBIDDEN');
    expect(
      await code(
        users.create(
          jiangsuAdmin,
          {
            username: 'boss',
            displayName: 'B',
            role: 'ministry',
            divisionCode: '000000',
            password,
          },
          reason,
        ),
      ),
    ).toBe('USER_MANAGE_FORBIDDEN');
    const clerk: Actor = {
      kind: 'user',
      userId: county.id,
      name: 'jw-clerk',
      role: 'county',
      divisionCode: '320305',
      isAdmin: false,
    };
    expect(
      await code(
        users.create(
          clerk,
          { username: 'jw-2', displayName: 'J', role: 'county', divisionCode: '320305', password },
          reason,
        ),
      ),
    ).toBe('USER_MANAGE_FORBIDDEN');
  });

  it('hides accounts outside the caller scope (not found, not forbidden)', async () => {
    const shanxi = await users.create(
      system,
      { username: 'sx-county', displayName: 'S', role: 'county', divisionCode: '140212', password },
      reason,
    );
    expect(await code(users.get(jiangsuAdmin, shanxi.id))).toBe('USER_NOT_FOUND');
    const listed = await users.list(jiangsuAdmin, { limit: 100, offset: 0 });
    expect(listed.every((u) => u.divisionCode.startsWith('32'))).toBe(true);
    expect(listed.some((u) => u.username === 'jw-clerk')).toBe(true);
  });

  it('row-level security hides other divisions even when a query forgets its scope filter', async () => {
    const rows = await inScope(db(), jiangsuAdmin, (tx) =>
      tx.query<{ division_code: string }>('SELECT division_code FROM app_user'),
    );
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.division_code.startsWith('32'))).toBe(true);
    // An insert outside the scope is refused by the policy's WITH CHECK.
    const insert = inScope(
      db(),
      jiangsuAdmin,
      (tx) =>
        tx.query(
          `INSERT INTO app_user (username, display_name, role, division_code, password_hash) VALUES ('rls-probe', 'p', 'county', '140212', 'x')`,
        ),
      reason,
    );
    await expect(insert).rejects.toThrow(/row-level security/);
  });

  it('updates with optimistic locking and keeps every version with who and why, without the password hash', async () => {
    const created = await users.create(
      jiangsuAdmin,
      { username: 'xz-city', displayName: '徐州', role: 'city', divisionCode: '320300', password },
      'new city account',
    );
    const renamed = await users.update(
      jiangsuAdmin,
      created.id,
      created.version,
      { displayName: '徐州市局' },
      'name fixed',
    );
    expect(renamed.version).toBe(2);
    expect(
      await code(
        users.update(jiangsuAdmin, created.id, 1, { displayName: 'stale' }, 'stale write'),
      ),
    ).toBe('VERSION_CONFLICT');
    await users.update(
      jiangsuAdmin,
      created.id,
      2,
      { status: 'disabled', password: 'Another-pass-456' },
      'left the bureau',
    );

    const versions = await createHistoryService(db()).versions(jiangsuAdmin, 'users', created.id);
    expect(versions.map((v) => [v.version, v.action, v.reason])).toEqual([
      [1, 'create', 'new city account'],
      [2, 'update', 'name fixed'],
      [3, 'update', 'left the bureau'],
    ]);
    expect(versions[1]?.changes).toEqual([{ field: 'display_name', from: '徐州', to: '徐州市局' }]);
    expect(versions[2]?.changes.map((c) => c.field)).toEqual(['status']);
    expect(versions.every((v) => v.changedBy.startsWith('js-admin'))).toBe(true);
    expect(JSON.stringify(versions)).not.toContain('argon2');
  });

  it('never deletes: DELETE and TRUNCATE fail even for the owner, and history is read-only for the app', async () => {
    await expect(db().query(`DELETE FROM app_user WHERE username = 'jw-clerk'`)).rejects.toThrow(
      /never deleted/,
    );
    await expect(db().exec('TRUNCATE app_user CASCADE')).rejects.toThrow(/never deleted/);
    await expect(db().query('DELETE FROM record_version')).rejects.toThrow(/never deleted/);
    const forge = inScope(db(), jiangsuAdmin, (tx) =>
      tx.query(`UPDATE record_version SET reason = 'forged'`),
    );
    await expect(forge).rejects.toThrow(/permission denied/);
  });

  it('refuses a change without a reason', async () => {
    await expect(
      inScope(db(), systemActor('test'), (tx) =>
        tx.query(`UPDATE app_user SET display_name = 'x' WHERE username = 'jw-clerk'`),
      ),
    ).rejects.toThrow(/needs a reason/);
  });
});
