// The life of a restoration project: planned → under_way → completed → accepted; a completed
// project that fails acceptance is reopened (back under way). Every move needs a reason and
// is kept in history. Pure: no I/O.
import { officialRoles, type StatusMachine } from '../../supervision/domain/status-machine.ts';

export const projectStates = ['planned', 'under_way', 'completed', 'accepted'] as const;
export type ProjectState = (typeof projectStates)[number];

export const projectActions = ['start', 'complete', 'reopen', 'accept'] as const;
export type ProjectAction = (typeof projectActions)[number];

export const projectMachine: StatusMachine<ProjectAction, ProjectState> = {
  start: { from: ['planned'], to: 'under_way', roles: officialRoles },
  complete: { from: ['under_way'], to: 'completed', roles: officialRoles },
  reopen: { from: ['completed'], to: 'under_way', roles: officialRoles },
  accept: { from: ['completed'], to: 'accepted', roles: officialRoles },
};
