// The lifecycle of a temporary-land record as an explicit state machine. Every transition
// carries a reason code; anything not listed here is refused.
//
//   approved → registered → in use → expired → reclaiming → accepted
//   extension (back to in use), reassignment (TL-REUSE-01), conversion to construction
//   land (TL-RECL-06), write-off (TL-SUP-04: kept with history, never erased)

export const recordStates = [
  'approved',
  'registered',
  'in_use',
  'expired',
  'reclaiming',
  'accepted',
  'converted',
  'written_off',
] as const;
export type RecordState = (typeof recordStates)[number];

export const stateNames: Record<RecordState, { zh: string; en: string }> = {
  approved: { zh: '已批准', en: 'approved' },
  registered: { zh: '已上图入库', en: 'registered' },
  in_use: { zh: '使用中', en: 'in use' },
  expired: { zh: '已到期', en: 'expired' },
  reclaiming: { zh: '复垦中', en: 'reclaiming' },
  accepted: { zh: '复垦已验收', en: 'reclamation accepted' },
  converted: { zh: '已转为建设用地', en: 'converted to construction land' },
  written_off: { zh: '已核销', en: 'written off' },
};

export type TransitionAction =
  | 'register'
  | 'start_use'
  | 'expire'
  | 'extend'
  | 'reassign'
  | 'start_reclamation'
  | 'accept'
  | 'convert'
  | 'write_off';

interface TransitionRule {
  from: readonly RecordState[];
  to: RecordState;
  /** Reason codes allowed for this transition; the first is the usual one. */
  reasons: readonly string[];
  /** The rule that governs it, for messages and audit. */
  rule?: string;
}

const live: readonly RecordState[] = ['approved', 'registered', 'in_use', 'expired', 'reclaiming'];

export const transitions: Readonly<Record<TransitionAction, TransitionRule>> = {
  register: {
    from: ['approved'],
    to: 'registered',
    reasons: ['REGISTERED', 'BACKFILLED'],
    rule: 'TL-REG-01',
  },
  start_use: { from: ['registered'], to: 'in_use', reasons: ['WORKS_STARTED'] },
  expire: {
    from: ['registered', 'in_use'],
    to: 'expired',
    reasons: ['TERM_ENDED'],
    rule: 'TL-TERM-05',
  },
  extend: {
    from: ['registered', 'in_use', 'expired'],
    to: 'in_use',
    reasons: ['EXTENSION_APPROVED', 'TRANSITIONAL_CONTINUATION'],
    rule: 'TL-TERM-02',
  },
  reassign: {
    from: ['registered', 'in_use'],
    to: 'in_use',
    reasons: ['REASSIGNED_WITH_CONSENT'],
    rule: 'TL-REUSE-01',
  },
  start_reclamation: {
    from: ['in_use', 'expired'],
    to: 'reclaiming',
    reasons: ['USE_ENDED', 'RECTIFICATION_ORDERED'],
    rule: 'TL-RECL-01',
  },
  accept: {
    from: ['reclaiming'],
    to: 'accepted',
    reasons: ['RECLAMATION_ACCEPTED'],
    rule: 'TL-RECL-05',
  },
  convert: {
    from: ['registered', 'in_use', 'expired', 'reclaiming'],
    to: 'converted',
    reasons: ['CONVERTED_TO_CONSTRUCTION_LAND'],
    rule: 'TL-RECL-06',
  },
  write_off: {
    from: live,
    to: 'written_off',
    reasons: [
      'ILLEGAL_APPROVAL',
      'PERMANENT_STRUCTURE',
      'NOT_TEMPORARY_LAND',
      'DUPLICATE_RECORD',
      'DATA_ERROR',
      'BACKFILL_RECLASSIFIED',
    ],
    rule: 'TL-SUP-04',
  },
};

export type TransitionCheck =
  | { ok: true; to: RecordState }
  | {
      ok: false;
      code: 'TRANSITION_NOT_ALLOWED' | 'TRANSITION_REASON';
      messageZh: string;
      messageEn: string;
    };

/** Whether `action` with `reason` may be applied to a record in `state`. */
export function checkTransition(
  state: RecordState,
  action: TransitionAction,
  reason: string,
): TransitionCheck {
  const rule = transitions[action];
  if (!rule.from.includes(state)) {
    const allowed = availableActions(state);
    return {
      ok: false,
      code: 'TRANSITION_NOT_ALLOWED',
      messageZh: `状态为“${stateNames[state].zh}”的记录不能执行“${action}”；可执行：${allowed.join('、') || '无（终态）'}`,
      messageEn: `a record that is ${stateNames[state].en} cannot ${action}; allowed: ${allowed.join(', ') || 'none (final state)'}`,
    };
  }
  if (!rule.reasons.includes(reason)) {
    return {
      ok: false,
      code: 'TRANSITION_REASON',
      messageZh: `“${action}”的原因代码应为 ${rule.reasons.join('、')} 之一，收到“${reason}”`,
      messageEn: `the reason for ${action} must be one of ${rule.reasons.join(', ')}; got "${reason}"`,
    };
  }
  return { ok: true, to: rule.to };
}

/** The actions allowed from a state (none from accepted, converted and written off). */
export function availableActions(state: RecordState): TransitionAction[] {
  return (Object.keys(transitions) as TransitionAction[]).filter((a) =>
    transitions[a].from.includes(state),
  );
}

export function isFinal(state: RecordState): boolean {
  return availableActions(state).length === 0;
}
