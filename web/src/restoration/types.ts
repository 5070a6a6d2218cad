// The restoration API's shapes as its route schemas declare them (types only: nothing of the
// server is bundled).
import type { Static } from '@sinclair/typebox';
import type {
  CheckSchema,
  CriterionSchema,
  DashboardSchema,
  ProjectDetailSchema,
  ProjectSchema,
} from '../../../src/restoration/restoration.schemas.ts';

export type Project = Static<typeof ProjectSchema>;
export type ProjectDetail = Static<typeof ProjectDetailSchema>;
export type Measurement = ProjectDetail['measurements'][number];
export type Criterion = Static<typeof CriterionSchema>;
export type Check = Static<typeof CheckSchema> & { type: string };
export interface ProjectCheck {
  measuredOn: string | null;
  checks: Check[];
}
export type RestorationDashboard = Static<typeof DashboardSchema>;
