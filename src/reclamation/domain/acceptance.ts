// Acceptance (验收, TL-RECL-05) as pure functions: the decision deadline (60 working days
// after the application, the day of application not counted, on the official calendar), its
// flag as of a day, and the joint panel (natural resources with agriculture, forestry and
// environment) a verdict needs.
import {
  addWorkingDays,
  workingDaysBetween,
  type WorkingCalendar,
} from '../../reference/calendar/domain/working-days.ts';

export const panelDepartments = [
  'natural_resources',
  'agriculture',
  'forestry',
  'environment',
] as const;
export type PanelDepartment = (typeof panelDepartments)[number];

export const departmentNames: Record<PanelDepartment, { zh: string; en: string }> = {
  natural_resources: { zh: '自然资源', en: 'natural resources' },
  agriculture: { zh: '农业农村', en: 'agriculture' },
  forestry: { zh: '林业', en: 'forestry' },
  environment: { zh: '生态环境', en: 'environment' },
};

export interface PanelMember {
  name: string;
  department: PanelDepartment;
  /** The member's account, when they have one: only panel members record the verdict. */
  userId?: string | null;
}

export interface AcceptanceDue {
  dueOn: string;
  provisional: boolean;
}

/** The last day to decide: `workingDays` working days after `appliedOn`. */
export function acceptanceDue(
  calendar: WorkingCalendar,
  appliedOn: string,
  workingDays: number,
): AcceptanceDue {
  const { date, provisional } = addWorkingDays(calendar, appliedOn, workingDays);
  return { dueOn: date, provisional };
}

export type DueFlag = 'decided' | 'on_time' | 'near' | 'overdue';

export interface DueStatus {
  flag: DueFlag;
  /** Working days after today up to the due day (0 on it and after it). */
  workingDaysLeft: number;
  /** Working days past the due day (0 until the day after it). */
  workingDaysOverdue: number;
}

/** How an application stands against its deadline on `today`. */
export function dueStatus(
  calendar: WorkingCalendar,
  today: string,
  dueOn: string,
  decided: boolean,
  nearWorkingDays: number,
): DueStatus {
  const left = today >= dueOn ? 0 : workingDaysBetween(calendar, today, dueOn).count;
  const over = today > dueOn ? workingDaysBetween(calendar, dueOn, today).count : 0;
  const flag: DueFlag = decided
    ? 'decided'
    : today > dueOn
      ? 'overdue'
      : left <= nearWorkingDays
        ? 'near'
        : 'on_time';
  return { flag, workingDaysLeft: left, workingDaysOverdue: over };
}

/** The departments a panel still lacks for a joint acceptance. */
export function missingDepartments(panel: readonly PanelMember[]): PanelDepartment[] {
  return panelDepartments.filter((d) => !panel.some((m) => m.department === d));
}

/**
 * Who may record the verdict: a panel member with an account, or the system (the CLI, the
 * demo) acting for the panel. A clerk who sits on no panel may not.
 */
export function mayRecordVerdict(
  panel: readonly PanelMember[],
  actor: { kind: string; userId: string | null },
): boolean {
  if (actor.kind === 'system') return true;
  return actor.userId !== null && panel.some((m) => m.userId === actor.userId);
}

/**
 * The reclamation directions (复垦方向) whose acceptance criteria apply to a plan: cultivated
 * land (with permanent basic farmland), forest, construction. Other agricultural land names no
 * single direction (garden, grassland, fishery …), so no criteria are looked up for it.
 */
export function criteriaDirections(targets: {
  cultivatedM2: number;
  farmlandM2: number;
  forestM2: number;
  constructionM2: number;
}): string[] {
  const directions: string[] = [];
  if (targets.cultivatedM2 + targets.farmlandM2 > 0) directions.push('cultivated');
  if (targets.forestM2 > 0) directions.push('forest');
  if (targets.constructionM2 > 0) directions.push('construction');
  return directions;
}
