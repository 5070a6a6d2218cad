// An acceptance round as its readers see it: the round with its decision deadline judged as of
// today (on time, near, overdue, decided) in working days, and the indicators the application
// measured checked against the bureau's acceptance criteria (TL-RECL-05) for each direction the
// plan reclaims to, in the application's reclamation region.
import type { Queryable } from '../platform/db/db.ts';
import type { WorkingCalendar } from '../reference/calendar/domain/working-days.ts';
import { checkAcceptanceCriteria, type AcceptanceCheck } from '../restoration/acceptance-check.ts';
import {
  criteriaDirections,
  dueStatus,
  missingDepartments,
  type DueStatus,
  type PanelDepartment,
} from './domain/acceptance.ts';
import type { AcceptanceRow } from './reclamation.store.ts';

export interface AcceptanceView extends AcceptanceRow {
  due: DueStatus;
  panelMissing: PanelDepartment[];
  /** One check per direction of the plan; empty while the application names no region. */
  criteriaChecks: AcceptanceCheck[];
}

export async function acceptanceView(
  q: Queryable,
  row: AcceptanceRow,
  calendar: WorkingCalendar,
  today: string,
  nearWorkingDays: number,
): Promise<AcceptanceView> {
  const criteriaChecks: AcceptanceCheck[] = [];
  if (row.criteriaRegion)
    for (const direction of criteriaDirections(row.targets))
      criteriaChecks.push(
        await checkAcceptanceCriteria(q, {
          divisionCode: row.divisionCode,
          region: row.criteriaRegion,
          direction,
          values: row.measured,
        }),
      );
  return {
    ...row,
    due: dueStatus(calendar, today, row.dueOn, row.status !== 'applied', nearWorkingDays),
    panelMissing: missingDepartments(row.panel),
    criteriaChecks,
  };
}
