// The verification (核查) of a change polygon as an explicit state machine:
//
//   pending → assigned → verified → closed
//   assign again while assigned (reassign); a verdict may be revised until closed;
//   reopen (verified or closed → assigned) sends it back to the field.
//
// The county assigns and verifies; the assignee (or a supervisor above the county) records the
// verdict; the levels above the county close and reopen, as they do findings. Field photos
// are taken while the polygon is assigned or verified.
import type { Role } from '../../../identity/domain/roles.ts';

export const verificationStates = ['pending', 'assigned', 'verified', 'closed'] as const;
export type VerificationState = (typeof verificationStates)[number];

export const verificationActions = ['assign', 'record_verdict', 'close', 'reopen'] as const;
export type VerificationAction = (typeof verificationActions)[number];

/** What the site visit found. */
export const verdicts = ['lawful', 'illegal', 'not_temporary_land', 'other'] as const;
export type Verdict = (typeof verdicts)[number];

export const verdictNames: Record<Verdict, { zh: string; en: string }> = {
  lawful: { zh: '合法用地（有合法手续）', en: 'lawful (an approval explains it)' },
  illegal: { zh: '违法用地', en: 'illegal land use' },
  not_temporary_land: { zh: '非临时用地', en: 'not temporary land' },
  other: { zh: '其他', en: 'other' },
};

export const stateNames: Record<VerificationState, { zh: string; en: string }> = {
  pending: { zh: '待核查', en: 'pending' },
  assigned: { zh: '核查中', en: 'assigned' },
  verified: { zh: '已核实', en: 'verified' },
  closed: { zh: '已办结', en: 'closed' },
};

const government: readonly Role[] = ['county', 'city', 'province', 'ministry'];
const aboveCounty: readonly Role[] = ['city', 'province', 'ministry'];

interface ActionRule {
  from: readonly VerificationState[];
  to: VerificationState;
  roles: readonly Role[];
}

export const verificationTransitions: Readonly<Record<VerificationAction, ActionRule>> = {
  assign: { from: ['pending', 'assigned'], to: 'assigned', roles: government },
  record_verdict: { from: ['assigned', 'verified'], to: 'verified', roles: government },
  close: { from: ['verified'], to: 'closed', roles: aboveCounty },
  reopen: { from: ['verified', 'closed'], to: 'assigned', roles: aboveCounty },
};

export type VerificationCheck =
  { ok: true; to: VerificationState } | { ok: false; reason: 'state' | 'role' | 'not_assignee' };

/**
 * Whether `role` may take `action` on a verification in `state`. A county user records a
 * verdict only on a polygon assigned to them; levels above the county may record any.
 */
export function checkVerificationAction(
  action: VerificationAction,
  state: VerificationState,
  caller: { role: Role; isAssignee: boolean },
): VerificationCheck {
  const rule = verificationTransitions[action];
  if (!rule.roles.includes(caller.role)) return { ok: false, reason: 'role' };
  if (!rule.from.includes(state)) return { ok: false, reason: 'state' };
  if (action === 'record_verdict' && caller.role === 'county' && !caller.isAssignee)
    return { ok: false, reason: 'not_assignee' };
  return { ok: true, to: rule.to };
}

/** Field photos are added while someone is on the case. */
export function acceptsPhotos(state: VerificationState): boolean {
  return state === 'assigned' || state === 'verified';
}

/**
 * What closing the verification does to the polygon's TL-ENF-01 finding: an illegal use is
 * confirmed (acknowledged, left for the case); any other verdict closes it.
 */
export function findingStatusOnClose(verdict: Verdict): 'acknowledged' | 'closed' {
  return verdict === 'illegal' ? 'acknowledged' : 'closed';
}
