// The lifecycle of a stored supervision finding: open → acknowledged → rectified → closed,
// with reopening. People move it with a reason; the daily evaluation moves it too: a finding
// whose rule no longer fires is rectified automatically, and one that fires again after it
// was resolved is reopened. A finding closed while its rule still fires (dismissed by a
// supervisor, with a reason) stays closed.
import type { Role } from '../../identity/domain/roles.ts';

export const findingStatuses = ['open', 'acknowledged', 'rectified', 'closed'] as const;
export type FindingStatus = (typeof findingStatuses)[number];

export const findingActions = ['acknowledge', 'rectify', 'close', 'reopen'] as const;
export type FindingAction = (typeof findingActions)[number];

interface ActionRule {
  from: readonly FindingStatus[];
  to: FindingStatus;
  /** Roles that may take the action; closing is for the levels above the county. */
  roles: readonly Role[];
}

export const findingTransitions: Readonly<Record<FindingAction, ActionRule>> = {
  acknowledge: {
    from: ['open'],
    to: 'acknowledged',
    roles: ['county', 'city', 'province', 'ministry'],
  },
  rectify: {
    from: ['open', 'acknowledged'],
    to: 'rectified',
    roles: ['county', 'city', 'province', 'ministry'],
  },
  close: {
    from: ['open', 'acknowledged', 'rectified'],
    to: 'closed',
    roles: ['city', 'province', 'ministry'],
  },
  reopen: { from: ['rectified', 'closed'], to: 'open', roles: ['city', 'province', 'ministry'] },
};

/** Rules whose findings only the evaluation may resolve (the brake lifts when the figures do). */
export const evaluationResolvedRules: readonly string[] = ['TL-SUP-06'];

export type FindingActionCheck =
  { ok: true; to: FindingStatus } | { ok: false; reason: 'state' | 'role' | 'evaluation-only' };

export function checkFindingAction(
  action: FindingAction,
  status: FindingStatus,
  role: Role,
  ruleCode: string,
): FindingActionCheck {
  const rule = findingTransitions[action];
  if (!rule.roles.includes(role)) return { ok: false, reason: 'role' };
  if (action === 'rectify' && evaluationResolvedRules.includes(ruleCode))
    return { ok: false, reason: 'evaluation-only' };
  if (!rule.from.includes(status)) return { ok: false, reason: 'state' };
  return { ok: true, to: rule.to };
}

/** What the evaluation does with a stored finding given whether its rule fires as of today. */
export type Reconciliation =
  | { kind: 'insert' }
  | { kind: 'reopen' }
  | { kind: 'refresh' }
  | { kind: 'resolve'; to: FindingStatus }
  | { kind: 'none' };

export function reconcile(
  stored: { status: FindingStatus; resolvedOn: string | null; severity: string } | undefined,
  fires: { severity: string } | undefined,
): Reconciliation {
  if (!stored) return fires ? { kind: 'insert' } : { kind: 'none' };
  if (fires) {
    if (stored.resolvedOn !== null) return { kind: 'reopen' };
    const live = stored.status === 'open' || stored.status === 'acknowledged';
    return live && stored.severity !== fires.severity ? { kind: 'refresh' } : { kind: 'none' };
  }
  if (stored.resolvedOn !== null) return { kind: 'none' };
  // No longer fires: live findings become rectified; a rectified or closed one is marked resolved.
  const live = stored.status === 'open' || stored.status === 'acknowledged';
  return { kind: 'resolve', to: live ? 'rectified' : stored.status };
}
