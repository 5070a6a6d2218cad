// Rectification orders (责令限期整改, TL-RECL-02): a parcel past its term and still used, or
// not reclaimed by its deadline, is ordered to rectify by a date. The county records the
// rectification and verifies it on site (or sends it back); a level above may close an order
// with a reason. An open order past its deadline is overdue. Pure: no I/O.
import { addDays } from '../../../platform/time/iso-date.ts';
import { officialRoles, supervisorRoles, type StatusMachine } from '../../domain/status-machine.ts';

export const orderStatuses = ['open', 'rectified', 'verified', 'closed'] as const;
export type OrderStatus = (typeof orderStatuses)[number];

export const orderActions = ['rectify', 'verify', 'reopen', 'close'] as const;
export type OrderAction = (typeof orderActions)[number];

export const orderGrounds = ['used_past_term', 'not_reclaimed_past_deadline'] as const;
export type OrderGrounds = (typeof orderGrounds)[number];

export const groundsNames: Record<OrderGrounds, { zh: string; en: string }> = {
  used_past_term: { zh: '超出使用期限仍在使用', en: 'still used after the term ended' },
  not_reclaimed_past_deadline: {
    zh: '超过复垦期限未完成复垦',
    en: 'not reclaimed by the reclamation deadline',
  },
};

export const orderMachine: StatusMachine<OrderAction, OrderStatus> = {
  rectify: { from: ['open'], to: 'rectified', roles: officialRoles },
  verify: { from: ['rectified'], to: 'verified', roles: officialRoles },
  reopen: { from: ['rectified'], to: 'open', roles: officialRoles },
  close: { from: ['open', 'rectified'], to: 'closed', roles: supervisorRoles },
};

/** The deadline of an order issued on `issuedOn` giving `days` calendar days. */
export function orderDeadline(issuedOn: string, days: number): string {
  return addDays(issuedOn, days);
}

/** An order is overdue when it is still open after its deadline. */
export function isOverdue(order: { status: OrderStatus; deadline: string }, asOf: string): boolean {
  return order.status === 'open' && asOf > order.deadline;
}
