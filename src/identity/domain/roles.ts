// Roles and what they may do. A role's reach is its division: the ministry sees the
// nation, a province its province, and so on down; the public sees what is published.
import {
  type DivisionLevel,
  isWithinDivision,
  levelOfCode,
} from '../../reference/divisions/domain/division-code.ts';

export const accountRoles = ['ministry', 'province', 'city', 'county', 'enterprise'] as const;
export type AccountRole = (typeof accountRoles)[number];
export type Role = AccountRole | 'public';
export const allRoles: readonly Role[] = [...accountRoles, 'public'];

export const governmentRoles: readonly Role[] = ['ministry', 'province', 'city', 'county'];

/** The division level each role's account is attached to. */
const levelsForRole: Record<AccountRole, readonly DivisionLevel[]> = {
  ministry: ['nation'],
  province: ['province'],
  city: ['city'],
  county: ['county'],
  // An enterprise registers where it uses land; large projects may span a city or province.
  enterprise: ['county', 'city', 'province'],
};

/** Rank in the hierarchy: a lower number reaches further. */
const rank: Record<AccountRole, number> = {
  ministry: 0,
  province: 1,
  city: 2,
  county: 3,
  enterprise: 4,
};

export function isAccountRole(value: string): value is AccountRole {
  return (accountRoles as readonly string[]).includes(value);
}

/** Whether an account of `role` may be attached to division `code`. */
export function roleFitsDivision(role: AccountRole, code: string): boolean {
  return levelsForRole[role].includes(levelOfCode(code));
}

export function expectedLevels(role: AccountRole): readonly DivisionLevel[] {
  return levelsForRole[role];
}

/**
 * Whether an administrator may create or change an account: only inside the administrator's
 * own division, and only at the administrator's level or below.
 */
export function mayManageAccount(
  admin: { role: Role; divisionCode: string; isAdmin: boolean },
  target: { role: AccountRole; divisionCode: string },
): boolean {
  if (!admin.isAdmin || admin.role === 'public' || admin.role === 'enterprise') return false;
  return (
    rank[target.role] >= rank[admin.role] &&
    isWithinDivision(target.divisionCode, admin.divisionCode)
  );
}
