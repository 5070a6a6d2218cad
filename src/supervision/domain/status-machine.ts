// A small status machine with roles, shared by the supervision dossiers (rectification orders,
// illegal-land-use cases, write-offs): each action names the statuses it leaves, the status it
// reaches and the roles that may take it. Pure: no I/O.
import type { Role } from '../../identity/domain/roles.ts';

export interface StatusAction<S extends string> {
  from: readonly S[];
  to: S;
  roles: readonly Role[];
}

export type StatusMachine<A extends string, S extends string> = Readonly<
  Record<A, StatusAction<S>>
>;

export type StatusCheck<S extends string> =
  { ok: true; to: S } | { ok: false; reason: 'role' | 'state' };

/** Whether `role` may take `action` on something in `status`; the role is checked first. */
export function checkStatusAction<A extends string, S extends string>(
  machine: StatusMachine<A, S>,
  action: A,
  status: S,
  role: Role,
): StatusCheck<S> {
  const rule = machine[action];
  if (!rule.roles.includes(role)) return { ok: false, reason: 'role' };
  if (!rule.from.includes(status)) return { ok: false, reason: 'state' };
  return { ok: true, to: rule.to };
}

/** Government levels above the county: the supervisors who confirm, close and override. */
export const supervisorRoles: readonly Role[] = ['city', 'province', 'ministry'];
export const officialRoles: readonly Role[] = ['county', ...supervisorRoles];
