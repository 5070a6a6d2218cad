// The acceptance check other capabilities call (the reclamation acceptance workflow among
// them): given where the land lies, its reclamation region and direction, and measured
// indicator values `{indicator, value, unit}`, the criteria that apply there are loaded and
// the values checked against them (TL-RECL-05). Call it inside the caller's transaction, in
// the caller's scope; it writes nothing.
import type { Queryable } from '../platform/db/db.ts';
import {
  checkAgainstCriteria,
  type CriteriaCheck,
  type IndicatorValue,
} from './domain/criteria-check.ts';
import { applicableCriteria } from './criteria.store.ts';

export {
  checkAgainstCriteria,
  type CriteriaCheck,
  type CriterionFinding,
  type IndicatorValue,
} from './domain/criteria-check.ts';

export interface AcceptanceCheckInput {
  /** Where the land lies (GB/T 2260): the most specific bureau's criteria apply. */
  divisionCode: string;
  /** The reclamation region (复垦区域) code the bureau keys its criteria by. */
  region: string;
  /** The reclamation direction (复垦方向), e.g. 'cultivated'. */
  direction: string;
  values: readonly IndicatorValue[];
}

export interface AcceptanceCheck extends CriteriaCheck {
  region: string;
  direction: string;
  /** The division whose criteria applied; null when none holds any for the region and direction. */
  criteriaDivisionCode: string | null;
  /** Whether the applied rows are marked as demo data (not the standard's values). */
  demoCriteria: boolean;
}

export async function checkAcceptanceCriteria(
  q: Queryable,
  input: AcceptanceCheckInput,
): Promise<AcceptanceCheck> {
  const criteria = await applicableCriteria(q, input.divisionCode, input.region, input.direction);
  return {
    region: input.region,
    direction: input.direction,
    criteriaDivisionCode: criteria[0]?.divisionCode ?? null,
    demoCriteria: criteria.some((c) => c.isDemo),
    ...checkAgainstCriteria(criteria, input.values),
  };
}
