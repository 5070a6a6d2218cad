// Illegal-land-use cases (违法用地): a back-fill polygon on which permanent buildings or
// structures were built is not back-filled but handed over as a case (TL-STOCK-01). The county
// investigates and concludes it; a level above may dismiss it with a reason (a supervisor's
// reclassification of the polygon dismisses it too). Pure: no I/O.
import { officialRoles, supervisorRoles, type StatusMachine } from '../../domain/status-machine.ts';

export const caseStatuses = ['open', 'investigating', 'concluded', 'dismissed'] as const;
export type CaseStatus = (typeof caseStatuses)[number];

export const caseActions = ['investigate', 'conclude', 'dismiss'] as const;
export type CaseAction = (typeof caseActions)[number];

export const caseMachine: StatusMachine<CaseAction, CaseStatus> = {
  investigate: { from: ['open'], to: 'investigating', roles: officialRoles },
  conclude: { from: ['investigating'], to: 'concluded', roles: officialRoles },
  dismiss: { from: ['open', 'investigating'], to: 'dismissed', roles: supervisorRoles },
};
