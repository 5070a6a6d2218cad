// Callers for tests that run queries in a scope without an account: a county clerk of
// Jiawang (320305), under row-level security as reclaim_app.
import type { Actor } from '../../src/identity/domain/actor.ts';

/** A county clerk of `divisionCode` (a user id that exists in no table). */
export const clerkOf = (divisionCode: string): Actor => ({
  kind: 'user',
  userId: '00000000-0000-4000-8000-000000000001',
  name: `clerk-${divisionCode}`,
  role: 'county',
  divisionCode,
  isAdmin: false,
});

export const jiawangClerk: Actor = Object.freeze({
  kind: 'user',
  userId: null,
  name: 'clerk',
  role: 'county',
  divisionCode: '320305',
  isAdmin: false,
});

/** Someone of `role` in `divisionCode` without an account; an enterprise with its organization. */
export const official = (
  role: Actor['role'],
  divisionCode: string,
  organization?: string,
): Actor => ({
  kind: 'user',
  userId: null,
  name: `${role} ${divisionCode}`,
  role,
  divisionCode,
  isAdmin: false,
  ...(organization ? { organization } : {}),
});
