// What a back-fill class requires, and the steps from what a polygon has now to what its class
// requires: a back-filled record for (b) and (c), a rectification order for (c), an
// illegal-land-use case for (d). A supervisor's override runs the same plan, so moving a
// polygon from (d) to (b) dismisses its case and back-fills it, and from (b) to (d) writes the
// back-filled record off and opens a case — nothing is deleted. A record the polygon was
// linked to (registered on its own) is never written off by a reclassification: that needs
// the write-off procedure. Pure: no I/O.
import type { RecordState } from '../../../register/domain/lifecycle.ts';
import type { OrderGrounds } from '../../rectification/domain/rectification-order.ts';
import type { BackfillClass, Decision } from './classify.ts';

export interface PolygonHoldings {
  record: { id: string; link: 'created' | 'linked'; state: RecordState } | null;
  liveOrderId: string | null;
  liveCaseId: string | null;
}

export interface Target {
  class: BackfillClass;
  /** The state a newly back-filled record takes. */
  recordState: RecordState;
  orderGrounds: OrderGrounds;
}

export type Step =
  | { kind: 'create_record'; state: RecordState }
  | { kind: 'open_case' }
  | {
      kind: 'write_off_record';
      recordId: string;
      reasonCode: 'PERMANENT_STRUCTURE' | 'BACKFILL_RECLASSIFIED';
    }
  | { kind: 'issue_order'; grounds: OrderGrounds }
  | { kind: 'close_order'; orderId: string }
  | { kind: 'dismiss_case'; caseId: string };

export const requires = (klass: BackfillClass) => ({
  record: klass === 'in_term' || klass === 'overdue',
  order: klass === 'overdue',
  case: klass === 'permanent_structure',
});

/**
 * The steps, in the order they run: the case opens before a write-off that cites it, the
 * record exists before an order that names it.
 */
export function planConsequences(holdings: PolygonHoldings, target: Target): Step[] {
  const need = requires(target.class);
  const steps: Step[] = [];
  const record = holdings.record;
  const liveRecord = record !== null && record.state !== 'written_off';
  if (holdings.liveCaseId && !need.case)
    steps.push({ kind: 'dismiss_case', caseId: holdings.liveCaseId });
  if (!holdings.liveCaseId && need.case) steps.push({ kind: 'open_case' });
  if (holdings.liveOrderId && !need.order)
    steps.push({ kind: 'close_order', orderId: holdings.liveOrderId });
  if (liveRecord && record.link === 'created' && !need.record) {
    steps.push({
      kind: 'write_off_record',
      recordId: record.id,
      reasonCode:
        target.class === 'permanent_structure' ? 'PERMANENT_STRUCTURE' : 'BACKFILL_RECLASSIFIED',
    });
  }
  if (!liveRecord && need.record) steps.push({ kind: 'create_record', state: target.recordState });
  if (!holdings.liveOrderId && need.order)
    steps.push({ kind: 'issue_order', grounds: target.orderGrounds });
  return steps;
}

/**
 * What a class asks for, given the classifier's decision: its record state and order grounds
 * when it chose the class itself, otherwise what its dates say (a supervisor may name the
 * grounds of an order).
 */
export function targetFor(
  klass: BackfillClass,
  decision: Pick<Decision, 'class' | 'recordState' | 'orderGrounds' | 'dates'>,
  grounds?: OrderGrounds,
): Target {
  const pastDeadline =
    decision.dates !== null && decision.dates.asOf > decision.dates.reclamationDeadline;
  const pastTerm = decision.dates !== null && decision.dates.asOf > decision.dates.termEnd;
  const orderGrounds =
    grounds ??
    (klass === decision.class ? decision.orderGrounds : null) ??
    (pastDeadline ? 'not_reclaimed_past_deadline' : 'used_past_term');
  const own = klass === decision.class ? decision.recordState : null;
  const recordState: RecordState =
    own ??
    (klass === 'overdue'
      ? orderGrounds === 'used_past_term'
        ? 'in_use'
        : 'expired'
      : pastTerm
        ? 'expired'
        : 'in_use');
  return { class: klass, recordState, orderGrounds };
}
