// An acceptance round as its readers see it: the round with its decision deadline judged as of
// today (on time, near, overdue, decided) in working days.
import type { WorkingCalendar } from '../reference/calendar/domain/working-days.ts';
import {
  dueStatus,
  missingDepartments,
  type DueStatus,
  type PanelDepartment,
} from './domain/acceptance.ts';
import type { AcceptanceRow } from './reclamation.store.ts';

export interface AcceptanceView extends AcceptanceRow {
  due: DueStatus;
  panelMissing: PanelDepartment[];
}

export function acceptanceView(
  row: AcceptanceRow,
  calendar: WorkingCalendar,
  today: string,
  nearWorkingDays: number,
): AcceptanceView {
  return {
    ...row,
    due: dueStatus(calendar, today, row.dueOn, row.status !== 'applied', nearWorkingDays),
    panelMissing: missingDepartments(row.panel),
  };
}
