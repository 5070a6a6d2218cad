// Every register rule, and the evaluation that runs them all on one record.
import type { WorkingCalendar } from '../../../reference/calendar/domain/working-days.ts';
import type { Finding } from '../finding.ts';
import type { OverlayFacts, TemporaryLandRecord } from '../record.ts';
import type { RuleSettings } from '../settings.ts';
import { approvalLevelRule, farmlandRule, reassignmentRule } from './approval-rules.ts';
import { disclosureRule } from './disclosure-rules.ts';
import { reclamationDeadlineRule } from './reclamation-rules.ts';
import { completenessRule, declaredAreaRule, registrationDeadlineRule } from './register-rules.ts';
import type { Rule } from './rule.ts';
import { allowedUseRule, borrowPitRule, landCategoryRule } from './scope-rules.ts';
import { extensionRule, termCapRule } from './term-rules.ts';

export const registerRules: readonly Rule[] = [
  landCategoryRule,
  allowedUseRule,
  borrowPitRule,
  registrationDeadlineRule,
  completenessRule,
  declaredAreaRule,
  termCapRule,
  extensionRule,
  approvalLevelRule,
  farmlandRule,
  reassignmentRule,
  reclamationDeadlineRule,
  disclosureRule,
];

const severityOrder = { error: 0, warning: 1, info: 2 } as const;

/** Runs every rule; findings sorted by severity, then code. */
export function evaluateRecord(input: {
  record: TemporaryLandRecord;
  overlay: OverlayFacts | null;
  asOf: string;
  calendar: WorkingCalendar;
  settings: RuleSettings;
}): Finding[] {
  return registerRules
    .flatMap((rule) => rule.check(input))
    .sort(
      (a, b) =>
        severityOrder[a.severity] - severityOrder[b.severity] || a.code.localeCompare(b.code),
    );
}
