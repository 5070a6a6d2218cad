// The caller's scope: inScope runs as reclaim_app with the caller's settings, for that
// transaction only; asSystem stays the owner.
import { expect, it } from 'vitest';
import { describeEachMode } from '../../test/support/test-db.ts';
import { jiawangClerk as clerk } from '../../test/support/actors.ts';
import { systemActor } from './domain/actor.ts';
import { asSystem, inScope } from './scoped-db.ts';

const session = `SELECT current_user AS "user", current_setting('reclaim.scope', true) AS scope,
  current_setting('reclaim.reason', true) AS reason`;

describeEachMode('scoped database access', (db) => {
  it('runs a caller as reclaim_app with their scope and reason, for the transaction only', async () => {
    const [inside] = await inScope(db(), clerk, (tx) => tx.query(session), 'checking');
    expect(inside).toEqual({ user: 'reclaim_app', scope: '320305', reason: 'checking' });
    for (let i = 0; i < 5; i += 1) {
      const [after] = await asSystem(db(), systemActor('test'), (tx) => tx.query(session));
      expect(after).toMatchObject({ scope: 'national' });
      expect((after as { user: string }).user).not.toBe('reclaim_app');
      const [plain] = await db().query<{ user: string; scope: string | null }>(session);
      expect(plain?.user).not.toBe('reclaim_app');
      expect(plain?.scope ?? '').toBe('');
    }
  });
});
