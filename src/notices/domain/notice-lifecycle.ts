// The life of a notice and of an objection, as status machines with roles (PN-01). A notice:
// draft → published → closed (once its window has ended), or withdrawn with a reason from
// draft or published. An objection: received → assigned → answered → closed; an official may
// answer without assigning first. Nothing is ever deleted. Pure: no I/O.
import { officialRoles, type StatusMachine } from '../../supervision/domain/status-machine.ts';

export const noticeStates = ['draft', 'published', 'closed', 'withdrawn'] as const;
export type NoticeState = (typeof noticeStates)[number];

export const noticeActions = ['publish', 'close', 'withdraw'] as const;
export type NoticeAction = (typeof noticeActions)[number];

export const noticeMachine: StatusMachine<NoticeAction, NoticeState> = {
  publish: { from: ['draft'], to: 'published', roles: officialRoles },
  close: { from: ['published'], to: 'closed', roles: officialRoles },
  withdraw: { from: ['draft', 'published'], to: 'withdrawn', roles: officialRoles },
};

/** A notice may be closed only after its window: closing early would cut the public short. */
export function mayClose(today: string, windowEndsOn: string): boolean {
  return today > windowEndsOn;
}

export const objectionStatuses = ['received', 'assigned', 'answered', 'closed'] as const;
export type ObjectionStatus = (typeof objectionStatuses)[number];

export const objectionActions = ['assign', 'answer', 'close'] as const;
export type ObjectionAction = (typeof objectionActions)[number];

export const objectionMachine: StatusMachine<ObjectionAction, ObjectionStatus> = {
  assign: { from: ['received', 'assigned'], to: 'assigned', roles: officialRoles },
  answer: { from: ['received', 'assigned'], to: 'answered', roles: officialRoles },
  close: { from: ['answered'], to: 'closed', roles: officialRoles },
};

/** An objection waits for its answer while received or assigned. */
export function awaitsAnswer(status: ObjectionStatus): boolean {
  return status === 'received' || status === 'assigned';
}

/** Overdue: still waiting for its answer after the answer deadline (PN-02). */
export function isAnswerOverdue(
  objection: { status: ObjectionStatus; answerDueOn: string },
  today: string,
): boolean {
  return awaitsAnswer(objection.status) && today > objection.answerDueOn;
}
