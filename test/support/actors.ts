// Callers for tests that run queries in a scope without an account: a county clerk of
// Jiawang (320305), under row-level security as reclaim_app.
import type { Actor } from '../../src/identity/domain/actor.ts';

export const jiawangClerk: Actor = Object.freeze({
  kind: 'user',
  userId: null,
  name: 'clerk',
  role: 'county',
  divisionCode: '320305',
  isAdmin: false,
});
